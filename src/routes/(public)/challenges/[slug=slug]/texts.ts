// Which texts the challenge page shows, and what it says about their language
// (docs/collaboration.md#languages). The choice of version is inLanguage()'s; the page adds the
// visitor's way back to the original (?original=1, a plain link that needs no JavaScript).
import { inLanguage, type Shown, type Versions } from '$lib/domain/challenges/versions';

/** The query parameter that asks for the original although there is a version. */
export const ORIGINAL_PARAM = 'original';

/**
 * What the page says beside the texts:
 * - `translated`: a version in the page's language ("Translated from Chinese by the city"), with a
 *   link to the original;
 * - `original`: the original, asked for although there is a version, with a link back to it;
 * - `untranslated`: the original, in another language than the page's, with no version in it;
 * - null: the original, in the page's language.
 */
export type TextsNote = 'translated' | 'original' | 'untranslated' | null;

interface Texts {
	language: string;
	title: string;
	summary: string;
	description?: string;
	expected_outcomes?: string | null;
}

export function pageTexts<T extends Texts>(
	challenge: T,
	versions: Versions,
	locale: string,
	originalAsked: boolean
): { texts: Shown<T>; note: TextsNote } {
	const shown = inLanguage(challenge, versions, locale);
	if (!shown.translated) {
		return { texts: shown, note: shown.language === locale ? null : 'untranslated' };
	}
	if (originalAsked) return { texts: inLanguage(challenge, null, locale), note: 'original' };
	return { texts: shown, note: 'translated' };
}
