// Escalation attempts (issue 12): each with the attacker's own session, through PostgREST (the
// gateway, real Better Auth tokens) and through Better Auth's own API (/api/auth, the app's
// configuration). Each must fail, and the database must show that nothing changed.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, signIn, testAuth, tokenFor } from './helpers/auth';
import { api, cleanup, makeWorld, rpc, sha256, type World } from './helpers/orgs';
import { closePool, db, serviceClient } from './helpers/stack';

let world: World;
const extraUsers: string[] = [];

beforeAll(async () => {
	world = await makeWorld();
});
afterAll(async () => {
	await cleanup(world, extraUsers);
	await closePool();
});

async function roleOf(orgId: string, userId: string): Promise<string | null> {
	const { rows } = await db().query<{ role: string }>(
		'select role from public.memberships where organisation_id = $1 and user_id = $2',
		[orgId, userId]
	);
	return rows[0]?.role ?? null;
}

async function orgRow(orgId: string) {
	const { rows } = await db().query<{ kind: string; verified: boolean; slug: string }>(
		'select kind, verified, slug from public.organisations where id = $1',
		[orgId]
	);
	return rows[0];
}

const patch = (token: string | null, path: string, body: unknown) =>
	api(token, path, {
		method: 'PATCH',
		headers: { prefer: 'return=representation' },
		body: JSON.stringify(body)
	});

/** A new invitation to `orgKey`'s organisation for `email`, with its raw token. */
async function invitation(orgId: string, email: string, expiresIn = '7 days') {
	const token = randomBytes(32).toString('hex');
	const { rows } = await db().query<{ id: string }>(
		`insert into public.invitations (organisation_id, email, token_hash, expires_at)
		 values ($1, $2, $3, now() + $4::interval) returning id`,
		[orgId, email.toLowerCase(), sha256(token), expiresIn]
	);
	return { id: rows[0]!.id, token };
}

describe('making oneself admin', () => {
	it('a member cannot raise their own role, directly or through the functions', async () => {
		const { vendorMember: me } = world.actors;
		const org = world.orgs.vendor.id;
		const direct = await patch(
			me.token,
			`/rest/v1/memberships?organisation_id=eq.${org}&user_id=eq.${me.id}&select=role`,
			{ role: 'admin' }
		);
		expect(direct.status).toBe(403);
		const viaFn = await rpc(me.token, 'set_member_role', {
			org,
			user_id: me.id,
			role: 'admin'
		});
		expect(viaFn).toMatchObject({ status: 403, body: { code: 'PT403', message: 'not_org_admin' } });
		const insert = await api(me.token, '/rest/v1/memberships', {
			method: 'POST',
			headers: { prefer: 'resolution=merge-duplicates' },
			body: JSON.stringify({ organisation_id: org, user_id: me.id, role: 'admin' })
		});
		expect(insert.status).toBe(403);
		expect(await roleOf(org, me.id)).toBe('member');
	});

	it("another organisation's admin cannot manage this one", async () => {
		const org = world.orgs.vendor.id;
		const { otherVendor, vendorMember } = world.actors;
		for (const [fn, args] of [
			['set_member_role', { org, user_id: vendorMember.id, role: 'admin' }],
			['set_member_role', { org, user_id: otherVendor.id, role: 'admin' }],
			['remove_member', { org, user_id: vendorMember.id }],
			['invite_member', { org, email: 'friend@example.test', role: 'admin' }],
			['revoke_invitation', { id: world.invitationIds.vendor }],
			['decide_join_request', { id: world.joinRequestIds.vendor, accept: true }]
		] as const) {
			const res = await rpc(otherVendor.token, fn, args);
			expect(res, fn).toMatchObject({ status: 403, body: { message: 'not_org_admin' } });
		}
		expect(await roleOf(org, vendorMember.id)).toBe('member');
		expect(await roleOf(org, otherVendor.id)).toBeNull();
	});

	it('hub staff cannot make themselves admin of an organisation either', async () => {
		const res = await rpc(world.actors.hub.token, 'set_member_role', {
			org: world.orgs.city.id,
			user_id: world.actors.hub.id,
			role: 'admin'
		});
		expect(res.body.message).toBe('not_org_admin');
		expect(await roleOf(world.orgs.city.id, world.actors.hub.id)).toBeNull();
	});

	it('the last admin can be neither demoted, removed nor leave', async () => {
		const { otherVendor: admin } = world.actors;
		const org = world.orgs.otherVendor.id;
		for (const [fn, args] of [
			['set_member_role', { org, user_id: admin.id, role: 'member' }],
			['remove_member', { org, user_id: admin.id }],
			['leave_organisation', { org }]
		] as const) {
			const res = await rpc(admin.token, fn, args);
			expect(res, fn).toMatchObject({
				status: 409,
				body: { code: 'PT409', message: 'last_admin' }
			});
		}
		expect(await roleOf(org, admin.id)).toBe('admin');
	});
});

describe('two admins demoting each other at the same moment', () => {
	it('leaves one admin every time (the organisation row is locked first)', async () => {
		const org = world.orgs.otherVendor.id;
		const second = await createMember('Second admin');
		extraUsers.push(second.id);
		const secondToken = await tokenFor(await signIn(second.email));
		const first = world.actors.otherVendor;
		await db().query(
			`insert into public.memberships (organisation_id, user_id, role) values ($1, $2, 'admin')`,
			[org, second.id]
		);
		for (let round = 0; round < 8; round++) {
			await db().query(
				`update public.memberships set role = 'admin' where organisation_id = $1 and user_id = any ($2::uuid[])`,
				[org, [first.id, second.id]]
			);
			const answers = await Promise.all([
				rpc(first.token, 'set_member_role', { org, user_id: second.id, role: 'member' }),
				rpc(secondToken, 'set_member_role', { org, user_id: first.id, role: 'member' })
			]);
			const { rows } = await db().query<{ admins: number }>(
				`select count(*)::int as admins from public.memberships where organisation_id = $1 and role = 'admin'`,
				[org]
			);
			expect(rows[0]!.admins, `round ${round}`).toBe(1);
			// One demoted the other; the other was then no admin any more (or the last one).
			expect(answers.map((a) => a.status).sort(), `round ${round}`).toEqual([200, 403]);
		}
		await db().query(
			`update public.memberships set role = 'admin' where organisation_id = $1 and user_id = $2`,
			[org, first.id]
		);
		await db().query(`delete from public.memberships where organisation_id = $1 and user_id = $2`, [
			org,
			second.id
		]);
	});
});

describe('joining without an invitation', () => {
	it('an outsider cannot insert a membership, accept a forged token or answer their own request', async () => {
		const { applicant } = world;
		const org = world.orgs.vendor.id;
		const insert = await api(applicant.token, '/rest/v1/memberships', {
			method: 'POST',
			body: JSON.stringify({ organisation_id: org, user_id: applicant.id })
		});
		expect(insert.status).toBe(403);
		const forged = await rpc(applicant.token, 'accept_invitation', {
			token: randomBytes(32).toString('hex')
		});
		expect(forged).toMatchObject({
			status: 404,
			body: { code: 'PT404', message: 'invitation_unknown' }
		});
		// A token's hash is not a token.
		const { rows } = await db().query<{ token_hash: string }>(
			'select token_hash from public.invitations where id = $1',
			[world.invitationIds.vendor]
		);
		const hashAsToken = await rpc(applicant.token, 'accept_invitation', {
			token: rows[0]!.token_hash
		});
		expect(hashAsToken.body.message).toBe('invitation_unknown');
		const ownRequest = await rpc(applicant.token, 'decide_join_request', {
			id: world.joinRequestIds.vendor,
			accept: true
		});
		expect(ownRequest.body.message).toBe('not_org_admin');
		const pendingAgain = await rpc(applicant.token, 'request_to_join', { org, message: 'again' });
		expect(pendingAgain).toMatchObject({ status: 409, body: { message: 'request_pending' } });
		expect(await roleOf(org, applicant.id)).toBeNull();
	});

	it('nobody asks to join the hub: its staff are invited', async () => {
		const res = await rpc(world.applicant.token, 'request_to_join', { org: world.orgs.hub.id });
		expect(res).toMatchObject({ status: 403, body: { message: 'hub_by_invitation' } });
		expect(await roleOf(world.orgs.hub.id, world.applicant.id)).toBeNull();
	});

	it('a visitor can call none of the functions', async () => {
		const res = await rpc(null, 'request_to_join', { org: world.orgs.vendor.id });
		expect(res.status).toBe(401);
		const accept = await rpc(null, 'accept_invitation', { token: world.invitationTokens.vendor });
		expect(accept.status).toBe(401);
	});
});

describe('accepting an invitation meant for another e-mail', () => {
	it("a member holding someone else's link is told it is not theirs; the invitee then joins", async () => {
		const token = world.invitationTokens.city;
		for (const thief of [world.actors.vendorMember, world.applicant, world.actors.hub]) {
			const res = await rpc(thief.token, 'accept_invitation', { token });
			expect(res).toMatchObject({
				status: 403,
				body: { code: 'PT403', message: 'invitation_not_for_you' }
			});
			expect(await roleOf(world.orgs.city.id, thief.id)).toBeNull();
		}
		const ok = await rpc(world.invitee.token, 'accept_invitation', { token });
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ id: world.orgs.city.id, slug: world.orgs.city.slug });
		expect(await roleOf(world.orgs.city.id, world.invitee.id)).toBe('member');
		const again = await rpc(world.invitee.token, 'accept_invitation', { token });
		expect(again).toMatchObject({ status: 409, body: { message: 'invitation_used' } });
	});

	it('expired and revoked links say so', async () => {
		const expired = await invitation(world.orgs.vendor.id, world.applicant.email, '-1 minute');
		const res = await rpc(world.applicant.token, 'accept_invitation', { token: expired.token });
		expect(res).toMatchObject({
			status: 410,
			body: { code: 'PT410', message: 'invitation_expired' }
		});
		const revoked = await invitation(world.orgs.otherCity.id, world.applicant.email);
		const revoke = await rpc(world.actors.otherCity.token, 'revoke_invitation', {
			id: revoked.id
		});
		expect(revoke.status).toBe(204);
		const late = await rpc(world.applicant.token, 'accept_invitation', { token: revoked.token });
		expect(late).toMatchObject({ status: 410, body: { message: 'invitation_revoked' } });
		expect(await roleOf(world.orgs.vendor.id, world.applicant.id)).toBeNull();
		expect(await roleOf(world.orgs.otherCity.id, world.applicant.id)).toBeNull();
	});

	it('an address not (or no longer) verified accepts nothing', async () => {
		const member = await createMember('Unverified');
		extraUsers.push(member.id);
		const token = await tokenFor(await signIn(member.email));
		const inv = await invitation(world.orgs.vendor.id, member.email);
		await db().query(`update identity."user" set "emailVerified" = false where id = $1`, [
			member.id
		]);
		const res = await rpc(token, 'accept_invitation', { token: inv.token });
		expect(res.body.message).toBe('invitation_not_for_you');
		expect(await roleOf(world.orgs.vendor.id, member.id)).toBeNull();
	});

	it("changing one's e-mail to the invitee's through /api/auth does not make the invitation theirs", async () => {
		const attacker = world.actors.otherCity;
		const cookie = await signIn(attacker.email);
		const inv = await invitation(world.orgs.vendor.id, `target-${world.run}@example.test`);
		const change = await testAuth().handler(
			new Request('http://127.0.0.1:3000/api/auth/change-email', {
				method: 'POST',
				headers: {
					cookie,
					origin: 'http://127.0.0.1:3000',
					'content-type': 'application/json'
				},
				body: JSON.stringify({ newEmail: `target-${world.run}@example.test` })
			})
		);
		expect(change.status).toBeLessThan(500);
		// Better Auth mails the new address for confirmation; the account keeps its own meanwhile.
		const { rows } = await db().query<{ email: string }>(
			'select email from identity."user" where id = $1',
			[attacker.id]
		);
		expect(rows[0]!.email).toBe(attacker.email);
		const res = await rpc(attacker.token, 'accept_invitation', { token: inv.token });
		expect(res.body.message).toBe('invitation_not_for_you');
	});
});

describe('verification and kind', () => {
	it("an organisation's admin can set neither verified nor kind nor slug", async () => {
		const { vendorAdmin: admin } = world.actors;
		const org = world.orgs.vendor.id;
		await db().query('update public.organisations set verified = false where id = $1', [org]);
		for (const body of [
			{ verified: true },
			{ kind: 'city' },
			{ kind: 'hub' },
			{ slug: 'taken-over' }
		]) {
			const res = await patch(admin.token, `/rest/v1/organisations?id=eq.${org}&select=id`, body);
			expect(res.status, JSON.stringify(body)).toBe(403);
		}
		const viaFn = await rpc(admin.token, 'set_organisation_verified', { org, verified: true });
		expect(viaFn).toMatchObject({ status: 403, body: { message: 'not_hub_staff' } });
		expect(await orgRow(org)).toEqual({
			kind: 'vendor',
			verified: false,
			slug: world.orgs.vendor.slug
		});
	});

	it('nobody creates a hub organisation through the API', async () => {
		const res = await rpc(world.applicant.token, 'create_organisation', {
			kind: 'hub',
			name: `IT ${world.run} fake hub`,
			country: 'MY'
		});
		expect(res).toMatchObject({ status: 400, body: { message: 'kind_not_allowed' } });
	});

	it('not even the service role changes verified outside set_organisation_verified()', async () => {
		const org = world.orgs.vendor.id;
		const { error } = await serviceClient()
			.from('organisations')
			.update({ verified: true })
			.eq('id', org);
		expect(error?.message).toBe('verified_by_hub_only');
		expect((await orgRow(org))?.verified).toBe(false);
	});

	it('hub staff verify, and the audit log records who and what', async () => {
		const org = world.orgs.vendor.id;
		const res = await rpc(world.actors.hub.token, 'set_organisation_verified', {
			org,
			verified: true
		});
		expect(res.status).toBe(200);
		expect((await orgRow(org))?.verified).toBe(true);
		const { rows } = await db().query(
			`select actor, action, before, after from public.audit_log
			 where organisation_id = $1 and action like 'organisation.%verified' order by id desc limit 1`,
			[org]
		);
		expect(rows[0]).toEqual({
			actor: world.actors.hub.id,
			action: 'organisation.verified',
			before: { verified: false },
			after: { verified: true }
		});
	});

	it('an unverified organisation cannot open a challenge, whoever writes', async () => {
		const org = world.orgs.otherCity.id;
		await db().query('update public.organisations set verified = false where id = $1', [org]);
		const { rows } = await db().query<{ id: string }>(`select id from public.cities limit 1`);
		const { error } = await serviceClient()
			.from('challenges')
			.insert({
				slug: `it-${world.run}-unverified`,
				city_id: rows[0]!.id,
				organisation_id: org,
				title: 'Unverified challenge',
				summary: 'An unverified city tries to publish.',
				domain: 'utilities',
				status: 'open'
			});
		expect(error).toMatchObject({ code: 'PT403', message: 'organisation_unverified' });
	});
});

describe('the audit log', () => {
	it('hub staff read it but cannot write, change or delete it; others cannot read it', async () => {
		const { hub, vendorAdmin } = world.actors;
		const org = world.orgs.vendor.id;
		const read = await api(hub.token, `/rest/v1/audit_log?organisation_id=eq.${org}&select=id`);
		const entries = (await read.json()) as { id: number }[];
		expect(entries.length).toBeGreaterThan(0);
		const first = entries[0]!.id;
		const insert = await api(hub.token, '/rest/v1/audit_log', {
			method: 'POST',
			body: JSON.stringify({ action: 'forged', organisation_id: org })
		});
		expect(insert.status).toBe(403);
		const change = await patch(hub.token, `/rest/v1/audit_log?id=eq.${first}&select=id`, {
			action: 'tampered'
		});
		expect(change.status).toBe(403);
		const del = await api(hub.token, `/rest/v1/audit_log?id=eq.${first}`, { method: 'DELETE' });
		expect(del.status).toBe(403);
		const other = await api(vendorAdmin.token, `/rest/v1/audit_log?organisation_id=eq.${org}`);
		expect(await other.json()).toEqual([]);
	});

	it('is append-only for the service role and for the owner too', async () => {
		const svc = serviceClient();
		const { error: ins } = await svc.from('audit_log').insert({ action: 'forged' });
		expect(ins?.code).toBe('42501');
		const { error: del } = await svc.from('audit_log').delete().gt('id', 0);
		expect(del?.code).toBe('42501');
		await expect(
			db().query('delete from public.audit_log where id = (select min(id) from public.audit_log)')
		).rejects.toThrow('audit_log_append_only');
		await expect(
			db().query(
				`update public.audit_log set action = 'tampered' where id = (select min(id) from public.audit_log)`
			)
		).rejects.toThrow('audit_log_append_only');
		await expect(db().query('truncate public.audit_log')).rejects.toThrow('audit_log_append_only');
	});
});

describe("reading another organisation's private fields", () => {
	it("another vendor reads none of this vendor's members, invitations or join requests", async () => {
		const { otherVendor } = world.actors;
		const org = world.orgs.vendor.id;
		for (const path of [
			`/rest/v1/memberships?organisation_id=eq.${org}&select=user_id`,
			`/rest/v1/invitations?organisation_id=eq.${org}&select=id,email`,
			`/rest/v1/join_requests?organisation_id=eq.${org}&select=id,message`,
			// Embedded from the public organisation row: RLS applies to the embedded rows too.
			`/rest/v1/organisations?id=eq.${org}&select=id,memberships(user_id),invitations(email),join_requests(message)`
		]) {
			const res = await api(otherVendor.token, path);
			expect(res.status, path).toBe(200);
			const body = (await res.json()) as Record<string, unknown>[];
			if (path.includes('organisations?')) {
				expect(body).toEqual([{ id: org, memberships: [], invitations: [], join_requests: [] }]);
			} else {
				expect(body, path).toEqual([]);
			}
		}
	});

	it("a member (not admin) reads the colleagues' names but not the invitations or requests", async () => {
		const { vendorMember } = world.actors;
		const org = world.orgs.vendor.id;
		const members = await api(
			vendorMember.token,
			`/rest/v1/memberships?organisation_id=eq.${org}&select=user_id,profiles(display_name)`
		);
		expect(((await members.json()) as unknown[]).length).toBe(2);
		for (const table of ['invitations', 'join_requests']) {
			const res = await api(
				vendorMember.token,
				`/rest/v1/${table}?organisation_id=eq.${org}&select=id`
			);
			expect(await res.json(), table).toEqual([]);
		}
		// The applicant's name: their request is for admins to see, not for every member.
		const applicant = await api(
			vendorMember.token,
			`/rest/v1/profiles?id=eq.${world.applicant.id}&select=display_name`
		);
		expect(await applicant.json()).toEqual([]);
		const forAdmin = await api(
			world.actors.vendorAdmin.token,
			`/rest/v1/profiles?id=eq.${world.applicant.id}&select=display_name`
		);
		expect(await forAdmin.json()).toEqual([{ display_name: 'IT applicant' }]);
	});

	it('nobody reads a token hash, nor which organisation anyone acts for', async () => {
		const { vendorAdmin, vendorMember } = world.actors;
		const hash = await api(
			vendorAdmin.token,
			`/rest/v1/invitations?organisation_id=eq.${world.orgs.vendor.id}&select=token_hash`
		);
		expect(hash.status).toBe(403);
		const all = await api(vendorAdmin.token, `/rest/v1/invitations?select=*`);
		expect(all.status).toBe(403);
		const active = await api(
			vendorMember.token,
			`/rest/v1/profiles?id=eq.${vendorAdmin.id}&select=active_organisation_id`
		);
		expect(active.status).toBe(403);
	});

	it('one cannot act for an organisation one does not belong to', async () => {
		const { vendorMember } = world.actors;
		const res = await patch(
			vendorMember.token,
			`/rest/v1/profiles?id=eq.${vendorMember.id}&select=id`,
			{ active_organisation_id: world.orgs.otherVendor.id }
		);
		expect(res.status).toBe(403);
		expect((await res.json()).message).toBe('not_member');
		const ok = await patch(
			vendorMember.token,
			`/rest/v1/profiles?id=eq.${vendorMember.id}&select=id`,
			{
				active_organisation_id: world.orgs.vendor.id
			}
		);
		expect(ok.status).toBe(200);
		const mine = await rpc(vendorMember.token, 'my_memberships', {});
		expect(mine.body).toEqual([
			expect.objectContaining({
				organisation_id: world.orgs.vendor.id,
				role: 'member',
				active: true
			})
		]);
	});
});

describe("Better Auth's API grants nothing", () => {
	async function authApi(cookie: string, path: string, body?: unknown) {
		return testAuth().handler(
			new Request(`http://127.0.0.1:3000/api/auth${path}`, {
				method: body === undefined ? 'GET' : 'POST',
				headers: {
					cookie,
					origin: 'http://127.0.0.1:3000',
					...(body === undefined ? {} : { 'content-type': 'application/json' })
				},
				body: body === undefined ? undefined : JSON.stringify(body)
			})
		);
	}

	it('has no organization plugin: its endpoints do not exist', async () => {
		const cookie = await signIn(world.actors.vendorMember.email);
		// The handler answers (a control: the session endpoint is there) …
		expect((await authApi(cookie, '/get-session')).status).toBe(200);
		// … and the organization plugin's endpoints are not.
		for (const [path, body] of [
			['/organization/create', { name: 'Mine', slug: `it-${world.run}-plugin` }],
			['/organization/list', undefined],
			['/organization/set-active', { organizationId: world.orgs.vendor.id }],
			[
				'/organization/update-member-role',
				{ memberId: world.actors.vendorMember.id, role: 'admin' }
			],
			['/organization/add-member', { userId: world.actors.vendorMember.id, role: 'owner' }],
			['/organization/invite-member', { email: 'x@example.test', role: 'owner' }],
			['/organization/accept-invitation', { invitationId: world.invitationIds.vendor }],
			['/organization/get-full-organization', undefined]
		] as const) {
			const res = await authApi(cookie, path, body);
			expect(res.status, path).toBe(404);
		}
		expect(
			Object.keys(testAuth().api).filter((k) => /organi[sz]ation|member|invit/i.test(k))
		).toEqual([]);
		expect(await roleOf(world.orgs.vendor.id, world.actors.vendorMember.id)).toBe('member');
	});

	it('update-user takes no role, organisation or verification, and the token claims stay the same', async () => {
		const { vendorMember: me } = world.actors;
		const cookie = await signIn(me.email);
		const before = JSON.parse(
			Buffer.from((await tokenFor(cookie)).split('.')[1]!, 'base64url').toString()
		);
		const res = await authApi(cookie, '/update-user', {
			role: 'admin',
			emailVerified: true,
			activeOrganizationId: world.orgs.vendor.id,
			organisation_id: world.orgs.vendor.id
		});
		expect(res.status).toBeLessThan(500);
		const after = JSON.parse(
			Buffer.from((await tokenFor(cookie)).split('.')[1]!, 'base64url').toString()
		);
		expect(after.role).toBe('authenticated');
		expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
		expect(await roleOf(world.orgs.vendor.id, me.id)).toBe('member');
	});
});
