// The vendor directory's word search through PostgREST with the anon key, as the app runs it.
import { afterAll, describe, expect, it } from 'vitest';
import { listVendors } from '../../src/lib/server/db/organisations';
import { anonClient, closePool, db } from './helpers/stack';

afterAll(closePool);

const search = (q: string) =>
	listVendors(anonClient(), { q, domain: [], country: null, page: 1 }, 'en');

describe('vendor directory search', () => {
	it('finds a vendor by words of its profile, every word required', async () => {
		const { rows } = await db().query<{ name: string }>(
			`select name from public.organisations
			 where kind = 'vendor' and profile ilike '%parking%' and profile ilike '%sensors%'
			 order by name`
		);
		expect(rows.map((r) => r.name)).toContain('ParkFlow');
		const found = await search('parking sensors');
		expect(found.vendors.map((v) => v.name)).toEqual(rows.map((r) => r.name));
		expect((await search('parking nonexistentword')).total).toBe(0);
		// by name, as before
		expect((await search('Park')).vendors.map((v) => v.name)).toContain('ParkFlow');
	});

	it('takes reserved characters literally', async () => {
		for (const q of ['a,b(c)"d', 'x.y:z', '50%', 'back\\slash']) {
			const found = await search(q);
			expect(found.total, q).toBe(0);
		}
	});
});
