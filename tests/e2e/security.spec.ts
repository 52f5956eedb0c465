import { expect, test } from '@playwright/test';

const pages = ['/', '/cities', '/challenges/sepang-flood-early-warning-sensors', '/no-such-page'];

test.describe('security headers', () => {
	for (const path of pages) {
		test(`${path} sends CSP and the hardening headers`, async ({ request }) => {
			const res = await request.get(path);
			const h = res.headers();
			const csp = h['content-security-policy'] ?? '';
			expect(csp).toContain("frame-ancestors 'none'");
			expect(csp).toContain("object-src 'none'");
			expect(csp).toMatch(/script-src 'self'( 'nonce-[^']+'| 'sha256-[^']+')+/);
			expect(csp).not.toContain('unsafe-eval');
			expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
			expect(h['strict-transport-security']).toMatch(/max-age=\d{7,}/);
			expect(h['x-content-type-options']).toBe('nosniff');
			expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
			expect(h['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
			// Pages vary with the language cookie; a visitor's public page may be kept by a shared
			// cache (tests/e2e/caching.spec.ts), an error page not.
			expect(h['vary']).toContain('Cookie');
			expect(h['cache-control']).toMatch(path === '/no-such-page' ? /^private/ : /^public/);
		});
	}

	test('open-data responses carry a CSP and nosniff too', async ({ request }) => {
		const res = await request.get('/api/v1/challenges');
		expect(res.headers()['content-security-policy']).toContain("default-src 'none'");
		expect(res.headers()['x-content-type-options']).toBe('nosniff');
	});

	test('static files and /_app/* carry nosniff too (adapter-node serves them before the hooks)', async ({
		request
	}) => {
		const html = await (await request.get('/')).text();
		const scripts = [...html.matchAll(/"\.?(\/_app\/immutable\/[^"]+\.js)"/g)].map((m) => m[1]!);
		expect(scripts.length).toBeGreaterThan(0);
		const css = /href="\.?(\/_app\/immutable\/[^"]+\.css)"/.exec(html)?.[1];
		for (const path of [...scripts.slice(0, 3), css, '/_app/version.json', '/favicon.svg']) {
			const res = await request.get(path!);
			expect(res.status(), path).toBe(200);
			expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
		}
		const missing = await request.get('/_app/immutable/no-such-file.js');
		expect(missing.headers()['x-content-type-options']).toBe('nosniff');
	});

	test('a cross-origin form POST is refused', async ({ request }) => {
		const res = await request.post('/language', {
			headers: {
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			data: 'locale=zh&redirectTo=%2F'
		});
		expect(res.status()).toBe(403);
		expect(await res.text()).toMatch(/cross-site/i);
	});

	test('a forged request id is replaced, a well-formed one is kept', async ({ request }) => {
		const forged = await request.get('/healthz', {
			headers: { 'x-request-id': '{"level":60,"msg":"fake"} <script>' }
		});
		expect(forged.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
		const kept = await request.get('/healthz', { headers: { 'x-request-id': 'lb-1234abcd' } });
		expect(kept.headers()['x-request-id']).toBe('lb-1234abcd');
	});

	test('a language post that is not a form is a 400, not a 500', async ({ request, baseURL }) => {
		const res = await request.post('/language', {
			headers: { origin: baseURL!, 'content-type': 'application/json' },
			data: '{"locale":"zh"}'
		});
		expect(res.status()).toBe(400);
	});

	test('a same-origin form POST is accepted', async ({ request, baseURL }) => {
		const res = await request.post('/language', {
			headers: { origin: baseURL!, 'content-type': 'application/x-www-form-urlencoded' },
			data: 'locale=zh&redirectTo=%2F',
			maxRedirects: 0
		});
		expect(res.status()).toBe(303);
	});
});
