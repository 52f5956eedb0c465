// Why a challenge is shown as "the same problem in another city" (issue 16, item 6): the words of
// the challenge's title that the twin shares in its own title or summary, in the title's order.
// The database chose the twin by the same words (private.search_similar: title words, same
// domain); this names them for the reader ("Also about flood, sensors").

const STOP = new Set(
	'and for the with from into that this their there than then over under near along across around within without about city cities district new pilot public smart system systems'.split(
		' '
	)
);

/** Lower-case words of 3+ letters, without accents, each with a crude stem (no plural -s). */
function words(text: string): { word: string; stem: string }[] {
	return (
		text
			.normalize('NFD')
			.replace(/\p{M}/gu, '')
			.toLowerCase()
			.match(/[\p{L}\p{N}]+/gu) ?? []
	)
		.filter((w) => w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w))
		.map((w) => ({ word: w, stem: w.replace(/(?<=[a-z]{3})(?:es|s)$/, '') }));
}

/** The source title's words the twin has in its title or summary (at most `max`, title order). */
export function sharedNeed(
	source: { title: string },
	twin: { title: string; summary: string },
	max = 3
): string[] {
	const theirs = new Set(words(`${twin.title} ${twin.summary}`).map((w) => w.stem));
	const out: string[] = [];
	for (const { word, stem } of words(source.title)) {
		if (theirs.has(stem) && !out.includes(word)) out.push(word);
		if (out.length === max) break;
	}
	return out;
}

/**
 * The reason across languages: the words of the first of the source's titles (the visitor's
 * language's first, then the original's, then the other versions') that the twin has in any of
 * its titles or summaries, the original's or a version's. A Chinese challenge with an English
 * version is a twin of English ones by its English title's words.
 */
export function sharedNeedAcross(
	sourceTitles: readonly string[],
	twin: { title: string; summary: string; translations?: Partial<Record<string, TwinTexts>> },
	max = 3
): string[] {
	const texts = [twin, ...Object.values(twin.translations ?? {})].flatMap((t) => (t ? [t] : []));
	const theirs = {
		title: texts.map((t) => t.title).join(' '),
		summary: texts.map((t) => t.summary).join(' ')
	};
	for (const title of sourceTitles) {
		const words = sharedNeed({ title }, theirs, max);
		if (words.length > 0) return words;
	}
	return [];
}

interface TwinTexts {
	title: string;
	summary: string;
}
