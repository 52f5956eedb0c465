// The gateway in front of PostgREST, as an anonymous caller of the public API meets it: what it
// refuses (regular expressions, embeds inside embeds), how many requests of one client it lets
// be in flight and per window, and that the portal's own server and the service key are neither.
// Each limit test speaks from its own loopback address (127.x.y.z all reach the gateway), so one
// test's budget never spends another's.
import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import {
	ANON_KEY,
	APP_KEY,
	SERVICE_KEY,
	SUPABASE_URL,
	anonClient,
	closePool,
	gatewayFetch
} from './helpers/stack';

afterAll(closePool);

const REGEX = '/rest/v1/challenges?select=id&description=match.(.*)(.*)(.*)(.*)\\3\\2\\1Z';
const NESTED =
	'/rest/v1/challenges?select=*,currencies(challenges(*,currencies(challenges(*,currencies(challenges(*))))))';

/** The held requests reach the gateway in their own time: ask until it counts them all. */
const POLL = { timeout: 10_000, interval: 50 };

/** A loopback address of its own for each test: a client nobody else is. */
function freshAddress() {
	const octet = () => 1 + Math.floor(Math.random() * 250);
	return `127.${octet()}.${octet()}.${octet()}`;
}

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** A request from `localAddress`; `hold` sends only part of the body and returns the open request. */
function send(
	localAddress: string,
	path: string,
	init: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			new URL(path, SUPABASE_URL),
			{
				localAddress,
				method: init.method ?? 'GET',
				headers: { apikey: ANON_KEY, ...init.headers }
			},
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (body += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
			}
		);
		req.on('error', reject);
		req.end(init.body);
	});
}

/**
 * A request that stays in flight: its declared body arrives only when `finish()` is called
 * (PostgREST waits for it before it takes a database connection, so this costs the database
 * nothing). Resolves once the gateway has passed it on.
 */
function held(localAddress: string) {
	const body = JSON.stringify({ params: {} });
	let req: ClientRequest;
	const answer = new Promise<number>((resolve, reject) => {
		req = httpRequest(
			new URL('/rest/v1/rpc/search_challenges', SUPABASE_URL),
			{
				localAddress,
				method: 'POST',
				headers: {
					apikey: ANON_KEY,
					'content-type': 'application/json',
					'content-length': String(Buffer.byteLength(body))
				}
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			}
		);
		req.on('error', reject);
		req.write(body.slice(0, 5));
	});
	return {
		answer,
		finish() {
			req.end(body.slice(5));
			return answer;
		}
	};
}

describe('gateway: what an anonymous caller may not ask PostgREST', () => {
	it("answers the security review's regular expression with a 400 in PostgREST's error shape", async () => {
		const res = await gatewayFetch(REGEX);
		expect(res.status).toBe(400);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(await res.json()).toEqual({
			code: 'regex_filter_refused',
			details: 'description=match.(.*)(.*)(.*)(.*)\\3\\2\\1Z',
			hint: expect.stringContaining('ilike'),
			message: expect.stringContaining('Regular-expression filters (match, imatch)')
		});
	});

	it('refuses match and imatch in every form PostgREST reads them', async () => {
		for (const query of [
			'title=imatch.flood',
			'title=not.match.x',
			'title=match(any).{a,b}',
			'or=(title.eq.x,summary.not.imatch.y)',
			'and=(status.eq.open,or(title.match.x))',
			'not.or=(title.imatch.x)',
			'cities.or=(name.match.x)',
			// PostgREST also separates parameters with ";", and decodes escapes
			'limit=1;description=match.x',
			'title=%6Datch.x'
		]) {
			const res = await gatewayFetch(`/rest/v1/challenges?select=id&${query}`);
			expect(res.status, query).toBe(400);
			expect((await res.json()).code, query).toBe('regex_filter_refused');
		}
	});

	it("answers the security review's nested embed with a 400, naming the depth", async () => {
		const res = await gatewayFetch(NESTED);
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({
			code: 'embed_too_deep',
			message: expect.stringContaining('6 levels deep; 1 is allowed'),
			hint: expect.stringContaining('second request')
		});
		const aliased = await gatewayFetch(
			'/rest/v1/challenges?select=id,city:cities!inner(slug,...regions!inner(slug))'
		);
		expect(aliased.status).toBe(400);
	});

	it('passes what the public API is for: one level of embeds, ordinary filters', async () => {
		const res = await gatewayFetch(
			'/rest/v1/challenges?select=slug,city:cities!inner(slug,name),currencies(code)&title=ilike.*flood*&or=(deadline.is.null,deadline.gt.2020-01-01)&limit=2'
		);
		expect(res.status).toBe(200);
		const rows = await res.json();
		expect(rows.length).toBeGreaterThan(0);
		expect(rows[0].city.slug).toEqual(expect.any(String));
	});

	it('holds neither the service key nor the portal to those rules', async () => {
		const asService = await gatewayFetch(
			'/rest/v1/challenges?select=slug,city:cities(slug,region:regions(slug))&description=imatch.flood&limit=1',
			{ headers: { apikey: SERVICE_KEY } }
		);
		expect(asService.status).toBe(200);
		// The portal's own requests pass the gateway unguarded; what the database allows visitors
		// (its own guard: one level of embeds, no regex; api-limits.test.ts) still holds for them.
		const portal = await anonClient()
			.from('challenges')
			.select('slug, city:cities!inner(slug, region_row:regions!inner(slug))')
			.limit(1);
		expect(portal.error?.code).toBe('PT400');
		const oneLevel = await anonClient()
			.from('challenges')
			.select('slug, city:cities!inner(slug, region)')
			.limit(1);
		expect(oneLevel.error).toBeNull();
		expect(oneLevel.data).toHaveLength(1);
	});

	it("drops PostgREST's server header", async () => {
		const res = await gatewayFetch('/rest/v1/regions?select=slug&limit=1');
		expect(res.status).toBe(200);
		expect(res.headers.get('server')).toBeNull();
		const direct = await gatewayFetch('/rest/v1/regions?select=nope');
		expect(direct.headers.get('server')).toBeNull();
	});

	it('takes a wrong app key for what it is: a public caller like any other', async () => {
		const res = await gatewayFetch(NESTED, { headers: { 'x-portal-app-key': `${APP_KEY}x` } });
		expect(res.status).toBe(400);
	});
});

describe('gateway: limits per client', () => {
	it('lets one client have 4 requests in flight; the fifth gets 429 with Retry-After', async () => {
		const me = freshAddress();
		const open = [held(me), held(me), held(me), held(me)];
		let fifth: Answer | undefined;
		await expect
			.poll(
				async () => (fifth = await send(me, '/rest/v1/regions?select=slug&limit=1')).status,
				POLL
			)
			.toBe(429);
		expect(fifth!.headers['retry-after']).toBe('1');
		expect(JSON.parse(fifth!.body)).toMatchObject({
			code: 'too_many_in_flight',
			message: expect.stringContaining('at most 4 in flight from one client'),
			hint: expect.stringContaining('Retry after 1 s')
		});
		// Another client is not held up by this one.
		expect((await send(freshAddress(), '/rest/v1/regions?select=slug&limit=1')).status).toBe(200);
		expect(await Promise.all(open.map((r) => r.finish()))).toEqual([200, 200, 200, 200]);
		expect((await send(me, '/rest/v1/regions?select=slug&limit=1')).status).toBe(200);
	});

	it('keeps 4 of PostgREST’s 10 connections for the portal whatever the public clients do', async () => {
		// 6 in flight from public clients together (4 + 2 here); PostgREST's pool holds 10.
		const a = freshAddress();
		const b = freshAddress();
		const open = [held(a), held(a), held(a), held(a), held(b), held(b)];
		let refused: Answer | undefined;
		await expect
			.poll(
				async () => (refused = await send(freshAddress(), '/rest/v1/regions?select=slug')).status,
				POLL
			)
			.toBe(429);
		expect(JSON.parse(refused!.body).code).toBe('public_capacity_reached');
		// The portal's own server still gets through, as does the service key.
		const { error } = await anonClient().from('regions').select('slug').limit(1);
		expect(error).toBeNull();
		const asService = await send(freshAddress(), '/rest/v1/regions?select=slug&limit=1', {
			headers: { apikey: SERVICE_KEY }
		});
		expect(asService.status).toBe(200);
		expect(await Promise.all(open.map((r) => r.finish()))).toEqual([200, 200, 200, 200, 200, 200]);
	});

	it('lets one client start 100 requests per 10 s; then 429 with Retry-After', async () => {
		const me = freshAddress();
		const statuses: number[] = [];
		for (let i = 0; i < 100; i++) {
			statuses.push((await send(me, '/rest/v1/regions?select=slug&limit=1')).status);
		}
		expect(new Set(statuses)).toEqual(new Set([200]));
		const over = await send(me, '/rest/v1/regions?select=slug&limit=1');
		expect(over.status).toBe(429);
		const retryAfter = Number(over.headers['retry-after']);
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(10);
		expect(JSON.parse(over.body)).toMatchObject({
			code: 'rate_limited',
			message: expect.stringContaining('at most 100 per 10 s')
		});
		expect((await send(freshAddress(), '/rest/v1/regions?select=slug&limit=1')).status).toBe(200);
	});

	it('limits the API only: an OPTIONS preflight and /health are never counted', async () => {
		const me = freshAddress();
		const open = [held(me), held(me), held(me), held(me)];
		await expect
			.poll(async () => (await send(me, '/rest/v1/regions?select=slug')).status, POLL)
			.toBe(429);
		expect((await send(me, '/health')).status).toBe(200);
		expect((await send(me, '/rest/v1/regions', { method: 'OPTIONS' })).status).toBe(204);
		await Promise.all(open.map((r) => r.finish()));
	});
});
