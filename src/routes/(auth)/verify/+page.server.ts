import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages.js';
import { callAuth } from '$lib/server/auth/call';
import { emailSchema } from '$lib/server/auth/forms';
import { invalid, refused, type AuthMessage } from '$lib/server/auth/form-result';
import { safeRedirectPath } from '$lib/server/safe-redirect';
import type { Actions, PageServerLoad } from './$types';

/**
 * Where the mail's confirmation link lands (/api/auth/verify-email checks it, signs the visitor in
 * and sends them here), with ?status=verified or ?error=TOKEN_EXPIRED|INVALID_TOKEN|…; also where
 * anyone can ask for a new link.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const error = url.searchParams.get('error');
	const verified = url.searchParams.get('status') === 'verified' && !error && !!locals.user;
	const outcome: AuthMessage | null = verified
		? { kind: 'success', text: m.verify_done() }
		: error === 'TOKEN_EXPIRED'
			? { kind: 'error', text: m.verify_expired() }
			: error
				? { kind: 'error', text: m.verify_invalid() }
				: null;
	return {
		outcome,
		verified,
		next: safeRedirectPath(url.searchParams.get('redirectTo'), url.origin, '/account'),
		form: await superValidate(zod4(emailSchema), { id: 'resend' })
	};
};

export const actions: Actions = {
	default: async (event) => {
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
		// The same answer for every address (unknown, confirmed or waiting).
		return message(form, { kind: 'success', text: m.auth_resend_sent({ email: form.data.email }) });
	}
};
