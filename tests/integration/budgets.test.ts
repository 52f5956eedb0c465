// Budgets comparable (issue 16, item 7), through the gateway as a visitor: the rates table, the
// budgets in USD, and the list's budget filter and sort, each checked against a direct SQL query
// on the demo data (superuser), which converts with public.currency_rates itself.
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLIC_STATUSES } from '../../src/lib/domain/challenges/vocabulary';
import { anonClient, closePool, db } from './helpers/stack';

afterAll(closePool);

const PUBLIC = `c.status = any('{${PUBLIC_STATUSES.join(',')}}'::public.challenge_status[])`;
/** The budget's range in USD, as SQL on the demo data says (not the search's own columns). */
const LOW = 'coalesce(c.budget_min, c.budget_max) * r.usd_per_unit';
const HIGH = 'coalesce(c.budget_max, c.budget_min) * r.usd_per_unit';

async function sqlIds(where: string, order = 'c.id'): Promise<string[]> {
	const { rows } = await db().query<{ id: string }>(
		`select c.id from public.challenges c left join public.currency_rates r on r.currency = c.currency
		 where ${PUBLIC} and ${where} order by ${order}`
	);
	return rows.map((r) => r.id);
}

/** Every id the list search gives for these params, page by page (as a visitor). */
async function searchIds(params: Record<string, unknown>): Promise<string[]> {
	const out: string[] = [];
	for (let offset = 0; offset < 1000; offset += 50) {
		const { data, error } = await anonClient().rpc('search_challenges', {
			params: { ...params, limit: 50, offset }
		});
		expect(error).toBeNull();
		const hits = data?.hits ?? [];
		out.push(...hits.map((h) => h.id as string));
		if (hits.length < 50) break;
	}
	return out;
}

describe('currency rates', () => {
	it('a visitor reads every rate, each with its date and an illustrative note', async () => {
		const { data, error } = await anonClient()
			.from('currency_rates')
			.select('currency, usd_per_unit, as_of, note');
		expect(error).toBeNull();
		const { rows } = await db().query<{ n: number }>(
			'select count(*)::int as n from public.currencies'
		);
		expect(data).toHaveLength(rows[0]!.n);
		for (const r of data ?? []) {
			expect(r.usd_per_unit).toBeGreaterThan(0);
			expect(r.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(r.note).toMatch(/illustrative/i);
		}
	});

	it('a visitor cannot change a rate', async () => {
		const client = anonClient();
		const inserted = await client
			.from('currency_rates')
			.insert({ currency: 'XAU', usd_per_unit: 1, as_of: '2026-12-01' });
		expect(inserted.error).not.toBeNull();
		const updated = await client
			.from('currency_rates')
			.update({ usd_per_unit: 1 })
			.eq('currency', 'VND')
			.select();
		// Refused outright or nothing it may update: either way the rate stays.
		expect(updated.data ?? []).toHaveLength(0);
		const { rows } = await db().query<{ rate: string }>(
			`select usd_per_unit::text as rate from public.currency_rates where currency = 'VND'`
		);
		expect(Number(rows[0]!.rate)).toBeLessThan(0.001);
	});

	it('a challenge carries its budget in USD and the rate date (computed columns)', async () => {
		const { data, error } = await anonClient()
			.from('challenges')
			.select(
				'slug, budget_min, budget_max, currency, budget_min_usd, budget_max_usd, budget_usd_as_of'
			)
			.not('currency', 'is', null)
			.neq('currency', 'USD')
			.not('budget_max', 'is', null)
			.limit(5);
		expect(error).toBeNull();
		expect(data?.length).toBeGreaterThan(0);
		for (const c of data ?? []) {
			const { rows } = await db().query<{ rate: string; as_of: string }>(
				`select usd_per_unit::text as rate, as_of::text from public.currency_rates where currency = $1`,
				[c.currency]
			);
			expect(c.budget_max_usd).toBeCloseTo(Number(c.budget_max) * Number(rows[0]!.rate), 2);
			expect(c.budget_usd_as_of).toBe(rows[0]!.as_of);
		}
	});
});

describe('the list by budget (postgres engine, as a visitor)', () => {
	it.each([
		[{ min_usd: 100000 }, `${HIGH} >= 100000`],
		[{ max_usd: 150000 }, `${LOW} <= 150000`],
		[{ min_usd: 100000, max_usd: 300000 }, `${HIGH} >= 100000 and ${LOW} <= 300000`],
		// Reversed bounds: the same range.
		[{ min_usd: 300000, max_usd: 100000 }, `${HIGH} >= 100000 and ${LOW} <= 300000`]
	])('the range %o gives what SQL gives', async (params, where) => {
		const expected = await sqlIds(where);
		expect(expected.length).toBeGreaterThan(0);
		expect((await searchIds(params)).toSorted()).toEqual(expected.toSorted());
	});

	it('with a keyword and a facet too', async () => {
		const expected = await sqlIds(
			`${HIGH} >= 200000 and c.domain = 'environment' and c.title ilike '%flood%'`
		);
		expect(expected.length).toBeGreaterThan(0);
		const found = await searchIds({ q: 'flood', domain: ['environment'], min_usd: 200000 });
		// The keyword also finds flood in summaries and descriptions: every title match is there,
		// and nothing outside the range.
		for (const id of expected) expect(found).toContain(id);
		const outside = new Set(await sqlIds(`not coalesce(${HIGH} >= 200000, false)`));
		expect(found.some((id) => outside.has(id))).toBe(false);
	});

	it('facet counts respect the range', async () => {
		const { data } = await anonClient().rpc('search_challenges', {
			params: { max_usd: 100000 }
		});
		const { rows } = await db().query<{ domain: string; n: number }>(
			`select c.domain::text as domain, count(*)::int as n
			 from public.challenges c join public.currency_rates r on r.currency = c.currency
			 where ${PUBLIC} and ${LOW} <= 100000 group by 1`
		);
		const counts = Object.fromEntries((data?.facets?.domain ?? []).map((v) => [v.value, v.count]));
		expect(counts).toEqual(Object.fromEntries(rows.map((r) => [r.domain, r.n])));
		expect(data?.total).toBe(rows.reduce((n, r) => n + r.n, 0));
	});

	it('sorts by budget, largest first, challenges without one last', async () => {
		const expected = await sqlIds(
			'true',
			`${HIGH} desc nulls last, (c.status <> 'open'), c.deadline, c.published_at desc nulls last, c.id`
		);
		expect(await searchIds({ sort: 'budget' })).toEqual(expected);
		// With a range: the same order, narrowed.
		const narrowed = await sqlIds(
			`${LOW} <= 500000`,
			`${HIGH} desc nulls last, (c.status <> 'open'), c.deadline, c.published_at desc nulls last, c.id`
		);
		expect(await searchIds({ sort: 'budget', max_usd: 500000 })).toEqual(narrowed);
	});

	it('the export ids follow the same range and order', async () => {
		const expected = await sqlIds(
			`${HIGH} >= 100000`,
			`${HIGH} desc nulls last, (c.status <> 'open'), c.deadline, c.published_at desc nulls last, c.id`
		);
		const { data, error } = await anonClient().rpc('search_challenge_ids', {
			params: { sort: 'budget', min_usd: 100000 }
		});
		expect(error).toBeNull();
		expect(data).toEqual(expected);
	});

	it('the result cache keeps ranges apart', async () => {
		const total = async (params: Record<string, number>) =>
			(await anonClient().rpc('search_challenges', { params })).data?.total;
		const wide = await total({ min_usd: 10000 });
		const narrow = await total({ min_usd: 1000000 });
		expect(narrow).toBeLessThan(wide!);
		expect(await total({ min_usd: 10000 })).toBe(wide);
	});

	it('a new rate moves the challenges of its currency at once', async () => {
		const [vnd] = await sqlIds(`c.currency = 'VND' and c.budget_max is not null`);
		expect(vnd).toBeDefined();
		const { rows } = await db().query<{ rate: string }>(
			`select usd_per_unit::text as rate from public.currency_rates where currency = 'VND'`
		);
		const before = await searchIds({ min_usd: 100000000 });
		expect(before).not.toContain(vnd);
		try {
			// A million times the rate: its billions of đồng become billions of dollars.
			await db().query(
				`update public.currency_rates set usd_per_unit = usd_per_unit * 1000000 where currency = 'VND'`
			);
			expect(await searchIds({ min_usd: 100000000 })).toContain(vnd);
		} finally {
			await db().query(
				`update public.currency_rates set usd_per_unit = $1 where currency = 'VND'`,
				[rows[0]!.rate]
			);
		}
		expect(await searchIds({ min_usd: 100000000 })).not.toContain(vnd);
	});
});
