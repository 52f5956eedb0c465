// The API gateway of the local stack (what Kong does in `supabase start`): one base URL,
// /rest/v1 → PostgREST with the prefix stripped, apikey check, CORS answered here, and a clear
// JSON answer for everything we don't serve (/auth/v1 too: sign-in is Better Auth in the portal).
// In front of PostgREST it also refuses what would let one anonymous caller exhaust it
// (rest-guard.mjs) and limits each client's requests in flight and per window (rest-limits.mjs);
// docs/security.md.
// Started detached by scripts/stack/cli.mjs; configured through GATEWAY_* variables.
import { Agent, createServer } from 'node:http';
import { createProxyServer } from 'http-proxy-3';
import { makeKeys } from './keys.mjs';
import { anonRefusal, postgrestParams } from './rest-guard.mjs';
import { APP_KEY_HEADER, DEFAULT_LIMITS, clientOf, createLimits } from './rest-limits.mjs';

const host = process.env.GATEWAY_HOST || '127.0.0.1';
const port = Number(process.env.GATEWAY_PORT || 54321);
const restUrl = process.env.GATEWAY_REST_URL || 'http://127.0.0.1:54331';
const generated = await makeKeys();
const anonKey = process.env.GATEWAY_ANON_KEY || generated.anonKey;
const serviceKey = process.env.GATEWAY_SERVICE_KEY || generated.serviceKey;
const appKey = process.env.GATEWAY_APP_KEY || generated.appKey;
const validKeys = new Set([anonKey, serviceKey]);

// Both protections are on unless switched off, which only `npm run bench:abuse -- --open` does
// (on a gateway of its own) to show what they prevent.
const guardAnon = process.env.GATEWAY_ANON_GUARD !== 'off';
const limitNumber = (name, fallback) => {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
};
const limits =
	process.env.GATEWAY_CLIENT_LIMITS === 'off'
		? null
		: createLimits({
				inFlight: limitNumber('GATEWAY_LIMIT_IN_FLIGHT', DEFAULT_LIMITS.inFlight),
				publicInFlight: limitNumber(
					'GATEWAY_LIMIT_PUBLIC_IN_FLIGHT',
					DEFAULT_LIMITS.publicInFlight
				),
				rate: limitNumber('GATEWAY_LIMIT_RATE', DEFAULT_LIMITS.rate),
				windowSeconds: limitNumber('GATEWAY_LIMIT_WINDOW_S', DEFAULT_LIMITS.windowSeconds)
			});

const ALLOW_HEADERS = [
	'authorization',
	'apikey',
	'content-type',
	'x-client-info',
	'prefer',
	'range',
	'accept-profile',
	'content-profile',
	'x-supabase-api-version',
	'x-upsert',
	'cache-control',
	'if-none-match'
].join(', ');
const ALLOW_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
const EXPOSE_HEADERS = [
	'content-range',
	'content-location',
	'content-profile',
	'location',
	'preference-applied',
	'range-unit',
	'x-total-count',
	'retry-after',
	'x-supabase-api-version',
	'sb-gateway-version'
].join(', ');

/** 256 KB: a challenge's 20,000-character description in Chinese, JSON-escaped, is ~120 KB. */
const MAX_BODY_BYTES = 256 * 1024;

const UNSERVED = {
	auth: 'Supabase Auth is not part of the local stack (no /auth/v1): sign-in is Better Auth in the portal, at /api/auth',
	storage: 'Supabase Storage is not part of the local stack (no /storage/v1)',
	functions: 'Edge Functions are not part of the local stack (no /functions/v1)',
	realtime: 'Realtime is not part of the local stack (no /realtime/v1)',
	graphql: 'pg_graphql is not part of the local stack (no /graphql/v1)',
	pg: 'postgres-meta is not exposed by the local stack (no /pg)'
};

// Upstream connections are kept alive and reused, as Kong does: no TCP set-up per request.
const proxy = createProxyServer({
	xfwd: true,
	proxyTimeout: 120_000,
	agent: new Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 })
});

proxy.on('proxyRes', (proxyRes) => {
	for (const name of Object.keys(proxyRes.headers)) {
		const lower = name.toLowerCase();
		// `server: postgrest/12.0.2` tells a caller which version's weaknesses to try.
		if (lower.startsWith('access-control-') || lower === 'server') delete proxyRes.headers[name];
	}
});

function cors(res) {
	res.setHeader('Access-Control-Allow-Origin', '*');
	res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
}

function json(res, status, body, extraHeaders = {}) {
	if (res.headersSent) {
		res.destroy();
		return;
	}
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...extraHeaders
	});
	res.end(text);
}

function apikeyOf(req, url) {
	const header = req.headers.apikey;
	if (typeof header === 'string' && header) return header;
	return url.searchParams.get('apikey') || '';
}

/** Maps an upstream connection error to a JSON answer naming the service. */
function upstreamError(service, target, res, err) {
	const refused = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH'].includes(err?.code);
	const status = refused ? 503 : 502;
	const reason = refused
		? 'is not running'
		: `did not answer properly (${err?.code || err?.message})`;
	cors(res);
	json(res, status, {
		message: `${service} ${reason} (upstream ${target})`,
		code: refused ? 'upstream_unavailable' : 'bad_gateway'
	});
}

function forward(req, res, { service, target, path, search }) {
	req.url = (path || '/') + search;
	proxy.web(req, res, { target, changeOrigin: false }, (err) =>
		upstreamError(service, target, res, err)
	);
}

/**
 * /rest/v1: refuses for anonymous callers what rest-guard.mjs lists, counts the request against
 * its client (rest-limits.mjs), then forwards it with the prefix stripped.
 */
async function restRequest(req, res, { url, rest }) {
	const apikey = apikeyOf(req, url);
	// a key given as ?apikey= would read as a column filter to PostgREST
	let search = url.search;
	if (url.searchParams.has('apikey')) {
		url.searchParams.delete('apikey');
		search = url.searchParams.size ? `?${url.searchParams}` : '';
	}
	const client = clientOf(
		{ headers: req.headers, address: req.socket.remoteAddress, apikey },
		{ serviceKey, appKey }
	);
	delete req.headers[APP_KEY_HEADER];
	if (guardAnon && client.anon && !client.trusted) {
		const refused = anonRefusal(postgrestParams(search));
		if (refused) {
			json(res, refused.status, refused.body);
			return;
		}
	}
	if (limits && !client.trusted) {
		const admitted = await limits.admit(client.key);
		if (!admitted.ok) {
			json(res, admitted.status, admitted.body, { 'Retry-After': String(admitted.retryAfter) });
			return;
		}
		if (res.closed) admitted.release();
		else res.on('close', admitted.release);
	}
	forward(req, res, { service: 'rest (PostgREST)', target: restUrl, path: rest, search });
}

const server = createServer((req, res) => {
	let url;
	try {
		url = new URL(req.url || '/', 'http://gateway');
	} catch {
		json(res, 400, { message: 'malformed request URL' });
		return;
	}
	const path = url.pathname;

	if (req.method === 'OPTIONS') {
		res.writeHead(204, {
			'Access-Control-Allow-Origin': '*',
			'Access-Control-Allow-Methods': ALLOW_METHODS,
			'Access-Control-Allow-Headers': ALLOW_HEADERS,
			'Access-Control-Max-Age': '3600',
			'Content-Length': '0'
		});
		res.end();
		return;
	}
	cors(res);

	if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
		// Never where the services listen.
		json(res, 200, { status: 'ok' });
		return;
	}

	// A request body larger than any row the portal writes is refused before it reaches PostgREST
	// (which has no limit of its own); so is one whose size is not declared.
	const length = req.headers['content-length'];
	if (length !== undefined && !(Number(length) <= MAX_BODY_BYTES)) {
		json(res, 413, {
			message: `request body over ${MAX_BODY_BYTES} bytes`,
			code: 'body_too_large'
		});
		return;
	}
	if (length === undefined && req.headers['transfer-encoding'] !== undefined) {
		json(res, 411, { message: 'a request body needs a Content-Length', code: 'length_required' });
		return;
	}

	const match = /^\/([a-z]+)\/v1(\/.*)?$/.exec(path) ?? /^\/(pg)(\/.*)?$/.exec(path);
	const area = match?.[1];
	const rest = match?.[2] || '/';

	if (area && area in UNSERVED) {
		json(res, 501, { message: UNSERVED[area], code: 'not_implemented' });
		return;
	}
	if (area !== 'rest') {
		json(res, 501, {
			message: `the local stack serves /rest/v1 only, not ${path}`,
			code: 'not_implemented'
		});
		return;
	}

	const key = apikeyOf(req, url);
	if (!key) {
		json(res, 401, {
			message: 'No API key found in request',
			hint: 'No `apikey` request header or url param was found.'
		});
		return;
	}
	if (!validKeys.has(key)) {
		json(res, 401, {
			message: 'Invalid API key',
			hint: 'Double check your Supabase `anon` or `service_role` API key.'
		});
		return;
	}
	if (!req.headers.authorization) req.headers.authorization = `Bearer ${key}`;

	restRequest(req, res, { url, rest }).catch((err) => {
		process.stderr.write(`gateway: ${err?.stack ?? err}\n`);
		json(res, 500, { message: 'gateway error', code: 'gateway_error' });
	});
});

server.on('upgrade', (_req, socket) => {
	const body = JSON.stringify({ message: 'Realtime (WebSocket) is not part of the local stack' });
	socket.end(
		`HTTP/1.1 501 Not Implemented\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
	);
});

server.on('clientError', (_err, socket) => {
	if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
});

server.listen(port, host, () => {
	process.stdout.write(`gateway listening on http://${host}:${port} (rest → ${restUrl})\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
	process.on(signal, () => {
		server.close(() => process.exit(0));
		setTimeout(() => process.exit(0), 2000).unref();
	});
}
