import { STATUSES } from '$lib/domain/challenges/vocabulary';
import { organisationChallengeLines } from '$lib/server/db/manage-challenges';
import { actingCityOrganisation } from '$lib/server/manage-challenge-form';
import type { PageServerLoad } from './$types';

/** The challenges of the city organisation the official acts for, grouped by status. */
export const load: PageServerLoad = async (event) => {
	const { db, org } = await actingCityOrganisation(event);
	if (!org) return { org: null, groups: [], now: Date.now() };
	const lines = await organisationChallengeLines(db, org.organisation_id);
	const groups = STATUSES.map((status) => ({
		status,
		challenges: lines.filter((c) => c.status === status)
	})).filter((g) => g.challenges.length > 0);
	return {
		org: { slug: org.slug, name: org.name, verified: org.verified },
		groups,
		now: Date.now()
	};
};
