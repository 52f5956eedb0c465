// Per-client limits of the gateway's /rest/v1: who a request counts against, how many of a
// client's requests may be in flight at once, and how many it may send per window.
//
// Who is a client:
// - the service key, and the portal's own server (it proves itself with `x-portal-app-key`, a
//   secret only it and the gateway hold): trusted, never limited. The portal calls the API for
//   all of its visitors from one address with the anon key; limited as one client, one busy
//   visitor would throttle everyone (or the limit would have to be so high as to mean nothing).
//   Its queries are the ones its code makes; limits per visitor of its pages belong in front
//   of the portal (see docs/security.md).
// - a signed-in user's token: that user (`sub`), wherever the requests come from. The token is
//   not verified here; a forged one gets its own budget but PostgREST answers it 401 before it
//   touches the database.
// - everyone else (the anon key, any other token): the source address; an IPv6 address by its
//   /64, which one subscriber usually holds whole.
// Every untrusted request also counts against one shared in-flight cap, so that no number of
// public clients together can take more than that many of PostgREST's connections (10 in its
// pool): the portal always finds one free.
import { timingSafeEqual } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** The header by which the portal's server identifies itself; stripped before PostgREST. */
export const APP_KEY_HEADER = 'x-portal-app-key';

export const DEFAULT_LIMITS = Object.freeze({
	/** Requests of one client in flight at once. */
	inFlight: 4,
	/** Requests of all untrusted clients together in flight at once (PostgREST's pool holds 10). */
	publicInFlight: 6,
	/** Requests one client may start per window. */
	rate: 100,
	windowSeconds: 10
});

/** Equal strings, compared in constant time (a secret header). */
function sameSecret(given, expected) {
	if (typeof given !== 'string' || !expected) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/** The claims of a JWT, read without verifying it; null when it is not one. */
export function unverifiedClaims(token) {
	const payload = token.split('.')[1];
	if (!payload) return null;
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		return claims && typeof claims === 'object' ? claims : null;
	} catch {
		return null;
	}
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; an IPv6 address → its /64 (`2001:db8:0:1::/64`). */
export function addressKey(address) {
	if (!address) return 'unknown';
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1];
	if (!isIPv6(address)) return address;
	const [head, tail = ''] = address.toLowerCase().split('::');
	const left = head ? head.split(':') : [];
	const right = address.includes('::') && tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
		: left;
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}

/**
 * Who a request to /rest/v1 counts against, and whether PostgREST will run it as `anon`.
 * @param {{ headers: import('node:http').IncomingHttpHeaders, address?: string, apikey: string }} request
 * @param {{ serviceKey: string, appKey?: string }} keys
 * @returns {{ trusted: boolean, anon: boolean, key: string }}
 */
export function clientOf({ headers, address, apikey }, { serviceKey, appKey }) {
	const authorization = headers.authorization ?? '';
	const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim() ?? apikey;
	if (sameSecret(bearer, serviceKey)) return { trusted: true, anon: false, key: 'service' };
	const claims = unverifiedClaims(bearer);
	const user = claims?.role === 'authenticated' && typeof claims.sub === 'string';
	if (sameSecret(headers[APP_KEY_HEADER], appKey))
		return { trusted: true, anon: !user, key: 'app' };
	if (user) return { trusted: false, anon: false, key: `user:${claims.sub}` };
	return { trusted: false, anon: true, key: `address:${addressKey(address)}` };
}

/**
 * The limiter: `admit(key)` either lets a request through (call the `release` it returns once,
 * when the response is over) or answers why not, as a 429 with Retry-After.
 */
export function createLimits(options = {}) {
	const limits = { ...DEFAULT_LIMITS, ...options };
	const rate = new RateLimiterMemory({
		keyPrefix: 'rest',
		points: limits.rate,
		duration: limits.windowSeconds
	});
	/** In-flight requests per client key; a key at 0 is removed. */
	const active = new Map();
	let publicActive = 0;

	function tooMany(retryAfter, code, message) {
		return {
			ok: false,
			status: 429,
			retryAfter,
			body: {
				code,
				details: null,
				hint: `Retry after ${retryAfter} s, with fewer requests at once.`,
				message
			}
		};
	}

	return {
		limits,
		/** @param {string} key @returns {Promise<{ ok: true, release: () => void } | { ok: false, status: 429, retryAfter: number, body: object }>} */
		async admit(key) {
			try {
				await rate.consume(key);
			} catch (e) {
				if (!(e instanceof RateLimiterRes)) throw e;
				return tooMany(
					Math.max(1, Math.ceil(e.msBeforeNext / 1000)),
					'rate_limited',
					`Too many requests: at most ${limits.rate} per ${limits.windowSeconds} s from one client`
				);
			}
			// Counted after the await: between a check and its increment nothing else may run.
			const mine = active.get(key) ?? 0;
			if (mine >= limits.inFlight) {
				return tooMany(
					1,
					'too_many_in_flight',
					`Too many requests at once: at most ${limits.inFlight} in flight from one client`
				);
			}
			if (publicActive >= limits.publicInFlight) {
				return tooMany(
					1,
					'public_capacity_reached',
					'The public API is busy: too many requests in flight from all clients together'
				);
			}
			active.set(key, mine + 1);
			publicActive++;
			let released = false;
			return {
				ok: true,
				release() {
					if (released) return;
					released = true;
					publicActive--;
					const left = (active.get(key) ?? 1) - 1;
					if (left > 0) active.set(key, left);
					else active.delete(key);
				}
			};
		},
		/** In-flight counts, for tests. */
		inFlight: (key) => active.get(key) ?? 0,
		publicInFlight: () => publicActive
	};
}
