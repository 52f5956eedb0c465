import { redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { callAuth } from '$lib/server/auth/call';
import { signupSchema } from '$lib/server/auth/forms';
import { invalid, refused, withoutPasswords, type AuthMessage } from '$lib/server/auth/form-result';
import { safeRedirectPath } from '$lib/server/safe-redirect';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, '/account');
	const form = await superValidate(zod4(signupSchema), { id: 'signup' });
	form.data.redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'), url.origin, '');
	return { form };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate<typeof signupSchema._output, AuthMessage>(
			event.request,
			zod4(signupSchema),
			{ id: 'signup' }
		);
		if (!form.valid) return invalid(form);
		const next = safeRedirectPath(form.data.redirectTo, event.url.origin, '/');
		const answer = await callAuth(event, '/sign-up/email', {
			body: {
				name: form.data.name,
				email: form.data.email,
				password: form.data.password,
				locale: getLocale(),
				// the mail's link signs the visitor in and lands on /verify, then back where they were
				callbackURL: `/verify?status=verified&redirectTo=${encodeURIComponent(next)}`
			}
		});
		if (!answer.ok) return refused(form, answer);
		// The same answer whether or not the address has an account (its owner is told by mail).
		return message(withoutPasswords(form), {
			kind: 'success',
			text: m.signup_sent_body({ email: form.data.email })
		});
	}
};
