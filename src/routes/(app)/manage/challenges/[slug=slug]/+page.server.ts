import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import {
	criteriaArg,
	deadlineField,
	deadlineInstant,
	editable,
	extendDeadlineSchema,
	LIFECYCLE_TARGET,
	lifecycleActions,
	lifecycleSchema,
	toChallengeArgs
} from '$lib/domain/challenges/manage-forms';
import { statusLabel } from '$lib/components/challenges/labels';
import { languageName } from '$lib/components/challenges/format';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { AuthMessage } from '$lib/server/auth/form-result';
import { requireUser } from '$lib/server/auth/guard';
import { challengeProblem } from '$lib/server/challenge-problems';
import { removeVersion, saveVersion, versionEntries } from '$lib/server/challenge-versions';
import {
	challengeVersions,
	citiesOf,
	currencyCodes,
	extendChallengeDeadline,
	managedChallenge,
	publishChallenge,
	setChallengeStatus,
	updateChallenge,
	type ManagedChallenge
} from '$lib/server/db/manage-challenges';
import { myMemberships } from '$lib/server/db/memberships';
import { similarChallengeVendors } from '$lib/server/db/matching';
import { isPublicStatus } from '$lib/domain/challenges/vocabulary';
import { challengePartnerships } from '$lib/server/db/partnerships';
import {
	formFrom,
	formOnlyActions,
	invalid,
	notYours,
	readForm,
	refusedForm,
	unknownCurrency,
	withBlankRows
} from '$lib/server/manage-challenge-form';
import { sendPendingNotifications } from '$lib/server/notifications/send';
import type { Actions, PageServerLoad } from './$types';

/** What a lifecycle button's outcome says (beside the buttons). */
export interface LifecycleNotice {
	kind: 'error' | 'success';
	text: string;
}

/** The challenge of the URL, for a member of the organisation that owns it (404 / 403 otherwise). */
async function context(event: RequestEvent<{ slug: string }>) {
	requireUser(event);
	const db = event.locals.supabase;
	const [challenge, memberships] = await Promise.all([
		managedChallenge(db, event.params.slug),
		myMemberships(db)
	]);
	if (!challenge) error(404, { message: 'Not found' });
	if (!memberships.some((x) => x.organisation_id === challenge.organisation_id)) notYours();
	return { db, challenge };
}

/** The form's values from the stored challenge (a kept deadline stays exact while it is fixed). */
function valuesOf(c: ManagedChallenge) {
	return {
		city: c.city_id,
		title: c.title,
		summary: c.summary,
		description: c.description,
		domain: c.domain,
		kind: c.kind,
		language: c.language,
		priority_areas: c.priority_areas,
		expected_outcomes: c.expected_outcomes ?? '',
		budget_min: c.budget_min === null ? '' : String(c.budget_min),
		budget_max: c.budget_max === null ? '' : String(c.budget_max),
		currency: c.currency ?? '',
		deadline: c.status === 'open' ? (c.deadline ?? '') : deadlineField(c.deadline),
		contact_name: c.contact_name ?? '',
		contact_email: c.contact_email ?? '',
		...withBlankRows(
			c.criteria.map((x) => ({
				name: x.name,
				description: x.description,
				weight: String(x.weight)
			}))
		)
	};
}

export const load: PageServerLoad = async (event) => {
	const { db, challenge } = await context(event);
	const [cities, currencies, partnerships, similarVendors, versions] = await Promise.all([
		citiesOf(db, challenge.organisation_id),
		currencyCodes(db),
		challengePartnerships(db, challenge.id, getLocale()),
		// Matching (issue 14): twins exist for published challenges only.
		isPublicStatus(challenge.status) ? similarChallengeVendors(db, challenge.id) : null,
		challengeVersions(db, challenge.id)
	]);
	return {
		challenge,
		partnerships,
		cities,
		currencies,
		similarVendors,
		actions: lifecycleActions(challenge.status),
		editable: editable(challenge.status),
		versions: await versionEntries(challenge, versions, editable(challenge.status)),
		originalName: languageName(challenge.language, getLocale()),
		notice: event.url.searchParams.has('created') ? m.manage_ch_created() : null,
		form: await formFrom(valuesOf(challenge)),
		extend: await superValidate(zod4(extendDeadlineSchema), { id: 'extend', errors: false }),
		now: Date.now()
	};
};

/** Whether the form's criteria are the stored ones (then they are not sent: nothing to replace). */
function sameCriteria(c: ManagedChallenge, next: ReturnType<typeof criteriaArg>) {
	return (
		c.criteria.length === next.length &&
		c.criteria.every(
			(x, i) =>
				x.name === next[i]!.name &&
				x.description === next[i]!.description &&
				x.weight === next[i]!.weight
		)
	);
}

export const actions: Actions = {
	save: async (event) => {
		const { db, challenge } = await context(event);
		const { form } = await readForm(event);
		if (!form.valid) return invalid(form);
		const unknown = unknownCurrency(form, await currencyCodes(db));
		if (unknown) return unknown;
		const { criteria, ...args } = toChallengeArgs(form.data);
		try {
			await updateChallenge(db, {
				challenge: challenge.id,
				...args,
				criteria: sameCriteria(challenge, criteria) ? undefined : criteria
			});
		} catch (e) {
			return refusedForm(form, e);
		}
		return message(form, { kind: 'success', text: m.manage_ch_saved() });
	},

	lifecycle: async (event) => {
		const { db, challenge } = await context(event);
		const parsed = lifecycleSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success)
			return fail(400, { lifecycle: { kind: 'error', text: m.manage_ch_refused_generic() } });
		const { action, confirm } = parsed.data;
		if (action === 'withdraw' && confirm !== 'yes') return { confirmWithdraw: true };
		const target = LIFECYCLE_TARGET[action];
		try {
			const row =
				action === 'publish'
					? await publishChallenge(db, challenge.id)
					: await setChallengeStatus(db, challenge.id, target.status, target.outcome);
			// Followers are told of the new status (a trigger): mail the immediate ones now.
			await sendPendingNotifications(event.url.origin);
			const lifecycle: LifecycleNotice = {
				kind: 'success',
				text: m.manage_ch_status_changed({ status: statusLabel[row.status]() })
			};
			return { lifecycle };
		} catch (e) {
			const lifecycle: LifecycleNotice = { kind: 'error', text: challengeProblem(e).text };
			return fail(400, { lifecycle });
		}
	},

	extend: async (event) => {
		const { db, challenge } = await context(event);
		const form = await superValidate<typeof extendDeadlineSchema._output, AuthMessage>(
			event.request,
			zod4(extendDeadlineSchema),
			{ id: 'extend' }
		);
		if (!form.valid) return fail(400, { extend: form });
		try {
			await extendChallengeDeadline(db, challenge.id, deadlineInstant(form.data.deadline) ?? '');
		} catch (e) {
			return setError(form, 'deadline', challengeProblem(e).text);
		}
		// Followers are told of the later deadline (a trigger): mail the immediate ones now.
		await sendPendingNotifications(event.url.origin);
		return message(form, { kind: 'success', text: m.manage_ch_extended() });
	},

	saveVersion: async (event) => {
		const { db, challenge } = await context(event);
		return saveVersion(event, db, challenge);
	},

	removeVersion: async (event) => {
		const { db, challenge } = await context(event);
		return removeVersion(event, db, challenge);
	},

	...formOnlyActions
};
