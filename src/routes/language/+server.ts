import { error, redirect } from '@sveltejs/kit';
import { cookieName, isLocale } from '$lib/paraglide/runtime.js';
import { cookieSecure } from '$lib/server/db/client';
import { safeRedirectPath } from '$lib/server/safe-redirect';
import type { RequestHandler } from './$types';

const ONE_YEAR = 60 * 60 * 24 * 365;

/**
 * The language switch: a plain form post (works without JavaScript). Stores the choice in
 * Paraglide's cookie (readable by the browser runtime, so not HttpOnly) and sends the visitor
 * back to the page they were on.
 */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData().catch(() => null);
	if (!form) error(400, { message: 'Send the language as a form', code: 'bad_request' });
	const locale = form.get('locale');
	if (typeof locale !== 'string' || !isLocale(locale)) {
		error(400, { message: 'Unknown language', code: 'bad_request' });
	}
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: ONE_YEAR,
		sameSite: 'lax',
		httpOnly: false,
		secure: cookieSecure(url)
	});
	redirect(303, safeRedirectPath(form.get('redirectTo'), url.origin));
};
