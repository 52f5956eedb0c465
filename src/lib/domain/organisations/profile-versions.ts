// City descriptions and organisation profiles in more than one language (issue 16, item 9;
// docs/organisations.md#profiles-in-more-than-one-language), after the challenges' model
// ($lib/domain/challenges/versions): the text is written in one language, its original
// (profile_language), and may carry versions in the portal's languages (city_translations,
// organisation_translations). A page shows the visitor's language when there is a version in it,
// and otherwise the original, marked with its lang attribute and a note. This is the one place
// that choice is made for profiles.

/** A row of city_translations or organisation_translations (the columns pages read). */
export interface ProfileVersion {
	language: string;
	profile: string;
}

export interface ShownProfile {
	/** The text shown; null when there is none in any language. */
	text: string | null;
	/** The language of the text shown (the version's, or the original's). */
	language: string;
	/** The original's language, whichever is shown. */
	original_language: string;
	/** True when the text shown is a version, not the original. */
	translated: boolean;
	/** True when the text shown is not in the visitor's language: the page says so. */
	foreign: boolean;
}

/**
 * The profile in `locale` when it has a version in it (or is written in it), and otherwise the
 * original. A version is only ever in a language other than the original's (the database's
 * trigger); one in the original's language would be ignored here too.
 */
export function profileInLanguage(
	original: { profile: string | null; profile_language: string },
	versions: readonly ProfileVersion[] | null | undefined,
	locale: string
): ShownProfile {
	const original_language = original.profile_language;
	const version =
		original_language === locale ? undefined : versions?.find((v) => v.language === locale);
	if (version) {
		return {
			text: version.profile,
			language: locale,
			original_language,
			translated: true,
			foreign: false
		};
	}
	const text = original.profile || null;
	return {
		text,
		language: original_language,
		original_language,
		translated: false,
		foreign: text !== null && original_language !== locale
	};
}
