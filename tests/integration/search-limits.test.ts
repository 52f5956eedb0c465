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
