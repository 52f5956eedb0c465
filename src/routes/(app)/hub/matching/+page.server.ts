import { requireHubStaff } from '$lib/server/auth/guard';
import { challengeClusters, jointChallenges } from '$lib/server/db/matching';
import type { PageServerLoad } from './$types';

/** Hub staff: clusters of similar challenges across cities, and the joint drafts started. */
export const load: PageServerLoad = async (event) => {
	const { db } = await requireHubStaff(event);
	const [clusters, joints] = await Promise.all([challengeClusters(db), jointChallenges(db)]);
	return { clusters, joints, started: event.url.searchParams.get('started') };
};
