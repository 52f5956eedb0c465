// Form actions call Better Auth through its HTTP router, not auth.api: the router is where its
// rate limits (kept in the database) and origin checks run, so a form and a script calling
// /api/auth directly meet the same rules. The action already passed SvelteKit's origin check.
import type { RequestEvent } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies/utils';
import { AUTH_BASE_PATH, CLIENT_IP_HEADER } from '$lib/server/auth/config';
import { auth } from '$lib/server/auth/index';

export interface AuthAnswer<T> {
	status: number;
	ok: boolean;
	data: T | null;
	/** Better Auth's error code (e.g. INVALID_EMAIL_OR_PASSWORD), RATE_LIMITED for a 429. */
	code: string | null;
	retryAfter: number | null;
}

/** The client's address as this server sees it (adapter-node: ADDRESS_HEADER behind a proxy). */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

export async function callAuth<T = Record<string, unknown>>(
	event: RequestEvent,
	path: string,
	{
		method = 'POST',
		body,
		query
	}: { method?: 'GET' | 'POST'; body?: unknown; query?: Record<string, string> } = {}
): Promise<AuthAnswer<T>> {
	const url = new URL(AUTH_BASE_PATH + path, event.url.origin);
	for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
	const headers = new Headers({ origin: event.url.origin, accept: 'application/json' });
	for (const name of ['cookie', 'user-agent', 'accept-language']) {
		const value = event.request.headers.get(name);
		if (value) headers.set(name, value);
	}
	headers.set(CLIENT_IP_HEADER, clientAddress(event));
	if (body !== undefined) headers.set('content-type', 'application/json');
	const res = await auth().handler(
		new Request(url, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body)
		})
	);
	for (const line of res.headers.getSetCookie()) {
		for (const [name, attributes] of parseSetCookieHeader(line)) {
			event.cookies.set(name, attributes.value, {
				...toCookieOptions(attributes),
				path: attributes.path || '/'
			});
		}
	}
	const data = (await res.json().catch(() => null)) as (T & { code?: string }) | null;
	const code =
		res.status === 429 ? 'RATE_LIMITED' : res.ok ? null : (data?.code ?? `HTTP_${res.status}`);
	const retry = Number(res.headers.get('x-retry-after'));
	return {
		status: res.status,
		ok: res.ok,
		data,
		code,
		retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null
	};
}
