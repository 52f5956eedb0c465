// What the list search did with the words typed (issue 16, item 4), so the page can say so:
// corrected words ("moblity" → mobility) and synonyms that widened the search. From
// public.search_interpretation() (supabase/migrations/20261207000500_search_chinese_and_corrections.sql),
// which reads the same lexicon and synonyms as the postgres engine's matching; with Meilisearch,
// whose typo tolerance is its own, it is what the portal's vocabulary says about the words.
import { z } from 'zod';
import { log } from '$lib/server/log';
import type { SearchDb } from '$lib/server/search/engine';

const interpretationSchema = z.object({
	corrections: z.array(z.object({ word: z.string(), to: z.array(z.string()).min(1) })),
	synonyms: z.array(z.object({ words: z.string(), also: z.array(z.string()) }))
});
export type Interpretation = z.infer<typeof interpretationSchema>;

export const NO_INTERPRETATION: Interpretation = { corrections: [], synonyms: [] };

/**
 * The interpretation worth telling: a "correction" that only completes the word being typed
 * ("sens" → sensors) is no correction, and a synonym group with nothing else in it says nothing.
 */
export function shownInterpretation(raw: unknown): Interpretation {
	const parsed = interpretationSchema.safeParse(raw);
	if (!parsed.success) return NO_INTERPRETATION;
	return {
		corrections: parsed.data.corrections.filter((c) => !c.to.every((t) => t.startsWith(c.word))),
		synonyms: parsed.data.synonyms.filter((s) => s.also.length > 0)
	};
}

/** The query as corrected: each corrected word replaced by its first correction. */
export function correctedQuery(q: string, interpretation: Interpretation): string | null {
	if (interpretation.corrections.length === 0) return null;
	const fixes = new Map(interpretation.corrections.map((c) => [c.word, c.to[0]]));
	const words = q.split(/(\s+)/);
	let changed = false;
	const out = words.map((w) => {
		const key = w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
		const fix = fixes.get(key);
		if (fix === undefined) return w;
		changed = true;
		return fix;
	});
	return changed ? out.join('') : null;
}

/** Whether the visitor asked for the exact words (a query in double quotes). */
export function isExactQuery(q: string): boolean {
	return q.trim().startsWith('"');
}

/** Asks the database; never fails the page (no notice instead). */
export async function interpret(db: SearchDb, q: string): Promise<Interpretation> {
	if (!q.trim() || isExactQuery(q)) return NO_INTERPRETATION;
	const { data, error } = await db.rpc('search_interpretation', { q });
	if (error) {
		log.warn({ err: error.message }, 'search interpretation failed');
		return NO_INTERPRETATION;
	}
	return shownInterpretation(data);
}
