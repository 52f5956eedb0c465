import { base } from '$app/paths';

/**
 * The list search the visitor came from (this site's home page with its query), read from the
 * Referer header, so "Back to the results" keeps the words and filters, with or without
 * JavaScript. Anything else (another site, another page, no header) gives null.
 */
export function listReferrer(referer: string | null, origin: string): string | null {
	if (!referer) return null;
	let from: URL;
	try {
		from = new URL(referer);
	} catch {
		return null;
	}
	// The home page's absolute path (resolve() may give a relative one while rendering).
	if (from.origin !== origin || from.pathname !== `${base}/`) return null;
	return from.pathname + from.search;
}
