// Challenge management (issue 13, item 1; 20261207000100_challenge_management.sql) through the
// gateway with real Better Auth tokens, each call with the official's own client as the app makes
// it (src/lib/server/db/manage-challenges.ts): an official creates, edits, publishes and runs their
// own challenge; another city's official, a vendor and an unverified city cannot; the rules of the
// criteria, the deadline and the lifecycle hold in the database; a published challenge is found by
// the search API and queued for the search index.
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types';
import {
	createChallenge,
	extendChallengeDeadline,
	managedChallenge,
	publishChallenge,
	setChallengeCriteria,
	setChallengeStatus,
	updateChallenge,
	type ChallengeRow,
	type UpdateChallengeArgs
} from '../../src/lib/server/db/manage-challenges';
import { refusalOf } from '../../src/lib/server/db/memberships';
import { DataError, fieldErrors } from '../../src/lib/server/errors';
import { createMember, signIn, tokenFor } from './helpers/auth';
import { api, cleanup, makeWorld, rpc, type World } from './helpers/orgs';
import { ANON_KEY, closePool, db, SUPABASE_URL } from './helpers/stack';

function clientFor(token: string) {
	return createClient<Database>(SUPABASE_URL, ANON_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: ws as never },
		accessToken: async () => token
	});
}
type Client = ReturnType<typeof clientFor>;

/** The refusal the call was answered with (fails the test if it succeeded). */
async function refusal(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		return refusalOf(e) ?? e;
	}
	throw new Error('expected a refusal, the call succeeded');
}

let world: World;
let unverified: { orgId: string; cityId: string; person: { id: string }; client: Client };
const clients = {} as Record<'cityAdmin' | 'cityMember' | 'otherCity' | 'vendorAdmin', Client>;
const cityIds = {} as Record<'city' | 'otherCity', string>;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const CRITERIA = [
	{ name: 'Fit with the need', description: 'How well it solves the problem.', weight: 60 },
	{ name: 'Cost', description: '', weight: 40 }
];

beforeAll(async () => {
	world = await makeWorld();
	for (const key of ['city', 'otherCity'] as const) {
		const { rows } = await db().query<{ id: string }>(
			`insert into public.cities (slug, name, country, region, organisation_id)
			 values ($1, $2, 'MY', 'southeast-asia', $3) returning id`,
			[`it-${world.run}-${key.toLowerCase()}`, `IT ${world.run} ${key}`, world.orgs[key].id]
		);
		cityIds[key] = rows[0]!.id;
	}
	for (const key of ['cityAdmin', 'cityMember', 'otherCity', 'vendorAdmin'] as const) {
		clients[key] = clientFor(world.actors[key].token);
	}
	// An unverified city organisation with its own city and admin.
	const org = await db().query<{ id: string }>(
		`insert into public.organisations (kind, slug, name, country, verified)
		 values ('city', $1, $2, 'MY', false) returning id`,
		[`it-${world.run}-unverified`, `IT ${world.run} unverified city`]
	);
	const city = await db().query<{ id: string }>(
		`insert into public.cities (slug, name, country, region, organisation_id)
		 values ($1, $2, 'MY', 'southeast-asia', $3) returning id`,
		[`it-${world.run}-unverified`, `IT ${world.run} unverified`, org.rows[0]!.id]
	);
	const person = await createMember('IT unverified official');
	await db().query(
		`insert into public.memberships (organisation_id, user_id, role) values ($1, $2, 'admin')`,
		[org.rows[0]!.id, person.id]
	);
	unverified = {
		orgId: org.rows[0]!.id,
		cityId: city.rows[0]!.id,
		person,
		client: clientFor(await tokenFor(await signIn(person.email)))
	};
}, 180_000);

afterAll(async () => {
	if (world) {
		await db().query(
			`delete from public.challenges where organisation_id in (select id from public.organisations where slug like $1)`,
			[`it-${world.run}-%`]
		);
		await db().query(`delete from public.cities where slug like $1`, [`it-${world.run}-%`]);
		await cleanup(world, unverified ? [unverified.person.id] : []);
	}
	await closePool();
});

/** A draft of the test's city, as its member `as`. */
async function draft(
	as: Client = clients.cityMember,
	extra: Partial<Parameters<typeof createChallenge>[1]> = {}
) {
	return createChallenge(as, {
		organisation: world.orgs.city.id,
		city: cityIds.city,
		title: `Flood sensors ${world.run}`,
		summary: 'Sensors that warn of flash floods in low-lying streets.',
		domain: 'environment',
		description: '## Background\n\nStreets flood **fast**.',
		deadline: inAWeek(),
		criteria: CRITERIA,
		...extra
	});
}

/** Every field of `row` as update_challenge takes them. */
function argsOf(row: ChallengeRow, change: Partial<UpdateChallengeArgs> = {}): UpdateChallengeArgs {
	return {
		challenge: row.id,
		city: row.city_id,
		title: row.title,
		summary: row.summary,
		domain: row.domain,
		kind: row.kind,
		language: row.language,
		description: row.description,
		priority_areas: row.priority_areas,
		expected_outcomes: row.expected_outcomes ?? '',
		budget_min: row.budget_min ?? undefined,
		budget_max: row.budget_max ?? undefined,
		currency: row.currency ?? '',
		deadline: row.deadline ?? undefined,
		contact_name: row.contact_name ?? '',
		contact_email: row.contact_email ?? '',
		...change
	};
}

describe('an official of the owning city', () => {
	it('creates a draft with a slug from the city and the title, criteria in order, audited', async () => {
		const row = await draft();
		expect(row.status).toBe('draft');
		expect(row.slug).toBe(`it-${world.run}-city-flood-sensors-${world.run}`);
		expect(row.created_by).toBe(world.actors.cityMember.id);
		const again = await draft();
		expect(again.slug).toBe(`${row.slug}-2`);
		const managed = await managedChallenge(clients.cityMember, row.slug);
		expect(managed?.criteria.map((c) => [c.position, c.name, c.weight])).toEqual([
			[1, 'Fit with the need', 60],
			[2, 'Cost', 40]
		]);
		const audit = await db().query(
			`select actor from public.audit_log where action = 'challenge.created' and target = $1`,
			[`challenge:${row.id}`]
		);
		expect(audit.rows).toEqual([{ actor: world.actors.cityMember.id }]);
	});

	it('edits every field of a draft and replaces the criteria in the same call', async () => {
		const row = await draft();
		const updated = await updateChallenge(
			clients.cityAdmin,
			argsOf(row, {
				title: 'Flood early warning',
				summary: 'Warn residents of floods before the water rises.',
				description: 'New *text*',
				domain: 'utilities',
				kind: 'opportunity',
				language: 'zh',
				priority_areas: ['climate-resilience', 'public-safety'],
				expected_outcomes: 'A pilot in two districts.',
				budget_min: 1000,
				budget_max: 5000.5,
				currency: 'myr',
				contact_name: 'Desk',
				contact_email: 'Desk@Example.org',
				criteria: [{ name: 'Only one', description: 'All of it', weight: 100 }]
			})
		);
		expect(updated).toMatchObject({
			slug: row.slug,
			title: 'Flood early warning',
			domain: 'utilities',
			kind: 'opportunity',
			language: 'zh',
			priority_areas: ['climate-resilience', 'public-safety'],
			budget_min: 1000,
			budget_max: 5000.5,
			currency: 'MYR',
			contact_email: 'desk@example.org'
		});
		const managed = await managedChallenge(clients.cityAdmin, row.slug);
		expect(managed?.criteria.map((c) => c.name)).toEqual(['Only one']);
	});

	it('publishes (found by the search API, queued for the index), extends the deadline later only, runs the lifecycle', async () => {
		const word = `zq${world.run.replace(/[^a-z]/g, '')}kelp`;
		const row = await draft(clients.cityMember, { title: `Kelp ${word} monitoring` });
		// While an index is fed (the outbox on), publishing queues the challenge for it.
		const state = await db().query<{ on: boolean }>(
			`select outbox_enabled as on from private.search_state`
		);
		const wasOn = state.rows[0]!.on;
		if (!wasOn) await db().query(`update private.search_state set outbox_enabled = true`);
		let open: ChallengeRow;
		let queued: boolean;
		try {
			open = await publishChallenge(clients.cityMember, row.id);
			const q = await db().query(
				`select 1 from private.search_outbox where challenge_id = $1 and op = 'upsert'`,
				[row.id]
			);
			queued = q.rowCount === 1;
		} finally {
			if (!wasOn) {
				await db().query(`update private.search_state set outbox_enabled = false`);
				await db().query(`delete from private.search_outbox where challenge_id = $1`, [row.id]);
			}
		}
		expect(queued).toBe(true);
		expect(open.status).toBe('open');
		expect(open.published_at).not.toBeNull();

		const found = await rpc(null, 'search_challenges', { params: { q: word } });
		expect(found.status).toBe(200);
		expect((found.body.hits as { slug: string }[]).map((h) => h.slug)).toEqual([row.slug]);

		expect(await refusal(extendChallengeDeadline(clients.cityMember, row.id, row.deadline!))).toBe(
			'deadline_not_later'
		);
		const earlier = new Date(Date.parse(row.deadline!) - 3_600_000).toISOString();
		expect(await refusal(extendChallengeDeadline(clients.cityMember, row.id, earlier))).toBe(
			'deadline_not_later'
		);
		const later = new Date(Date.parse(row.deadline!) + 86_400_000).toISOString();
		expect(
			Date.parse((await extendChallengeDeadline(clients.cityMember, row.id, later)).deadline!)
		).toBe(Date.parse(later));

		// Once open: the texts change, the fixed fields do not (the refusal names the field).
		const current = (await managedChallenge(clients.cityMember, row.slug))!;
		expect(
			(
				await updateChallenge(
					clients.cityMember,
					argsOf(current, { summary: 'A clearer summary of the need.' })
				)
			).summary
		).toBe('A clearer summary of the need.');
		const locked = await refusal(
			updateChallenge(
				clients.cityMember,
				argsOf(current, { budget_min: 1, budget_max: 2, currency: 'EUR' })
			)
		);
		expect(locked).toBe('challenge_field_locked');

		expect(await refusal(setChallengeStatus(clients.cityMember, row.id, 'decided'))).toBe(
			'outcome_required'
		);
		expect(await refusal(setChallengeStatus(clients.cityMember, row.id, 'archived'))).toBe(
			'challenge_status_illegal'
		);
		expect((await setChallengeStatus(clients.cityMember, row.id, 'in_review')).status).toBe(
			'in_review'
		);
		expect(await refusal(updateChallenge(clients.cityMember, argsOf(current)))).toBe(
			'challenge_not_editable'
		);
		expect(await refusal(extendChallengeDeadline(clients.cityMember, row.id, inAWeek()))).toBe(
			'challenge_not_editable'
		);
		const decided = await setChallengeStatus(clients.cityMember, row.id, 'decided', 'not_awarded');
		expect(decided).toMatchObject({ status: 'decided', outcome: 'not_awarded' });
		expect(await setChallengeStatus(clients.cityMember, row.id, 'archived')).toMatchObject({
			status: 'archived',
			outcome: 'not_awarded'
		});
		expect(await refusal(setChallengeStatus(clients.cityMember, row.id, 'withdrawn'))).toBe(
			'challenge_status_illegal'
		);
		const audit = await db().query<{ action: string }>(
			`select action from public.audit_log where target = $1 order by id`,
			[`challenge:${row.id}`]
		);
		expect(audit.rows.map((r) => r.action)).toEqual([
			'challenge.created',
			'challenge.open',
			'challenge.deadline_extended',
			'challenge.in_review',
			'challenge.decided',
			'challenge.archived'
		]);
	});

	it('withdraws a draft or an open challenge; a withdrawn one is final', async () => {
		const row = await draft();
		await publishChallenge(clients.cityAdmin, row.id);
		expect((await setChallengeStatus(clients.cityAdmin, row.id, 'withdrawn')).status).toBe(
			'withdrawn'
		);
		expect(await refusal(setChallengeStatus(clients.cityAdmin, row.id, 'in_review'))).toBe(
			'challenge_status_illegal'
		);
		expect(await refusal(publishChallenge(clients.cityAdmin, row.id))).toBe(
			'challenge_status_illegal'
		);
	});
});

describe('the database refuses what the rules refuse', () => {
	it('weights that do not total 100: when set, and at publishing', async () => {
		expect(
			await refusal(
				draft(clients.cityMember, { criteria: [{ name: 'Cost', description: '', weight: 90 }] })
			)
		).toBe('criteria_total');
		const empty = await draft(clients.cityMember, { criteria: [] });
		expect(await refusal(publishChallenge(clients.cityMember, empty.id))).toBe('criteria_total');
		expect(
			await refusal(
				setChallengeCriteria(clients.cityMember, empty.id, [
					{ name: 'Cost', description: '', weight: 90 }
				])
			)
		).toBe('criteria_total');
		// Weights that reached the table another way (a service job) still block publishing.
		await db().query(
			`insert into public.challenge_criteria (challenge_id, position, name, weight) values ($1, 1, 'Cost', 90)`,
			[empty.id]
		);
		expect(await refusal(publishChallenge(clients.cityMember, empty.id))).toBe('criteria_total');
		expect(
			await refusal(
				setChallengeCriteria(clients.cityMember, empty.id, [
					{ name: 'Cost', description: '', weight: 50.5 as number },
					{ name: 'Fit', description: '', weight: 49.5 as number }
				])
			)
		).toBe('criteria_invalid');
	});

	it('a deadline that is missing or past, an empty description: not published', async () => {
		const noDeadline = await draft(clients.cityMember, { deadline: undefined });
		expect(await refusal(publishChallenge(clients.cityMember, noDeadline.id))).toBe(
			'deadline_required'
		);
		const past = await draft(clients.cityMember, {
			deadline: new Date(Date.now() - 60_000).toISOString()
		});
		expect(await refusal(publishChallenge(clients.cityMember, past.id))).toBe(
			'deadline_not_future'
		);
		const bare = await draft(clients.cityMember, { description: '  ' });
		expect(await refusal(publishChallenge(clients.cityMember, bare.id))).toBe(
			'description_required'
		);
	});

	it('an over-long title or an unknown currency: refused with the field named', async () => {
		const fields = ['title', 'currency', 'budget_min'];
		const long = await draft(clients.cityMember, { title: 'x'.repeat(201) }).catch(
			(e: unknown) => e
		);
		expect(long).toBeInstanceOf(DataError);
		expect(fieldErrors(long as DataError, fields)).toEqual({ title: 'invalid' });
		const currency = await draft(clients.cityMember, {
			budget_min: 10,
			budget_max: 20,
			currency: 'XYZ'
		}).catch((e: unknown) => e);
		expect(fieldErrors(currency as DataError, fields)).toEqual({ currency: 'unknown_reference' });
	});

	it('criteria change after a submitted proposal: refused', async () => {
		const row = await draft();
		await publishChallenge(clients.cityMember, row.id);
		expect((await setChallengeCriteria(clients.cityMember, row.id, CRITERIA)).length).toBe(2);
		await db().query(
			`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
			 values ($1, $2, 'submitted', 'Our sensors', 'A network of flood sensors.', 'We install and run them.')`,
			[row.id, world.orgs.vendor.id]
		);
		expect(await refusal(setChallengeCriteria(clients.cityMember, row.id, CRITERIA))).toBe(
			'criteria_locked'
		);
		const current = (await managedChallenge(clients.cityMember, row.slug))!;
		expect(
			await refusal(updateChallenge(clients.cityMember, argsOf(current, { criteria: CRITERIA })))
		).toBe('criteria_locked');
		// The texts still change (criteria left as they are).
		expect(
			(
				await updateChallenge(
					clients.cityMember,
					argsOf(current, { title: 'Flood sensors, clarified' })
				)
			).title
		).toBe('Flood sensors, clarified');
	});
});

describe('who cannot', () => {
	it('another city’s official: neither edits, publishes, extends, changes status nor sees a draft', async () => {
		const row = await draft();
		const as = clients.otherCity;
		expect(await refusal(updateChallenge(as, argsOf(row, { title: 'Taken over' })))).toBe(
			'challenge_unknown'
		);
		expect(await refusal(publishChallenge(as, row.id))).toBe('challenge_unknown');
		expect(await refusal(setChallengeStatus(as, row.id, 'withdrawn'))).toBe('challenge_unknown');
		await publishChallenge(clients.cityMember, row.id);
		expect(await refusal(updateChallenge(as, argsOf(row, { title: 'Taken over' })))).toBe(
			'not_member'
		);
		expect(await refusal(setChallengeStatus(as, row.id, 'withdrawn'))).toBe('not_member');
		expect(
			await refusal(
				extendChallengeDeadline(as, row.id, new Date(Date.now() + 30 * 86_400_000).toISOString())
			)
		).toBe('not_member');
		expect(await refusal(setChallengeCriteria(as, row.id, CRITERIA))).toBe('not_member');
		// …nor for its own organisation in a city it does not speak for.
		expect(
			await refusal(
				createChallenge(as, {
					organisation: world.orgs.otherCity.id,
					city: cityIds.city,
					title: 'Not my city',
					summary: 'Posting for a city we do not speak for.',
					domain: 'mobility'
				})
			)
		).toBe('city_not_owned');
		const { rows } = await db().query(`select title, status from public.challenges where id = $1`, [
			row.id
		]);
		expect(rows).toEqual([{ title: row.title, status: 'open' }]);
	});

	it('a vendor cannot create for a city, nor for its own vendor organisation', async () => {
		const as = clients.vendorAdmin;
		const base = {
			city: cityIds.city,
			title: 'Vendor posting',
			summary: 'A vendor trying to post a challenge.',
			domain: 'mobility' as const
		};
		expect(await refusal(createChallenge(as, { ...base, organisation: world.orgs.city.id }))).toBe(
			'not_member'
		);
		expect(
			await refusal(createChallenge(as, { ...base, organisation: world.orgs.vendor.id }))
		).toBe('organisation_not_city');
	});

	it('no write without a token, and no direct writes with one', async () => {
		const res = await rpc(null, 'create_challenge', {
			organisation: world.orgs.city.id,
			city: cityIds.city,
			title: 'Anonymous',
			summary: 'Nobody signed in posts this.',
			domain: 'mobility'
		});
		expect(res.status).toBe(401);
		const direct = await api(world.actors.cityAdmin.token, '/rest/v1/challenge_criteria', {
			method: 'POST',
			body: JSON.stringify({
				challenge_id: world.orgs.city.id,
				position: 1,
				name: 'x',
				weight: 100
			})
		});
		expect(direct.status).toBe(403);
	});

	it('an unverified city’s official drafts but cannot publish, through the function (the trigger fires)', async () => {
		const row = await createChallenge(unverified.client, {
			organisation: unverified.orgId,
			city: unverified.cityId,
			title: 'Unverified city challenge',
			summary: 'A city the hub has not verified yet.',
			domain: 'mobility',
			description: 'Text',
			deadline: inAWeek(),
			criteria: CRITERIA
		});
		expect(await refusal(publishChallenge(unverified.client, row.id))).toBe(
			'organisation_unverified'
		);
		const { rows } = await db().query(`select status from public.challenges where id = $1`, [
			row.id
		]);
		expect(rows).toEqual([{ status: 'draft' }]);
	});
});
