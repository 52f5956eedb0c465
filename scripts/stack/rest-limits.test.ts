import { describe, expect, it } from 'vitest';
import { addressKey, clientOf, createLimits, unverifiedClaims } from './rest-limits.mjs';

const jwt = (claims: object) =>
	`${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const anonKey = jwt({ role: 'anon' });
const serviceKey = jwt({ role: 'service_role' });
const appKey = 'app-key-0123456789-abcdefghij';
const keys = { serviceKey, appKey };

describe('addressKey', () => {
	it.each([
		['127.0.0.1', '127.0.0.1'],
		['::ffff:10.1.2.3', '10.1.2.3'],
		['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
		['2001:0db8:0001:0002::9', '2001:db8:1:2::/64'],
		['2001:db8::1', '2001:db8:0:0::/64'],
		['::1', '0:0:0:0::/64'],
		[undefined, 'unknown']
	])('%s → %s', (address, key) => {
		expect(addressKey(address)).toBe(key);
	});

	it('gives every address of one /64 the same key', () => {
		expect(addressKey('2001:db8:1:2:ffff::1')).toBe(addressKey('2001:db8:1:2::abcd'));
	});
});

describe('unverifiedClaims', () => {
	it('reads a JWT payload and nothing else', () => {
		expect(unverifiedClaims(jwt({ role: 'anon' }))).toEqual({ role: 'anon' });
		expect(unverifiedClaims('not-a-token')).toBe(null);
		expect(unverifiedClaims('a.%%%.c')).toBe(null);
	});
});

describe('clientOf', () => {
	const request = (headers: Record<string, string>, address = '203.0.113.7') => ({
		headers,
		address,
		apikey: headers.apikey ?? anonKey
	});

	it('counts an anonymous caller by its address', () => {
		expect(clientOf(request({ authorization: `Bearer ${anonKey}` }), keys)).toEqual({
			trusted: false,
			anon: true,
			key: 'address:203.0.113.7'
		});
	});

	it('trusts the exact service key only', () => {
		expect(clientOf(request({ authorization: `Bearer ${serviceKey}` }), keys).trusted).toBe(true);
		const forged = clientOf(
			request({ authorization: `Bearer ${jwt({ role: 'service_role', x: 1 })}` }),
			keys
		);
		expect(forged).toMatchObject({ trusted: false, anon: true });
	});

	it('counts a user token by its subject, wherever it comes from', () => {
		const token = jwt({ role: 'authenticated', sub: 'u-1' });
		const a = clientOf(request({ authorization: `Bearer ${token}` }, '198.51.100.1'), keys);
		const b = clientOf(request({ authorization: `Bearer ${token}` }, '198.51.100.2'), keys);
		expect(a).toEqual({ trusted: false, anon: false, key: 'user:u-1' });
		expect(b.key).toBe(a.key);
	});

	it('trusts the portal by its app key, and only with the right one', () => {
		expect(
			clientOf(request({ authorization: `Bearer ${anonKey}`, 'x-portal-app-key': appKey }), keys)
		).toEqual({ trusted: true, anon: true, key: 'app' });
		expect(
			clientOf(
				request({ authorization: `Bearer ${anonKey}`, 'x-portal-app-key': `${appKey}x` }),
				keys
			).trusted
		).toBe(false);
		expect(
			clientOf(request({ 'x-portal-app-key': appKey }), { serviceKey, appKey: undefined }).trusted
		).toBe(false);
	});

	it('treats a token without the authenticated role as anonymous', () => {
		const odd = jwt({ sub: 'u-2' });
		expect(clientOf(request({ authorization: `Bearer ${odd}` }), keys)).toMatchObject({
			anon: true,
			key: 'address:203.0.113.7'
		});
	});
});

describe('createLimits', () => {
	it('caps one client in flight and frees a place when a request ends', async () => {
		const limits = createLimits({ inFlight: 2, publicInFlight: 10, rate: 100, windowSeconds: 10 });
		const first = await limits.admit('a');
		const second = await limits.admit('a');
		const third = await limits.admit('a');
		expect(first.ok && second.ok).toBe(true);
		expect(third).toMatchObject({
			ok: false,
			status: 429,
			retryAfter: 1,
			body: { code: 'too_many_in_flight', message: expect.stringMatching(/at most 2 in flight/) }
		});
		expect((await limits.admit('b')).ok).toBe(true);
		if (first.ok) {
			first.release();
			first.release();
		}
		expect(limits.inFlight('a')).toBe(1);
		expect((await limits.admit('a')).ok).toBe(true);
	});

	it('caps all public clients together', async () => {
		const limits = createLimits({ inFlight: 5, publicInFlight: 3, rate: 100, windowSeconds: 10 });
		for (const key of ['a', 'b', 'c']) expect((await limits.admit(key)).ok).toBe(true);
		expect(await limits.admit('d')).toMatchObject({
			ok: false,
			body: { code: 'public_capacity_reached' }
		});
		expect(limits.publicInFlight()).toBe(3);
	});

	it('limits the rate per client with a Retry-After until the window ends', async () => {
		const limits = createLimits({ inFlight: 10, publicInFlight: 10, rate: 3, windowSeconds: 30 });
		for (let i = 0; i < 3; i++) {
			const admitted = await limits.admit('a');
			expect(admitted.ok).toBe(true);
			if (admitted.ok) admitted.release();
		}
		const refused = await limits.admit('a');
		expect(refused).toMatchObject({ ok: false, status: 429, body: { code: 'rate_limited' } });
		if (!refused.ok) {
			expect(refused.retryAfter).toBeGreaterThanOrEqual(29);
			expect(refused.retryAfter).toBeLessThanOrEqual(30);
		}
		expect((await limits.admit('b')).ok).toBe(true);
	});

	it('forgets a client once none of its requests is in flight', async () => {
		const limits = createLimits({});
		const admitted = await limits.admit('gone');
		if (admitted.ok) admitted.release();
		expect(limits.inFlight('gone')).toBe(0);
		expect(limits.publicInFlight()).toBe(0);
	});
});
