// Places in search (supabase/migrations/20261203000000_baseline.sql, sections 8 and 10): country and
// region names make challenges findable, renames reach the search documents, and the countries
// table is reference data visitors may read but not change. Through PostgREST with the anon key;
// the superuser pool only renames and restores.
import { afterAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../src/lib/domain/challenges/search-query';
import { hitFromRow } from '../../src/lib/server/search/postgres';
import { anonClient, closePool, db } from './helpers/stack';

afterAll(closePool);

async function found(words: string): Promise<string[]> {
	const { data, error } = await anonClient().rpc('search_challenge_ids', { params: { q: words } });
	if (error) throw new Error(error.message);
	return data;
}

async function publicIdsIn(where: string, params: unknown[]): Promise<string[]> {
	const { rows } = await db().query<{ id: string }>(
		`select c.id from public.challenges c join public.cities ci on ci.id = c.city_id
		 where c.status not in ('draft', 'withdrawn') and ${where} order by c.id`,
		params
	);
	return rows.map((r) => r.id);
}

describe('countries', () => {
	it('can be read by visitors and changed by nobody but the owner', async () => {
		const { data, error } = await anonClient()
			.from('countries')
			.select('code, name')
			.eq('code', 'VN');
		expect(error).toBeNull();
		expect(data).toEqual([{ code: 'VN', name: 'Vietnam' }]);
		const insert = await anonClient().from('countries').insert({ code: 'QQ', name: 'Nowhere' });
		expect(insert.error?.code).toBe('42501');
		const update = await anonClient()
			.from('countries')
			.update({ name: 'X' })
			.eq('code', 'VN')
			.select();
		expect(update.error?.code).toBe('42501');
		const remove = await anonClient().from('countries').delete().eq('code', 'VN').select();
		expect(remove.error?.code).toBe('42501');
		const { rows } = await db().query(`select name from public.countries where code = 'VN'`);
		expect(rows).toEqual([{ name: 'Vietnam' }]);
	});

	it('cities’ Chinese names are readable by visitors; a blank one is refused', async () => {
		const { data, error } = await anonClient()
			.from('cities')
			.select('slug, name_zh')
			.eq('slug', 'shanghai');
		expect(error).toBeNull();
		expect(data).toEqual([{ slug: 'shanghai', name_zh: '上海' }]);
		await expect(
			db().query(`update public.cities set name_zh = '  ' where slug = 'shanghai'`)
		).rejects.toThrow(/cities_name_zh_length/);
	});

	it('cities’ time zones are readable by visitors; only full IANA names are stored', async () => {
		const { data, error } = await anonClient()
			.from('cities')
			.select('slug, time_zone')
			.in('slug', ['da-nang', 'curitiba'])
			.order('slug');
		expect(error).toBeNull();
		expect(data).toEqual([
			{ slug: 'curitiba', time_zone: 'America/Sao_Paulo' },
			{ slug: 'da-nang', time_zone: 'Asia/Ho_Chi_Minh' }
		]);
		// an unknown name, an abbreviation browsers refuse, the tz data's posix/ copy, an offset
		for (const zone of ['Mars/Olympus', 'CEST', 'posix/Asia/Dubai', '+07', '']) {
			await expect(
				db().query(`update public.cities set time_zone = $1 where slug = 'da-nang'`, [zone])
			).rejects.toThrow(/cities_time_zone_known/);
		}
		// a visitor cannot change it (no write grant, no policy)
		const { error: denied } = await anonClient()
			.from('cities')
			.update({ time_zone: 'Europe/Paris' })
			.eq('slug', 'da-nang');
		expect(denied).not.toBeNull();
		const { rows } = await db().query<{ time_zone: string }>(
			`select time_zone from public.cities where slug = 'da-nang'`
		);
		expect(rows[0]?.time_zone).toBe('Asia/Ho_Chi_Minh');
	});

	it('refuses a malformed code', async () => {
		await expect(
			db().query(`insert into public.countries (code, name) values ('vn', 'lower case')`)
		).rejects.toThrow(/countries_code_format/);
	});
});

describe('searching by place', () => {
	it('finds every public challenge of a country or region by its name', async () => {
		const vietnam = await publicIdsIn(`ci.country = 'VN'`, []);
		expect(vietnam.length).toBeGreaterThan(0);
		expect(await found('Vietnam')).toEqual(expect.arrayContaining(vietnam));
		const africa = await publicIdsIn(`ci.region = 'africa'`, []);
		expect(africa.length).toBeGreaterThan(0);
		expect(await found('Africa')).toEqual(expect.arrayContaining(africa));
	});

	it('finds a city’s challenges by its Chinese name, and follows a new one', async () => {
		const daNang = await publicIdsIn(`ci.slug = 'da-nang'`, []);
		const shanghai = await publicIdsIn(`ci.slug = 'shanghai'`, []);
		expect(daNang.length).toBeGreaterThan(0);
		expect((await found('岘港')).sort()).toEqual(daNang);
		expect((await found('上海')).sort()).toEqual(shanghai);
		// 港市 is in no text until the rename (Chinese is indexed as bigrams: 岘港市 → 岘港 港市).
		expect(await found('港市')).toEqual([]);
		try {
			await db().query(`update public.cities set name_zh = '岘港市' where slug = 'da-nang'`);
			expect((await found('岘港市')).sort()).toEqual(daNang);
			expect((await found('港市')).sort()).toEqual(daNang);
		} finally {
			await db().query(`update public.cities set name_zh = '岘港' where slug = 'da-nang'`);
		}
		expect((await found('岘港')).sort()).toEqual(daNang);
		expect(await found('港市')).toEqual([]);
	});

	it('finds a city’s challenges by a country added later', async () => {
		const { rows } = await db().query<{ id: string; country: string }>(
			`select id, country from public.cities where slug = 'tallinn'`
		);
		const city = rows[0]!;
		const tallinn = await publicIdsIn(`ci.slug = 'tallinn'`, []);
		try {
			await db().query(`update public.cities set country = 'QZ' where id = $1`, [city.id]);
			expect(await found('Quokkastan')).toEqual([]);
			await db().query(`insert into public.countries (code, name) values ('QZ', 'Quokkastan')`);
			expect((await found('Quokkastan')).sort()).toEqual(tallinn);
		} finally {
			await db().query(`update public.cities set country = $2 where id = $1`, [
				city.id,
				city.country
			]);
			await db().query(`delete from public.countries where code = 'QZ'`);
		}
	});

	it('completes a known word only with its own endings', async () => {
		const { rows } = await db().query<{ q: string }>(
			`select private.search_tsquery('bus')::text as q`
		);
		expect(rows[0]!.q).toContain(`'buse'`); // "buses"
		expect(rows[0]!.q).not.toContain('busi'); // "business"
		const sens = await db().query<{ q: string }>(
			`select private.search_tsquery('sens')::text as q`
		);
		expect(sens.rows[0]!.q).toContain(`'sensor'`);
	});

	it('follows a renamed region or country at once', async () => {
		const kenya = await publicIdsIn(`ci.country = 'KE'`, []);
		const africa = await publicIdsIn(`ci.region = 'africa'`, []);
		expect(kenya.length).toBeGreaterThan(0);
		try {
			await db().query(`update public.countries set name = 'Quokkaland' where code = 'KE'`);
			await db().query(`update public.regions set name = 'Wombatia' where slug = 'africa'`);
			expect((await found('Quokkaland')).sort()).toEqual(kenya);
			expect((await found('Wombatia')).sort()).toEqual(africa);
			expect(await found('Kenya')).toEqual([]);
		} finally {
			await db().query(`update public.countries set name = 'Kenya' where code = 'KE'`);
			await db().query(`update public.regions set name = 'Africa' where slug = 'africa'`);
		}
		expect((await found('Kenya')).sort()).toEqual(kenya);
	});
});

describe('the same problem in other cities', () => {
	async function similar(slug: string, max = 6): Promise<SearchHit[]> {
		const { rows } = await db().query<{ id: string }>(
			'select id from public.challenges where slug = $1',
			[slug]
		);
		const { data, error } = await anonClient().rpc('similar_challenges', {
			challenge_id: rows[0]!.id,
			max_results: max
		});
		if (error) throw new Error(error.message);
		return data.map(hitFromRow);
	}

	it('lists other cities’ challenges on the same problem first, open ones before the rest', async () => {
		const hits = await similar('da-nang-flood-sensors-han-river', 24);
		expect(hits.length).toBeGreaterThan(3);
		expect(hits.every((h) => h.city.slug !== 'da-nang')).toBe(true);
		for (const slug of ['chonburi-coastal-flood-sensors', 'surabaya-tidal-flood-sensors']) {
			expect(hits.map((h) => h.slug)).toContain(slug);
		}
		const ranks = hits.map((h) => h.rank ?? 0);
		expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
		expect(hits[0]!.slug).toMatch(/flood/);
		// Lisbon's flood warning is in review (no longer taking proposals): below the open ones
		// that share as many of the words.
		const at = (slug: string) => hits.findIndex((h) => h.slug === slug);
		expect(at('lisbon-baixa-flood-early-warning')).toBeGreaterThan(
			at('surabaya-tidal-flood-sensors')
		);
	});

	it('needs two of the title’s words in a candidate’s own title or summary', async () => {
		const hits = await similar('dubai-smart-parking-guidance', 24);
		expect(hits.map((h) => h.slug)).toEqual(
			expect.arrayContaining(['barcelona-smart-parking-loading-bays', 'pune-smart-parking-sensors'])
		);
		// Shares only "smart" in its title (and "parking" somewhere in its description).
		expect(hits.map((h) => h.slug)).not.toContain('da-nang-tourist-mobility-data');
		expect(hits[0]!.slug).toMatch(/parking/);
	});

	it('is not crowded out by challenges that share only place words with the title', async () => {
		// "Southeast Asia" is in the search document of every challenge of the region (weight D).
		// 210 open challenges there in the same domain outscore, on those words and the boosts, a
		// decided one elsewhere whose summary shares "lantern survey": it must still be listed.
		const prefix = 'similar-place-words';
		const setup = db();
		try {
			await setup.query(
				`with c as (
				   select array_agg(id order by slug) filter (where region = 'southeast-asia') as sea,
				          array_agg(id order by slug) filter (where region = 'europe') as eu
				   from public.cities)
				 insert into public.challenges
				   (slug, city_id, organisation_id, title, summary, domain, status, outcome, published_at)
				 select n.slug, n.city, ci.organisation_id, n.title, n.summary, n.domain, n.status, n.outcome, now()
				 from (
				   select $1 || '-source' as slug, sea[1] as city, 'Lantern survey across Southeast Asia' as title,
				          'Counting at dusk.' as summary, 'environment'::public.challenge_domain as domain,
				          'open'::public.challenge_status as status, null::public.challenge_outcome as outcome from c
				   union all
				   select $1 || '-elsewhere', eu[1], 'Night census', 'A lantern survey of the old town.',
				          'environment', 'decided', 'not_awarded' from c
				   union all
				   select $1 || '-crowd-' || g, sea[2 + g % (cardinality(sea) - 1)], 'Unrelated ' || g,
				          'Nothing in common.', 'environment', 'open', null
				   from c, generate_series(1, 210) as g
				 ) n join public.cities ci on ci.id = n.city`,
				[prefix]
			);
			const hits = await similar(`${prefix}-source`, 6);
			expect(hits.map((h) => h.slug)).toEqual([`${prefix}-elsewhere`]);
		} finally {
			await setup.query(`delete from public.challenges where slug like $1 || '-%'`, [prefix]);
		}
	});

	it('builds its pairs from the first ten words of a long title, not the first ten A to Z', async () => {
		// Twelve title words; "zoning" and "yards" come first in the title and last A to Z.
		const prefix = 'similar-long-title';
		try {
			await db().query(
				`with c as (select array_agg(id order by slug) as ids from public.cities)
				 insert into public.challenges
				   (slug, city_id, organisation_id, title, summary, domain, status, published_at)
				 select n.slug, n.city, ci.organisation_id, n.title, n.summary, n.domain, 'open', now()
				 from (
				   select $1 || '-source' as slug, ids[1] as city,
				          'Zoning yards: alpha beta gamma delta epsilon eta theta iota kappa lambda' as title,
				          'A title of twelve words.' as summary, 'mobility'::public.challenge_domain as domain from c
				   union all
				   select $1 || '-match', ids[2], 'Zoning yards for trucks', 'Freight depots at the port.', 'mobility'
				   from c
				 ) n join public.cities ci on ci.id = n.city`,
				[prefix]
			);
			const hits = await similar(`${prefix}-source`, 6);
			expect(hits.map((h) => h.slug)).toContain(`${prefix}-match`);
		} finally {
			await db().query(`delete from public.challenges where slug like $1 || '-%'`, [prefix]);
		}
	});

	it('never lists drafts or withdrawn challenges', async () => {
		const { rows } = await db().query<{ slug: string }>(
			`select slug from public.challenges where status in ('draft', 'withdrawn')`
		);
		const hidden = new Set(rows.map((r) => r.slug));
		for (const slug of ['da-nang-flood-sensors-han-river', 'dubai-smart-parking-guidance']) {
			for (const h of await similar(slug, 24)) expect(hidden.has(h.slug)).toBe(false);
		}
	});
});
