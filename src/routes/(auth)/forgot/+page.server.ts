import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { callAuth } from '$lib/server/auth/call';
import { emailSchema } from '$lib/server/auth/forms';
import { invalid, refused, type AuthMessage } from '$lib/server/auth/form-result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	form: await superValidate(zod4(emailSchema), { id: 'forgot' })
});

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate<typeof emailSchema._output, AuthMessage>(
			event.request,
			zod4(emailSchema),
			{ id: 'forgot' }
		);
		if (!form.valid) return invalid(form);
		// The mail's link checks its token, then opens /reset?token=… (or /reset?error=…).
		const answer = await callAuth(event, '/request-password-reset', {
			body: { email: form.data.email, redirectTo: '/reset' }
		});
		if (!answer.ok) return refused(form, answer);
		// The same answer whether or not the address has an account.
		return message(form, { kind: 'success', text: m.forgot_sent({ email: form.data.email }) });
	}
};
