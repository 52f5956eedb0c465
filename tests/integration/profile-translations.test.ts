// City descriptions and organisation profiles in more than one language (issue 16, item 9;
// 20261207001800_city_organisation_translations.sql) through the gateway with real tokens: the
// admins who speak for a text add, change and remove its versions; everyone else is refused with
// the database's key; a version is never in the original's language; visitors read the versions;
// nobody writes the tables directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, cleanup, makeWorld, rpc, type World } from './helpers/orgs';
import { closePool, db } from './helpers/stack';

let world: World;
let cityId: string;

beforeAll(async () => {
	world = await makeWorld();
	const { rows } = await db().query<{ id: string }>(
		`insert into public.cities (slug, name, country, region, profile, organisation_id)
		 values ($1, 'IT city', 'MY', 'southeast-asia', 'A test city on the coast.', $2) returning id`,
		[`it-${world.run}-city`, world.orgs.city.id]
	);
	cityId = rows[0]!.id;
}, 60_000);

afterAll(async () => {
	if (world)
		await db().query(`delete from public.cities where slug = $1`, [`it-${world.run}-city`]);
	await cleanup(world);
	await closePool();
});

const token = (who: keyof World['actors']) => world.actors[who].token;
const orgArgs = (language: string, profile = '一个测试机构。') => ({
	org: world.orgs.city.id,
	language,
	profile
});
const cityArgs = (language: string, profile = '一个沿海的测试城市。') => ({
	city: cityId,
	language,
	profile
});

async function read(table: string, column: string, id: string, token: string | null = null) {
	const res = await api(token, `/rest/v1/${table}?${column}=eq.${id}&select=language,profile`);
	expect(res.status).toBe(200);
	return (await res.json()) as { language: string; profile: string }[];
}

async function auditActions(target: string) {
	const { rows } = await db().query<{ action: string }>(
		`select action from public.audit_log where target = $1 order by id`,
		[target]
	);
	return rows.map((r) => r.action);
}

describe('an organisation admin', () => {
	it('adds, changes and removes a version of the profile, audited; visitors read it', async () => {
		const added = await rpc(
			token('cityAdmin'),
			'set_organisation_profile_translation',
			orgArgs('zh')
		);
		expect(added.status).toBe(200);
		expect(added.body).toMatchObject({ language: 'zh', profile: '一个测试机构。' });
		expect(await read('organisation_translations', 'organisation_id', world.orgs.city.id)).toEqual([
			{ language: 'zh', profile: '一个测试机构。' }
		]);

		const changed = await rpc(
			token('cityAdmin'),
			'set_organisation_profile_translation',
			orgArgs('zh', '  修改后的简介。 ')
		);
		expect(changed.status).toBe(200);
		expect(await read('organisation_translations', 'organisation_id', world.orgs.city.id)).toEqual([
			{ language: 'zh', profile: '修改后的简介。' }
		]);

		const removed = await rpc(token('cityAdmin'), 'remove_organisation_profile_translation', {
			org: world.orgs.city.id,
			language: 'zh'
		});
		expect(removed.status).toBe(204);
		expect(await read('organisation_translations', 'organisation_id', world.orgs.city.id)).toEqual(
			[]
		);
		expect(await auditActions(`organisation:${world.orgs.city.id}`)).toEqual(
			expect.arrayContaining([
				'organisation.translation_added',
				'organisation.translation_changed',
				'organisation.translation_removed'
			])
		);
	});

	it("adds, changes and removes a version of their city's description; visitors read it", async () => {
		expect(
			(await rpc(token('cityAdmin'), 'set_city_profile_translation', cityArgs('zh'))).status
		).toBe(200);
		expect(await read('city_translations', 'city_id', cityId)).toEqual([
			{ language: 'zh', profile: '一个沿海的测试城市。' }
		]);
		expect(
			(await rpc(token('cityAdmin'), 'set_city_profile_translation', cityArgs('zh', '新的介绍。')))
				.status
		).toBe(200);
		expect(await read('city_translations', 'city_id', cityId, token('vendorMember'))).toEqual([
			{ language: 'zh', profile: '新的介绍。' }
		]);
		const removed = await rpc(token('cityAdmin'), 'remove_city_profile_translation', {
			city: cityId,
			language: 'zh'
		});
		expect(removed.status).toBe(204);
		expect(await read('city_translations', 'city_id', cityId)).toEqual([]);
		expect(await auditActions(`city:${cityId}`)).toEqual([
			'city.translation_added',
			'city.translation_changed',
			'city.translation_removed'
		]);
	});

	it('is refused a version in the original language, an unknown language, an empty text and a missing version', async () => {
		const original = await rpc(
			token('cityAdmin'),
			'set_organisation_profile_translation',
			orgArgs('en')
		);
		expect(original).toMatchObject({ status: 422, body: { message: 'translation_is_original' } });
		const cityOriginal = await rpc(
			token('cityAdmin'),
			'set_city_profile_translation',
			cityArgs('en')
		);
		expect(cityOriginal).toMatchObject({
			status: 422,
			body: { message: 'translation_is_original' }
		});
		const unknown = await rpc(
			token('cityAdmin'),
			'set_organisation_profile_translation',
			orgArgs('fr')
		);
		expect(unknown).toMatchObject({
			status: 422,
			body: { message: 'translation_language_unknown' }
		});
		const empty = await rpc(
			token('cityAdmin'),
			'set_city_profile_translation',
			cityArgs('zh', '   ')
		);
		expect(empty).toMatchObject({ status: 400, body: { code: '23514' } });
		const missing = await rpc(token('cityAdmin'), 'remove_city_profile_translation', {
			city: cityId,
			language: 'zh'
		});
		expect(missing).toMatchObject({ status: 404, body: { message: 'translation_unknown' } });
	});

	it('cannot make a language with a version the original, and can once the version is gone', async () => {
		await rpc(token('cityAdmin'), 'set_organisation_profile_translation', orgArgs('zh'));
		const patch = (language: string) =>
			api(token('cityAdmin'), `/rest/v1/organisations?id=eq.${world.orgs.city.id}`, {
				method: 'PATCH',
				headers: { prefer: 'return=representation' },
				body: JSON.stringify({ profile_language: language })
			});
		const clash = await patch('zh');
		expect(clash.status).toBe(422);
		expect(((await clash.json()) as { message: string }).message).toBe('translation_is_original');
		await rpc(token('cityAdmin'), 'remove_organisation_profile_translation', {
			org: world.orgs.city.id,
			language: 'zh'
		});
		const ok = await patch('zh');
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject([{ profile_language: 'zh' }]);
		// Now English is a version's language.
		const en = await rpc(
			token('cityAdmin'),
			'set_organisation_profile_translation',
			orgArgs('en', 'An English version.')
		);
		expect(en.status).toBe(200);
		await rpc(token('cityAdmin'), 'remove_organisation_profile_translation', {
			org: world.orgs.city.id,
			language: 'en'
		});
		expect((await patch('en')).status).toBe(200);
	});
});

describe('everyone else', () => {
	const others = ['cityMember', 'otherCity', 'vendorAdmin', 'hub'] as const;

	it.each(others)('%s is refused writing the organisation profile versions', async (who) => {
		const set = await rpc(token(who), 'set_organisation_profile_translation', orgArgs('zh'));
		expect(set).toMatchObject({ status: 403, body: { message: 'not_org_admin' } });
		const remove = await rpc(token(who), 'remove_organisation_profile_translation', {
			org: world.orgs.city.id,
			language: 'zh'
		});
		expect(remove).toMatchObject({ status: 403, body: { message: 'not_org_admin' } });
	});

	it.each(others)("%s is refused writing the city's description versions", async (who) => {
		const set = await rpc(token(who), 'set_city_profile_translation', cityArgs('zh'));
		expect(set).toMatchObject({ status: 403, body: { message: 'not_org_admin' } });
		const remove = await rpc(token(who), 'remove_city_profile_translation', {
			city: cityId,
			language: 'zh'
		});
		expect(remove).toMatchObject({ status: 403, body: { message: 'not_org_admin' } });
	});

	it('visitors may not call the functions', async () => {
		for (const [fn, args] of [
			['set_organisation_profile_translation', orgArgs('zh')],
			['set_city_profile_translation', cityArgs('zh')]
		] as const) {
			const res = await rpc(null, fn, args);
			expect(res.status).toBe(401);
			expect(res.body.code).toBe('42501');
		}
	});

	it('a non-admin cannot change the original language', async () => {
		const res = await api(
			token('cityMember'),
			`/rest/v1/organisations?id=eq.${world.orgs.city.id}`,
			{
				method: 'PATCH',
				headers: { prefer: 'return=representation' },
				body: JSON.stringify({ profile_language: 'ms' })
			}
		);
		expect(await res.json()).toEqual([]);
	});

	it('nobody writes the tables directly, not even an admin', async () => {
		const attempts = [
			[
				'organisation_translations',
				{ organisation_id: world.orgs.city.id, language: 'zh', profile: 'x' }
			],
			['city_translations', { city_id: cityId, language: 'zh', profile: 'x' }]
		] as const;
		for (const [table, row] of attempts) {
			for (const who of [null, token('cityAdmin')]) {
				const insert = await api(who, `/rest/v1/${table}`, {
					method: 'POST',
					body: JSON.stringify(row)
				});
				expect([401, 403]).toContain(insert.status);
				const del = await api(who, `/rest/v1/${table}?language=eq.zh`, { method: 'DELETE' });
				expect([401, 403]).toContain(del.status);
				const upd = await api(who, `/rest/v1/${table}?language=eq.zh`, {
					method: 'PATCH',
					body: JSON.stringify({ profile: 'y' })
				});
				expect([401, 403]).toContain(upd.status);
			}
		}
	});
});

describe('two writers at once', () => {
	it('a version waits for a change of the original language in progress, then is refused', async () => {
		const a = await db().connect();
		const b = await db().connect();
		try {
			await a.query('begin');
			await a.query(`update public.cities set profile_language = 'zh' where id = $1`, [cityId]);
			// B writes a Chinese version while A's change is not committed: it must wait for A.
			let settled = false;
			const insert = b
				.query(
					`insert into public.city_translations (city_id, language, profile) values ($1, 'zh', '并发写入。')`,
					[cityId]
				)
				.then(
					() => 'inserted',
					(e: { message?: string }) => e.message ?? 'refused'
				)
				.finally(() => {
					settled = true;
				});
			await new Promise((r) => setTimeout(r, 300));
			expect(settled, 'the version waited for the language change').toBe(false);
			await a.query('commit');
			expect(await insert).toBe('translation_is_original');
		} finally {
			await a.query(`update public.cities set profile_language = 'en' where id = $1`, [cityId]);
			await b.query(
				`delete from public.city_translations where city_id = $1 and profile = '并发写入。'`,
				[cityId]
			);
			a.release();
			b.release();
		}
	});
});

describe('a new organisation', () => {
	it("takes its profile to be in its creator's portal language", async () => {
		const person = world.applicant;
		const created: string[] = [];
		try {
			for (const language of ['zh', 'en'] as const) {
				await db().query(`update public.profiles set preferred_language = $1 where id = $2`, [
					language,
					person.id
				]);
				const res = await rpc(person.token, 'create_organisation', {
					kind: 'vendor',
					name: `IT ${world.run} ${language} vendor`,
					country: 'MY',
					profile: language === 'zh' ? '我们为城市提供传感器。' : 'We make sensors for cities.'
				});
				expect(res.status).toBe(200);
				const { rows } = await db().query<{ id: string; profile_language: string }>(
					`select id, profile_language from public.organisations where name = $1`,
					[`IT ${world.run} ${language} vendor`]
				);
				created.push(rows[0]!.id);
				expect(rows[0]!.profile_language).toBe(language);
			}
		} finally {
			await db().query(`update public.profiles set preferred_language = 'en' where id = $1`, [
				person.id
			]);
			await db().query(`delete from public.memberships where organisation_id = any ($1::uuid[])`, [
				created
			]);
			await db().query(`delete from public.organisations where id = any ($1::uuid[])`, [created]);
		}
	});
});
