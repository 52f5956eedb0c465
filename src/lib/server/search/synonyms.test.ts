import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SYNONYM_GROUPS, meilisearchSynonyms } from '$lib/server/search/synonyms';

const MIGRATION = new URL(
	'../../../../supabase/migrations/20261203000000_baseline.sql',
	import.meta.url
);

/** The groups inserted into private.search_synonyms by the baseline migration. */
function sqlGroups(): string[][] {
	const sql = readFileSync(MIGRATION, 'utf8');
	const block = sql.slice(sql.indexOf('insert into private.search_synonyms'));
	const rows = [...block.matchAll(/\((\d+), array\[([^\]]*)\]\)/g)];
	return rows
		.sort((a, b) => Number(a[1]) - Number(b[1]))
		.map((m) => [...(m[2] ?? '').matchAll(/'([^']*)'/g)].map((t) => t[1] ?? ''));
}

describe('synonyms', () => {
	it('are the same in the migration and in TypeScript', () => {
		expect(sqlGroups()).toEqual(SYNONYM_GROUPS.map((g) => [...g]));
	});

	it('map each term to every other term of its group in Meilisearch', () => {
		const synonyms = meilisearchSynonyms([['ev', 'electric vehicle']]);
		expect(synonyms).toEqual({ ev: ['electric vehicle'], 'electric vehicle': ['ev'] });
		const all = meilisearchSynonyms();
		expect(all['ev']).toContain('electric vehicle');
		expect(all['electric vehicle']).toContain('ev');
		expect(all['iot']).toContain('internet of things');
	});
});
