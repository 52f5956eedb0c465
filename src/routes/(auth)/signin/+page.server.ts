import { redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { callAuth } from '$lib/server/auth/call';
import { emailSchema, magicSchema, signinSchema } from '$lib/server/auth/forms';
import { invalid, refused, withoutPasswords, type AuthMessage } from '$lib/server/auth/form-result';
import { safeRedirectPath } from '$lib/server/safe-redirect';
import type { Actions, PageServerLoad } from './$types';

/** What the page says on arrival: a used or expired sign-in link, a reset password, a guard. */
function notice(url: URL): AuthMessage | null {
	if (url.searchParams.get('magic') === 'invalid')
		return { kind: 'error', text: m.signin_magic_invalid() };
	if (url.searchParams.get('reset') === 'done')
		return { kind: 'success', text: m.signin_reset_done() };
	if (url.searchParams.has('redirectTo')) return { kind: 'info', text: m.signin_needed() };
	return null;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'), url.origin, '');
	if (locals.user) redirect(303, redirectTo || '/account');
	const password = await superValidate(zod4(signinSchema), { id: 'password' });
	const magic = await superValidate(zod4(magicSchema), { id: 'magic' });
	const resend = await superValidate(zod4(emailSchema), { id: 'resend' });
	password.data.redirectTo = redirectTo;
	magic.data.redirectTo = redirectTo;
	return { password, magic, resend, notice: notice(url) };
};

export const actions: Actions = {
	password: async (event) => {
		const form = await superValidate<typeof signinSchema._output, AuthMessage>(
			event.request,
			zod4(signinSchema),
			{ id: 'password' }
		);
		if (!form.valid) return invalid(form);
		const answer = await callAuth(event, '/sign-in/email', {
			body: { email: form.data.email, password: form.data.password, rememberMe: true }
		});
		if (answer.code === 'EMAIL_NOT_VERIFIED') {
			return message(
				withoutPasswords(form),
				{ kind: 'error', text: m.auth_error_not_verified(), resendTo: form.data.email },
				{ status: 403 }
			);
		}
		if (!answer.ok) return refused(form, answer);
		redirect(303, safeRedirectPath(form.data.redirectTo, event.url.origin, '/app'));
	},

	magic: async (event) => {
		const form = await superValidate<typeof magicSchema._output, AuthMessage>(
			event.request,
			zod4(magicSchema),
			{ id: 'magic' }
		);
		if (!form.valid) return invalid(form);
		const next = safeRedirectPath(form.data.redirectTo, event.url.origin, '/app');
		const answer = await callAuth(event, '/sign-in/magic-link', {
			body: {
				email: form.data.email,
				callbackURL: next,
				errorCallbackURL: '/signin?magic=invalid',
				metadata: { locale: getLocale() }
			}
		});
		if (!answer.ok) return refused(form, answer);
		// The same answer whether or not the address has an account.
		return message(form, {
			kind: 'success',
			text: m.signin_magic_sent({ email: form.data.email })
		});
	},

	resend: async (event) => {
		const form = await superValidate<typeof emailSchema._output, AuthMessage>(
			event.request,
			zod4(emailSchema),
			{ id: 'resend' }
		);
		if (!form.valid) return invalid(form);
		const answer = await callAuth(event, '/send-verification-email', {
			body: { email: form.data.email, callbackURL: '/verify?status=verified' }
		});
		if (!answer.ok) return refused(form, answer);
		return message(form, { kind: 'success', text: m.auth_resend_sent({ email: form.data.email }) });
	}
};
