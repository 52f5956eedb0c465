// HTTP caching (src/lib/server/http-cache.ts, docs/performance.md): visitors' public pages and open
// data may be kept by a shared cache, with a strong ETag and 304s; anything of a member's, anything
// setting a cookie and every (app)/(auth) page never. The CSP stays as strict on both kinds.
import { createHash } from 'node:crypto';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import pg from 'pg';
import { loadConfig } from '../../scripts/stack/config.mjs';
import { S_MAXAGE, STALE_WHILE_REVALIDATE } from '../../src/lib/server/http-cache';
import { apiClient, DEMO_PASSWORD } from './auth-helpers';

const DB_URL = process.env.DATABASE_URL || loadConfig().dbUrl;
const CHALLENGE = '/challenges/sepang-flood-early-warning-sensors';
const PAGES = ['/', '/?q=flood', '/cities', '/cities/sepang', CHALLENGE, '/vendors'];
const OPEN_DATA = ['/api/v1/challenges?q=flood', '/feed.xml', '/challenges.ics', '/challenges.csv'];
/** What the README promises: a published change shows within this many seconds. */
const DOCUMENTED_STALENESS_S = 120;

/** Every directive of the pages' CSP, as strict as before hashes replaced the nonce. */
function expectStrictCsp(res: APIResponse, html: string) {
	const csp = res.headers()['content-security-policy'] ?? '';
	const directives = Object.fromEntries(
		csp.split(';').map((d) => {
			const [name, ...values] = d.trim().split(/\s+/);
			return [name, values];
		})
	);
	expect(directives['default-src']).toEqual(["'self'"]);
	expect(directives['object-src']).toEqual(["'none'"]);
	expect(directives['base-uri']).toEqual(["'self'"]);
	expect(directives['form-action']).toEqual(["'self'"]);
	expect(directives['frame-ancestors']).toEqual(["'none'"]);
	expect(directives['connect-src']).toEqual(["'self'"]);
	const scriptSrc: string[] = directives['script-src'] ?? [];
	expect(scriptSrc[0]).toBe("'self'");
	// Nothing but 'self' and the hashes of the page's own inline scripts: no unsafe-inline or
	// -eval, no nonce, no host.
	for (const source of scriptSrc.slice(1)) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/=]+'$/);
	const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
		(m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`
	);
	expect(inline.length).toBeGreaterThan(0);
	expect(scriptSrc.slice(1).sort()).toEqual([...new Set(inline)].sort());
}

function expectPublic(res: APIResponse) {
	const h = res.headers();
	expect(h['cache-control']).toBe(
		`public, max-age=0, s-maxage=${S_MAXAGE}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}`
	);
	expect(h['set-cookie']).toBeUndefined();
}

function expectPrivate(res: APIResponse) {
	const h = res.headers();
	expect(h['cache-control']).toBe('private, no-store');
	expect(h['etag']).toBeUndefined();
}

test.describe('visitors: cacheable', () => {
	for (const path of [...PAGES, '/api/v1/challenges?q=flood']) {
		test(`${path}: public, a strong ETag of the body, 304 on a match`, async ({ request }) => {
			// A page carries "now" to the minute (pageNow in $lib/server/http-cache): requests on
			// both sides of a minute's end are rightly different pages. Start well inside a minute.
			const seconds = new Date().getSeconds();
			if (seconds >= 55) await new Promise((r) => setTimeout(r, (61 - seconds) * 1000));
			const first = await request.get(path);
			expect(first.status()).toBe(200);
			expectPublic(first);
			const etag = first.headers()['etag'] ?? '';
			expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/); // strong: no W/
			const body = await first.body();
			// The same bytes again, the same tag (no nonce, no timing in the page).
			const second = await request.get(path);
			expect(second.headers()['etag']).toBe(etag);
			expect((await second.body()).equals(body)).toBe(true);

			const revalidated = await request.get(path, { headers: { 'if-none-match': etag } });
			expect(revalidated.status()).toBe(304);
			expect(await revalidated.body()).toHaveLength(0);
			expect(revalidated.headers()['etag']).toBe(etag);
			// A cache updates its copy's headers from a 304: they must be the full answer's.
			for (const name of ['cache-control', 'vary', 'content-security-policy', 'content-type']) {
				expect(revalidated.headers()[name], name).toBe(first.headers()[name]);
			}
			const other = await request.get(path, { headers: { 'if-none-match': '"not-this-one"' } });
			expect(other.status()).toBe(200);
			if (first.headers()['content-type']?.startsWith('text/html')) {
				expectStrictCsp(first, body.toString('utf8'));
				expect(first.headers()['vary']).toContain('Cookie');
				expect(first.headers()['vary']).toContain('Accept-Language');
			}
		});
	}

	test("a page's data for client-side navigation is never shared (it follows the language)", async ({
		request
	}) => {
		const en = await request.get('/cities/sepang/__data.json');
		const zh = await request.get('/cities/sepang/__data.json', {
			headers: { cookie: 'PARAGLIDE_LOCALE=zh' }
		});
		expect(en.status()).toBe(200);
		expect(await zh.text()).not.toBe(await en.text());
		// SvelteKit's own policy for page data, which the cache policy keeps
		expect(en.headers()['cache-control']).toBe('private, no-store');
		expect(en.headers()['vary']).toContain('Cookie');
	});

	for (const path of OPEN_DATA) {
		test(`${path}: public`, async ({ request }) => {
			const res = await request.get(path);
			expect(res.status()).toBe(200);
			expectPublic(res);
		});
	}

	test('the challenge page varies with the Referer; with a search to go back to it is private', async ({
		request,
		baseURL
	}) => {
		const plain = await request.get(CHALLENGE);
		expect(plain.headers()['vary']).toContain('Referer');
		expectPublic(plain);
		const fromList = await request.get(CHALLENGE, {
			headers: { referer: `${baseURL}/?q=flood` }
		});
		expect(await fromList.text()).toContain('href="/?q=flood"');
		expect(fromList.headers()['cache-control']).toMatch(/^private/);
	});

	test('errors and the health check are not kept', async ({ request }) => {
		const missing = await request.get('/challenges/no-such-challenge');
		expect(missing.status()).toBe(404);
		expect(missing.headers()['cache-control']).toMatch(/^private/);
		expect((await request.get('/healthz')).headers()['cache-control']).toBe('no-store');
		const bad = await request.get('/api/v1/challenges?sort=nonsense');
		expect(bad.status()).toBe(400);
		expect(bad.headers()['cache-control']).toBe('no-store');
	});

	test('the sign-in and sign-up pages are private even for a visitor', async ({ request }) => {
		for (const path of ['/signin', '/signup', '/forgot']) {
			const res = await request.get(path);
			expect(res.status(), path).toBe(200);
			expectPrivate(res);
		}
	});
});

test.describe('never shared', () => {
	test('any request with a session cookie, even one that is not valid', async ({ request }) => {
		for (const path of ['/', CHALLENGE, '/api/v1/challenges']) {
			const res = await request.get(path, {
				headers: { cookie: 'better-auth.session_token=not-a-session' }
			});
			expect(res.status(), path).toBe(200);
			expectPrivate(res);
		}
	});

	test('a response that sets a cookie', async ({ request, baseURL }) => {
		const res = await request.post('/language', {
			headers: { origin: baseURL!, 'content-type': 'application/x-www-form-urlencoded' },
			data: 'locale=en&redirectTo=%2F',
			maxRedirects: 0
		});
		expect(res.status()).toBe(303);
		expect(res.headers()['set-cookie']).toBeTruthy();
		expectPrivate(res);
	});

	test('a signed-in member: every page private, CSP as strict', async ({ baseURL }) => {
		const api: APIRequestContext = await apiClient(baseURL!);
		const signIn = await api.post('/api/auth/sign-in/email', {
			data: { email: 'vendor.a@demo.test', password: DEMO_PASSWORD }
		});
		expect(signIn.status()).toBe(200);
		expect(signIn.headers()['set-cookie']).toBeTruthy();
		expectPrivate(signIn);
		for (const path of [...PAGES, '/account', '/api/v1/challenges?q=flood']) {
			const res = await api.get(path);
			expect(res.status(), path).toBe(200);
			expectPrivate(res);
			if (res.headers()['content-type']?.startsWith('text/html')) {
				expectStrictCsp(res, await res.text());
			}
		}
		await api.dispose();
	});
});

test.describe('a change on the list', () => {
	const SLUG = 'sepang-flood-early-warning-sensors';
	let original = '';

	test.afterAll(async () => {
		if (!original) return;
		const client = new pg.Client({ connectionString: DB_URL });
		await client.connect();
		await client.query('update public.challenges set title = $1 where slug = $2', [original, SLUG]);
		await client.end();
	});

	test('shows at once at the portal; a shared copy lives no longer than the README says', async ({
		request
	}) => {
		const path = '/?q=flood';
		const before = await request.get(path);
		const etag = before.headers()['etag']!;
		const client = new pg.Client({ connectionString: DB_URL });
		await client.connect();
		original = (
			await client.query<{ title: string }>('select title from public.challenges where slug = $1', [
				SLUG
			])
		).rows[0]!.title;
		const changed = `${original} (revised ${Date.now()})`;
		await client.query('update public.challenges set title = $1 where slug = $2', [changed, SLUG]);
		await client.end();

		// The portal keeps no copy of the list: the next request, and any cache revalidating its
		// copy, gets the new page (a new tag: the old one is answered in full, not with a 304).
		const after = await request.get(path, { headers: { 'if-none-match': etag } });
		expect(after.status()).toBe(200);
		expect(await after.text()).toContain(changed.replace(/&/g, '&amp;'));
		expect(after.headers()['etag']).not.toBe(etag);
		// So a shared cache serves the old page for at most s-maxage, plus one answer from its old
		// copy while it fetches the new one: within the documented staleness.
		const cc = after.headers()['cache-control']!;
		const seconds = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(cc)?.[1]);
		expect(seconds('max-age')).toBe(0);
		expect(seconds('s-maxage') + seconds('stale-while-revalidate')).toBeLessThanOrEqual(
			DOCUMENTED_STALENESS_S
		);
	});
});
