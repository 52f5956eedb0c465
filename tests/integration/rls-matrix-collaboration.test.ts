// The RLS matrix of the collaboration (issues 13 and 14): for every table the path from challenge
// to partnership brings, every actor, and each of select, insert, update and delete, allowed or
// refused exactly as docs/collaboration.md designs it. Through the gateway with real tokens from
// Better Auth's sign-in (the anon key for visitors), as a hostile client of the public API would
// call it. No member writes any of these tables directly: every write goes through a function
// that checks who calls (tested in review, proposals, questions-notifications and
// partnership-board tests), so every insert, update and delete below is refused.
//
// The subject rows, made with the superuser pool (helpers/orgs.ts makes the organisations):
// an open challenge of "city" with criteria and a Chinese version, and a draft of "city" with one
// (read only by the owning organisation, as the draft itself); an unanswered question from "vendor"; vendor's
// submitted proposal and its version; cM assigned as reviewer, cM and cA declared no conflict,
// cM's score; a partnership with its 'created' event and a hub-only 'note' event; vA's follow,
// saved search, notification setting and notification. The actors:
//
//   anon  a visitor (anon key)          oV   admin of another vendor organisation
//   vM    member of the vendor          cM   member of the city organisation (the reviewer)
//   vA    admin of the vendor           cA   admin of the city organisation
//   oC    admin of another city         hub  hub staff (admin of a hub organisation)
//
// ✓ allowed: select returns the subject rows. · refused: 401/403 (no grant) or nothing read
// (RLS). Afterwards the database is checked to hold every subject row unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, makeWorld, type World } from './helpers/orgs';
import { ACTORS, attempt, parseMatrix, type Actor, type Case } from './helpers/rls-matrix';
import { closePool, db } from './helpers/stack';

const MATRIX = `
table                  op      subject  anon  vM  vA  oV  cM  cA  oC  hub
challenge_criteria     select  row       ✓    ✓   ✓   ✓   ✓   ✓   ✓   ✓
challenge_translations select  row       ✓    ✓   ✓   ✓   ✓   ✓   ✓   ✓
challenge_translations select  draft     ·    ·   ·   ·   ✓   ✓   ·   ·
questions              select  row       ·    ✓   ✓   ·   ✓   ✓   ·   ✓
proposals              select  row       ·    ✓   ✓   ·   ✓   ✓   ·   ✓
proposal_versions      select  row       ·    ✓   ✓   ·   ✓   ✓   ·   ✓
challenge_reviewers    select  row       ·    ·   ·   ·   ✓   ✓   ·   ·
conflict_declarations  select  row       ·    ·   ·   ·   ✓   ✓   ·   ·
scores                 select  row       ·    ·   ·   ·   ✓   ✓   ·   ·
partnerships           select  row       ·    ✓   ✓   ·   ✓   ✓   ·   ✓
partnership_events     select  stage     ·    ✓   ✓   ·   ✓   ✓   ·   ✓
partnership_events     select  note      ·    ·   ·   ·   ·   ·   ·   ✓
follows                select  row       ·    ·   ✓   ·   ·   ·   ·   ·
saved_searches         select  row       ·    ·   ✓   ·   ·   ·   ·   ·
notification_settings  select  row       ·    ·   ✓   ·   ·   ·   ·   ·
notifications          select  row       ·    ·   ✓   ·   ·   ·   ·   ·
`;

const TABLES = [
	'challenge_criteria',
	'challenge_translations',
	'questions',
	'proposals',
	'proposal_versions',
	'challenge_reviewers',
	'conflict_declarations',
	'scores',
	'partnerships',
	'partnership_events',
	'follows',
	'saved_searches',
	'notification_settings',
	'notifications'
] as const;
type Table = (typeof TABLES)[number];
type Subject = 'row' | 'stage' | 'note' | 'draft';

/** Reads as the matrix says; every write by every actor refused. */
const CASES: Case<Table, Subject>[] = [
	...parseMatrix<Table, Subject>(MATRIX),
	...TABLES.flatMap((table) =>
		(['insert', 'update', 'delete'] as const).flatMap((op) =>
			ACTORS.map((actor) => ({ table, op, subject: 'row' as Subject, actor, allowed: false }))
		)
	)
];

let world: World;
const ids = {
	challenge: '',
	draft: '',
	criterion: '',
	question: '',
	proposal: '',
	partnership: '',
	savedSearch: '',
	notification: ''
};

beforeAll(async () => {
	world = await makeWorld();
	const q = async (sql: string, params: unknown[]) =>
		(await db().query<{ id: string }>(sql, params)).rows[0]?.id ?? '';
	ids.challenge = await q(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
		 values ($1, (select id from public.cities order by id limit 1), $2, 'RLS matrix challenge',
		         'A challenge for the collaboration RLS matrix.', 'technologies', 'open', now() + interval '10 days', now())
		 returning id`,
		[`it-${world.run}-rls-collab`, world.orgs.city.id]
	);
	ids.draft = await q(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain)
		 values ($1, (select id from public.cities order by id limit 1), $2, 'RLS matrix draft',
		         'A draft for the collaboration RLS matrix.', 'technologies')
		 returning id`,
		[`it-${world.run}-rls-collab-draft`, world.orgs.city.id]
	);
	await db().query(
		`insert into public.challenge_translations (challenge_id, language, title, summary, description)
		 values ($1, 'zh', 'RLS 矩阵挑战', '协作 RLS 矩阵使用的挑战。', '正文。'),
		        ($2, 'zh', 'RLS 矩阵草稿', '协作 RLS 矩阵使用的草稿。', '正文。')`,
		[ids.challenge, ids.draft]
	);
	ids.criterion = await q(
		`insert into public.challenge_criteria (challenge_id, position, name, weight)
		 values ($1, 1, 'Impact', 100) returning id`,
		[ids.challenge]
	);
	ids.question = await q(
		`insert into public.questions (challenge_id, organisation_id, asked_by, body)
		 values ($1, $2, $3, 'Is a pilot in one district enough?') returning id`,
		[ids.challenge, world.orgs.vendor.id, world.actors.vendorAdmin.id]
	);
	ids.proposal = await q(
		`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
		 values ($1, $2, 'submitted', 'Matrix proposal', 'A confidential summary.', 'A confidential approach.')
		 returning id`,
		[ids.challenge, world.orgs.vendor.id]
	);
	const cM = world.actors.cityMember.id;
	const cA = world.actors.cityAdmin.id;
	await db().query(
		`insert into public.challenge_reviewers (challenge_id, user_id, assigned_by) values ($1, $2, $3)`,
		[ids.challenge, cM, cA]
	);
	await db().query(
		`insert into public.conflict_declarations (proposal_id, reviewer_id, conflicted)
		 values ($1, $2, false), ($1, $3, false)`,
		[ids.proposal, cM, cA]
	);
	await db().query(
		`insert into public.scores (proposal_id, reviewer_id, criterion_id, score, comment)
		 values ($1, $2, $3, 4, 'Confidential comment.')`,
		[ids.proposal, cM, ids.criterion]
	);
	ids.partnership = await q(
		`insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id)
		 values ($1, $2, $3, $4) returning id`,
		[ids.proposal, ids.challenge, world.orgs.city.id, world.orgs.vendor.id]
	);
	await db().query(
		`insert into public.partnership_events (partnership_id, actor, kind, note)
		 values ($1, $2, 'note', 'The hub''s working note.')`,
		[ids.partnership, world.actors.hub.id]
	);
	const vA = world.actors.vendorAdmin.id;
	await db().query(`insert into public.follows (user_id, challenge_id) values ($1, $2)`, [
		vA,
		ids.challenge
	]);
	ids.savedSearch = await q(
		`insert into public.saved_searches (user_id, name, query) values ($1, 'Flood sensors', 'flood') returning id`,
		[vA]
	);
	await db().query(
		`insert into public.notification_settings (user_id, delivery) values ($1, 'daily')`,
		[vA]
	);
	ids.notification = await q(
		`insert into public.notifications (user_id, kind, challenge_id, link)
		 values ($1, 'status_changed', $2, '/notifications') returning id`,
		[vA, ids.challenge]
	);
});

afterAll(async () => {
	if (ids.challenge) {
		await db().query(`delete from public.challenges where id = any ($1::uuid[])`, [
			[ids.challenge, ids.draft].filter(Boolean)
		]);
	}
	await cleanup(world);
	await closePool();
});

/** The subject row(s) of each table: the filter that finds them and a column any reader may select. */
function target(table: Table, subject: Subject): { filter: string; select: string } {
	const vA = world.actors.vendorAdmin.id;
	const cM = world.actors.cityMember.id;
	switch (table) {
		case 'challenge_criteria':
			return { filter: `id=eq.${ids.criterion}`, select: 'id' };
		case 'challenge_translations':
			return {
				filter: `challenge_id=eq.${subject === 'draft' ? ids.draft : ids.challenge}`,
				select: 'language'
			};
		case 'questions':
			return { filter: `id=eq.${ids.question}`, select: 'id' };
		case 'proposals':
			return { filter: `id=eq.${ids.proposal}`, select: 'id' };
		case 'proposal_versions':
			return { filter: `proposal_id=eq.${ids.proposal}`, select: 'version' };
		case 'challenge_reviewers':
			return { filter: `challenge_id=eq.${ids.challenge}&user_id=eq.${cM}`, select: 'user_id' };
		case 'conflict_declarations':
			return {
				filter: `proposal_id=eq.${ids.proposal}&reviewer_id=eq.${cM}`,
				select: 'reviewer_id'
			};
		case 'scores':
			return { filter: `proposal_id=eq.${ids.proposal}&reviewer_id=eq.${cM}`, select: 'score' };
		case 'partnerships':
			return { filter: `id=eq.${ids.partnership}`, select: 'id' };
		case 'partnership_events':
			return {
				filter: `partnership_id=eq.${ids.partnership}&kind=eq.${subject === 'note' ? 'note' : 'created'}`,
				select: 'id'
			};
		case 'follows':
			return { filter: `user_id=eq.${vA}&challenge_id=eq.${ids.challenge}`, select: 'user_id' };
		case 'saved_searches':
			return { filter: `id=eq.${ids.savedSearch}`, select: 'id' };
		case 'notification_settings':
			return { filter: `user_id=eq.${vA}`, select: 'delivery' };
		case 'notifications':
			return { filter: `id=eq.${ids.notification}`, select: 'id' };
	}
}

/** A row as an attacker would try to insert it: for the subject's challenge, as themselves. */
function newRow(table: Table, _subject: Subject, actor: Actor): Record<string, unknown> {
	const me = actor === 'anon' ? world.applicant.id : world.actors[actor].id;
	switch (table) {
		case 'challenge_criteria':
			return { challenge_id: ids.challenge, position: 2, name: 'Forged', weight: 10 };
		case 'challenge_translations':
			return {
				challenge_id: ids.challenge,
				language: 'en',
				title: 'Forged',
				summary: 'A version written around the functions.',
				description: 'Forged.'
			};
		case 'questions':
			return {
				challenge_id: ids.challenge,
				organisation_id: world.orgs.vendor.id,
				body: 'A forged question, long enough.'
			};
		case 'proposals':
			return {
				challenge_id: ids.challenge,
				organisation_id: world.orgs.vendor.id,
				title: 'Forged'
			};
		case 'proposal_versions':
			return { proposal_id: ids.proposal, version: 9, content: {} };
		case 'challenge_reviewers':
			return { challenge_id: ids.challenge, user_id: me };
		case 'conflict_declarations':
			return { proposal_id: ids.proposal, reviewer_id: me, conflicted: false };
		case 'scores':
			return { proposal_id: ids.proposal, reviewer_id: me, criterion_id: ids.criterion, score: 5 };
		case 'partnerships':
			return {
				proposal_id: ids.proposal,
				challenge_id: ids.challenge,
				city_organisation_id: world.orgs.city.id,
				vendor_organisation_id: world.orgs.vendor.id
			};
		case 'partnership_events':
			return { partnership_id: ids.partnership, kind: 'stage', to_stage: 'deployed' };
		case 'follows':
			return { user_id: world.actors.vendorAdmin.id, challenge_id: ids.challenge };
		case 'saved_searches':
			return { user_id: world.actors.vendorAdmin.id, name: 'Forged' };
		case 'notification_settings':
			return { user_id: world.actors.vendorAdmin.id, delivery: 'off' };
		case 'notifications':
			return { user_id: world.actors.vendorAdmin.id, kind: 'status_changed', link: '/x' };
	}
}

/** What an attacker would change: a stage jump, a better score, a decision, a read mark… */
function change(table: Table): Record<string, unknown> {
	switch (table) {
		case 'challenge_criteria':
			return { weight: 1 };
		case 'challenge_translations':
			return { title: 'A forged title' };
		case 'questions':
			return { answer: 'A forged answer.', answered_at: new Date().toISOString() };
		case 'proposals':
			return { status: 'selected' };
		case 'proposal_versions':
			return { content: { title: 'Rewritten' } };
		case 'challenge_reviewers':
			return { assigned_by: null };
		case 'conflict_declarations':
			return { conflicted: true };
		case 'scores':
			return { score: 0 };
		case 'partnerships':
			return { stage: 'deployed' };
		case 'partnership_events':
			return { note: 'Rewritten history.' };
		case 'follows':
			return { created_at: new Date().toISOString() };
		case 'saved_searches':
			return { name: 'Renamed' };
		case 'notification_settings':
			return { delivery: 'off' };
		case 'notifications':
			return { read_at: new Date().toISOString() };
	}
}

const SUBJECTS = { target, newRow, change };

/** Every subject row, read as the superuser: compared before and after the matrix. */
async function snapshot(): Promise<string> {
	const { rows } = await db().query(
		`select
		   (select jsonb_agg(to_jsonb(x) order by x.id) from public.challenge_criteria x where x.challenge_id = $1) as criteria,
		   (select jsonb_agg(to_jsonb(x) order by x.challenge_id) from public.challenge_translations x where x.challenge_id = any ($5::uuid[])) as translations,
		   (select jsonb_agg(to_jsonb(x) order by x.id) from public.questions x where x.challenge_id = $1) as questions,
		   (select jsonb_agg(to_jsonb(x) order by x.id) from public.proposals x where x.challenge_id = $1) as proposals,
		   (select jsonb_agg(to_jsonb(x) order by x.version) from public.proposal_versions x where x.proposal_id = $2) as versions,
		   (select jsonb_agg(to_jsonb(x) order by x.user_id) from public.challenge_reviewers x where x.challenge_id = $1) as reviewers,
		   (select jsonb_agg(to_jsonb(x) order by x.reviewer_id) from public.conflict_declarations x where x.proposal_id = $2) as declarations,
		   (select jsonb_agg(to_jsonb(x) order by x.reviewer_id) from public.scores x where x.proposal_id = $2) as scores,
		   (select jsonb_agg(to_jsonb(x) order by x.id) from public.partnerships x where x.challenge_id = $1) as partnerships,
		   (select jsonb_agg(to_jsonb(x) order by x.id) from public.partnership_events x where x.partnership_id = $3) as events,
		   (select jsonb_agg(to_jsonb(x) order by x.user_id) from public.follows x where x.challenge_id = $1) as follows,
		   (select jsonb_agg(to_jsonb(x) order by x.id) from public.saved_searches x where x.user_id = any ($4::uuid[])) as saved,
		   (select jsonb_agg(to_jsonb(x) order by x.user_id) from public.notification_settings x where x.user_id = any ($4::uuid[])) as settings,
		   (select jsonb_agg(to_jsonb(x) order by x.id) from public.notifications x where x.user_id = any ($4::uuid[])) as notifications`,
		[
			ids.challenge,
			ids.proposal,
			ids.partnership,
			Object.values(world.actors).map((a) => a.id),
			[ids.challenge, ids.draft]
		]
	);
	return JSON.stringify(rows[0]);
}

describe('the collaboration RLS matrix, through the gateway with real tokens', () => {
	let before: string;
	beforeAll(async () => {
		before = await snapshot();
	});

	it('has its subject rows (a version kept by the guard, the created event by the trigger)', async () => {
		const { rows } = await db().query<{ versions: number; events: string[] }>(
			`select (select count(*)::int from public.proposal_versions where proposal_id = $1) as versions,
			        (select array_agg(kind order by id) from public.partnership_events where partnership_id = $2) as events`,
			[ids.proposal, ids.partnership]
		);
		expect(rows[0]).toEqual({ versions: 1, events: ['created', 'note'] });
	});

	it('covers every table, operation and actor', () => {
		expect([...new Set(CASES.map((c) => c.table))].sort()).toEqual([...TABLES].sort());
		for (const table of TABLES) {
			for (const op of ['select', 'insert', 'update', 'delete'] as const) {
				const actors = new Set(
					CASES.filter((c) => c.table === table && c.op === op).map((c) => c.actor)
				);
				expect(actors.size, `${table} ${op}`).toBe(8);
			}
		}
	});

	it.each(CASES.map((c) => [`${c.table} ${c.op} ${c.subject}: ${c.actor}`, c] as const))(
		'%s',
		async (_name, c) => {
			expect(await attempt(world, SUBJECTS, c)).toBe(c.allowed);
		}
	);

	it('left every row as it was', async () => {
		expect(await snapshot()).toBe(before);
	});
});
