// The form for a version of a challenge's texts in another of the portal's languages (issue 16,
// item 1; docs/collaboration.md#versions-in-other-languages), on the challenge's management page.
// The limits are the table's (challenge_translations_* constraints of
// 20261207001600_challenge_translations.sql), which set_challenge_translation meets after trimming
// as this schema does, so a path around the form meets the same rules.
//
// No transforms beyond trimming (superforms derives the defaults from a JSON schema): a refused
// form gives back what the official wrote.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { LIMITS } from '$lib/domain/challenges/manage-forms';
import { versionLanguagesFor } from '$lib/domain/challenges/versions';

/** The table's limits; title and summary are the original's, the description is required here. */
export const VERSION_LIMITS = {
	title: LIMITS.title,
	summary: LIMITS.summary,
	description: { min: 1, max: LIMITS.description },
	expectedOutcomes: LIMITS.expectedOutcomes
} as const;

/** The columns a form field is (the names the table's check constraints start with). */
export const VERSION_FIELDS = ['title', 'summary', 'description', 'expected_outcomes'] as const;

const textBetween = (min: number, max: number, error: () => string) =>
	z.string().trim().min(min, { error }).max(max, { error });

/** The form of a version of a challenge written in `original`. */
export function versionFormSchema(original: string) {
	return z.object({
		language: z
			.string()
			.trim()
			.refine((l) => (versionLanguagesFor(original) as string[]).includes(l), {
				error: () => m.manage_ch_versions_error_language()
			})
			.default(''),
		title: textBetween(VERSION_LIMITS.title.min, VERSION_LIMITS.title.max, () =>
			m.manage_ch_error_title({ min: VERSION_LIMITS.title.min, max: VERSION_LIMITS.title.max })
		),
		summary: textBetween(VERSION_LIMITS.summary.min, VERSION_LIMITS.summary.max, () =>
			m.manage_ch_error_summary({
				min: VERSION_LIMITS.summary.min,
				max: VERSION_LIMITS.summary.max
			})
		),
		description: textBetween(VERSION_LIMITS.description.min, VERSION_LIMITS.description.max, () =>
			m.manage_ch_versions_error_description({ max: VERSION_LIMITS.description.max })
		),
		expected_outcomes: z
			.string()
			.trim()
			.max(VERSION_LIMITS.expectedOutcomes, {
				error: () => m.manage_ch_error_too_long({ max: VERSION_LIMITS.expectedOutcomes })
			})
			.default('')
	});
}

export type VersionFormInput = z.output<ReturnType<typeof versionFormSchema>>;

/** The superforms id of a language's form (one form per language on the page). */
export const versionFormId = (language: string) => `version-${language}`;
