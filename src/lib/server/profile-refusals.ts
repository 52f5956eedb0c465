/**
 * The refusals of the profile version functions (20261207001800_city_organisation_translations.sql,
 * docs/organisations.md#profiles-in-more-than-one-language); errors.ts lists them among REFUSALS.
 */
export const PROFILE_VERSION_REFUSALS = [
	'city_unknown',
	'translation_is_original',
	'translation_language_unknown',
	'translation_unknown'
] as const;
