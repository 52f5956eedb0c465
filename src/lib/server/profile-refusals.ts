/**
 * The profile version functions' own refusal (20261207001800_city_organisation_translations.sql,
 * docs/organisations.md#profiles-in-more-than-one-language); the rest they share with challenge
 * versions (VERSION_REFUSALS). errors.ts lists both among REFUSALS.
 */
export const PROFILE_VERSION_REFUSALS = ['city_unknown'] as const;
