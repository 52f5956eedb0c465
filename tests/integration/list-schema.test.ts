// The Collaboration List schema (supabase/migrations/20261203000000_baseline.sql, sections 4–6)
// against the running stack: what visitors can see and do through the gateway, and which rules the database
// itself enforces (status lifecycle, constraints). Database-side checks run as superuser inside
// transactions that are always rolled back, so the seed is left untouched.
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	OUTCOMES,
	PUBLIC_STATUSES,
	STATUSES,
	isPublicStatus
} from '../../src/lib/domain/challenges/vocabulary';
import { anonClient, closePool, db, serviceClient } from './helpers/stack';

/** Hidden seed rows (supabase/seed.sql header): never visible to visitors. */
const HIDDEN = [
	['sepang-drainage-culvert-drone-inspection', 'draft'],
	['pune-kothrud-noise-mapping', 'draft'],
	['barcelona-superblock-delivery-microhubs', 'draft'],
	['kigali-nyabugogo-solar-cold-storage', 'draft'],
	['dubai-al-barsha-waste-robots', 'draft'],
	['curitiba-ceasa-market-biogas', 'withdrawn'],
	['brisbane-fortitude-valley-shelter-canopies', 'withdrawn']
] as const;
const HIDDEN_SLUGS = HIDDEN.map(([slug]) => slug);
const PUBLIC_SEED_SLUG = 'sepang-flood-early-warning-sensors';

/** Runs fn in a transaction that is always rolled back. */
async function rolledBack<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
	const c = await db().connect();
	try {
		await c.query('begin');
		return await fn(c);
	} finally {
		await c.query('rollback');
		c.release();
	}
}

/** Runs one statement under a savepoint; returns the Postgres error (code, constraint, message) or null. */
async function attempt(c: PoolClient, sql: string, params: unknown[] = []) {
	await c.query('savepoint attempt');
	try {
		await c.query(sql, params);
		await c.query('release savepoint attempt');
		return null;
	} catch (error) {
		await c.query('rollback to savepoint attempt');
		const e = error as { code?: string; constraint?: string; message: string };
		return { code: e.code, constraint: e.constraint, message: e.message };
	}
}

let sepangId: string;
let sepangOrgId: string;

/** Inserts a valid challenge (overridable columns) and returns its id. */
async function insertChallenge(c: PoolClient, overrides: Record<string, unknown> = {}) {
	const row: Record<string, unknown> = {
		slug: `test-list-schema-${Math.random().toString(36).slice(2, 10)}`,
		city_id: sepangId,
		organisation_id: sepangOrgId,
		kind: 'challenge',
		title: 'Test challenge for the schema tests',
		summary: 'A challenge created and rolled back by the schema tests.',
		domain: 'utilities',
		status: 'draft',
		...overrides
	};
	const cols = Object.keys(row);
	const { rows } = await c.query(
		`insert into public.challenges (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})
		returning id, status, published_at, updated_at`,
		Object.values(row)
	);
	return rows[0] as { id: string; status: string; published_at: Date | null; updated_at: Date };
}

beforeAll(async () => {
	const { rows } = await db().query(
		"select id, organisation_id from public.cities where slug = 'sepang'"
	);
	expect(
		rows,
		'the demo seed (supabase/seed.sql) must be loaded: npm run stack:reset'
	).toHaveLength(1);
	sepangId = rows[0].id;
	sepangOrgId = rows[0].organisation_id;
});

afterAll(async () => {
	await closePool();
});

describe('what "public" means', () => {
	it("is one database function, which the app's list of public statuses follows", async () => {
		const { rows } = await db().query<{ statuses: string[]; public: string[]; outcomes: string[] }>(
			`select enum_range(null::public.challenge_status)::text[] as statuses,
			        array(select s::text from unnest(enum_range(null::public.challenge_status)) as s
			              where private.challenge_is_public(s)) as public,
			        enum_range(null::public.challenge_outcome)::text[] as outcomes`
		);
		expect([...STATUSES]).toEqual(rows[0]?.statuses);
		expect([...OUTCOMES]).toEqual(rows[0]?.outcomes);
		expect([...PUBLIC_STATUSES]).toEqual(rows[0]?.public);
		for (const status of STATUSES) {
			expect(isPublicStatus(status), status).toBe(rows[0]?.public.includes(status));
		}
	});

	it('is what the RLS policy lets visitors read, status by status', async () => {
		const { rows } = await db().query<{ status: string }>(
			'select distinct status::text as status from public.challenges order by 1'
		);
		const { data, error } = await anonClient().from('challenges').select('status');
		expect(error).toBeNull();
		const seen = new Set(data?.map((r) => r.status));
		for (const { status } of rows)
			expect(seen.has(status as never), status).toBe(isPublicStatus(status));
	});
});

describe('what visitors see', () => {
	it('anon sees exactly the non-draft, non-withdrawn challenges', async () => {
		const { rows } = await db().query(
			"select count(*)::int as n from public.challenges where status not in ('draft', 'withdrawn')"
		);
		const { count, error } = await anonClient()
			.from('challenges')
			.select('id', { count: 'exact', head: true });
		expect(error).toBeNull();
		expect(count).toBe(rows[0].n);
		expect(count).toBeGreaterThan(60);
	});

	it('anon never gets a draft or withdrawn challenge, even when asking for one', async () => {
		const { rows } = await db().query(
			'select slug, status::text from public.challenges where slug = any($1)',
			[HIDDEN_SLUGS]
		);
		expect(rows.map((r) => [r.slug, r.status]).sort()).toEqual(
			[...HIDDEN].map((h) => [...h]).sort()
		);

		const anon = anonClient();
		const bySlug = await anon.from('challenges').select('slug').in('slug', HIDDEN_SLUGS);
		expect(bySlug.error).toBeNull();
		expect(bySlug.data).toEqual([]);

		const byStatus = await anon
			.from('challenges')
			.select('slug')
			.in('status', ['draft', 'withdrawn']);
		expect(byStatus.error).toBeNull();
		expect(byStatus.data).toEqual([]);

		const visible = await anon
			.from('challenges')
			.select('slug, status')
			.eq('slug', PUBLIC_SEED_SLUG);
		expect(visible.data).toEqual([{ slug: PUBLIC_SEED_SLUG, status: 'open' }]);
	});

	it('the service role (jobs) sees drafts too', async () => {
		const { data, error } = await serviceClient()
			.from('challenges')
			.select('slug')
			.in('slug', HIDDEN_SLUGS);
		expect(error).toBeNull();
		expect(data?.map((r) => r.slug).sort()).toEqual([...HIDDEN_SLUGS].sort());
	});

	it('regions, currencies, cities and organisations are public', async () => {
		const anon = anonClient();
		const regions = await anon.from('regions').select('slug');
		expect(regions.data).toHaveLength(9);
		const currencies = await anon
			.from('currencies')
			.select('code')
			.in('code', ['USD', 'EUR', 'CNY', 'MYR', 'THB']);
		expect(currencies.data).toHaveLength(5);
		const cities = await anon
			.from('cities')
			.select('slug, country, region, organisation:organisations(kind, verified)')
			.in('slug', ['sepang', 'chonburi', 'shanghai']);
		expect(cities.error).toBeNull();
		expect(
			cities.data?.map((c) => [c.slug, c.country, c.region, c.organisation?.kind]).sort()
		).toEqual([
			['chonburi', 'TH', 'southeast-asia', 'city'],
			['sepang', 'MY', 'southeast-asia', 'city'],
			['shanghai', 'CN', 'east-asia', 'city']
		]);
	});
});

describe('visitors cannot write', () => {
	const anon = anonClient();

	it('cannot insert challenges, cities or organisations', async () => {
		const challenge = await anon.from('challenges').insert({
			slug: 'anon-insert-attempt',
			city_id: sepangId,
			organisation_id: sepangOrgId,
			title: 'Anonymous insert attempt',
			summary: 'This row must never be written by a visitor.',
			domain: 'mobility'
		});
		expect(challenge.error?.code).toBe('42501');
		const city = await anon
			.from('cities')
			.insert({ slug: 'anon-city', name: 'Anon City', country: 'MY', region: 'southeast-asia' });
		expect(city.error?.code).toBe('42501');
		const org = await anon
			.from('organisations')
			.insert({ kind: 'vendor', slug: 'anon-vendor', name: 'Anon Vendor', country: 'MY' });
		expect(org.error?.code).toBe('42501');

		const { rows } = await db().query(
			`select (select count(*) from public.challenges where slug = 'anon-insert-attempt')
				+ (select count(*) from public.cities where slug = 'anon-city')
				+ (select count(*) from public.organisations where slug = 'anon-vendor') as n`
		);
		expect(Number(rows[0].n)).toBe(0);
	});

	it('cannot update or delete challenges, cities or organisations', async () => {
		const before = await db().query(
			`select (select updated_at from public.challenges where slug = $1) as challenge,
				(select name from public.cities where slug = 'sepang') as city,
				(select name from public.organisations where slug = 'sepang-municipal-council') as org`,
			[PUBLIC_SEED_SLUG]
		);

		const updates = await Promise.all([
			anon
				.from('challenges')
				.update({ title: 'Defaced by a visitor' })
				.eq('slug', PUBLIC_SEED_SLUG),
			anon.from('cities').update({ name: 'Defaced' }).eq('slug', 'sepang'),
			anon.from('organisations').update({ name: 'Defaced' }).eq('slug', 'sepang-municipal-council')
		]);
		for (const r of updates) expect(r.error?.code).toBe('42501');

		const deletes = await Promise.all([
			anon.from('challenges').delete().eq('slug', PUBLIC_SEED_SLUG),
			anon.from('cities').delete().eq('slug', 'sepang'),
			anon.from('organisations').delete().eq('slug', 'sepang-municipal-council')
		]);
		for (const r of deletes) expect(r.error?.code).toBe('42501');

		const after = await db().query(
			`select (select updated_at from public.challenges where slug = $1) as challenge,
				(select name from public.cities where slug = 'sepang') as city,
				(select name from public.organisations where slug = 'sepang-municipal-council') as org`,
			[PUBLIC_SEED_SLUG]
		);
		expect(after.rows[0]).toEqual(before.rows[0]);
		expect(after.rows[0].city).toBe('Sepang');
	});
});

describe('status lifecycle (enforced by trigger)', () => {
	/** Sets a status (and the outcome a decided challenge needs); the error or null. */
	const move = (c: PoolClient, id: string, to: string) =>
		attempt(
			c,
			`update public.challenges set status = $2::public.challenge_status,
				outcome = case when $2::text = 'decided' then 'awarded'::public.challenge_outcome
					when $2::text = 'archived' then outcome end
			where id = $1`,
			[id, to]
		);

	it('allows draft → open → in_review → decided → archived and stamps published_at once', async () => {
		await rolledBack(async (c) => {
			const row = await insertChallenge(c);
			expect(row.published_at).toBeNull();
			const open = await c.query(
				"update public.challenges set status = 'open' where id = $1 returning published_at",
				[row.id]
			);
			const publishedAt = open.rows[0].published_at;
			expect(publishedAt).toBeInstanceOf(Date);
			for (const next of ['in_review', 'decided', 'archived']) {
				expect(await move(c, row.id, next), `→ ${next}`).toBeNull();
			}
			const { rows } = await c.query(
				'select status::text, outcome::text, published_at from public.challenges where id = $1',
				[row.id]
			);
			// An archived challenge keeps the outcome it was decided with.
			expect(rows[0]).toEqual({
				status: 'archived',
				outcome: 'awarded',
				published_at: publishedAt
			});
		});
	});

	it('allows every listed transition and refuses every other one', async () => {
		const allowed = new Set([
			'draft>open',
			'draft>withdrawn',
			'open>in_review',
			'open>decided',
			'open>withdrawn',
			'in_review>decided',
			'in_review>withdrawn',
			'decided>archived'
		]);
		const statuses = ['draft', 'open', 'in_review', 'decided', 'archived', 'withdrawn'];
		const { rows } = await db().query(
			'select enum_range(null::public.challenge_status)::text[] as statuses'
		);
		expect(rows[0].statuses, 'every status of the enum is tried').toEqual(statuses);
		await rolledBack(async (c) => {
			for (const from of statuses) {
				for (const to of statuses) {
					if (to === from) continue;
					const row = await insertChallenge(c, {
						status: from,
						outcome: from === 'decided' ? 'not_awarded' : null
					});
					const error = await move(c, row.id, to);
					if (allowed.has(`${from}>${to}`)) {
						expect(error, `${from} → ${to} should be allowed`).toBeNull();
					} else {
						expect(error, `${from} → ${to} should be refused`).toMatchObject({
							code: 'P0001',
							message: `illegal challenge status transition: ${from} → ${to}`
						});
					}
				}
			}
		});
	});

	it('refuses draft → decided, decided → open and withdrawn → archived in particular', async () => {
		await rolledBack(async (c) => {
			const draft = await insertChallenge(c);
			const e1 = await move(c, draft.id, 'decided');
			expect(e1?.code).toBe('P0001');
			expect(e1?.message).toContain('draft → decided');

			const decided = await insertChallenge(c, { status: 'decided', outcome: 'awarded' });
			const e2 = await move(c, decided.id, 'open');
			expect(e2?.code).toBe('P0001');
			expect(e2?.message).toContain('decided → open');

			// Archived challenges are public: a withdrawn one must never come back that way.
			const withdrawn = await insertChallenge(c, { status: 'withdrawn' });
			const e3 = await move(c, withdrawn.id, 'archived');
			expect(e3?.message).toContain('withdrawn → archived');
		});
	});

	it('requires an outcome when decided, keeps it when archived, and allows none before', async () => {
		await rolledBack(async (c) => {
			const open = await insertChallenge(c, { status: 'open' });
			const noOutcome = await attempt(
				c,
				"update public.challenges set status = 'decided' where id = $1",
				[open.id]
			);
			expect(noOutcome).toMatchObject({
				code: '23514',
				constraint: 'challenges_outcome_when_decided'
			});
			const early = await attempt(
				c,
				"update public.challenges set outcome = 'awarded' where id = $1",
				[open.id]
			);
			expect(early).toMatchObject({ code: '23514', constraint: 'challenges_outcome_when_decided' });
			expect(
				await attempt(
					c,
					"update public.challenges set status = 'decided', outcome = 'not_awarded' where id = $1",
					[open.id]
				)
			).toBeNull();
			const cleared = await attempt(
				c,
				'update public.challenges set outcome = null where id = $1',
				[open.id]
			);
			expect(cleared).toMatchObject({
				code: '23514',
				constraint: 'challenges_outcome_when_decided'
			});
			expect(
				await attempt(c, "update public.challenges set status = 'archived' where id = $1", [
					open.id
				])
			).toBeNull();
		});
	});

	it('keeps inserts permissive, publishes non-draft inserts and maintains updated_at', async () => {
		await rolledBack(async (c) => {
			const imported = await insertChallenge(c, { status: 'in_review' });
			expect(imported.status).toBe('in_review');
			expect(imported.published_at).toBeInstanceOf(Date);

			await c.query(
				"update public.challenges set updated_at = now() - interval '1 day' where id = $1",
				[imported.id]
			);
			const { rows } = await c.query(
				"update public.challenges set title = 'Renamed test challenge' where id = $1 returning updated_at > now() - interval '1 minute' as fresh",
				[imported.id]
			);
			expect(rows[0].fresh).toBe(true);
		});
	});
});

describe('who owns a challenge', () => {
	it("every challenge has an owning organisation; the demo ones are their city's", async () => {
		const { rows } = await db().query(
			`select count(*)::int as n,
				count(*) filter (where c.organisation_id = ci.organisation_id)::int as city_owned
			from public.challenges c join public.cities ci on ci.id = c.city_id`
		);
		expect(rows[0].n).toBeGreaterThan(70);
		expect(rows[0].city_owned).toBe(rows[0].n);
	});

	it('refuses a challenge without an organisation; created_by is optional and names a member', async () => {
		const error = await rolledBack((c) =>
			insertChallenge(c, { organisation_id: null }).then(
				() => null,
				(e: { code?: string; column?: string }) => e
			)
		);
		expect(error).toMatchObject({ code: '23502', column: 'organisation_id' });
		await rolledBack(async (c) => {
			const row = await insertChallenge(c, { created_by: null });
			const { rows } = await c.query('select created_by from public.challenges where id = $1', [
				row.id
			]);
			expect(rows[0].created_by).toBeNull();
		});
		// Not anyone: a profile (a member). The demo's official of Shanghai is one.
		const stranger = await rolledBack((c) =>
			insertChallenge(c, { created_by: '00000000-0000-4000-8000-000000000042' }).then(
				() => null,
				(e: { code?: string; constraint?: string }) => e
			)
		);
		expect(stranger).toMatchObject({ code: '23503', constraint: 'challenges_created_by_fkey' });
		await rolledBack(async (c) => {
			const { rows: members } = await c.query<{ id: string }>(
				`select p.id from public.profiles p join identity."user" u on u.id = p.id
				 where u.email = 'official.shanghai@demo.test'`
			);
			const member = members[0]?.id;
			expect(member).toEqual(expect.any(String));
			const row = await insertChallenge(c, { created_by: member });
			const { rows } = await c.query('select created_by from public.challenges where id = $1', [
				row.id
			]);
			expect(rows[0].created_by).toBe(member);
		});
	});
});

describe('constraints refuse what a form would', () => {
	const cases: [string, Record<string, unknown>, string, string][] = [
		[
			'unknown currency',
			{ budget_min: 100, budget_max: 200, currency: 'XYZ' },
			'23503',
			'challenges_currency_fkey'
		],
		[
			'budget_min > budget_max',
			{ budget_min: 500, budget_max: 100, currency: 'USD' },
			'23514',
			'challenges_budget_range'
		],
		[
			'negative budget',
			{ budget_min: -1, budget_max: 100, currency: 'USD' },
			'23514',
			'challenges_budget_min_nonnegative'
		],
		[
			'budget without currency',
			{ budget_min: 1, budget_max: 2 },
			'23514',
			'challenges_budget_needs_currency'
		],
		['slug with capitals and spaces', { slug: 'Bad Slug' }, '23514', 'challenges_slug_format'],
		['slug with a trailing dash', { slug: 'bad-slug-' }, '23514', 'challenges_slug_format'],
		['over-long slug', { slug: 'a'.repeat(121) }, '23514', 'challenges_slug_format'],
		['over-long title', { title: 'T'.repeat(201) }, '23514', 'challenges_title_length'],
		['too-short title', { title: 'ab' }, '23514', 'challenges_title_length'],
		['too-short summary', { summary: 'short' }, '23514', 'challenges_summary_length'],
		[
			'over-long description',
			{ description: 'x'.repeat(20001) },
			'23514',
			'challenges_description_length'
		],
		['bad language tag', { language: 'English' }, '23514', 'challenges_language_format'],
		[
			'bad contact e-mail',
			{ contact_email: 'not-an-email' },
			'23514',
			'challenges_contact_email_format'
		]
	];

	it.each(cases)('refuses a challenge with %s', async (_label, overrides, code, constraint) => {
		await rolledBack(async (c) => {
			const error = await insertChallenge(c, overrides).then(
				() => null,
				(e: { code?: string; constraint?: string }) => e
			);
			expect(error).toMatchObject({ code, constraint });
		});
	});

	it('accepts the edges of the rules', async () => {
		await rolledBack(async (c) => {
			const row = await insertChallenge(c, {
				title: 'T'.repeat(200),
				summary: 'S'.repeat(600),
				budget_min: 0,
				budget_max: 0,
				currency: 'EUR',
				language: 'pt-BR',
				contact_email: "o'connor@example.org"
			});
			expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
		});
	});

	it('refuses a bad country code and a non-http website on organisations and cities', async () => {
		await rolledBack(async (c) => {
			const country = await attempt(
				c,
				"insert into public.organisations (kind, slug, name, country) values ('vendor', 'bad-country', 'Bad Country', 'my')"
			);
			expect(country).toMatchObject({ code: '23514', constraint: 'organisations_country_format' });
			const website = await attempt(
				c,
				"insert into public.organisations (kind, slug, name, country, website) values ('vendor', 'bad-site', 'Bad Site', 'MY', 'ftp://example.org')"
			);
			expect(website).toMatchObject({ code: '23514', constraint: 'organisations_website_format' });
			const region = await attempt(
				c,
				"insert into public.cities (slug, name, country, region) values ('nowhere', 'Nowhere', 'MY', 'atlantis')"
			);
			expect(region).toMatchObject({ code: '23503', constraint: 'cities_region_fkey' });
		});
	});
});
