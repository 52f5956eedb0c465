// The challenge form's server side, shared by /manage/challenges/new and the edit page: reading the
// posted form, the actions that only re-render it (preview, add or remove a criterion row: they
// work without JavaScript), the refusal next to its field, and the organisation an official acts
// for. docs/collaboration.md#challenge-management.
import { error, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import {
	BLANK_CRITERIA_ROWS,
	challengeFormSchema,
	criteriaRows,
	filledCriteria,
	type ChallengeFormInput,
	type CriterionRow
} from '$lib/domain/challenges/manage-forms';
import { m } from '$lib/paraglide/messages.js';
import type { AuthMessage } from '$lib/server/auth/form-result';
import { requireUser } from '$lib/server/auth/guard';
import { challengeProblem } from '$lib/server/challenge-problems';
import { activeMembership, myMemberships, type MyMembership } from '$lib/server/db/memberships';
import { renderMarkdown } from '$lib/server/markdown';

export type ChallengeForm = SuperValidated<ChallengeFormInput, AuthMessage>;
export const FORM_ID = 'challenge';
const adapter = zod4(challengeFormSchema);

/** The city organisation the official acts for: the active one if a city, else their first city. */
export async function actingCityOrganisation(
	event: RequestEvent
): Promise<{ db: App.Locals['supabase']; org: MyMembership | null; memberships: MyMembership[] }> {
	requireUser(event);
	const db = event.locals.supabase;
	const memberships = await myMemberships(db);
	const active = activeMembership(memberships);
	const org =
		active?.kind === 'city' ? active : (memberships.find((x) => x.kind === 'city') ?? null);
	return { db, org, memberships };
}

/** Rows with `blank` empty rows after the filled ones (the editor without JavaScript). */
export function withBlankRows(rows: CriterionRow[], blank = BLANK_CRITERIA_ROWS) {
	const filled = filledCriteria(rows);
	const all = [
		...filled,
		...Array.from({ length: blank }, () => ({ name: '', description: '', weight: '' }))
	];
	return {
		criterion_name: all.map((r) => r.name),
		criterion_description: all.map((r) => r.description),
		criterion_weight: all.map((r) => r.weight)
	};
}

/** The form as posted: validated, and its raw FormData for the buttons' own fields. */
export async function readForm(event: RequestEvent, errors = true) {
	const formData = await event.request.formData();
	const form = (await superValidate(formData, adapter, {
		id: FORM_ID,
		errors
	})) as ChallengeForm;
	return { form, formData };
}

/** A form for the page from values (no errors shown). */
export async function formFrom(values: Partial<ChallengeFormInput>): Promise<ChallengeForm> {
	return (await superValidate(values, adapter, { id: FORM_ID, errors: false })) as ChallengeForm;
}

/** An invalid form back to the page: every message next to its field, everything typed kept. */
export function invalid(form: ChallengeForm) {
	return message(form, { kind: 'error', text: m.manage_ch_error_form() }, { status: 400 });
}

/** A currency the database does not know (a forged form: the page offers a list). */
export function unknownCurrency(form: ChallengeForm, known: readonly string[]) {
	if (!form.data.currency || known.includes(form.data.currency)) return null;
	setError(form, 'currency', m.manage_ch_error_currency());
	return message(form, { kind: 'error', text: m.manage_ch_error_form() }, { status: 400 });
}

/** A refused database call, its message next to the field it is about (or above the form). */
export function refusedForm(form: ChallengeForm, e: unknown) {
	const problem = challengeProblem(e);
	if (problem.field && problem.field in form.data) {
		setError(form, problem.field as 'title', problem.text);
		return message(form, { kind: 'error', text: m.manage_ch_error_form() }, { status: 400 });
	}
	return message(form, { kind: 'error', text: problem.text }, { status: 400 });
}

/**
 * The actions that re-render the form without saving. `preview` renders the description (live=1:
 * only the preview, for the page's script); `addCriterion` and `removeCriterion` change the rows.
 */
export const formOnlyActions = {
	preview: async (event: RequestEvent) => {
		requireUser(event);
		const { form, formData } = await readForm(event, false);
		const previewHtml = renderMarkdown(form.data.description);
		if (formData.get('live') === '1') return { previewHtml };
		return { form, previewHtml };
	},
	addCriterion: async (event: RequestEvent) => {
		requireUser(event);
		const { form } = await readForm(event, false);
		Object.assign(form.data, withBlankRows(criteriaRows(form.data), BLANK_CRITERIA_ROWS + 1));
		return { form };
	},
	removeCriterion: async (event: RequestEvent) => {
		requireUser(event);
		const { form, formData } = await readForm(event, false);
		const index = Number(formData.get('remove'));
		const rows = criteriaRows(form.data).filter((_, i) => i !== index);
		Object.assign(form.data, withBlankRows(rows));
		return { form };
	}
};

/** 403 with the reason, for an official of another organisation. */
export function notYours(): never {
	error(403, { message: m.manage_ch_refused_not_member() });
}
