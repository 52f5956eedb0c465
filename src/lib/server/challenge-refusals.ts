/**
 * The refusals of the challenge management functions (20261207000100_challenge_management.sql,
 * docs/collaboration.md#challenge-management); errors.ts lists them among REFUSALS (with
 * challenge_unknown, which the proposal functions raise too).
 */
export const CHALLENGE_MANAGEMENT_REFUSALS = [
	'organisation_not_city',
	'city_not_owned',
	'challenge_not_editable',
	'challenge_field_locked',
	'criteria_invalid',
	'criteria_total',
	'criteria_locked',
	'deadline_required',
	'deadline_not_future',
	'deadline_not_later',
	'description_required',
	'challenge_status_illegal',
	'outcome_required'
] as const;

/**
 * The refusals of the functions that write versions of a text: a challenge's
 * (20261207001600_challenge_translations.sql, docs/collaboration.md#versions-in-other-languages)
 * and a city's or organisation's profile (20261207001800_city_organisation_translations.sql).
 */
export const VERSION_REFUSALS = [
	'translation_language_unknown',
	'translation_is_original',
	'translation_unknown'
] as const;
