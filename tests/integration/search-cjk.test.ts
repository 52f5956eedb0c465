// Chinese search on the postgres engine (issue 16, item 2; supabase/migrations/
// 20261207000500_search_chinese_and_corrections.sql): every run of CJK characters is indexed as overlapping bigrams,
// so any word inside a Chinese title, summary or description is found. Property-style over the
// demo seed: three characters from inside every long enough run of every public Chinese text.
// Through PostgREST with the anon key; expectations from SQL as superuser.
import { afterAll, describe, expect, it } from 'vitest';
import { anonClient, closePool, db } from './helpers/stack';

afterAll(closePool);

async function found(words: string): Promise<string[]> {
	const { data, error } = await anonClient().rpc('search_challenge_ids', { params: { q: words } });
	if (error) throw new Error(error.message);
	return data;
}

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff]{5,}/g;

describe('Chinese search (postgres engine)', () => {
	it('finds three characters from inside every Chinese run of every public text', async () => {
		const { rows } = await db().query<{ id: string; texts: string[] }>(
			`select c.id, array[c.title, c.summary, c.description, coalesce(c.expected_outcomes, '')] as texts
			 from public.challenges c
			 where c.status not in ('draft', 'withdrawn') and c.title ~ '[一-鿿]'`
		);
		expect(rows.length).toBeGreaterThanOrEqual(3);
		let tried = 0;
		for (const row of rows) {
			for (const text of row.texts) {
				for (const run of text.match(CJK_RUN) ?? []) {
					const word = run.slice(1, 4);
					expect(await found(word), `${word} (from ${run})`).toContain(row.id);
					tried++;
				}
			}
		}
		expect(tried).toBeGreaterThan(20);
	});

	it('needs the characters in order: a reversed word that occurs nowhere finds nothing', async () => {
		// 涝内 is 内涝 reversed; no demo text holds it.
		const { rows } = await db().query(
			`select 1 from public.challenges where concat_ws(' ', title, summary, description) like '%涝内%'`
		);
		expect(rows).toEqual([]);
		expect(await found('涝内')).toEqual([]);
	});

	it('a single character finds the texts with a word beginning with it', async () => {
		const ids = await found('涝');
		const { rows } = await db().query<{ id: string }>(
			`select id from public.challenges where slug = 'shanghai-sponge-city-waterlogging-sensors'`
		);
		expect(ids).toContain(rows[0]!.id);
	});

	it('mixes with other scripts: Chinese and English words are ANDed', async () => {
		const { rows } = await db().query<{ id: string }>(
			`select id from public.challenges where slug = 'shanghai-sponge-city-waterlogging-sensors'`
		);
		// An English word neither its Chinese original nor its English version has excludes the
		// sponge-city challenge; one its English version has keeps it (20261207001700).
		expect(await found('内涝 parking')).not.toContain(rows[0]!.id);
		expect(await found('内涝 sensors')).toContain(rows[0]!.id);
		expect(await found('内涝 上海')).toContain(rows[0]!.id);
	});
});
