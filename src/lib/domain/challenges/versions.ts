// Challenges in more than one language (issue 16, item 1; docs/collaboration.md#languages). A
// challenge is written in one language, its original (challenges.language, any BCP 47 tag), and may
// carry versions of its texts in the portal's languages (public.challenge_translations). A page
// shows the visitor's language when there is a version in it, and otherwise the original, marked
// with its lang attribute and a note. This is the one place that choice is made.

/** The portal's languages: the only languages a version may be in (the table's check). */
export const VERSION_LANGUAGES = ['en', 'zh'] as const;
export type VersionLanguage = (typeof VERSION_LANGUAGES)[number];

export function isVersionLanguage(tag: string): tag is VersionLanguage {
	return (VERSION_LANGUAGES as readonly string[]).includes(tag);
}

/**
 * The languages a text written in `original` may have versions in: the portal's others, in the
 * portal's order (a challenge's, a city's or an organisation's; the manage pages offer a form for
 * each).
 */
export function versionLanguagesFor(original: string): VersionLanguage[] {
	return VERSION_LANGUAGES.filter((l) => l !== original);
}

/** A version's texts; only title and summary travel with list hits, pages carry the rest. */
export interface TextVersion {
	title: string;
	summary: string;
	description?: string;
	expected_outcomes?: string | null;
}

/** Versions by language, as the database and the search engines hand them over. */
export type Versions = Partial<Record<string, TextVersion>>;

/** Rows of public.challenge_translations (or any subset of their columns) to Versions. */
export function versionsFromRows(
	rows: readonly ({ language: string } & TextVersion)[] | null | undefined
): Versions {
	const out: Versions = {};
	for (const { language, ...texts } of rows ?? []) out[language] = texts;
	return out;
}

interface Original {
	/** The original's language (BCP 47). */
	language: string;
	title: string;
	summary: string;
	description?: string;
	expected_outcomes?: string | null;
}

export type Shown<T extends Original> = T & {
	/** The language of the texts shown (the version's, or the original's). */
	language: string;
	/** The original's language, whichever is shown. */
	original_language: string;
	/** True when the texts shown are a version, not the original. */
	translated: boolean;
	/**
	 * The language of the expected outcomes shown: a version may leave them out (they are optional),
	 * and then the original's are shown, in the original's language, rather than none.
	 */
	expected_outcomes_language: string;
};

/**
 * The challenge with its texts in `locale` when it has a version in it (or is written in it), and
 * otherwise the original. Only the texts the challenge carries are replaced: a list hit has no
 * description, so none is added.
 */
export function inLanguage<T extends Original>(
	challenge: T,
	versions: Versions | null | undefined,
	locale: string
): Shown<T> {
	const original_language = challenge.language;
	const version = challenge.language === locale ? undefined : versions?.[locale];
	if (!version) {
		return {
			...challenge,
			original_language,
			translated: false,
			expected_outcomes_language: original_language
		};
	}
	const shown: Shown<T> = {
		...challenge,
		language: locale,
		original_language,
		translated: true,
		expected_outcomes_language: locale,
		title: version.title,
		summary: version.summary
	};
	if ('description' in challenge && version.description !== undefined) {
		shown.description = version.description;
	}
	if ('expected_outcomes' in challenge && version.expected_outcomes !== undefined) {
		if (version.expected_outcomes) shown.expected_outcomes = version.expected_outcomes;
		else if (challenge.expected_outcomes) shown.expected_outcomes_language = original_language;
		else shown.expected_outcomes = version.expected_outcomes;
	}
	return shown;
}

/** A challenge as lists that show only its title read it, with its versions' titles. */
interface TitledChallenge {
	title: string;
	language: string;
	versions?: readonly { language: string; title: string }[] | null;
}

/**
 * The challenge with its title in `locale` when it has a version in it (else the original's), and
 * `language` the title's language, for the `lang` attribute; the versions are dropped. For lists
 * of proposals, partnerships and follows, which show a challenge by its title only.
 */
export function titleInLanguage<T extends TitledChallenge>(
	challenge: T,
	locale: string
): Omit<T, 'versions'> {
	const { versions, ...rest } = challenge;
	const version =
		challenge.language === locale ? undefined : versions?.find((v) => v.language === locale);
	return version ? { ...rest, title: version.title, language: locale } : rest;
}

/** The same for a row's nested challenge, which an embedding may leave null. */
export function withChallengeTitleIn<R extends { challenge: TitledChallenge | null }>(
	row: R,
	locale: string
): Omit<R, 'challenge'> & { challenge: Omit<NonNullable<R['challenge']>, 'versions'> | null } {
	return { ...row, challenge: row.challenge ? titleInLanguage(row.challenge, locale) : null };
}
