import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import { challengeClusters, jointChallenges } from '$lib/server/db/matching';
import { isHubStaff, myMemberships } from '$lib/server/db/memberships';
import type { PageServerLoad } from './$types';

/** Hub staff: clusters of similar challenges across cities, and the joint drafts started. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const db = event.locals.supabase;
	if (!isHubStaff(await myMemberships(db))) error(403, { message: m.hub_forbidden() });
	const [clusters, joints] = await Promise.all([challengeClusters(db), jointChallenges(db)]);
	return { clusters, joints, started: event.url.searchParams.get('started') };
};
