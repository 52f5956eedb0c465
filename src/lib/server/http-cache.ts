import { createHash } from 'node:crypto';

/**
 * How long a shared cache (a CDN, a reverse proxy) may keep what visitors see: the public pages
 * and the open data. A change an editor publishes shows to every visitor within S_MAXAGE seconds
 * of a cache's copy being made; past that, the cache may answer once more from its old copy while
 * it fetches the new one (STALE_WHILE_REVALIDATE). The per-process caches of public vocabularies
 * ($lib/server/cache/shared) use the same S_MAXAGE, so they add nothing to that bound.
 * docs/performance.md.
 */
export const S_MAXAGE = 60;
export const STALE_WHILE_REVALIDATE = 60;

/** Browsers revalidate every time (a 304 when nothing changed); shared caches keep it S_MAXAGE. */
export const PUBLIC_CACHE_CONTROL = `public, max-age=0, s-maxage=${S_MAXAGE}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}`;

/** Anything of a signed-in member, or that sets a cookie, or any (app)/(auth) page. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/** The per-process caches of public vocabularies live as long as a shared cache's copy. */
export const SHARED_VALUE_TTL_MS = S_MAXAGE * 1000;

/**
 * "Now" for a page (deadlines: closed, closes today, in n days), to the minute: a page rendered
 * twice within the same minute from the same data is byte for byte the same, so its ETag holds
 * and a shared cache's copy stays valid. A deadline shows as passed at most a minute late (and,
 * through a shared cache, at most S_MAXAGE later still).
 */
export function pageNow(): number {
	return Math.floor(Date.now() / 60_000) * 60_000;
}

/** What decides whether a response may be kept by a shared cache. */
export type CacheContext = {
	method: string;
	/** SvelteKit's route id (null when no route matched). */
	routeId: string | null;
	/** The request carries a Better Auth session cookie (valid or not). */
	sessionCookie: boolean;
	/** Someone is signed in. */
	signedIn: boolean;
};

/** Pages for members and the sign-in pages: never kept anywhere. */
const PRIVATE_ROUTE = /^\/\((app|auth)\)(\/|$)/;

/** The largest body given an ETag (the body is read into memory to hash it). */
const MAX_HASHED_BYTES = 2 * 1024 * 1024;

/**
 * The cache policy of one response, applied in place or by a new response (a body read to hash
 * it, or a 304):
 * - a signed-in member's, or a request with a session cookie, a response setting a cookie, an
 *   (app)/(auth) page or Better Auth's API: `private, no-store`;
 * - a visitor's successful GET of a public page or open data that did not ask for anything
 *   else (a route's own `private`/`no-store` stays): PUBLIC_CACHE_CONTROL and a strong ETag (the
 *   SHA-256 of the body), answered with 304 when the request's If-None-Match names it;
 * - anything else (errors, redirects): unchanged.
 */
export async function applyCachePolicy(
	request: Request,
	response: Response,
	ctx: CacheContext
): Promise<Response> {
	const h = response.headers;
	const isPrivate =
		ctx.signedIn ||
		ctx.sessionCookie ||
		h.has('set-cookie') ||
		(ctx.routeId !== null && PRIVATE_ROUTE.test(ctx.routeId)) ||
		new URL(request.url).pathname.startsWith('/api/auth');
	if (isPrivate) {
		h.set('cache-control', PRIVATE_CACHE_CONTROL);
		h.delete('etag');
		return response;
	}
	const own = h.get('cache-control');
	if (
		(ctx.method !== 'GET' && ctx.method !== 'HEAD') ||
		response.status !== 200 ||
		ctx.routeId === null ||
		(own !== null && !own.startsWith('public'))
	) {
		return response;
	}
	h.set('cache-control', PUBLIC_CACHE_CONTROL);
	if (ctx.method === 'HEAD' || !response.body || !hashable(h)) {
		h.delete('etag'); // HEAD has no body to hash; a streamed export is not read into memory
		return response;
	}
	const body = new Uint8Array(await response.arrayBuffer());
	// node:crypto's one synchronous call: WebCrypto's digest took ~0.3 ms of the app's CPU per
	// answer in its job queue (a CPU profile of the JSON API under load, docs/performance.md).
	const etag = `"${createHash('sha256').update(body).digest().subarray(0, 18).toString('base64url')}"`;
	const headers = new Headers(h);
	headers.set('etag', etag);
	if (etagMatches(request.headers.get('if-none-match'), etag)) {
		// The same headers as the full answer (a cache updates its copy's headers from a 304).
		headers.delete('content-length');
		return new Response(null, { status: 304, headers });
	}
	headers.set('content-length', String(body.byteLength));
	return new Response(body, { status: 200, headers });
}

function hashable(h: Headers): boolean {
	const length = h.get('content-length');
	if (length !== null) return Number(length) <= MAX_HASHED_BYTES;
	// Rendered pages and JSON are built whole in memory; CSV and other exports may be streamed.
	const type = h.get('content-type') ?? '';
	return type.startsWith('text/html') || type.startsWith('application/json');
}

/** If-None-Match: `*` or a list of tags; weak comparison (RFC 9110 13.1.2). */
export function etagMatches(header: string | null, etag: string): boolean {
	if (!header) return false;
	if (header.trim() === '*') return true;
	return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
