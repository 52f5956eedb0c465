import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { jointChallengeSchema, suggestedJointTitle } from '$lib/domain/matching/clusters';
import { m } from '$lib/paraglide/messages.js';
import type { AuthMessage } from '$lib/server/auth/form-result';
import { requireHubStaff } from '$lib/server/auth/guard';
import { challengeClusters, startJointChallenge } from '$lib/server/db/matching';
import { log } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

/** Starting a joint challenge from one cluster (?cluster=<key>): its challenges, a title, a summary. */
export const load: PageServerLoad = async (event) => {
	const { db } = await requireHubStaff(event);
	const key = event.url.searchParams.get('cluster') ?? '';
	const cluster = (await challengeClusters(db)).find((c) => c.key === key) ?? null;
	const form = await superValidate(
		{ cluster: key, title: cluster ? suggestedJointTitle(cluster) : '', summary: '' },
		zod4(jointChallengeSchema),
		{ errors: false }
	);
	return { cluster, form };
};

export const actions: Actions = {
	default: async (event) => {
		const { db } = await requireHubStaff(event);
		const form = await superValidate<typeof jointChallengeSchema._output, AuthMessage>(
			event.request,
			zod4(jointChallengeSchema)
		);
		if (!form.valid) return fail(400, { form });
		// The cluster as it is now: the database checks the challenges again (public, 2+ cities).
		const cluster = (await challengeClusters(db)).find((c) => c.key === form.data.cluster);
		if (!cluster)
			return message(
				form,
				{ kind: 'error', text: m.matching_joint_cluster_gone() },
				{ status: 409 }
			);
		let id: string;
		try {
			id = (
				await startJointChallenge(db, {
					challenges: cluster.challenges.map((c) => c.id),
					title: form.data.title,
					summary: form.data.summary
				})
			).id;
		} catch (e) {
			log.warn({ error: String(e) }, 'start_joint_challenge refused');
			return message(
				form,
				{ kind: 'error', text: m.matching_joint_cluster_gone() },
				{ status: 400 }
			);
		}
		redirect(303, `/hub/matching?started=${id}`);
	}
};
