import { STATUSES } from '$lib/domain/challenges/vocabulary';
import { organisationChallengeLines } from '$lib/server/db/manage-challenges';
import { jointChallenges } from '$lib/server/db/matching';
import { actingCityOrganisation } from '$lib/server/manage-challenge-form';
import type { PageServerLoad } from './$types';

/** The challenges of the city organisation the official acts for, grouped by status. */
export const load: PageServerLoad = async (event) => {
	const { db, org } = await actingCityOrganisation(event);
	if (!org) return { org: null, groups: [], joints: [], now: Date.now() };
	const [lines, joints] = await Promise.all([
		organisationChallengeLines(db, org.organisation_id),
		// Joint challenge drafts the hub started with this city (issue 14; RLS: linked cities read).
		jointChallenges(db)
	]);
	const groups = STATUSES.map((status) => ({
		status,
		challenges: lines.filter((c) => c.status === status)
	})).filter((g) => g.challenges.length > 0);
	return {
		org: { slug: org.slug, name: org.name, verified: org.verified },
		groups,
		joints: joints.filter((j) => j.links.some((l) => l.organisation_id === org.organisation_id)),
		now: Date.now()
	};
};
