import { redirect } from '@sveltejs/kit';
import { callAuth } from '$lib/server/auth/call';
import { forgetSessionToken } from '$lib/server/auth/token';
import { safeRedirectPath } from '$lib/server/safe-redirect';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) redirect(303, '/');
	return {};
};

export const actions: Actions = {
	/** Ends this browser's session (its row is deleted); a token already issued lives out its 15 minutes. */
	default: async (event) => {
		const sessionId = event.locals.session?.id;
		// "Sign in with another account" (an invitation for another address) comes back to its page.
		const form = await event.request.formData().catch(() => null);
		const back = safeRedirectPath(form?.get('redirectTo'), event.url.origin, '');
		if (sessionId) {
			await callAuth(event, '/sign-out', { body: {} });
			forgetSessionToken(sessionId);
		}
		redirect(303, back ? `/signin?redirectTo=${encodeURIComponent(back)}` : '/');
	}
};
