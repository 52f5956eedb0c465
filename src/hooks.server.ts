import { sequence } from '@sveltejs/kit/hooks';
import { building, dev } from '$app/environment';
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { createRequestClient } from '$lib/server/db/client';
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

const supabase: Handle = async ({ event, resolve }) => {
	// Made on first use: the open-data endpoints and static pages never need a per-request client.
	let client: App.Locals['supabase'] | undefined;
	Object.defineProperty(event.locals, 'supabase', {
		get: () => (client ??= createRequestClient(event.cookies, event.url)),
		configurable: true,
		enumerable: true
	});
	return resolve(event, {
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
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
	// Pages depend on the language cookie and Accept-Language, and may one day carry a session:
	// never let a shared cache keep them.
	if (h.get('content-type')?.startsWith('text/html')) {
		if (!h.has('Cache-Control')) h.set('Cache-Control', 'private, no-cache');
		h.set('Vary', 'Cookie, Accept-Language');
	}
	// Non-HTML responses (API, CSV, feeds) get a CSP too; pages get SvelteKit's nonce-based one.
	if (!h.has('Content-Security-Policy')) {
		h.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
	}
	return response;
};

export const handle = sequence(requestContext, securityHeaders, i18n, supabase);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message };
	event.locals.log?.error({ err: error, path: event.url.pathname }, 'unhandled error');
	return { message: 'Internal error', code: 'internal' };
};
