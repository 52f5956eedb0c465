// The RLS matrix (issue 12): for every table organisations bring (and organisations and profiles
// themselves), every actor, and each of select, insert, update and delete, allowed or refused
// exactly as docs/organisations.md designs it. Through the gateway, as a client of the public
// API would call it, with real tokens from Better Auth's sign-in (the anon key for visitors).
//
// The subject rows belong to a vendor ("vendor") and a city ("city") organisation, made for this
// test with a pending invitation and a pending join request each (helpers/orgs.ts). The actors:
//
//   anon  a visitor (anon key)          oV   admin of another vendor organisation
//   vM    member of the vendor          cM   member of the city organisation
//   vA    admin of the vendor           cA   admin of the city organisation
//   oC    admin of another city         hub  hub staff (admin of a hub organisation)
//
// ✓ allowed: select returns the subject rows; insert answers 201; update and delete change the
//   subject row (return=representation shows it).
// · refused: PostgREST answers 401/403 (no grant), or the row is invisible (RLS: nothing
//   read, nothing changed). Afterwards the database is checked to hold every row unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, makeWorld, type World } from './helpers/orgs';
import { attempt, parseMatrix, type Actor } from './helpers/rls-matrix';
import { closePool, db } from './helpers/stack';

const MATRIX = `
table           op      subject   anon  vM  vA  oV  cM  cA  oC  hub
organisations   select  vendor     ✓    ✓   ✓   ✓   ✓   ✓   ✓   ✓
organisations   select  city       ✓    ✓   ✓   ✓   ✓   ✓   ✓   ✓
organisations   insert  vendor     ·    ·   ·   ·   ·   ·   ·   ·
organisations   update  vendor     ·    ·   ✓   ·   ·   ·   ·   ·
organisations   update  city       ·    ·   ·   ·   ·   ✓   ·   ·
organisations   delete  vendor     ·    ·   ·   ·   ·   ·   ·   ·
organisations   delete  city       ·    ·   ·   ·   ·   ·   ·   ·
profiles        select  vendor     ·    ✓   ✓   ·   ·   ·   ·   ✓
profiles        select  city       ·    ·   ·   ·   ✓   ✓   ·   ✓
profiles        insert  vendor     ·    ·   ·   ·   ·   ·   ·   ·
profiles        update  vendor     ·    ·   ✓   ·   ·   ·   ·   ·
profiles        update  city       ·    ·   ·   ·   ·   ✓   ·   ·
profiles        delete  vendor     ·    ·   ·   ·   ·   ·   ·   ·
memberships     select  vendor     ·    ✓   ✓   ·   ·   ·   ·   ✓
memberships     select  city       ·    ·   ·   ·   ✓   ✓   ·   ✓
memberships     insert  vendor     ·    ·   ·   ·   ·   ·   ·   ·
memberships     insert  city       ·    ·   ·   ·   ·   ·   ·   ·
memberships     update  vendor     ·    ·   ·   ·   ·   ·   ·   ·
memberships     update  city       ·    ·   ·   ·   ·   ·   ·   ·
memberships     delete  vendor     ·    ·   ·   ·   ·   ·   ·   ·
memberships     delete  city       ·    ·   ·   ·   ·   ·   ·   ·
invitations     select  vendor     ·    ·   ✓   ·   ·   ·   ·   ·
invitations     select  city       ·    ·   ·   ·   ·   ✓   ·   ·
invitations     insert  vendor     ·    ·   ·   ·   ·   ·   ·   ·
invitations     update  vendor     ·    ·   ·   ·   ·   ·   ·   ·
invitations     update  city       ·    ·   ·   ·   ·   ·   ·   ·
invitations     delete  vendor     ·    ·   ·   ·   ·   ·   ·   ·
invitations     delete  city       ·    ·   ·   ·   ·   ·   ·   ·
join_requests   select  vendor     ·    ·   ✓   ·   ·   ·   ·   ·
join_requests   select  city       ·    ·   ·   ·   ·   ✓   ·   ·
join_requests   insert  vendor     ·    ·   ·   ·   ·   ·   ·   ·
join_requests   update  vendor     ·    ·   ·   ·   ·   ·   ·   ·
join_requests   update  city       ·    ·   ·   ·   ·   ·   ·   ·
join_requests   delete  vendor     ·    ·   ·   ·   ·   ·   ·   ·
join_requests   delete  city       ·    ·   ·   ·   ·   ·   ·   ·
audit_log       select  vendor     ·    ·   ·   ·   ·   ·   ·   ✓
audit_log       select  city       ·    ·   ·   ·   ·   ·   ·   ✓
audit_log       insert  vendor     ·    ·   ·   ·   ·   ·   ·   ·
audit_log       update  vendor     ·    ·   ·   ·   ·   ·   ·   ·
audit_log       update  city       ·    ·   ·   ·   ·   ·   ·   ·
audit_log       delete  vendor     ·    ·   ·   ·   ·   ·   ·   ·
audit_log       delete  city       ·    ·   ·   ·   ·   ·   ·   ·
`;

type Table =
	'organisations' | 'profiles' | 'memberships' | 'invitations' | 'join_requests' | 'audit_log';
type Subject = 'vendor' | 'city';

const CASES = parseMatrix<Table, Subject>(MATRIX);

let world: World;

beforeAll(async () => {
	world = await makeWorld();
});
afterAll(async () => {
	await cleanup(world);
	await closePool();
});

const adminOf = (subject: Subject) => (subject === 'vendor' ? 'vendorAdmin' : 'cityAdmin');

/** The subject row(s) of each table: the filter that finds them and a column any reader may select. */
function target(table: Table, subject: Subject): { filter: string; select: string } {
	const org = world.orgs[subject].id;
	switch (table) {
		case 'organisations':
			return { filter: `id=eq.${org}`, select: 'id' };
		case 'profiles':
			return { filter: `id=eq.${world.actors[adminOf(subject)].id}`, select: 'id' };
		case 'memberships':
			return {
				filter: `organisation_id=eq.${org}&user_id=eq.${world.actors[adminOf(subject)].id}`,
				select: 'user_id'
			};
		case 'invitations':
			return { filter: `id=eq.${world.invitationIds[subject]}`, select: 'id' };
		case 'join_requests':
			return { filter: `id=eq.${world.joinRequestIds[subject]}`, select: 'id' };
		case 'audit_log':
			return { filter: `organisation_id=eq.${org}`, select: 'id' };
	}
}

/** A row as an attacker would try to insert it, for the subject organisation. */
function newRow(table: Table, subject: Subject, actor: Actor): Record<string, unknown> {
	const org = world.orgs[subject].id;
	const me = actor === 'anon' ? world.applicant.id : world.actors[actor].id;
	switch (table) {
		case 'organisations':
			return { kind: 'vendor', slug: `it-${world.run}-inserted`, name: 'Inserted', country: 'MY' };
		case 'profiles':
			return { id: me, display_name: 'Inserted' };
		case 'memberships':
			return { organisation_id: org, user_id: me, role: 'admin' };
		case 'invitations':
			return {
				organisation_id: org,
				email: 'attacker@example.test',
				role: 'admin',
				token_hash: 'a'.repeat(64)
			};
		case 'join_requests':
			return { organisation_id: org, user_id: me, message: 'inserted' };
		case 'audit_log':
			return { organisation_id: org, action: 'forged', target: 'nothing' };
	}
}

/** A change to the subject row that leaves it as it was (so an allowed update alters nothing). */
async function sameValues(table: Table, subject: Subject): Promise<Record<string, unknown>> {
	const org = world.orgs[subject].id;
	switch (table) {
		case 'organisations':
			return { name: world.orgs[subject].name };
		case 'profiles':
			return { display_name: `IT ${adminOf(subject)}` };
		case 'memberships':
			return { role: 'admin' };
		case 'invitations':
			return { role: 'member' };
		case 'join_requests':
			return { message: 'Please let me in' };
		case 'audit_log': {
			const { rows } = await db().query<{ action: string }>(
				`select action from public.audit_log where organisation_id = $1 order by id limit 1`,
				[org]
			);
			return { action: rows[0]?.action };
		}
	}
}

const SUBJECTS = { target, newRow, change: sameValues };

/** What the subject rows hold, read as the owner: compared before and after the matrix. */
async function snapshot(): Promise<string> {
	const { rows } = await db().query(
		`select
		   (select jsonb_agg(to_jsonb(o) - 'updated_at' order by o.id) from public.organisations o where o.slug like $1) as organisations,
		   (select jsonb_agg(to_jsonb(m) order by m.organisation_id, m.user_id) from public.memberships m
		      join public.organisations o on o.id = m.organisation_id where o.slug like $1) as memberships,
		   (select jsonb_agg(to_jsonb(i) order by i.id) from public.invitations i
		      join public.organisations o on o.id = i.organisation_id where o.slug like $1) as invitations,
		   (select jsonb_agg(to_jsonb(r) order by r.id) from public.join_requests r
		      join public.organisations o on o.id = r.organisation_id where o.slug like $1) as join_requests,
		   (select jsonb_agg(to_jsonb(a) order by a.id) from public.audit_log a
		      join public.organisations o on o.id = a.organisation_id where o.slug like $1) as audit_log,
		   (select jsonb_agg(to_jsonb(p) order by p.id) from public.profiles p where p.id = any ($2::uuid[])) as profiles`,
		[`it-${world.run}-%`, Object.values(world.actors).map((a) => a.id)]
	);
	return JSON.stringify(rows[0]);
}

describe('the RLS matrix, through the gateway with real tokens', () => {
	let before: string;
	beforeAll(async () => {
		before = await snapshot();
	});

	it('covers every table, operation and actor', () => {
		const tables = new Set(CASES.map((c) => c.table));
		expect([...tables].sort()).toEqual([
			'audit_log',
			'invitations',
			'join_requests',
			'memberships',
			'organisations',
			'profiles'
		]);
		for (const table of tables) {
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

	it('left every row as it was (refused writes changed nothing, allowed ones the same values)', async () => {
		expect(await snapshot()).toBe(before);
		const { rows } = await db().query(`select 1 from public.organisations where slug = $1`, [
			`it-${world.run}-inserted`
		]);
		expect(rows).toEqual([]);
	});
});
