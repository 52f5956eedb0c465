import { afterAll, describe, expect, it } from 'vitest';
import { anonClient, closePool, db } from './helpers/stack';

afterAll(closePool);

describe('search limits for visitors', () => {
	it('does not expose the owner-rights helpers through the API', async () => {
		for (const fn of ['search_core', 'search_similar']) {
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

	it('reads only the first 200 characters of a query given to search_tsquery directly', async () => {
		// Twelve long random words (~190 KB): before, each went through the typo step whole; at 48k
		// characters a word that took 17 s and hit the 3 s statement timeout.
		const words = Array.from({ length: 12 }, (_, i) =>
			Array.from({ length: 16_000 }, (_, j) =>
				String.fromCharCode(97 + ((i * 7 + j * j) % 26))
			).join('')
		);
		const q = `water ${words.join(' ')}`;
		const whole = await anonClient().rpc('search_tsquery', { q });
		const head = await anonClient().rpc('search_tsquery', { q: q.slice(0, 200) });
		expect(whole.error).toBeNull();
		expect(head.error).toBeNull();
		expect(whole.data).toBe(head.data);
		expect(String(whole.data)).toContain('water');
	});

	it('does not let visitors call the lexicon helper search_words', async () => {
		const { error } = await anonClient().rpc('search_words', { doc: 'flood sensors' });
		expect(error?.code).toBe('42501');
	});

	it('clamps limit and offset', async () => {
		const { data, error } = await anonClient().rpc('search_challenges', {
			params: { limit: 100000, offset: -5 }
		});
		expect(error).toBeNull();
		expect((data as { hits: unknown[] }).hits.length).toBeLessThanOrEqual(50);
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
