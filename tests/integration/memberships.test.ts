// src/lib/server/db/memberships.ts against the stack: each call with a member's own client (their
// Better Auth token through the gateway, as the app's memberClient makes it), the flows of
// docs/organisations.md end to end, and each refusal arriving as its own DataError.refusal.
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types';
import {
	acceptInvitation,
	activeMembership,
	auditLogPage,
	createOrganisation,
	decideJoinRequest,
	invitationPreview,
	inviteMember,
	invitationsForEmail,
	leaveOrganisation,
	listInvitations,
	listJoinRequests,
	listMembers,
	myJoinRequests,
	myMemberships,
	organisationBySlug,
	PROFILE_FIELDS,
	refusalOf,
	removeMember,
	requestToJoin,
	revokeInvitation,
	setActiveOrganisation,
	setMemberRole,
	setOrganisationVerified,
	unverifiedOrganisations,
	updateOrganisationProfile
} from '../../src/lib/server/db/memberships';
import { DataError, fieldErrors } from '../../src/lib/server/errors';
import { createMember, signIn, tokenFor } from './helpers/auth';
import { ANON_KEY, closePool, db, SUPABASE_URL } from './helpers/stack';

type Person = { id: string; email: string; client: ReturnType<typeof clientFor> };

function clientFor(token: string) {
	return createClient<Database>(SUPABASE_URL, ANON_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: ws as never },
		accessToken: async () => token
	});
}

async function person(name: string): Promise<Person> {
	const m = await createMember(name);
	return { ...m, client: clientFor(await tokenFor(await signIn(m.email))) };
}

/** The refusal the call was answered with (fails the test if it succeeded). */
async function refusal(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		return refusalOf(e) ?? e;
	}
	throw new Error('expected a refusal');
}

let founder: Person;
let colleague: Person;
let applicant: Person;
let hub: Person;
let hubOrgId: string;
const created: string[] = [];

beforeAll(async () => {
	founder = await person('Founder');
	colleague = await person('Colleague');
	applicant = await person('Applicant');
	hub = await person('Hub staff');
	const { rows } = await db().query<{ id: string }>(
		`insert into public.organisations (kind, slug, name, country, verified)
		 values ('hub', 'it-memberships-hub-' || substr(md5(random()::text), 1, 8), 'IT hub', 'MY', true) returning id`
	);
	hubOrgId = rows[0]!.id;
	await db().query(
		`insert into public.memberships (organisation_id, user_id, role) values ($1, $2, 'admin')`,
		[hubOrgId, hub.id]
	);
});
afterAll(async () => {
	await db().query('delete from public.organisations where id = any ($1::uuid[])', [
		[...created, hubOrgId]
	]);
	await db().query('delete from identity."user" where id = any ($1::uuid[])', [
		[founder, colleague, applicant, hub].map((p) => p.id)
	]);
	await closePool();
});

describe('memberships.ts, as members', () => {
	it('runs the whole life of an organisation', async () => {
		// A vendor creates its company: unverified, the founder admin and acting for it.
		const org = await createOrganisation(founder.client, {
			kind: 'vendor',
			name: `IT Memberships ${founder.id.slice(0, 6)}`,
			country: 'my',
			domains: ['mobility'],
			contact_email: 'Hello@Example.test'
		});
		created.push(org.id);
		expect(org).toMatchObject({ kind: 'vendor', verified: false, country: 'MY' });
		expect(org.contact_email).toBe('hello@example.test');
		const mine = await myMemberships(founder.client);
		expect(activeMembership(mine)).toMatchObject({ organisation_id: org.id, role: 'admin' });
		expect(await organisationBySlug(founder.client, org.slug)).toMatchObject({ id: org.id });

		// Profile edits: allowed for the admin, field errors for bad values.
		await updateOrganisationProfile(founder.client, org.id, { profile: 'We move people.' });
		const bad = await refusal(
			updateOrganisationProfile(founder.client, org.id, { contact_email: 'not a mailbox' })
		);
		expect(bad).toBeInstanceOf(DataError);
		expect(fieldErrors(bad as DataError, PROFILE_FIELDS)).toEqual({ contact_email: 'invalid' });
		expect(
			await refusal(updateOrganisationProfile(colleague.client, org.id, { profile: 'x' }))
		).toBe('not_org_admin');

		// An invitation for the colleague, accepted from the mail's token.
		const { invitationId, token } = await inviteMember(founder.client, org.id, colleague.email);
		expect(token).toMatch(/^[0-9a-f]{64}$/);
		const pending = await listInvitations(founder.client, org.id, { pendingOnly: true });
		expect(pending.map((i) => [i.id, i.status])).toEqual([[invitationId, 'pending']]);
		expect((await invitationsForEmail(colleague.client, colleague.email)).map((i) => i.id)).toEqual(
			[invitationId]
		);
		expect(await invitationPreview(colleague.client, token)).toMatchObject({
			organisation_id: org.id,
			name: org.name,
			role: 'member',
			status: 'pending'
		});
		expect((await invitationPreview(applicant.client, token)).status).toBe('not_for_you');
		expect(await refusal(invitationPreview(applicant.client, 'forged'))).toBe('invitation_unknown');
		expect(await refusal(acceptInvitation(applicant.client, token))).toBe('invitation_not_for_you');
		expect((await acceptInvitation(colleague.client, token)).id).toBe(org.id);
		expect(await refusal(acceptInvitation(colleague.client, token))).toBe('invitation_used');
		expect((await invitationPreview(colleague.client, token)).status).toBe('used');
		expect(await refusal(acceptInvitation(colleague.client, 'forged'))).toBe('invitation_unknown');

		// A second invitation, revoked.
		const second = await inviteMember(founder.client, org.id, 'someone@example.test', 'admin');
		await revokeInvitation(founder.client, second.invitationId);
		expect(await refusal(acceptInvitation(applicant.client, second.token))).toBe(
			'invitation_revoked'
		);
		expect((await invitationPreview(applicant.client, second.token)).status).toBe('revoked');
		const all = await listInvitations(founder.client, org.id);
		expect(all.map((i) => i.status).sort()).toEqual(['accepted', 'revoked']);

		// A request to join, accepted.
		const request = await requestToJoin(applicant.client, org.id, 'I drive the buses');
		expect(await refusal(requestToJoin(applicant.client, org.id))).toBe('request_pending');
		expect((await myJoinRequests(applicant.client, applicant.id)).map((r) => r.id)).toEqual([
			request.id
		]);
		const requests = await listJoinRequests(founder.client, org.id);
		expect(requests).toEqual([
			expect.objectContaining({ id: request.id, displayName: 'Applicant' })
		]);
		expect(await listJoinRequests(colleague.client, org.id)).toEqual([]);
		expect((await decideJoinRequest(founder.client, request.id, true)).decision).toBe('accepted');

		// Members, roles, the last admin, removal, leaving.
		const members = await listMembers(colleague.client, org.id);
		expect(members.map((m) => [m.displayName, m.role])).toEqual([
			['Founder', 'admin'],
			['Applicant', 'member'],
			['Colleague', 'member']
		]);
		expect(await refusal(leaveOrganisation(founder.client, org.id))).toBe('last_admin');
		expect(await refusal(setMemberRole(founder.client, org.id, founder.id, 'member'))).toBe(
			'last_admin'
		);
		expect(await refusal(setMemberRole(colleague.client, org.id, colleague.id, 'admin'))).toBe(
			'not_org_admin'
		);
		await setMemberRole(founder.client, org.id, colleague.id, 'admin');
		await setMemberRole(colleague.client, org.id, founder.id, 'member');
		await removeMember(colleague.client, org.id, applicant.id);
		await setActiveOrganisation(founder.client, founder.id, org.id);
		await leaveOrganisation(founder.client, org.id);
		expect(await myMemberships(founder.client)).toEqual([]);
		expect(
			(await listMembers(colleague.client, org.id)).map((m) => [m.displayName, m.role])
		).toEqual([['Colleague', 'admin']]);
		expect(await refusal(setActiveOrganisation(founder.client, founder.id, org.id))).toBe(
			'not_member'
		);

		// Hub staff: the organisation waits for verification, is verified, and the log says so.
		expect(
			(await unverifiedOrganisations(hub.client, { kind: 'vendor' })).map((o) => o.id)
		).toContain(org.id);
		expect(await refusal(setOrganisationVerified(colleague.client, org.id, true))).toBe(
			'not_hub_staff'
		);
		expect((await setOrganisationVerified(hub.client, org.id, true)).verified).toBe(true);
		const log = await auditLogPage(hub.client, { organisationId: org.id, perPage: 5 });
		expect(log.total).toBeGreaterThanOrEqual(12);
		expect(log.pages).toBe(Math.ceil(log.total / 5));
		expect(log.entries[0]).toMatchObject({
			action: 'organisation.verified',
			actor: hub.id,
			after: { verified: true }
		});
		expect((await auditLogPage(colleague.client, { organisationId: org.id })).entries).toEqual([]);
	});

	it('refuses a hub organisation and names each refusal', async () => {
		expect(
			await refusal(
				createOrganisation(founder.client, { kind: 'hub' as never, name: 'Hub', country: 'MY' })
			)
		).toBe('kind_not_allowed');
		expect(await refusal(requestToJoin(applicant.client, hubOrgId))).toBe('hub_by_invitation');
	});
});
