import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { STATUSES } from '$lib/domain/challenges/vocabulary';
import { m } from '$lib/paraglide/messages.js';
import { organisationChallengeLines } from '$lib/server/db/manage-challenges';
import { adoptJointChallenge, jointChallenges } from '$lib/server/db/matching';
import { log } from '$lib/server/log';
import { actingCityOrganisation } from '$lib/server/manage-challenge-form';
import type { Actions, PageServerLoad } from './$types';

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

const adoptSchema = z.object({ joint: z.guid() });

export const actions: Actions = {
	/** A joint challenge draft of the hub becomes this city's own challenge draft (issue 14). */
	adopt: async (event) => {
		const { db, org } = await actingCityOrganisation(event);
		const parsed = adoptSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!org || !parsed.success)
			return fail(400, { adopt: { joint: '', text: m.matching_joint_adopt_failed() } });
		let made: { slug: string } | null;
		try {
			made = await adoptJointChallenge(db, org.organisation_id, parsed.data.joint);
		} catch (e) {
			log.warn({ error: String(e) }, 'adopting a joint challenge refused');
			made = null;
		}
		if (!made)
			return fail(400, {
				adopt: { joint: parsed.data.joint, text: m.matching_joint_adopt_failed() }
			});
		redirect(303, `/manage/challenges/${made.slug}?created`);
	}
};
