import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { hubOverview, organisationChallenges, organisationDomains } from '$lib/server/db/home';
import { matchingChallenges } from '$lib/server/db/matching';
import { activeMembership, myMemberships } from '$lib/server/db/memberships';
import { organisationProposals } from '$lib/server/db/proposals';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';

/**
 * The role-aware home: what the organisation the member acts for (the header's switcher) needs
 * first. A member of no organisation starts at /welcome.
 */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const db = event.locals.supabase;
	const memberships = await myMemberships(db);
	const active = activeMembership(memberships);
	if (!active) redirect(303, '/welcome');
	const now = Date.now();
	const org = {
		id: active.organisation_id,
		slug: active.slug,
		name: active.name,
		kind: active.kind,
		verified: active.verified,
		role: active.role
	};
	switch (active.kind) {
		case 'vendor': {
			// Matching (issue 14): domains, country and the profile's words, best first, with reasons.
			const [domains, matching, proposals] = await Promise.all([
				organisationDomains(db, org.id),
				matchingChallenges(db, org.id, getLocale(), 10),
				organisationProposals(db, org.id, getLocale(), 5)
			]);
			return { view: 'vendor' as const, org, now, domains, matching, proposals };
		}
		case 'city':
			return {
				view: 'city' as const,
				org,
				now,
				challenges: await organisationChallenges(db, org.id, getLocale())
			};
		case 'hub':
			return { view: 'hub' as const, org, now, overview: await hubOverview(db) };
	}
};
