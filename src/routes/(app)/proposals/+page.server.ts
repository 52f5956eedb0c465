// The organisation's proposals (issue 13, item 4): the vendor organisation the member acts for
// (else their first vendor one), each proposal with its status, challenge, deadline and when it
// was last saved. RLS returns the organisation's own proposals only.
import { requireUser } from '$lib/server/auth/guard';
import { activeMembership, myMemberships } from '$lib/server/db/memberships';
import { organisationProposals } from '$lib/server/db/proposals';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const db = event.locals.supabase;
	const memberships = await myMemberships(db);
	const active = activeMembership(memberships);
	const vendor =
		active?.kind === 'vendor' ? active : (memberships.find((x) => x.kind === 'vendor') ?? null);
	return {
		organisation: vendor ? { id: vendor.organisation_id, name: vendor.name } : null,
		proposals: vendor ? await organisationProposals(db, vendor.organisation_id, getLocale()) : [],
		now: Date.now()
	};
};
