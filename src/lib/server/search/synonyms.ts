/**
 * The one list of search synonyms. Every term of a group finds the others.
 * Meilisearch gets it through settings.ts; Postgres through the rows of `private.search_synonyms`
 * inserted by supabase/migrations/20261203000000_baseline.sql (synonyms.test.ts keeps both equal).
 * Terms are lower case; a hyphen or a space separates the words of a multi-word term.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
	['ev', 'electric vehicle'],
	['evs', 'electric vehicles'],
	['e-bike', 'ebike', 'electric bike'],
	['e-scooter', 'escooter', 'electric scooter'],
	['streetlight', 'street light'],
	['streetlights', 'street lights'],
	['iot', 'internet of things'],
	['ai', 'artificial intelligence'],
	['pv', 'photovoltaic'],
	['maas', 'mobility as a service'],
	['brt', 'bus rapid transit'],
	['ghg', 'greenhouse gas'],
	['wastewater', 'waste water'],
	['carsharing', 'car sharing'],
	['bicycle', 'bike'],
	['nbs', 'nature-based solutions']
];

/** Meilisearch's synonyms setting: each term maps to every other term of its group. */
export function meilisearchSynonyms(
	groups: readonly (readonly string[])[] = SYNONYM_GROUPS
): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const group of groups) {
		for (const term of group) {
			const others = group.filter((t) => t !== term);
			out[term] = [...new Set([...(out[term] ?? []), ...others])].sort();
		}
	}
	return out;
}
