// The search result cache (supabase/migrations/20261203000000_baseline.sql, section 13) against the real
// stack: visitors search through PostgREST with the anon key; the superuser pool only sets up
// challenges and looks into the private cache table.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CompositeTypes } from '../../src/lib/database.types';
import { anonClient, closePool, db, gatewayFetch } from './helpers/stack';

const SLUG = 'test-search-cache';
// A word no other challenge uses, so other data cannot change these results.
const WORD = 'quokkameter';

type Result = CompositeTypes<'search_result'>;

async function search(params: Record<string, unknown>): Promise<Result> {
	const { data, error } = await anonClient().rpc('search_challenges', {
		params: { sort: 'relevance', limit: 20, offset: 0, ...params }
	});
	if (error) throw new Error(error.message);
	return data;
}

function slugs(result: Result): (string | null)[] {
	return (result.hits ?? []).map((h) => h.slug);
}

/** The same search as GET /rpc, which PostgREST runs in a read-only transaction. */
async function searchReadOnly(params: Record<string, unknown>): Promise<Result> {
	const query = new URLSearchParams({ params: JSON.stringify(params) });
	const res = await gatewayFetch(`/rest/v1/rpc/search_challenges?${query}`);
	expect(res.status).toBe(200);
	return (await res.json()) as Result;
}

async function cacheRows() {
	const { rows } = await db().query<{ key: string; generation: string; total: number }>(
		`select c.key, c.generation, (c.result -> 'core' ->> 'total')::int as total
		 from private.search_cache c order by c.created_at`
	);
	return rows;
}

async function generation(): Promise<number> {
	const { rows } = await db().query<{ g: string }>(
		'select generation as g from private.search_state'
	);
	return Number(rows[0]?.g);
}

let cityId = '';

async function cleanup() {
	await db().query(`delete from public.challenges where slug like '${SLUG}-%'`);
	await db().query('update private.search_state set cache_enabled = true');
	await db().query('truncate private.search_cache');
}

/** An open challenge; by default one in the first city whose title has WORD. */
async function insertOpen(
	suffix: string,
	fields: { city?: string; kind?: string; title?: string; summary?: string; domain?: string } = {}
): Promise<string> {
	const { rows } = await db().query<{ id: string }>(
		`insert into public.challenges (slug, city_id, organisation_id, kind, title, summary, domain, status, published_at)
		 select $1, ci.id, ci.organisation_id, $3, $4, $5, $6, 'open', now() from public.cities ci where ci.id = $2
		 returning id`,
		[
			`${SLUG}-${suffix}`,
			fields.city ?? cityId,
			fields.kind ?? 'challenge',
			fields.title ?? `Calibrate the ${WORD} network ${suffix}`,
			fields.summary ?? 'A challenge made by the search cache test.',
			fields.domain ?? 'environment'
		]
	);
	return rows[0]?.id ?? '';
}

beforeAll(async () => {
	const city = await db().query<{ id: string }>(
		'select id from public.cities order by slug limit 1'
	);
	cityId = city.rows[0]?.id ?? '';
	expect(cityId).not.toBe('');
});

beforeEach(cleanup);

afterAll(async () => {
	await cleanup();
	await closePool();
});

describe('search result cache', () => {
	it('stores a search once and answers the same search from it', async () => {
		await insertOpen('a');
		const first = await search({ q: WORD });
		expect(first.total).toBe(1);
		const rows = await cacheRows();
		expect(rows).toHaveLength(1);
		expect(Number(rows[0]?.generation)).toBe(await generation());

		// Proof the second answer comes from the stored entry: change the entry by hand.
		await db().query(
			`update private.search_cache set result = jsonb_set(result, '{core,total}', '4242')`
		);
		const second = await search({ q: WORD });
		expect(second.total).toBe(4242);
		expect(slugs(second)).toEqual(slugs(first));
		expect(second.facets).toEqual(first.facets);
	});

	it('shows a new challenge to the very next search, and hides a withdrawn one', async () => {
		await insertOpen('a');
		expect((await search({ q: WORD })).total).toBe(1);

		const second = await insertOpen('b');
		const after = await search({ q: WORD });
		expect(after.total).toBe(2);
		expect(slugs(after).sort()).toEqual([`${SLUG}-a`, `${SLUG}-b`]);

		await db().query(`update public.challenges set status = 'withdrawn' where id = $1`, [second]);
		const withdrawn = await search({ q: WORD });
		expect(withdrawn.total).toBe(1);
		expect(slugs(withdrawn)).toEqual([`${SLUG}-a`]);
	});

	it('keeps one entry per distinct search and never one for a changed generation', async () => {
		await insertOpen('a');
		await search({ q: WORD });
		await search({ q: WORD, domain: ['environment'] });
		await search({ q: WORD, domain: ['environment'] });
		expect(await cacheRows()).toHaveLength(2);
		const before = await generation();
		await db().query(`update public.challenges set summary = summary || ' ' where slug = $1`, [
			`${SLUG}-a`
		]);
		expect(await generation()).toBeGreaterThan(before);
		await search({ q: WORD });
		const rows = await cacheRows();
		const current = String(await generation());
		expect(rows.filter((r) => r.generation === current)).toHaveLength(1);
	});

	it('raises the generation once per transaction, at commit, without making writers wait', async () => {
		// Two challenges that share no city, domain or word, so no facet-count or lexicon row
		// either: the only thing their writers could both need is the generation row.
		const a = await insertOpen('a');
		const other = await db().query<{ id: string }>(
			'select id from public.cities where id <> $1 order by slug desc limit 1',
			[cityId]
		);
		const b = await insertOpen('b', {
			city: other.rows[0]?.id,
			kind: 'opportunity',
			title: 'Zebrafish hatchery telemetry',
			summary: 'Xylophone yodelling jamboree.',
			domain: 'technologies'
		});
		const one = await db().connect();
		const two = await db().connect();
		try {
			const before = await generation();
			await one.query('begin');
			await two.query('begin');
			await one.query(`update public.challenges set summary = summary || ' ' where id = $1`, [a]);
			await one.query(`update public.challenges set title = title || ' ' where id = $1`, [a]);
			// The second writer is not held up by the first one's open transaction.
			await two.query(`set local lock_timeout = '2s'`);
			await two.query(`update public.challenges set summary = summary || ' ' where id = $1`, [b]);
			expect(await generation()).toBe(before);
			await two.query('commit');
			expect(await generation()).toBe(before + 1);
			await one.query('commit');
			expect(await generation()).toBe(before + 2);
		} finally {
			await one.query('rollback').catch(() => {});
			await two.query('rollback').catch(() => {});
			one.release();
			two.release();
		}
	});

	it('shows a renamed region at once (its name is a facet label)', async () => {
		await insertOpen('a');
		const { rows } = await db().query<{ slug: string; name: string }>(
			'select r.slug, r.name from public.regions r join public.cities c on c.region = r.slug where c.id = $1',
			[cityId]
		);
		const region = rows[0]!;
		const label = async () => {
			const { facets } = await search({ q: WORD });
			return facets?.region?.find((f) => f.value === region.slug)?.label;
		};
		expect(await label()).toBe(region.name);
		try {
			await db().query('update public.regions set name = $2 where slug = $1', [
				region.slug,
				'Renamed Region'
			]);
			expect(await label()).toBe('Renamed Region');
		} finally {
			await db().query('update public.regions set name = $2 where slug = $1', [
				region.slug,
				region.name
			]);
		}
		expect(await label()).toBe(region.name);
	});

	it('is neither read nor written by a transaction that has written something', async () => {
		const id = await insertOpen('a');
		expect((await search({ q: WORD })).total).toBe(1);
		expect(await cacheRows()).toHaveLength(1);
		const client = await db().connect();
		try {
			await client.query('begin');
			await client.query(`update public.challenges set status = 'withdrawn' where id = $1`, [id]);
			await client.query('set local role anon');
			const { rows } = await client.query<{ r: Result }>(
				`select to_jsonb(public.search_challenges($1::jsonb)) as r`,
				[JSON.stringify({ q: WORD })]
			);
			// Its own change, not the cached answer from before it.
			expect(rows[0]?.r.total).toBe(0);
			await client.query('rollback');
		} finally {
			await client.query('rollback').catch(() => {});
			client.release();
		}
		expect(await cacheRows()).toHaveLength(1);
		expect((await search({ q: WORD })).total).toBe(1);
	});

	it('still answers when the cache cannot be written', async () => {
		await insertOpen('a');
		const blocker = await db().connect();
		const searcher = await db().connect();
		try {
			// EXCLUSIVE lets readers through but no INSERT.
			await blocker.query('begin');
			await blocker.query('lock table private.search_cache in exclusive mode');
			await searcher.query('begin');
			await searcher.query(`set local lock_timeout = '200ms'`);
			await searcher.query('set local role anon');
			const { rows } = await searcher.query<{ r: Result }>(
				`select to_jsonb(public.search_challenges($1::jsonb)) as r`,
				[JSON.stringify({ q: WORD })]
			);
			expect(rows[0]?.r.total).toBe(1);
			await searcher.query('commit');
			await blocker.query('commit');
		} finally {
			await searcher.query('rollback').catch(() => {});
			await blocker.query('rollback').catch(() => {});
			searcher.release();
			blocker.release();
		}
		expect(await cacheRows()).toHaveLength(0);
	});

	it('answers a read-only request (GET /rpc) without writing to the cache', async () => {
		await insertOpen('a');
		const result = await searchReadOnly({ q: WORD });
		expect(result.total).toBe(1);
		expect(slugs(result)).toEqual([`${SLUG}-a`]);
		expect(await cacheRows()).toHaveLength(0);
		// Not an object inside the string: a client error, not a server one.
		const bad = await gatewayFetch('/rest/v1/rpc/search_challenges?params=not-json');
		expect(bad.status).toBe(400);
	});

	it('stores nothing while turned off', async () => {
		await insertOpen('a');
		await db().query('update private.search_state set cache_enabled = false');
		expect((await search({ q: WORD })).total).toBe(1);
		expect((await search({ q: WORD })).total).toBe(1);
		expect(await cacheRows()).toHaveLength(0);
	});

	it('is out of reach for visitors', async () => {
		// Not exposed through the API …
		const rpc = await gatewayFetch('/rest/v1/rpc/search_cached', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}'
		});
		expect(rpc.status).toBe(404);
		const table = await gatewayFetch('/rest/v1/search_cache?select=*');
		expect(table.status).toBe(404);
		// … and not readable, writable or callable as anon in SQL either.
		const client = await db().connect();
		try {
			for (const sql of [
				'select * from private.search_cache',
				`insert into private.search_cache (key, generation, result) values ('x', 0, '{}')`,
				'update private.search_state set generation = 0',
				'select private.search_state_bump()'
			]) {
				await client.query('begin');
				await client.query('set local role anon');
				await expect(client.query(sql), sql).rejects.toThrow(/permission denied/);
				await client.query('rollback');
			}
		} finally {
			await client.query('rollback').catch(() => {});
			client.release();
		}
	});
});
