/**
 * Where to send the visitor after a form post: only a path on this site.
 * Anything else (another origin, `//evil.example`, `/\evil.example`, a `javascript:` URL,
 * control characters) falls back to the home page, and so does a path that only becomes
 * protocol-relative once its dot segments are resolved (`/..//evil.example`).
 */
export function safeRedirectPath(value: unknown, origin: string, fallback = '/'): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return fallback;
	// eslint-disable-next-line no-control-regex -- refusing control characters is the point
	if (/[\u0000-\u001f\\]/.test(value) || value.startsWith('//')) return fallback;
	let url: URL;
	try {
		url = new URL(value, origin);
	} catch {
		return fallback;
	}
	if (url.origin !== origin || url.pathname.startsWith('//')) return fallback;
	return url.pathname + url.search + url.hash;
}
