// What a refused challenge management call means to the official who tried it: each refusal of
// 20261207000100_challenge_management.sql in words, and the form field it is about (so the message
// stands next to that field). Constraint violations name their field through fieldErrors(). The
// refusals of the writes of versions in other languages: versionProblem().
import { m } from '$lib/paraglide/messages.js';
import { CHALLENGE_FIELDS } from '$lib/domain/challenges/manage-forms';
import { VERSION_FIELDS, VERSION_LIMITS } from '$lib/domain/challenges/version-form';
import {
	DataError,
	fieldErrors,
	throwHttp,
	type FieldRule,
	type Refusal
} from '$lib/server/errors';

const TEXTS: Partial<Record<Refusal, () => string>> = {
	challenge_unknown: m.manage_ch_refused_unknown,
	not_member: m.manage_ch_refused_not_member,
	not_signed_in: m.manage_ch_refused_not_member,
	organisation_unknown: m.manage_ch_refused_not_member,
	organisation_not_city: m.manage_ch_refused_not_city,
	city_not_owned: m.manage_ch_refused_city_not_owned,
	challenge_not_editable: m.manage_ch_refused_not_editable,
	challenge_field_locked: m.manage_ch_refused_field_locked,
	criteria_invalid: m.manage_ch_refused_criteria_invalid,
	criteria_locked: m.manage_ch_refused_criteria_locked,
	deadline_required: m.manage_ch_refused_deadline_required,
	deadline_not_future: m.manage_ch_refused_deadline_not_future,
	deadline_not_later: m.manage_ch_refused_deadline_not_later,
	description_required: m.manage_ch_refused_description_required,
	challenge_status_illegal: m.manage_ch_refused_status_illegal,
	outcome_required: m.manage_ch_refused_outcome_required,
	organisation_unverified: m.manage_ch_refused_unverified,
	// The draft's language changed to one it has a version in (the trigger of 20261207001600).
	translation_is_original: m.manage_ch_refused_language_translated
};

/** The form field each refusal is about (none: shown above the form). */
const FIELD_OF: Partial<Record<Refusal, string>> = {
	city_not_owned: 'city',
	criteria_invalid: 'criterion_weight',
	criteria_total: 'criterion_weight',
	criteria_locked: 'criterion_weight',
	deadline_required: 'deadline',
	deadline_not_future: 'deadline',
	deadline_not_later: 'deadline',
	description_required: 'description',
	translation_is_original: 'language'
};

export interface ChallengeProblem {
	key: Refusal | null;
	text: string;
	/** The field the message belongs next to, when there is one. */
	field: string | null;
}

/** Words for a constraint a field broke (a path around the form, or a race). */
function ruleText(field: string, rule: FieldRule): string {
	if (rule === 'unknown_reference' && field === 'currency') return m.manage_ch_error_currency();
	switch (field) {
		case 'title':
			return m.manage_ch_error_title({ min: 3, max: 200 });
		case 'summary':
			return m.manage_ch_error_summary({ min: 10, max: 600 });
		case 'budget_min':
		case 'budget_max':
			return m.manage_ch_error_budget_range();
		case 'contact_email':
			return m.auth_error_email();
		case 'language':
			return m.manage_ch_error_language();
		default:
			return m.manage_ch_refused_generic();
	}
}

/**
 * A refused call as a text and the field it is about. The data service being down, or a bug, is
 * not the form's business: rethrown (503 / 500).
 */
export function challengeProblem(e: unknown): ChallengeProblem {
	if (!(e instanceof DataError) || e.kind === 'unavailable' || e.kind === 'bug') {
		if (e instanceof DataError) throwHttp(e);
		throw e;
	}
	const key = e.refusal;
	if (key) {
		const field =
			key === 'challenge_field_locked' && e.details ? e.details : (FIELD_OF[key] ?? null);
		// "the weights total 90" (the refusal's detail)
		const total = /(\d+)/.exec(e.details ?? '')?.[1] ?? '0';
		const text =
			key === 'criteria_total'
				? m.manage_ch_error_criteria_total({ total })
				: (TEXTS[key] ?? m.manage_ch_refused_generic)();
		return { key, text, field };
	}
	const [field, rule] = Object.entries(fieldErrors(e, CHALLENGE_FIELDS))[0] ?? [];
	if (field && rule) return { key: null, text: ruleText(field, rule), field };
	return { key: null, text: m.manage_ch_refused_generic(), field: null };
}

/**
 * A refused write of a version (set_challenge_translation / remove_challenge_translation) as a
 * text and the field it is about: a length the table refused stands next to its field; the
 * language, the challenge's state and membership are about the whole form (shown above it).
 */
export function versionProblem(e: unknown): ChallengeProblem {
	if (e instanceof DataError && !e.refusal && e.kind !== 'unavailable' && e.kind !== 'bug') {
		const [field] = Object.keys(fieldErrors(e, VERSION_FIELDS));
		if (field) return { key: null, text: versionRuleText(field), field };
	}
	if (e instanceof DataError && e.refusal && e.refusal in VERSION_TEXTS) {
		return { key: e.refusal, text: VERSION_TEXTS[e.refusal]!(), field: null };
	}
	return { ...challengeProblem(e), field: null };
}

const VERSION_TEXTS: Partial<Record<Refusal, () => string>> = {
	translation_is_original: m.manage_ch_versions_refused_original,
	translation_language_unknown: m.manage_ch_versions_error_language,
	translation_unknown: m.manage_ch_versions_refused_unknown
};

function versionRuleText(field: string): string {
	const { title, summary, description, expectedOutcomes } = VERSION_LIMITS;
	switch (field) {
		case 'title':
			return m.manage_ch_error_title(title);
		case 'summary':
			return m.manage_ch_error_summary(summary);
		case 'description':
			return m.manage_ch_versions_error_description({ max: description.max });
		default:
			return m.manage_ch_error_too_long({ max: expectedOutcomes });
	}
}
