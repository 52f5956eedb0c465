import { sequence } from '@sveltejs/kit/hooks';
import { building, dev } from '$app/environment';
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { getSessionCookie } from 'better-auth/cookies';
import { auth } from '$lib/server/auth';
import { handleAuthApi, isAuthApi } from '$lib/server/auth/api';
import { memberClient } from '$lib/server/auth/token';
import { publicClient } from '$lib/server/db/client';
import { applyCachePolicy } from '$lib/server/http-cache';
import { serverEnv } from '$lib/server/env';
import { log } from '$lib/server/log';
import { paraglideMiddleware } from '$lib/paraglide/server';

// Fail at start-up, in one line, when the environment is incomplete.
if (!serverEnv().ORIGIN && !dev && !building) {
	throw new Error(
		'Invalid environment: ORIGIN is missing (the public URL of the portal, e.g. https://portal.example)'
	);
}

const requestContext: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const given = event.request.headers.get('x-request-id') ?? '';
	const requestId = /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
	event.locals.requestId = requestId;
	event.locals.log = log.child({ requestId });
	const response = await resolve(event);
	response.headers.set('x-request-id', requestId);
	event.locals.log.info(
		{
			method: event.request.method,
			path: event.url.pathname,
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

/**
 * Identity: /api/auth/* is Better Auth's (behind an origin check and with its 429 in the visitor's
 * language); every other request learns who is signed in from the session cookie.
 */
const authentication: Handle = async ({ event, resolve }) => {
	if (isAuthApi(event.url)) return handleAuthApi(event);
	// No session cookie: a visitor, without asking Better Auth (most requests of the portal).
	if (!getSessionCookie(event.request)) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const found = await auth().api.getSession({ headers: event.request.headers });
	event.locals.user = found?.user ?? null;
	event.locals.session = found?.session ?? null;
	return resolve(event);
};

const supabase: Handle = async ({ event, resolve }) => {
	// Made on first use: the open-data endpoints and static pages never need one. A member's client
	// carries their token (RLS sees auth.uid()); a visitor's is the shared anonymous one.
	let client: App.Locals['supabase'] | undefined;
	Object.defineProperty(event.locals, 'supabase', {
		get: () =>
			(client ??=
				event.locals.user && event.locals.session
					? memberClient(auth(), { user: event.locals.user, session: event.locals.session })
					: publicClient()),
		configurable: true,
		enumerable: true
	});
	return resolve(event, {
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
};

/**
 * Visitors' public pages and open data may be kept by a shared cache (a CDN) for a minute, with a
 * strong ETag and 304s; anything of a member's never ($lib/server/http-cache, docs/performance.md).
 */
const httpCache: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	return applyCachePolicy(event.request, response, {
		method: event.request.method,
		routeId: event.route.id,
		sessionCookie: Boolean(getSessionCookie(event.request)),
		signedIn: Boolean(event.locals.user)
	});
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		});
	});

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	h.set('X-Frame-Options', 'DENY');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	// Pages depend on the language cookie and Accept-Language (and on the session: httpCache
	// below keeps anything of a member's out of shared caches). A page nothing else decided on
	// (an error page, say) is kept by no shared cache.
	// The data of a page (__data.json, client-side navigation) varies the same way.
	if (h.get('content-type')?.startsWith('text/html') || event.isDataRequest) {
		if (!h.has('Cache-Control')) h.set('Cache-Control', 'private, no-cache');
		const vary = new Set(['Cookie', 'Accept-Language']);
		for (const v of h.get('Vary')?.split(',') ?? []) if (v.trim()) vary.add(v.trim());
		h.set('Vary', [...vary].join(', '));
	}
	// Non-HTML responses (API, CSV, feeds) get a CSP too; pages get SvelteKit's hash-based one.
	if (!h.has('Content-Security-Policy')) {
		h.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
	}
	return response;
};

export const handle = sequence(
	requestContext,
	securityHeaders,
	httpCache,
	i18n,
	authentication,
	supabase
);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	// SvelteKit's own refusals of a request it cannot serve (no such page: 404; a POST to a page
	// without form actions: 405, with Allow; a malformed request: 400) are the caller's doing, not
	// a fault here: the request's log line records them at info, with no stack trace to flood the
	// log when someone sends many.
	if (status < 500) return { message };
	event.locals.log?.error({ err: error, path: event.url.pathname }, 'unhandled error');
	return { message: 'Internal error', code: 'internal' };
};
