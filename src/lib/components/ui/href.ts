import type { ResolvedPathname } from '$app/types';

/**
 * Appends a query string to a path made with `resolve()`. The result is still an internal,
 * base-aware link, so it keeps the `ResolvedPathname` type the navigation lint rule asks for.
 */
export function withQuery(path: ResolvedPathname, params: URLSearchParams): ResolvedPathname {
	const qs = params.toString();
	return (qs ? `${path}?${qs}` : path) as ResolvedPathname;
}
