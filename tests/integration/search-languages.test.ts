// Search in every language of a challenge (issue 16, item 1; 20261207001700_search_translations.sql),
// postgres engine, against the demo seed: versions are found, hits carry them and are shown in the
// visitor's language, a changed or removed version changes what search finds as soon as it is
// written, and the twins of Shanghai's Chinese sponge-city challenge are the flood-sensor ones of
// other cities. The cases both engines share are in search-contract.test.ts.
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import type { Database } from '../../src/lib/database.types';
import { searchQuerySchema } from '../../src/lib/domain/challenges/search-query';
import { sharedNeedAcross } from '../../src/lib/domain/challenges/twin-reason';
import { inLanguage } from '../../src/lib/domain/challenges/versions';
import { createPostgresEngine, similarFromPostgres } from '../../src/lib/server/search/postgres';
import { testAuth, tokenFor } from './helpers/auth';
import { ANON_KEY, anonClient, closePool, db, SUPABASE_URL } from './helpers/stack';

const SHANGHAI = 'shanghai-sponge-city-waterlogging-sensors';
const DA_NANG = 'da-nang-flood-sensors-han-river';
const engine = createPostgresEngine(anonClient());
const q = (input: Record<string, unknown>) => searchQuerySchema.parse({ limit: 50, ...input });

async function slugsFor(query: string, locale?: string) {
	return (await engine.search(q({ q: query }), locale)).hits.map((h) => h.slug);
}

let official: ReturnType<typeof createClient<Database>>;
let shanghaiId: string;
/** The seed's English version of the Shanghai challenge, put back after the tests change it. */
let seeded: {
	title: string;
	summary: string;
	description: string;
	expected_outcomes?: string;
};

beforeAll(async () => {
	// The demo's Shanghai official, signed in as the app signs people in (official.shanghai@demo.test).
	const res = await testAuth().api.signInEmail({
		body: { email: 'official.shanghai@demo.test', password: 'city-portal-demo' },
		returnHeaders: true
	});
	const cookie = res.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error('official.shanghai@demo.test could not sign in');
	const token = await tokenFor(cookie);
	official = createClient<Database>(SUPABASE_URL, ANON_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: ws as never },
		accessToken: async () => token
	});
	const { rows } = await db().query(
		`select c.id, t.title, t.summary, t.description, t.expected_outcomes
		 from public.challenges c join public.challenge_translations t on t.challenge_id = c.id and t.language = 'en'
		 where c.slug = $1`,
		[SHANGHAI]
	);
	if (!rows[0]) throw new Error(`${SHANGHAI} has no English version in the seed`);
	const { id, expected_outcomes, ...texts } = rows[0];
	shanghaiId = id;
	seeded = { ...texts, expected_outcomes: expected_outcomes ?? undefined };
});

afterAll(async () => {
	await official
		.rpc('set_challenge_translation', { challenge: shanghaiId, language: 'en', ...seeded })
		.throwOnError();
	await closePool();
});

describe('search finds every version', () => {
	it('"flood" finds the Chinese sponge-city challenge through its English version', async () => {
		const result = await engine.search(q({ q: 'flood' }), 'en');
		const hit = result.hits.find((h) => h.slug === SHANGHAI);
		expect(hit?.language).toBe('zh');
		expect(hit?.translations.en?.title).toBe(seeded.title);
		expect(inLanguage(hit!, hit!.translations, 'en').title).toBe(seeded.title);
		// The snippet is the English version's, the texts the visitor sees beside that title.
		expect(hit?.snippet).toMatch(/<mark>flood<\/mark>/i);
		expect(hit?.snippet).not.toMatch(/[\u4e00-\u9fff]/);
	});

	it('a Chinese word from the middle of a version finds it (锦丽, 洪水传感器)', async () => {
		for (const word of ['锦丽', '洪水传感器']) {
			const hits = (await engine.search(q({ q: word }), 'zh')).hits;
			const hit = hits.find((h) => h.slug === DA_NANG);
			expect(hit, word).toBeDefined();
			const shown = inLanguage(hit!, hit!.translations, 'zh');
			expect(shown.title).toBe('韩江与锦丽郡洪水传感器及预警系统');
			expect(shown.language).toBe('zh');
			expect(shown.translated).toBe(true);
		}
	});

	it('the snippet never comes from another language than the title shown', async () => {
		// On the Chinese pages the sponge-city challenge shows its Chinese original: no English snippet.
		const hit = (await engine.search(q({ q: 'flood' }), 'zh')).hits.find(
			(h) => h.slug === SHANGHAI
		);
		expect(hit).toBeDefined();
		expect(hit?.snippet ?? '').not.toMatch(/flood/i);
	});

	it('an unknown lang is ignored, not refused', async () => {
		const { data, error } = await anonClient().rpc('search_challenges', {
			params: { q: 'flood', lang: 'xx' }
		});
		expect(error).toBeNull();
		expect(data?.hits?.some((h) => h.slug === SHANGHAI)).toBe(true);
	});

	it('lang does not split the search cache (ids, ranks and counts do not depend on it)', async () => {
		const word = 'flood sensors';
		await anonClient().rpc('search_challenges', {
			params: { q: word, lang: 'en', sort: 'newest' }
		});
		const before = await db().query('select count(*)::int as n from private.search_cache');
		await anonClient().rpc('search_challenges', {
			params: { q: word, lang: 'zh', sort: 'newest' }
		});
		const after = await db().query('select count(*)::int as n from private.search_cache');
		expect(after.rows[0].n).toBe(before.rows[0].n);
	});
});

describe('whole versions for the JSON API (versions: whole, one round trip)', () => {
	it('the hits carry every text of every version only when asked, as the versions table holds them', async () => {
		const { data: rows } = await anonClient()
			.from('challenge_translations')
			.select('challenge_id, language, title, summary, description, expected_outcomes')
			.eq('challenge_id', shanghaiId)
			.throwOnError();
		expect(rows!.length).toBeGreaterThan(0);
		const expected = Object.fromEntries(
			rows!.map(({ language, title, summary, description, expected_outcomes }) => [
				language,
				{ title, summary, description, expected_outcomes }
			])
		);

		const whole = await engine.search(q({ q: 'flood' }), 'en', { wholeVersions: true });
		expect(whole.wholeVersions?.[shanghaiId]).toEqual(expected);
		// Every hit has its entry ({} without versions), and the hits themselves are unchanged.
		expect(Object.keys(whole.wholeVersions ?? {}).sort()).toEqual(
			whole.hits.map((h) => h.id).sort()
		);
		const plain = await engine.search(q({ q: 'flood' }), 'en');
		expect(plain.wholeVersions).toBeUndefined();
		expect(whole.hits).toEqual(plain.hits);

		// The RPC itself: title and summary only without the parameter, also as a GET's JSON string.
		const bare = await anonClient()
			.rpc('search_challenges', { params: JSON.stringify({ q: 'flood', limit: 50 }) })
			.throwOnError();
		const hit = bare.data!.hits!.find((h) => h.id === shanghaiId);
		expect(Object.keys((hit?.translations as Record<string, object>).en ?? {}).sort()).toEqual([
			'summary',
			'title'
		]);
		const asString = await anonClient()
			.rpc('search_challenges', {
				params: JSON.stringify({ q: 'flood', limit: 50, versions: 'whole' })
			})
			.throwOnError();
		expect(asString.data!.hits!.find((h) => h.id === shanghaiId)?.translations).toEqual(expected);
	});
});

describe('a changed or removed version changes what search finds when it is written', () => {
	it('through set_challenge_translation and remove_challenge_translation, as the owning city', async () => {
		const word = `quokkaflux${Math.random().toString(36).slice(2, 8)}`;
		await official
			.rpc('set_challenge_translation', {
				challenge: shanghaiId,
				language: 'en',
				...seeded,
				title: `Sponge city ${word} pilot`
			})
			.throwOnError();
		expect(await slugsFor(word, 'en')).toEqual([SHANGHAI]);
		// Its words are known to the typo correction too.
		const { rows } = await db().query('select ndoc from private.search_lexicon where word = $1', [
			word
		]);
		expect(rows[0]?.ndoc).toBe(1);

		await official
			.rpc('remove_challenge_translation', { challenge: shanghaiId, language: 'en' })
			.throwOnError();
		expect(await slugsFor(word, 'en')).toEqual([]);
		expect(await slugsFor('flood', 'en')).not.toContain(SHANGHAI);
		const gone = await db().query('select 1 from private.search_lexicon where word = $1', [word]);
		expect(gone.rowCount).toBe(0);

		await official
			.rpc('set_challenge_translation', { challenge: shanghaiId, language: 'en', ...seeded })
			.throwOnError();
		expect(await slugsFor('flood', 'en')).toContain(SHANGHAI);
	});

	it('in the same transaction as the change', async () => {
		const client = await db().connect();
		try {
			await client.query('begin');
			await client.query(
				`update public.challenge_translations set title = 'Sponge city zorblatt pilot'
				 where challenge_id = $1 and language = 'en'`,
				[shanghaiId]
			);
			const { rows } = await client.query(
				`select (h).slug from unnest((public.search_challenges('{"q": "zorblatt"}')).hits) h`
			);
			expect(rows.map((r) => r.slug)).toEqual([SHANGHAI]);
		} finally {
			await client.query('rollback');
			client.release();
		}
	});
});

describe('the same problem in other cities', () => {
	it("Shanghai's sponge-city challenge lists other cities' flood-sensor challenges, with a reason", async () => {
		const twins = await similarFromPostgres(anonClient(), shanghaiId, 6);
		const slugs = twins.map((t) => t.slug);
		expect(slugs).toContain(DA_NANG);
		expect(slugs).toContain('sepang-flood-early-warning-sensors');
		expect(slugs.every((s) => !s.startsWith('shanghai-'))).toBe(true);
		const daNang = twins.find((t) => t.slug === DA_NANG)!;
		expect(daNang.translations.zh?.title).toBe('韩江与锦丽郡洪水传感器及预警系统');
		const reason = sharedNeedAcross(['海绵城市雨水收集与内涝监测试点', seeded.title], daNang);
		expect(reason).toEqual(expect.arrayContaining(['flood']));
	});
});
