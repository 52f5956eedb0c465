import { describe, expect, it } from 'vitest';
import {
	applyCachePolicy,
	etagMatches,
	PRIVATE_CACHE_CONTROL,
	PUBLIC_CACHE_CONTROL
} from './http-cache';

const visitor = { method: 'GET', routeId: '/', sessionCookie: false, signedIn: false };
const page = (body = '<p>hi</p>', headers: Record<string, string> = {}) =>
	new Response(body, { headers: { 'content-type': 'text/html', ...headers } });
const get = (headers: Record<string, string> = {}, method = 'GET') =>
	new Request('http://portal.test/', { method, headers });

describe('applyCachePolicy', () => {
	it('gives a visitor’s page a public policy and a strong ETag of its bytes', async () => {
		const a = await applyCachePolicy(get(), page(), visitor);
		const b = await applyCachePolicy(get(), page(), visitor);
		const c = await applyCachePolicy(get(), page('<p>other</p>'), visitor);
		expect(a.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
		expect(a.headers.get('etag')).toMatch(/^"[\w-]{24}"$/);
		expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
		expect(c.headers.get('etag')).not.toBe(a.headers.get('etag'));
		expect(await a.text()).toBe('<p>hi</p>');
	});

	it('answers 304 with the full answer’s headers when If-None-Match names the tag', async () => {
		const etag = (await applyCachePolicy(get(), page(), visitor)).headers.get('etag')!;
		for (const inm of [etag, `W/${etag}`, `"x", ${etag}`, '*']) {
			const res = await applyCachePolicy(get({ 'if-none-match': inm }), page(), visitor);
			expect(res.status, inm).toBe(304);
			expect(res.headers.get('etag')).toBe(etag);
			expect(res.headers.get('content-type')).toBe('text/html');
			expect(await res.text()).toBe('');
		}
		const miss = await applyCachePolicy(get({ 'if-none-match': '"x"' }), page(), visitor);
		expect(miss.status).toBe(200);
	});

	it('keeps anything of a member’s, with a session cookie or setting one private', async () => {
		for (const ctx of [
			{ ...visitor, signedIn: true },
			{ ...visitor, sessionCookie: true },
			{ ...visitor, routeId: '/(app)/account' },
			{ ...visitor, routeId: '/(auth)/signin' }
		]) {
			const res = await applyCachePolicy(get(), page(), ctx);
			expect(res.headers.get('cache-control')).toBe(PRIVATE_CACHE_CONTROL);
			expect(res.headers.has('etag')).toBe(false);
		}
		const cookie = await applyCachePolicy(get(), page('x', { 'set-cookie': 'a=b' }), visitor);
		expect(cookie.headers.get('cache-control')).toBe(PRIVATE_CACHE_CONTROL);
	});

	it('leaves errors, other methods and a route’s own private policy alone', async () => {
		const missing = new Response('no', { status: 404, headers: { 'content-type': 'text/html' } });
		expect((await applyCachePolicy(get(), missing, visitor)).headers.has('cache-control')).toBe(
			false
		);
		const post = await applyCachePolicy(get({}, 'POST'), page(), { ...visitor, method: 'POST' });
		expect(post.headers.has('cache-control')).toBe(false);
		const own = await applyCachePolicy(get(), page('x', { 'cache-control': 'no-store' }), visitor);
		expect(own.headers.get('cache-control')).toBe('no-store');
	});

	it('does not read a streamed export into memory', async () => {
		const stream = new ReadableStream({
			start(c) {
				c.enqueue(new TextEncoder().encode('a,b\n'));
				c.close();
			}
		});
		const csv = new Response(stream, { headers: { 'content-type': 'text/csv' } });
		const res = await applyCachePolicy(get(), csv, visitor);
		expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
		expect(res.headers.has('etag')).toBe(false);
		expect(res).toBe(csv);
	});
});

describe('etagMatches', () => {
	it('compares weakly, in a list or with *', () => {
		expect(etagMatches(null, '"a"')).toBe(false);
		expect(etagMatches('"b"', '"a"')).toBe(false);
		expect(etagMatches('"b", W/"a"', '"a"')).toBe(true);
	});
});
