#!/usr/bin/env node
// npm run bench:pages [-- --duration 5 --connections 1,4 --port 4392 --tool auto|wrk|node
//                        --nginx --only <page> --app-dir <another built checkout>]
//
// What a visitor's page costs, beside the physical limit of this machine. Serves the production
// build (`node server.js`; run `npm run build` first) against this checkout's running stack with
// the demo data, and for each page below prints requests/s, p50 and p95 at 1 and 4 connections,
// then the same for a plain Node `http` server sending the same bytes from memory (what this
// machine can do at best), and the ratio between them. Also:
// - database round trips per page: the app is started once behind a counting proxy in front of
//   the gateway; every PostgREST request one page view makes is counted (a second view of the
//   same page, after a first one warmed what is cached per process);
// - a repeat visit: the same page with If-None-Match set to the ETag of the first answer, when the
//   page sends one (304, no body).
// - with --nginx (when nginx is on PATH, apt: nginx-light): the same pages through an nginx
//   proxy_cache in front of the app, honouring the app's Cache-Control (what a CDN does): repeat
//   visitors served without reaching the app.
// Load comes from `wrk` (apt: wrk) when it is on PATH, else from a small Node client in a child
// process (keep-alive, one request in flight per connection); the tool is printed with the table.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createProxyServer } from 'http-proxy-3';

const { values: args } = parseArgs({
	options: {
		duration: { type: 'string', default: '5' },
		connections: { type: 'string', default: '1,4' },
		port: { type: 'string', default: '4392' },
		tool: { type: 'string', default: 'auto' },
		nginx: { type: 'boolean', default: false },
		// another build of the portal (a copy of an older commit, built), served against this
		// checkout's stack: before/after in one sitting
		'app-dir': { type: 'string', default: '.' },
		only: { type: 'string', default: '' }
	}
});

const PAGES = [
	{ name: 'list', path: '/' },
	{ name: 'list ?q=flood', path: '/?q=flood' },
	{ name: 'challenge page', path: '/challenges/sepang-flood-early-warning-sensors' },
	{ name: 'city page', path: '/cities/sepang' },
	{ name: 'API ?q=flood', path: '/api/v1/challenges?q=flood' }
].filter((p) => !args.only || p.name.includes(args.only) || p.path.includes(args.only));
const DURATION = Number(args.duration);
const CONNECTIONS = args.connections.split(',').map(Number);

const freePort = (want) =>
	Number(
		execFileSync('node', ['scripts/free-port.mjs', String(want)], { encoding: 'utf8' }).trim()
	);

function stackEnv() {
	const out = execFileSync('node', ['scripts/stack/cli.mjs', 'env'], { encoding: 'utf8' });
	return Object.fromEntries(
		out
			.split('\n')
			.map((l) => l.match(/^([A-Z_]+)=(.*)$/))
			.filter(Boolean)
			.map((m) => [m[1], m[2]])
	);
}

function hasWrk() {
	try {
		execFileSync('wrk', ['--version'], { stdio: 'ignore' });
		return true;
	} catch (err) {
		// wrk --version exits 1 after printing its version
		return err.status === 1;
	}
}
const TOOL = args.tool === 'auto' ? (hasWrk() ? 'wrk' : 'node') : args.tool;

async function startApp(port, supabaseUrl) {
	const base = `http://127.0.0.1:${port}`;
	const child = spawn('node', [join(args['app-dir'], 'server.js')], {
		env: {
			...process.env,
			...stackEnv(),
			SUPABASE_URL: supabaseUrl,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	let exited = false;
	child.on('exit', () => (exited = true));
	for (let i = 0; i < 150 && !exited; i++) {
		try {
			if ((await fetch(`${base}/healthz`)).ok) return child;
		} catch {
			/* not up yet */
		}
		await sleep(100);
	}
	child.kill();
	throw new Error('the production server did not start (run npm run build first)');
}

async function stop(child) {
	if (child.exitCode !== null) return;
	child.kill('SIGTERM');
	await Promise.race([once(child, 'exit'), sleep(3000)]);
}

/** fetch(), once more when a kept-alive connection was closed by the server meanwhile. */
async function fetchAgain(url, init) {
	try {
		return await fetch(url, init);
	} catch {
		return fetch(url, init);
	}
}

/** A proxy in front of the gateway that counts the requests passing through it. */
async function countingProxy(target) {
	let count = 0;
	const proxy = createProxyServer({ target, changeOrigin: false });
	proxy.on('error', (_err, _req, res) => {
		if ('writeHead' in res && !res.headersSent) res.writeHead(502);
		res.end();
	});
	const server = createServer((req, res) => {
		count += 1;
		proxy.web(req, res);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		reset: () => (count = 0),
		get count() {
			return count;
		},
		close: () => server.close()
	};
}

// ------------------------------------------------------------------ load

const WRK_REPORT = `
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
`;

// One keep-alive connection per loop, one request in flight each; latencies in microseconds.
const NODE_CLIENT = `
import { Agent, request } from 'node:http';
const [url, connections, seconds, etag] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true, maxSockets: Number(connections) });
const lat = [];
let bad = 0, errors = 0;
const end = performance.now() + Number(seconds) * 1000;
const one = () => new Promise((resolve) => {
	const t0 = performance.now();
	const req = request(url, { agent, headers: etag ? { 'if-none-match': etag } : {} }, (res) => {
		res.on('data', () => {});
		res.on('end', () => {
			lat.push((performance.now() - t0) * 1000);
			if (res.statusCode >= 400) bad++;
			resolve();
		});
	});
	req.on('error', () => { errors++; resolve(); });
	req.end();
});
const started = performance.now();
await Promise.all(Array.from({ length: Number(connections) }, async () => {
	while (performance.now() < end) await one();
}));
const took = (performance.now() - started) * 1000;
lat.sort((a, b) => a - b);
const p = (q) => Math.round(lat[Math.min(lat.length - 1, Math.ceil(q * lat.length) - 1)] ?? 0);
console.log('RESULT', lat.length, Math.round(took), p(0.5), p(0.95), bad, errors);
`;

let tmp;
function tmpFile(name, text) {
	tmp ??= mkdtempSync(join(tmpdir(), 'bench-pages-'));
	const file = join(tmp, name);
	writeFileSync(file, text);
	return file;
}

function parseResult(out) {
	const line = out.split('\n').find((l) => l.startsWith('RESULT '));
	if (!line) throw new Error(`no result from the load tool:\n${out}`);
	const [requests, micros, p50, p95, bad, errors] = line.split(' ').slice(1).map(Number);
	return {
		requests,
		rps: requests / (micros / 1e6),
		p50: p50 / 1000,
		p95: p95 / 1000,
		bad,
		errors
	};
}

/** A process's CPU time so far (user + system), in ms, from /proc (Linux); null elsewhere. */
function cpuMs(pid) {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ = 100
	} catch {
		return null;
	}
}

/**
 * Load on `url`; with `pid`, also the app's CPU time per request: less at the mercy of whatever
 * else runs on the machine than requests/s.
 */
async function load(url, connections, { etag, pid } = {}) {
	const before = pid ? cpuMs(pid) : null;
	const result = await loadOnly(url, connections, { etag });
	const after = pid ? cpuMs(pid) : null;
	if (before !== null && after !== null && result.requests) {
		result.cpuPerRequest = (after - before) / result.requests;
	}
	return result;
}

async function loadOnly(url, connections, { etag } = {}) {
	if (TOOL === 'wrk') {
		const script = tmpFile('report.lua', WRK_REPORT);
		const header = etag ? ['-H', `If-None-Match: ${etag}`] : [];
		const out = execFileSync(
			'wrk',
			['-t1', `-c${connections}`, `-d${DURATION}s`, '-s', script, ...header, url],
			{ encoding: 'utf8' }
		);
		return parseResult(out);
	}
	const script = tmpFile('client.mjs', NODE_CLIENT);
	const out = execFileSync(
		'node',
		[script, url, String(connections), String(DURATION), etag ?? ''],
		{ encoding: 'utf8' }
	);
	return parseResult(out);
}

/** A plain Node http server in its own process, answering each path with the given bytes. */
async function startStatic(port, pages) {
	const file = tmpFile(
		'pages.json',
		JSON.stringify(
			pages.map((p) => ({ path: p.path, type: p.type, body: p.body.toString('base64') }))
		)
	);
	const code = `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const pages = new Map(JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8')).map((p) => [p.path, { type: p.type, body: Buffer.from(p.body, 'base64') }]));
createServer((req, res) => {
	const page = pages.get(req.url);
	if (!page) { res.writeHead(404); res.end(); return; }
	res.writeHead(200, { 'content-type': page.type, 'content-length': page.body.length });
	res.end(page.body);
}).listen(${port}, '127.0.0.1', () => console.log('ready'));
`;
	const child = spawn('node', ['--input-type=module', '-e', code], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await once(child.stdout, 'data');
	return child;
}

/** nginx in the foreground with a proxy_cache in front of the app, honouring its Cache-Control. */
async function startNginx(port, upstreamPort) {
	const dir = mkdtempSync(join(tmpdir(), 'bench-pages-nginx-'));
	chmodSync(dir, 0o777); // nginx's workers run as another user when started by root
	const conf = `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	proxy_cache_path ${dir}/cache levels=1:2 keys_zone=pages:10m max_size=100m;
	upstream app { server 127.0.0.1:${upstreamPort}; keepalive 16; }
	server {
		listen 127.0.0.1:${port};
		location / {
			proxy_pass http://app;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $http_host;
			proxy_cache pages;
			proxy_cache_revalidate on;
			proxy_cache_use_stale updating;
			proxy_cache_background_update on;
			proxy_cache_lock on;
		}
	}
}`;
	writeFileSync(join(dir, 'nginx.conf'), conf);
	const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], {
		stdio: ['ignore', 'ignore', 'inherit']
	});
	child.on('exit', () => rmSync(dir, { recursive: true, force: true }));
	for (let i = 0; i < 50; i++) {
		try {
			await fetch(`http://127.0.0.1:${port}/healthz`);
			return child;
		} catch {
			await sleep(100);
		}
	}
	throw new Error('nginx did not start');
}

// ------------------------------------------------------------------ run

const stack = stackEnv();
const appPort = freePort(args.port);
const app = `http://127.0.0.1:${appPort}`;
const rows = [];
let counter;
let server;
let staticServer;
let nginx;
try {
	// 1. Round trips: the app behind a counting proxy.
	counter = await countingProxy(stack.SUPABASE_URL);
	// on a port of its own: fetch() keeps connections to it open, which must not reach the next server
	const countPort = freePort(appPort + 3);
	const counted = `http://127.0.0.1:${countPort}`;
	server = await startApp(countPort, counter.url);
	for (const page of PAGES) {
		const first = await fetch(counted + page.path);
		page.body = Buffer.from(await first.arrayBuffer());
		page.type = first.headers.get('content-type') ?? 'text/html';
		page.status = first.status;
		page.etag = first.headers.get('etag');
		page.cacheControl = first.headers.get('cache-control');
		if (first.status !== 200) throw new Error(`${page.path}: ${first.status}`);
		counter.reset();
		await (await fetch(counted + page.path)).arrayBuffer();
		page.roundTrips = counter.count;
	}
	await stop(server);
	counter.close();
	counter = undefined;

	// 2. Throughput: the app straight to the gateway, and the same bytes from memory.
	server = await startApp(appPort, stack.SUPABASE_URL);
	const staticPort = freePort(appPort + 1);
	staticServer = await startStatic(staticPort, PAGES);
	const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
	console.log(
		`bench:pages ${when} UTC, ${TOOL}, ${DURATION} s per run, demo data; app = node ${join(args['app-dir'], 'server.js')}, ` +
			`memory = plain node http sending the same bytes`
	);
	for (const page of PAGES) {
		// warm-up: the JIT, the connection pools, per-process caches
		await load(app + page.path, 4, {}).catch(() => {});
		for (const c of CONNECTIONS) {
			const a = await load(app + page.path, c, { pid: server.pid });
			const s = await load(`http://127.0.0.1:${staticPort}${page.path}`, c);
			rows.push({ page, c, a, s });
			const r = a.bad || a.errors ? ` (${a.bad} non-2xx, ${a.errors} errors)` : '';
			console.error(`  ${page.name} c=${c}: ${a.rps.toFixed(0)} req/s${r}`);
		}
		if (page.etag) {
			// this server's tag now (pages carry the minute: not the one read above)
			const plain = await fetchAgain(app + page.path);
			await plain.arrayBuffer();
			const etag = plain.headers.get('etag');
			const check = await fetchAgain(app + page.path, { headers: { 'if-none-match': etag } });
			await check.arrayBuffer();
			const a = await load(app + page.path, 4, { etag, pid: server.pid });
			rows.push({ page, c: 4, a, s: null, conditional: check.status });
		}
	}
	if (args.nginx) {
		const nginxPort = freePort(appPort + 2);
		nginx = await startNginx(nginxPort, appPort);
		for (const page of PAGES) {
			const url = `http://127.0.0.1:${nginxPort}${page.path}`;
			await (await fetchAgain(url)).arrayBuffer(); // fills the cache
			for (const c of CONNECTIONS) {
				const a = await load(url, c);
				const s = rows.find((r) => r.page === page && r.c === c && r.s)?.s ?? null;
				rows.push({ page, c, a, s, via: 'nginx proxy_cache' });
			}
		}
	}
} finally {
	if (nginx) await stop(nginx);
	if (server) await stop(server);
	if (staticServer) await stop(staticServer);
	counter?.close();
	if (tmp) rmSync(tmp, { recursive: true, force: true });
}

const n = (v, d = 0) =>
	v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
console.log('');
console.log(
	'| page | bytes | DB round trips | conns | app req/s | p50 ms | p95 ms | app CPU ms/req | memory req/s | memory p50 ms | app / memory |'
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { page, c, a, s, conditional, via } of rows) {
	const name = conditional
		? `${page.name}, If-None-Match → ${conditional}`
		: via
			? `${page.name}, via ${via}`
			: page.name;
	const bad = a.bad || a.errors ? ` ⚠ ${a.bad} non-2xx/${a.errors} errors` : '';
	console.log(
		`| ${name} | ${conditional === 304 ? 0 : n(page.body.length)} | ${via ? '—' : page.roundTrips} | ${c} | ${n(a.rps)}${bad} | ${n(a.p50, 1)} | ${n(a.p95, 1)} | ${a.cpuPerRequest === undefined ? '—' : n(a.cpuPerRequest, 2)} | ${s ? n(s.rps) : '—'} | ${s ? n(s.p50, 2) : '—'} | ${s ? `${((a.rps / s.rps) * 100).toFixed(1)} %` : '—'} |`
	);
}
console.log('');
for (const page of PAGES) {
	console.log(
		`${page.path}: cache-control ${page.cacheControl ?? '(none)'}; etag ${page.etag ? 'yes' : 'no'}`
	);
}
