// /api/auth/*: Better Auth's own HTTP API (its documented endpoints and client work unchanged),
// with three things in front of it:
// - a request that changes something and comes from another site is refused (403), whatever its
//   content type (SvelteKit checks only form posts; Better Auth only requests carrying cookies);
// - its rate limits see the client address this server trusts, never a header the client chose;
// - its 429 speaks the visitor's language.
import { json, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { AUTH_BASE_PATH, CLIENT_IP_HEADER } from '$lib/server/auth/config';
import { clientAddress } from '$lib/server/auth/call';
import { auth } from '$lib/server/auth/index';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isAuthApi(url: URL): boolean {
	return url.pathname === AUTH_BASE_PATH || url.pathname.startsWith(`${AUTH_BASE_PATH}/`);
}

/** True when a browser says the request comes from another site. */
export function crossSite(request: Request, origin: string): boolean {
	const from = request.headers.get('origin');
	if (from && from !== origin) return true;
	const site = request.headers.get('sec-fetch-site');
	return site === 'cross-site' || site === 'same-site';
}

export async function handleAuthApi(event: RequestEvent): Promise<Response> {
	const { request } = event;
	if (!SAFE.has(request.method) && crossSite(request, event.url.origin)) {
		return json(
			{ code: 'CROSS_SITE_REQUEST', message: m.auth_error_cross_site() },
			{ status: 403 }
		);
	}
	const headers = new Headers(request.headers);
	headers.set(CLIENT_IP_HEADER, clientAddress(event));
	const forwarded = new Request(request.url, {
		method: request.method,
		headers,
		body: SAFE.has(request.method) ? undefined : await request.arrayBuffer()
	});
	const response = await auth().handler(forwarded);
	if (response.status !== 429) return response;
	const retryAfter = response.headers.get('x-retry-after') ?? '60';
	return json(
		{ code: 'RATE_LIMITED', message: m.auth_error_rate_limited({ seconds: retryAfter }) },
		{ status: 429, headers: { 'retry-after': retryAfter, 'x-retry-after': retryAfter } }
	);
}
