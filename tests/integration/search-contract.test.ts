// One contract for every search engine, against the demo seed (supabase/seed.sql) on the running
// stack: Postgres always; Meilisearch too when MEILISEARCH_URL is set (the index is rebuilt first).
// Expected values come from direct SQL as superuser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACETS, type Facet } from '../../src/lib/domain/challenges/list-params';
import { PUBLIC_STATUSES } from '../../src/lib/domain/challenges/vocabulary';
import { inLanguage } from '../../src/lib/domain/challenges/versions';
import {
	searchQuerySchema,
	type SearchHit,
	type SearchResult
} from '../../src/lib/domain/challenges/search-query';
import type { ChallengeDocument } from '../../src/lib/server/search/document';
import type { SearchEngine } from '../../src/lib/server/search/engine';
import {
	createMeilisearchClient,
	createMeilisearchEngine
} from '../../src/lib/server/search/meilisearch';
import { createPostgresEngine } from '../../src/lib/server/search/postgres';
import { reindex } from '../../src/lib/server/search/reindex';
import { anonClient, closePool, db, serviceClient } from './helpers/stack';

afterAll(closePool);

const q = (input: Record<string, unknown>) => searchQuerySchema.parse(input);

/** Every hit of a query, page by page. */
async function allHits(engine: SearchEngine, input: Record<string, unknown>): Promise<SearchHit[]> {
	const hits: SearchHit[] = [];
	for (let page = 1; page <= 50; page++) {
		const result = await engine.search(q({ ...input, page, limit: 50 }));
		hits.push(...result.hits);
		if (page >= result.pages) break;
	}
	return hits;
}

async function ids(sql: string, params: unknown[] = []): Promise<string[]> {
	const { rows } = await db().query<{ id: string }>(sql, params);
	return rows.map((r) => r.id);
}

const PUBLIC = `c.status = any('{${PUBLIC_STATUSES.join(',')}}'::public.challenge_status[])`;

/** The facet counts a correct engine must return, computed in SQL (each facet ignores its own filter). */
async function expectedFacets(filters: Partial<Record<Facet, string[]>>, among?: string[]) {
	const column: Record<Facet, string> = {
		domain: 'c.domain::text',
		region: 'ci.region',
		city: 'ci.slug',
		kind: 'c.kind::text',
		status: 'c.status::text',
		priority: 'p::text'
	};
	const out = {} as Record<Facet, Record<string, number>>;
	for (const facet of FACETS) {
		const where = [PUBLIC];
		const params: unknown[] = [];
		// Only these challenges (a keyword's matches, as the engine found them without filters).
		if (among) {
			params.push(among);
			where.push(`c.id = any($${params.length}::uuid[])`);
		}
		for (const [other, values] of Object.entries(filters) as [Facet, string[]][]) {
			if (other === facet || values.length === 0) continue;
			params.push(values);
			where.push(
				other === 'priority'
					? `c.priority_areas && $${params.length}::public.priority_area[]`
					: `${column[other]} = any($${params.length}::text[])`
			);
		}
		const from =
			facet === 'priority'
				? 'public.challenges c join public.cities ci on ci.id = c.city_id cross join lateral unnest(c.priority_areas) p'
				: 'public.challenges c join public.cities ci on ci.id = c.city_id';
		const { rows } = await db().query<{ value: string; n: number }>(
			`select ${column[facet]} as value, count(*)::int as n from ${from} where ${where.join(' and ')} group by 1`,
			params
		);
		out[facet] = Object.fromEntries(rows.map((r) => [r.value, r.n]));
	}
	return out;
}

function facetCounts(result: SearchResult) {
	return Object.fromEntries(
		FACETS.map((f) => [
			f,
			Object.fromEntries(result.facets[f].filter((v) => v.count > 0).map((v) => [v.value, v.count]))
		])
	);
}

const meiliUrl = process.env.MEILISEARCH_URL;

const engines: { name: string; enabled: boolean; make: () => Promise<SearchEngine> }[] = [
	{ name: 'postgres', enabled: true, make: async () => createPostgresEngine(anonClient()) },
	{
		name: 'meilisearch',
		enabled: Boolean(meiliUrl),
		make: async () => {
			const client = createMeilisearchClient({
				host: meiliUrl ?? '',
				apiKey: process.env.MEILISEARCH_API_KEY,
				timeoutMs: 30_000
			});
			const uid = `${process.env.MEILISEARCH_INDEX ?? 'challenges'}_contract`;
			await reindex({ db: serviceClient(), client, liveIndex: uid });
			return createMeilisearchEngine(client.index<ChallengeDocument>(uid), client);
		}
	}
];

for (const { name, enabled, make } of engines) {
	describe.runIf(enabled)(`search contract: ${name}`, () => {
		let engine: SearchEngine;
		let hidden: string[];

		beforeAll(async () => {
			engine = await make();
			hidden = await ids(`select id from public.challenges where status in ('draft', 'withdrawn')`);
		});

		it('answers with its own name', async () => {
			expect((await engine.search(q({}))).engine).toBe(name);
		});

		it('"moblity" finds the mobility challenges', async () => {
			const expected = await ids(
				`select c.id from public.challenges c where ${PUBLIC} and c.domain = 'mobility'`
			);
			expect(expected.length).toBeGreaterThan(0);
			const found = new Set((await allHits(engine, { q: 'moblity' })).map((h) => h.id));
			for (const id of expected) expect(found).toContain(id);
		});

		it('"flod sensors" finds the flood sensor challenges', async () => {
			const expected = await ids(
				`select c.id from public.challenges c where ${PUBLIC} and c.title ilike '%flood sensors%'`
			);
			expect(expected.length).toBeGreaterThan(0);
			const hits = await allHits(engine, { q: 'flod sensors' });
			for (const id of expected) expect(hits.map((h) => h.id)).toContain(id);
			expect(hits[0]?.title).toMatch(/flood/i);
		});

		it('"smart goverance" finds the smart governance challenges', async () => {
			const expected = await ids(
				`select c.id from public.challenges c where ${PUBLIC} and c.title ilike 'smart governance%'`
			);
			expect(expected.length).toBeGreaterThan(0);
			const found = (await allHits(engine, { q: 'smart goverance' })).map((h) => h.id);
			for (const id of expected) expect(found).toContain(id);
		});

		it.each([
			['flood Vietnam', 'VN'],
			['Indonesia', 'ID'],
			['Southeast Asia', null]
		])('"%s" finds the challenges of that place', async (words, country) => {
			const expected = await ids(
				`select c.id from public.challenges c join public.cities ci on ci.id = c.city_id
				 where ${PUBLIC} and ($1::text is null or ci.country = $1)
				   and (ci.region = 'southeast-asia') and ($2::text not like 'flood%' or c.title ilike '%flood%')`,
				[country, words]
			);
			expect(expected.length).toBeGreaterThan(0);
			const found = new Set((await allHits(engine, { q: words })).map((h) => h.id));
			for (const id of expected) expect(found).toContain(id);
		});

		it.each([
			['上海', 'shanghai'],
			['岘港', 'da-nang']
		])('"%s" (a city’s Chinese name) finds that city’s challenges', async (words, city) => {
			const expected = await ids(
				`select c.id from public.challenges c join public.cities ci on ci.id = c.city_id
				 where ${PUBLIC} and ci.slug = $1`,
				[city]
			);
			expect(expected.length).toBeGreaterThan(0);
			const found = new Set((await allHits(engine, { q: words })).map((h) => h.id));
			for (const id of expected) expect(found).toContain(id);
		});

		// Words from inside Chinese titles, summaries and descriptions (issue 16): the postgres
		// engine indexes CJK runs as bigrams, Meilisearch segments Chinese itself.
		it.each([
			['内涝', 'shanghai-sponge-city-waterlogging-sensors'],
			['传感器', 'shanghai-sponge-city-waterlogging-sensors'],
			['排水设施', 'shanghai-sponge-city-waterlogging-sensors'],
			['适老化', 'shanghai-elderly-digital-services'],
			['政务服务', 'shanghai-elderly-digital-services'],
			['资源化', 'shanghai-construction-waste-recycling'],
			['非法倾倒', 'shanghai-construction-waste-recycling']
		])('the Chinese word %s, inside a text, finds %s', async (word, slug) => {
			const [id] = await ids(`select id from public.challenges where slug = $1`, [slug]);
			expect(id).toBeDefined();
			const hits = await allHits(engine, { q: word });
			expect(hits.map((h) => h.id)).toContain(id);
			// Only challenges whose text holds the word, the original's or a version's (no padding
			// by unrelated bigrams).
			const holding = new Set(
				await ids(
					`select c.id from public.challenges c where ${PUBLIC}
					 and (concat_ws(' ', c.title, c.summary, c.description, c.expected_outcomes) like '%' || $1 || '%'
						or exists (select 1 from public.challenge_translations t where t.challenge_id = c.id
							and concat_ws(' ', t.title, t.summary, t.description, t.expected_outcomes) like '%' || $1 || '%'))`,
					[word]
				)
			);
			for (const hit of hits) expect(holding, `${word}: ${hit.title}`).toContain(hit.id);
		});

		it('"bus" ranks bus challenges first, not "business"', async () => {
			const expected = await ids(
				`select c.id from public.challenges c where ${PUBLIC} and concat_ws(' ', c.title, c.summary) ~* '\\mbus(es)?\\M'`
			);
			expect(expected.length).toBeGreaterThan(1);
			const hits = await allHits(engine, { q: 'bus' });
			expect(
				hits
					.slice(0, expected.length)
					.map((h) => h.id)
					.sort()
			).toEqual(expected.sort());
		});

		it('"EV charging" finds "electric vehicle charging" through the synonym', async () => {
			const expected = await ids(
				`select c.id from public.challenges c where ${PUBLIC} and c.title ilike '%electric vehicle charging%' and c.title !~* '\\mev\\M'`
			);
			expect(expected.length).toBeGreaterThan(0);
			const found = (await allHits(engine, { q: 'EV charging' })).map((h) => h.id);
			for (const id of expected) expect(found).toContain(id);
		});

		it.each([
			{},
			{ domain: ['environment', 'utilities'] },
			{ domain: ['mobility'], priority: ['green-transition'], status: ['open'] },
			{ region: ['southeast-asia'], kind: ['challenge'] }
		] as Partial<Record<Facet, string[]>>[])(
			'facet counts equal SQL counts for %o',
			async (filters) => {
				const result = await engine.search(q(filters));
				const expected = await expectedFacets(filters);
				expect(facetCounts(result)).toEqual(expected);
				const total = await db().query<{ n: number }>(
					`select count(*)::int as n from public.challenges c join public.cities ci on ci.id = c.city_id
				 where ${PUBLIC}
				   and ($1::text[] is null or c.domain::text = any($1))
				   and ($2::text[] is null or ci.region = any($2))
				   and ($3::text[] is null or c.kind::text = any($3))
				   and ($4::text[] is null or c.status::text = any($4))
				   and ($5::public.priority_area[] is null or c.priority_areas && $5)`,
					[
						filters.domain ?? null,
						filters.region ?? null,
						filters.kind ?? null,
						filters.status ?? null,
						filters.priority ?? null
					]
				);
				expect(result.total).toBe(total.rows[0]?.n);
			}
		);

		// With words the counts come from one pass over the matches (20261207002300): every facet,
		// the priority one included, under every other filter, against SQL over the same matches.
		it.each([
			{ domain: ['environment', 'utilities'], priority: ['climate-resilience', 'public-safety'] },
			{ priority: ['green-transition', 'public-health'], status: ['open'], kind: ['challenge'] },
			{ region: ['southeast-asia'], priority: ['climate-resilience'] }
		] as Partial<Record<Facet, string[]>>[])(
			'with a keyword, facet counts equal SQL counts over its matches for %o',
			async (filters) => {
				const matched = (await allHits(engine, { q: 'flood' })).map((h) => h.id);
				expect(matched.length).toBeGreaterThan(5);
				const result = await engine.search(q({ q: 'flood', ...filters }));
				expect(facetCounts(result)).toEqual(await expectedFacets(filters, matched));
				const everyFilter = (await allHits(engine, { q: 'flood', ...filters })).length;
				expect(result.total).toBe(everyFilter);
			}
		);

		it('combining facets narrows; removing one restores', async () => {
			const one = await engine.search(q({ domain: ['environment'] }));
			const two = await engine.search(q({ domain: ['environment'], priority: ['public-safety'] }));
			const back = await engine.search(q({ domain: ['environment'] }));
			expect(two.total).toBeGreaterThan(0);
			expect(two.total).toBeLessThan(one.total);
			expect(back.total).toBe(one.total);
			expect(
				two.hits.every(
					(h) => h.domain === 'environment' && h.priority_areas.includes('public-safety')
				)
			).toBe(true);
		});

		it('sorts newest first', async () => {
			const hits = await allHits(engine, { sort: 'newest' });
			const times = hits.map((h) => (h.published_at ? Date.parse(h.published_at) : 0));
			expect(times).toEqual([...times].sort((a, b) => b - a));
		});

		it('sorts by deadline: open first, soonest first, none last', async () => {
			const hits = await allHits(engine, { sort: 'deadline' });
			const key = (h: SearchHit) =>
				[h.status === 'open' ? 0 : 1, h.deadline ? Date.parse(h.deadline) : Infinity] as const;
			for (let i = 1; i < hits.length; i++) {
				const [a0, a1] = key(hits[i - 1] as SearchHit);
				const [b0, b1] = key(hits[i] as SearchHit);
				expect(a0 < b0 || (a0 === b0 && a1 <= b1)).toBe(true);
			}
		});

		// Budgets comparable (issue 16, item 7): the range in USD at each currency's rate, computed
		// here from the challenges and public.currency_rates, not from the search's own columns.
		it('filters by a budget range in USD: the ranges that overlap it, facets included', async () => {
			const expected = await ids(
				`select c.id from public.challenges c join public.currency_rates r on r.currency = c.currency
				 where ${PUBLIC}
				   and coalesce(c.budget_max, c.budget_min) * r.usd_per_unit >= 100000
				   and coalesce(c.budget_min, c.budget_max) * r.usd_per_unit <= 300000`
			);
			expect(expected.length).toBeGreaterThan(3);
			const hits = await allHits(engine, { min_usd: 100000, max_usd: 300000 });
			expect(hits.map((h) => h.id).toSorted()).toEqual(expected.toSorted());
			const result = await engine.search(q({ min_usd: 100000, max_usd: 300000 }));
			expect(result.total).toBe(expected.length);
			const domains = result.facets.domain.reduce((n, v) => n + v.count, 0);
			expect(domains).toBe(expected.length);
		});

		it('sorts by budget: the largest upper end in USD first, no budget last', async () => {
			const expected = await ids(
				`select c.id from public.challenges c left join public.currency_rates r on r.currency = c.currency
				 where ${PUBLIC}
				 order by coalesce(c.budget_max, c.budget_min) * r.usd_per_unit desc nulls last,
				   (c.status <> 'open'), c.deadline, c.published_at desc nulls last, c.id`
			);
			const hits = await allHits(engine, { sort: 'budget' });
			expect(hits.map((h) => h.id)).toEqual(expected);
			expect(hits[0]?.budget_max_usd).toBeGreaterThan(0);
			expect(hits.at(-1)?.budget_max_usd ?? null).toBeNull();
		});

		it('with a keyword, sorts by budget as without one (its matches only)', async () => {
			const matched = new Set((await allHits(engine, { q: 'water' })).map((h) => h.id));
			expect(matched.size).toBeGreaterThan(3);
			const expected = (
				await ids(
					`select c.id from public.challenges c left join public.currency_rates r on r.currency = c.currency
					 where ${PUBLIC}
					 order by coalesce(c.budget_max, c.budget_min) * r.usd_per_unit desc nulls last,
					   (c.status <> 'open'), c.deadline, c.published_at desc nulls last, c.id`
				)
			).filter((id) => matched.has(id));
			const hits = await allHits(engine, { q: 'water', sort: 'budget' });
			expect(hits.map((h) => h.id)).toEqual(expected);
		});

		it('paginates without overlap and with a stable total', async () => {
			for (const sort of ['relevance', 'deadline', 'newest']) {
				const p1 = await engine.search(q({ sort, limit: 10, page: 1 }));
				const p2 = await engine.search(q({ sort, limit: 10, page: 2 }));
				expect(p1.hits).toHaveLength(10);
				expect(p2.total).toBe(p1.total);
				expect(p1.pages).toBe(Math.ceil(p1.total / 10));
				const first = new Set(p1.hits.map((h) => h.id));
				expect(p2.hits.some((h) => first.has(h.id))).toBe(false);
			}
		});

		it('never shows drafts or withdrawn challenges', async () => {
			expect(hidden.length).toBeGreaterThanOrEqual(7);
			const everything = await allHits(engine, {});
			const publicCount = await db().query<{ n: number }>(
				`select count(*)::int as n from public.challenges c where ${PUBLIC}`
			);
			expect(everything).toHaveLength(publicCount.rows[0]?.n ?? -1);
			const { rows } = await db().query<{ title: string }>(
				`select title from public.challenges where status in ('draft', 'withdrawn')`
			);
			for (const { title } of rows) {
				const hits = await allHits(engine, { q: title });
				expect(hits.filter((h) => hidden.includes(h.id))).toEqual([]);
			}
			expect(everything.filter((h) => hidden.includes(h.id))).toEqual([]);
		});

		it('escapes snippets except <mark>', async () => {
			let marked = 0;
			for (const text of ['flood', 'water leak', 'smart governance', 'charging']) {
				const result = await engine.search(q({ q: text }));
				for (const hit of result.hits) {
					if (hit.snippet === null) continue;
					if (hit.snippet.includes('<mark>')) marked++;
					const bare = hit.snippet.replace(/<\/?mark>/g, '');
					expect(bare).not.toMatch(/[<>"]/);
					expect(bare).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
				}
			}
			expect(marked).toBeGreaterThan(0);
		});

		it('gives every hit the language of its text', async () => {
			const { rows } = await db().query<{ slug: string; language: string }>(
				`select c.slug, c.language from public.challenges c
				 join public.cities ci on ci.id = c.city_id
				 where ci.slug = 'shanghai' and private.challenge_is_public(c.status)`
			);
			expect(rows.some((r) => r.language === 'zh')).toBe(true);
			const hits = await allHits(engine, { city: ['shanghai'] });
			expect(hits.map((h) => [h.slug, h.language]).sort()).toEqual(
				rows.map((r) => [r.slug, r.language]).sort()
			);
		});

		it('shows the words of a description in snippets, not its Markdown', async () => {
			// Demo descriptions have headings, lists, bold names and links (supabase/seed.sql).
			let seen = 0;
			for (const text of ['drone', 'shuttle', 'permits', 'questions']) {
				const result = await engine.search(q({ q: text }));
				for (const hit of result.hits) {
					if (hit.snippet === null) continue;
					seen++;
					const bare = hit.snippet.replace(/<\/?mark>/g, '');
					expect(bare, bare).not.toMatch(/##|\*\*|\]\(|`/);
					expect(bare, bare).not.toMatch(/(^|\s)[-*]\s/);
					expect(bare, bare).not.toMatch(/\bWhat we are looking for\b/);
					expect(bare, bare).not.toMatch(/\n|\s{2}/);
				}
			}
			expect(seen).toBeGreaterThan(0);
		});
		// Every language of a challenge (issue 16, item 1): versions are found, carried by the hits
		// ({language: {title, summary}}) and the snippet is made from the texts shown.
		it("finds a challenge through a version and shows it in the visitor's language", async () => {
			const { rows } = await db().query<{ slug: string; versions: Record<string, unknown> }>(
				`select c.slug, jsonb_object_agg(t.language, jsonb_build_object('title', t.title, 'summary', t.summary)) as versions
				 from public.challenges c join public.challenge_translations t on t.challenge_id = c.id
				 where c.slug in ('shanghai-sponge-city-waterlogging-sensors', 'da-nang-flood-sensors-han-river')
				 group by c.slug`
			);
			const versions = Object.fromEntries(rows.map((r) => [r.slug, r.versions]));
			const shanghai = (await engine.search(q({ q: 'flood', limit: 50 }), 'en')).hits.find(
				(h) => h.slug === 'shanghai-sponge-city-waterlogging-sensors'
			);
			expect(shanghai?.language).toBe('zh');
			expect(shanghai?.translations).toEqual(versions['shanghai-sponge-city-waterlogging-sensors']);
			expect(inLanguage(shanghai!, shanghai!.translations, 'en').title).toBe(
				'Sponge city rainwater harvesting and flood sensor pilot'
			);
			expect(shanghai?.snippet ?? '').not.toMatch(/[\u4e00-\u9fff]/);

			const daNang = (await engine.search(q({ q: '锦丽' }), 'zh')).hits.find(
				(h) => h.slug === 'da-nang-flood-sensors-han-river'
			);
			expect(daNang?.translations).toEqual(versions['da-nang-flood-sensors-han-river']);
			const shown = inLanguage(daNang!, daNang!.translations, 'zh');
			expect([shown.language, shown.title, shown.translated]).toEqual([
				'zh',
				'韩江与锦丽郡洪水传感器及预警系统',
				true
			]);
		});

		it('never makes a snippet from another language than the title shown', async () => {
			// On the Chinese pages the sponge-city challenge shows its Chinese original.
			const hit = (await engine.search(q({ q: 'flood', limit: 50 }), 'zh')).hits.find(
				(h) => h.slug === 'shanghai-sponge-city-waterlogging-sensors'
			);
			expect(hit).toBeDefined();
			expect(hit?.snippet ?? '').not.toMatch(/flood/i);
		});
	});
}
