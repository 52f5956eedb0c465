import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { callAuth } from '$lib/server/auth/call';
import { resetSchema } from '$lib/server/auth/forms';
import { invalid, refused, type AuthMessage } from '$lib/server/auth/form-result';
import type { Actions, PageServerLoad } from './$types';

/** Reached from the mail's link after Better Auth checked the token (/api/auth/reset-password/…). */
export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	const form = await superValidate(zod4(resetSchema), { id: 'reset', errors: false });
	form.data.token = token;
	return { form, linkInvalid: !token || url.searchParams.has('error') };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate<typeof resetSchema._output, AuthMessage>(
			event.request,
			zod4(resetSchema),
			{ id: 'reset' }
		);
		if (!form.valid) return invalid(form);
		const answer = await callAuth(event, '/reset-password', {
			body: { token: form.data.token, newPassword: form.data.password }
		});
		if (!answer.ok) return refused(form, answer);
		// Every session of the account ended with the reset (revokeSessionsOnPasswordReset).
		redirect(303, '/signin?reset=done');
	}
};
