import { fail, redirect } from '@sveltejs/kit';
import { invitationTokenSchema } from '$lib/domain/organisations/forms';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import {
	acceptInvitation,
	invitationPreview,
	setActiveOrganisation,
	type InvitationPreview
} from '$lib/server/db/memberships';
import { orgProblem } from '$lib/server/org-problems';
import type { Actions, PageServerLoad } from './$types';

/**
 * The link of an invitation mail. A visitor signs in (or signs up) first and comes back here (the
 * (app) guard). On arrival, invitation_preview() (read-only) names the organisation and the role
 * and says at once when the link expired, was used, was withdrawn, is meant for another address
 * or never existed; "Accept" runs accept_invitation(), which checks all of it again.
 */
export const load: PageServerLoad = async (event) => {
	const { user } = requireUser(event);
	const base = { email: user.email, organisation: null, role: null };
	const token = invitationTokenSchema.safeParse(event.params.token);
	if (!token.success) return { ...base, problem: m.invitation_unknown() };
	let preview: InvitationPreview;
	try {
		preview = await invitationPreview(event.locals.supabase, token.data);
	} catch (e) {
		return { ...base, problem: orgProblem(e).text };
	}
	const about = {
		email: user.email,
		organisation: preview.name,
		role: preview.role === 'admin' ? m.role_admin() : m.role_member()
	};
	const problem = {
		pending: null,
		used: m.invitation_used(),
		revoked: m.invitation_revoked(),
		expired: m.invitation_expired(),
		not_for_you: m.invitation_not_for_you({ email: user.email })
	}[preview.status];
	return { ...about, problem };
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
