import { fail, redirect } from '@sveltejs/kit';
import { invitationTokenSchema } from '$lib/domain/organisations/forms';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import { acceptInvitation, setActiveOrganisation } from '$lib/server/db/memberships';
import { orgProblem } from '$lib/server/org-problems';
import type { Actions, PageServerLoad } from './$types';

/**
 * The link of an invitation mail. A visitor signs in (or signs up) first and comes back here (the
 * (app) guard). The page asks nothing of the database on arrival (GET changes nothing, and an
 * invitation is found only by its token inside accept_invitation(): the token's hash is not
 * readable through the API). Pressing "Accept" gets the database's verdict, each with its own
 * message: joined, or the link expired, was used, withdrawn, meant for another address, or never
 * existed. A token of the wrong shape is "not valid" at once.
 */
export const load: PageServerLoad = async (event) => {
	const { user } = requireUser(event);
	const token = invitationTokenSchema.safeParse(event.params.token);
	return { email: user.email, problem: token.success ? null : m.invitation_unknown() };
};

export const actions: Actions = {
	default: async (event) => {
		const { user } = requireUser(event);
		const token = invitationTokenSchema.safeParse(event.params.token);
		if (!token.success) return fail(400, { problem: m.invitation_unknown() });
		let organisation: { id: string; slug: string };
		try {
			organisation = await acceptInvitation(event.locals.supabase, token.data);
		} catch (e) {
			const problem = orgProblem(e);
			return fail(400, {
				problem:
					problem.key === 'invitation_not_for_you'
						? m.invitation_not_for_you({ email: user.email })
						: problem.text
			});
		}
		await setActiveOrganisation(event.locals.supabase, user.id, organisation.id);
		redirect(303, `/organisations/${organisation.slug}/manage?joined=1`);
	}
};
