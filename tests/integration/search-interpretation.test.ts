// What the list search did with the words (issue 16, item 4): public.search_interpretation()
// through PostgREST with the anon key, against the demo seed's lexicon and synonyms.
import { afterAll, describe, expect, it } from 'vitest';
import { anonClient, closePool } from './helpers/stack';

afterAll(closePool);

async function interpretation(q: string) {
	const { data, error } = await anonClient().rpc('search_interpretation', { q });
	if (error) throw new Error(error.message);
	return data as { corrections: { word: string; to: string[] }[]; synonyms: unknown[] };
}

async function ids(q: string): Promise<string[]> {
	const { data, error } = await anonClient().rpc('search_challenge_ids', { params: { q } });
	if (error) throw new Error(error.message);
	return data;
}

describe('search_interpretation', () => {
	it('names the correction of an unknown word, as the search applies it', async () => {
		expect(await interpretation('moblity')).toEqual({
			corrections: [{ word: 'moblity', to: ['mobility'] }],
			synonyms: []
		});
		expect((await ids('moblity')).length).toBeGreaterThan(0);
	});

	it('names the synonyms that widened a search', async () => {
		expect(await interpretation('ev charging')).toEqual({
			corrections: [],
			synonyms: [{ words: 'ev', also: ['electric vehicle'] }]
		});
	});

	it('takes a query in double quotes word for word: no correction, fewer results', async () => {
		expect(await interpretation('"moblity"')).toEqual({ corrections: [], synonyms: [] });
		// Full text finds nothing; the trigram fallback's close matches are fewer.
		expect((await ids('"moblity"')).length).toBeLessThan((await ids('moblity')).length);
	});

	it('says nothing for known words', async () => {
		expect(await interpretation('flood sensors')).toEqual({ corrections: [], synonyms: [] });
	});
});
