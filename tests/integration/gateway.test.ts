// The gateway in front of the local stack behaves like Supabase's Kong for what we use:
// apikey check, CORS answered once, unserved products answered with a clear 501.
import { afterAll, describe, expect, it } from 'vitest';
import {
	ANON_KEY,
	SERVICE_KEY,
	SUPABASE_URL,
	anonClient,
	closePool,
	db,
	gatewayFetch
} from './helpers/stack';

const SUPABASE_JS_HEADERS = [
	'authorization',
	'apikey',
	'content-type',
	'x-client-info',
	'prefer',
	'range',
	'accept-profile',
	'content-profile',
	'x-supabase-api-version'
];

afterAll(closePool);

describe('gateway: API keys', () => {
	it('answers 401 JSON when the apikey is missing', async () => {
		const res = await fetch(`${SUPABASE_URL}/rest/v1/regions`);
		expect(res.status).toBe(401);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(await res.json()).toMatchObject({ message: 'No API key found in request' });
	});

	it('answers 401 JSON for a key that is neither anon nor service_role', async () => {
		const res = await gatewayFetch('/rest/v1/regions', { headers: { apikey: `${ANON_KEY}x` } });
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ message: 'Invalid API key' });
	});

	it('passes an explicit Authorization header through unchanged', async () => {
		const res = await gatewayFetch('/rest/v1/regions', {
			headers: { authorization: 'Bearer not-a-jwt' }
		});
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ code: 'PGRST301' });
	});

	it('uses the apikey as the bearer token when Authorization is missing', async () => {
		// An empty insert: anon has no INSERT grant (42501); service_role gets as far as the
		// NOT NULL check (23502). Nothing is written either way.
		const asAnon = await gatewayFetch('/rest/v1/regions', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}'
		});
		const asService = await gatewayFetch('/rest/v1/regions', {
			method: 'POST',
			headers: { apikey: SERVICE_KEY, 'content-type': 'application/json' },
			body: '{}'
		});
		expect((await asAnon.json()).code).toBe('42501');
		expect((await asService.json()).code).toBe('23502');
	});
});

describe('gateway: what it does not serve', () => {
	it.each(['/storage/v1/object', '/functions/v1/x', '/realtime/v1/websocket', '/graphql/v1'])(
		'answers 501 JSON with a message for %s',
		async (path) => {
			const res = await gatewayFetch(path);
			expect(res.status).toBe(501);
			const body = await res.json();
			expect(body.message).toMatch(/not part of the local stack/);
		}
	);

	it('answers 501 JSON for an unknown path', async () => {
		const res = await gatewayFetch('/nothing/here');
		expect(res.status).toBe(501);
		expect((await res.json()).message).toMatch(/serves \/rest\/v1 only/);
	});

	it('answers /auth/v1 with 501 and where sign-in lives instead (Better Auth in the portal)', async () => {
		for (const path of [
			'/auth/v1/health',
			'/auth/v1/token?grant_type=password',
			'/auth/v1/verify'
		]) {
			const res = await gatewayFetch(path);
			expect(res.status).toBe(501);
			const body = await res.json();
			expect(body).toEqual({
				message: expect.stringMatching(/Better Auth.*\/api\/auth/),
				code: 'not_implemented'
			});
		}
	});
});

describe('gateway: what it gives away and what it takes in', () => {
	it('says on /health only that it runs, not where the services listen', async () => {
		const res = await fetch(`${SUPABASE_URL}/health`);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toEqual({ status: 'ok' });
	});

	it('serves no schema description of the API', async () => {
		const res = await gatewayFetch('/rest/v1/');
		const text = await res.text();
		expect(res.status).toBe(404);
		expect(text).not.toMatch(/swagger|"paths"|54331/);
	});

	it('refuses a body over 256 KB before PostgREST sees it, and takes one just under', async () => {
		const call = (q: string) =>
			gatewayFetch('/rest/v1/rpc/search_challenges', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ params: { q } })
			});
		const over = await call('a'.repeat(256 * 1024));
		expect(over.status).toBe(413);
		expect(await over.json()).toMatchObject({ code: 'body_too_large' });
		// Through the gateway and PostgREST to the database, which refuses search parameters over
		// 16 KB itself.
		const under = await call('Ünïcödé '.repeat(20_000));
		expect(under.status).toBe(400);
		expect(await under.json()).toMatchObject({ code: '22023' });
	});

	it('refuses a body whose size is not declared', async () => {
		const { request } = await import('node:http');
		const url = new URL('/rest/v1/rpc/search_challenges', SUPABASE_URL);
		const status = await new Promise<number>((resolve, reject) => {
			const req = request(
				url,
				{
					method: 'POST',
					headers: { apikey: ANON_KEY, 'content-type': 'application/json' }
				},
				(res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				}
			);
			req.on('error', reject);
			// No Content-Length: Node sends the body chunked.
			req.write('{"params":');
			req.end('{}}');
		});
		expect(status).toBe(411);
	});
});

describe('gateway: CORS', () => {
	it('answers a preflight itself, once, allowing the headers supabase-js sends', async () => {
		const res = await fetch(`${SUPABASE_URL}/rest/v1/regions`, {
			method: 'OPTIONS',
			headers: {
				origin: 'http://127.0.0.1:5173',
				'access-control-request-method': 'GET',
				'access-control-request-headers': SUPABASE_JS_HEADERS.join(',')
			}
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		const allowed = (res.headers.get('access-control-allow-headers') ?? '')
			.split(',')
			.map((h) => h.trim().toLowerCase());
		expect(allowed).toEqual(expect.arrayContaining(SUPABASE_JS_HEADERS));
		expect(res.headers.get('access-control-allow-methods')).toMatch(/PATCH/);
	});

	it('sends exactly one Access-Control-Allow-Origin on a proxied response', async () => {
		const res = await gatewayFetch('/rest/v1/regions?select=slug&limit=1', {
			headers: { origin: 'http://127.0.0.1:5173' }
		});
		expect(res.status).toBe(200);
		// duplicated headers would be joined as "*, http://…"
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(res.headers.get('access-control-expose-headers')).toMatch(/content-range/);
	});
});

describe('gateway: REST through supabase-js', () => {
	it('reads a public table with the anon key', async () => {
		const { data, error } = await anonClient().from('regions').select('slug, name');
		expect(error).toBeNull();
		const { rows } = await db().query<{ n: number }>(
			'select count(*)::int as n from public.regions'
		);
		expect(data).toHaveLength(rows[0]!.n);
	});

	it('passes Prefer and Range through (exact count in Content-Range)', async () => {
		const { count, error } = await anonClient()
			.from('regions')
			.select('slug', { count: 'exact', head: true });
		expect(error).toBeNull();
		const { rows } = await db().query<{ n: number }>(
			'select count(*)::int as n from public.regions'
		);
		expect(count).toBe(rows[0]!.n);
	});
});
