// search_challenge_ids (supabase/migrations/20261203000000_baseline.sql, sections 12 and 14): every
// match of a list search as ids, for exports, through PostgREST with the anon key, checked against
// the list's own pages and against direct SQL on the demo seed.
import { afterAll, describe, expect, it } from 'vitest';
import type { Json } from '../../src/lib/database.types';
import { anonClient, closePool, db } from './helpers/stack';

afterAll(closePool);

type Params = { [key: string]: Json };

async function ids(params: Params, extra: { upcoming?: boolean; max_ids?: number } = {}) {
	const { data, error } = await anonClient().rpc('search_challenge_ids', { params, ...extra });
	if (error) throw new Error(error.message);
	return data as string[];
}

/** Every hit of the list search, page by page (50 per page), and the mode that answered. */
async function allPages(params: Params) {
	const out: string[] = [];
	let mode = '';
	for (let offset = 0; ; offset += 50) {
		const { data, error } = await anonClient().rpc('search_challenges', {
			params: { ...params, limit: 50, offset }
		});
		if (error) throw new Error(error.message);
		const result = data as { total: number; hits: { id: string }[]; mode: string };
		mode = result.mode;
		out.push(...result.hits.map((h) => h.id));
		if (offset + 50 >= result.total) return { ids: out, mode };
	}
}

describe('search_challenge_ids', () => {
	it.each([
		['a keyword, by relevance', { q: 'flood' }, 'fts'],
		['a typo and a synonym', { q: 'EV chargng' }, 'fts'],
		['a keyword with filters', { q: 'water', domain: ['utilities', 'environment'] }, 'fts'],
		['a keyword by deadline', { q: 'mobility', sort: 'deadline' }, 'fts'],
		['a keyword, newest first', { q: 'sensors', sort: 'newest' }, 'fts'],
		['the trigram fallback', { q: 'smartparking' }, 'trigram'],
		['no keyword', { region: ['southeast-asia'] }, 'all']
	])('gives the list search’s hits in its order: %s', async (_, params, mode) => {
		const list = await allPages(params);
		expect(list.mode).toBe(mode);
		expect(list.ids.length).toBeGreaterThan(0);
		expect(await ids(params)).toEqual(list.ids);
	});

	it('never returns drafts or withdrawn challenges', async () => {
		const { rows } = await db().query<{ id: string; word: string }>(
			`select id, split_part(title, ' ', 1) as word from public.challenges
			 where status in ('draft', 'withdrawn')`
		);
		expect(rows.length).toBeGreaterThan(0);
		const hidden = new Set(rows.map((r) => r.id));
		for (const { word } of rows) {
			for (const id of await ids({ q: word })) expect(hidden.has(id), word).toBe(false);
		}
		for (const id of await ids({ status: ['draft', 'withdrawn'] })) {
			expect(hidden.has(id)).toBe(false);
		}
	});

	it('keeps only deadlines still ahead when asked, in the database', async () => {
		const every = await ids({ q: 'city', sort: 'deadline' });
		const upcoming = await ids({ q: 'city', sort: 'deadline' }, { upcoming: true });
		const { rows } = await db().query<{ id: string; ahead: boolean }>(
			'select id, coalesce(deadline > now(), false) as ahead from public.challenges where id = any ($1)',
			[every]
		);
		const ahead = new Set(rows.filter((r) => r.ahead).map((r) => r.id));
		expect(ahead.size).toBeGreaterThan(0);
		expect(ahead.size).toBeLessThan(every.length);
		expect(upcoming).toEqual(every.filter((id) => ahead.has(id)));
	});

	it('stops at max_ids, ignores limit and offset, and clamps a huge max', async () => {
		const every = await ids({ q: 'city' });
		expect(every.length).toBeGreaterThan(3);
		expect(await ids({ q: 'city' }, { max_ids: 3 })).toEqual(every.slice(0, 3));
		expect(await ids({ q: 'city', limit: 2, offset: 5 })).toEqual(every);
		expect(await ids({ q: 'city' }, { max_ids: -5 })).toEqual(every.slice(0, 1));
		expect(await ids({ q: 'city', limit: 'x', offset: 'y' })).toEqual(every);
	});
});

describe('search input limits', () => {
	it('answers a query whose words grow when accents and ligatures are unfolded', async () => {
		// 'ﬃ' unfolds to 'ffi': 40 × 'traﬃc' is a 200-character query and a 280-character word.
		const q = 'tra\ufb03c'.repeat(40);
		for (const fn of ['search_challenges', 'search_challenge_ids'] as const) {
			const { error } = await anonClient().rpc(fn, { params: { q } });
			expect(error, fn).toBeNull();
		}
	});

	it('builds snippets from the first 2,000 characters of summary and description', async () => {
		const { rows } = await db().query<{ id: string; slug: string }>(
			`select id, slug from public.challenges where status = 'open' order by slug limit 1`
		);
		const { id, slug } = rows[0]!;
		const before = await db().query<{ description: string }>(
			'select description from public.challenges where id = $1',
			[id]
		);
		try {
			// A word no challenge uses, once early and once far past the cut.
			await db().query(
				`update public.challenges
				 set description = 'Early quaggaphone. ' || repeat('Filler words here. ', 400) || ' Late quaggaphone.'
				 where id = $1`,
				[id]
			);
			const { data, error } = await anonClient().rpc('search_challenges', {
				params: { q: 'quaggaphone' }
			});
			expect(error).toBeNull();
			const hit = (data as { hits: { slug: string; snippet: string }[] }).hits[0]!;
			expect(hit.slug).toBe(slug);
			// The database marks matches with U+E000/U+E001; the app picks and escapes (snippet.ts).
			expect(hit.snippet).toContain('\uE000quaggaphone\uE001');
			expect(hit.snippet).not.toMatch(/Late/);
		} finally {
			await db().query('update public.challenges set description = $2 where id = $1', [
				id,
				before.rows[0]!.description
			]);
		}
	});
});
