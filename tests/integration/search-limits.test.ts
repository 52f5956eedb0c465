import { afterAll, describe, expect, it } from 'vitest';
import { anonClient, closePool, db } from './helpers/stack';

afterAll(closePool);

describe('search limits for visitors', () => {
	it('does not expose the search helpers through the API', async () => {
		// The whole list of what visitors may call is tests/integration/api-surface.test.ts.
		for (const fn of [
			'search_core',
			'search_similar',
			'search_tsquery',
			'search_words',
			'search_cached'
		]) {
			const { error } = await anonClient().rpc(fn as never, {} as never);
			expect(error?.code, fn).toBe('PGRST202');
		}
	});

	it('refuses an oversized parameter object before doing any work', async () => {
		const city = Array.from({ length: 3000 }, (_, i) => `city-number-${i}`);
		const { error } = await anonClient().rpc('search_challenges', {
			params: { q: 'mobility', city }
		});
		expect(error?.code).toBe('22023');
		expect(error?.message).toMatch(/too large/);
	});

	it('refuses more filter values than the app ever sends', async () => {
		const city = Array.from({ length: 60 }, (_, i) => `c${i}`);
		const { error } = await anonClient().rpc('search_challenges', { params: { city } });
		expect(error?.code).toBe('22023');
	});

	it('reads only the first 200 characters of a query, wherever it comes from', async () => {
		// Twelve long random words (~190 KB): before, each went through the typo step whole; at 48k
		// characters a word that took 17 s and hit the 3 s statement timeout.
		const words = Array.from({ length: 12 }, (_, i) =>
			Array.from({ length: 16_000 }, (_, j) =>
				String.fromCharCode(97 + ((i * 7 + j * j) % 26))
			).join('')
		);
		const q = `water ${words.join(' ')}`;
		const { rows } = await db().query<{ whole: string; head: string }>(
			'select private.search_tsquery($1)::text as whole, private.search_tsquery(left($1, 200))::text as head',
			[q]
		);
		expect(rows[0]?.whole).toBe(rows[0]?.head);
		expect(rows[0]?.whole).toContain('water');
	});

	it('clamps limit and offset', async () => {
		const { data, error } = await anonClient().rpc('search_challenges', {
			params: { limit: 100000, offset: -5 }
		});
		expect(error).toBeNull();
		expect(data?.hits?.length).toBeLessThanOrEqual(50);
	});

	it('gives visitors the same statement time limits as a hosted Supabase project', async () => {
		const { rows } = await db().query<{ rolname: string; rolconfig: string[] }>(
			`select rolname, rolconfig from pg_roles where rolname in ('anon', 'authenticated') order by 1`
		);
		expect(rows).toEqual([
			{ rolname: 'anon', rolconfig: ['statement_timeout=3s'] },
			{ rolname: 'authenticated', rolconfig: ['statement_timeout=8s'] }
		]);
	});
});
