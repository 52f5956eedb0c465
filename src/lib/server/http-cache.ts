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
