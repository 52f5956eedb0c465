import { fail, redirect } from '@sveltejs/kit';
import { invitationTokenSchema } from '$lib/domain/organisations/forms';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import { acceptInvitation, setActiveOrganisation } from '$lib/server/db/memberships';
import { invitationForToken } from '$lib/server/db/org-pages';
import { orgProblem } from '$lib/server/org-problems';
import type { Actions, PageServerLoad } from './$types';

/**
 * The link of an invitation mail. A visitor signs in (or signs up) first and comes back here (the
 * (app) guard). The invitee's own invitation is readable (RLS: its address is theirs), so the page
 * names the organisation and says at once when the link expired, was used or withdrawn; a link
 * the member cannot read (forged, or meant for another address) gets the database's verdict when
 * they press accept: accept_invitation() tells the two apart.
 */
export const load: PageServerLoad = async (event) => {
	const { user } = requireUser(event);
	const token = invitationTokenSchema.safeParse(event.params.token);
	const base = { email: user.email };
	if (!token.success)
		return { ...base, state: 'unknown' as const, problem: m.invitation_unknown() };
	const invitation = await invitationForToken(event.locals.supabase, token.data);
	if (!invitation) return { ...base, state: 'unread' as const, problem: null };
	const organisation = invitation.organisations;
	const role = invitation.role === 'admin' ? m.role_admin() : m.role_member();
	const about = { ...base, organisation: organisation?.name ?? '', role };
	if (invitation.accepted_at)
		return { ...about, state: 'used' as const, problem: m.invitation_used() };
	if (invitation.revoked_at)
		return { ...about, state: 'revoked' as const, problem: m.invitation_revoked() };
	if (new Date(invitation.expires_at) <= new Date())
		return { ...about, state: 'expired' as const, problem: m.invitation_expired() };
	return { ...about, state: 'open' as const, problem: null };
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
