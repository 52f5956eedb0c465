// Organisations, memberships, invitations, join requests and the audit log (issue 12,
// docs/organisations.md): typed calls of the database functions and the reads the pages need.
// Every call runs with the signed-in member's client (their token): the database decides (RLS and
// the functions' own checks); nothing here grants anything.
//
// Errors: each function throws a DataError ($lib/server/errors). When the database refused with
// one of its reasons (`e.refusal`: 'last_admin', 'invitation_expired', 'not_org_admin', …), the
// page words that reason; `refusalOf(e)` reads it from anything thrown. Constraint violations
// (a name too short, a malformed mailbox) are `bad_request` with fieldErrors(e, fields).
import type { Database, Tables } from '$lib/database.types';
import type { Db } from '$lib/server/db/client';
import { DataError, type Refusal, unwrap } from '$lib/server/errors';

type Fn = Database['public']['Functions'];
export type OrgKind = Database['public']['Enums']['org_kind'];
export type OrgRole = Database['public']['Enums']['org_role'];
export type ChallengeDomain = Database['public']['Enums']['challenge_domain'];

/** One of the caller's organisations, with their role and whether they act for it. */
export type MyMembership = Fn['my_memberships']['Returns'][number];
export type Organisation = Tables<'organisations'>;
export type JoinRequest = Tables<'join_requests'>;
export type AuditEntry = Tables<'audit_log'>;

export interface Member {
	userId: string;
	displayName: string | null;
	role: OrgRole;
	joinedAt: string;
}

/** An invitation as admins (and the invitee) read it: never its token or the token's hash. */
export type Invitation = Omit<Tables<'invitations'>, 'token_hash'> & {
	status: 'pending' | 'accepted' | 'revoked' | 'expired';
};

export interface JoinRequestWithName extends JoinRequest {
	displayName: string | null;
}

/** What an admin may change of their organisation's public profile (column grants). */
export type OrganisationProfileChange = Partial<
	Pick<
		Organisation,
		'name' | 'country' | 'website' | 'domains' | 'profile' | 'profile_language' | 'contact_email'
	>
>;
export const PROFILE_FIELDS = [
	'name',
	'country',
	'website',
	'domains',
	'profile',
	'profile_language',
	'contact_email'
] as const;

const INVITATION_COLUMNS =
	'id, organisation_id, email, role, invited_by, created_at, expires_at, accepted_at, accepted_by, revoked_at';
const ORGANISATION_COLUMNS =
	'id, kind, slug, name, country, website, domains, verified, profile, profile_language, contact_email, created_by, created_at, updated_at';

/** The database's refusal carried by `e`, if it is one. */
export function refusalOf(e: unknown): Refusal | null {
	return e instanceof DataError ? e.refusal : null;
}

function invitationStatus(row: Omit<Tables<'invitations'>, 'token_hash'>, now = Date.now()) {
	if (row.accepted_at) return 'accepted' as const;
	if (row.revoked_at) return 'revoked' as const;
	if (Date.parse(row.expires_at) <= now) return 'expired' as const;
	return 'pending' as const;
}

// ---------------------------------------------------------------------------------------------
// The caller's own
// ---------------------------------------------------------------------------------------------

/** The caller's organisations (name order), their role in each and the one they act for. */
export async function myMemberships(db: Db): Promise<MyMembership[]> {
	return unwrap(await db.rpc('my_memberships'));
}

/** The organisation the caller acts for: the active one, else their first; null when none. */
export function activeMembership(memberships: MyMembership[]): MyMembership | null {
	return memberships.find((m) => m.active) ?? memberships[0] ?? null;
}

/**
 * Which organisation the caller acts for in the UI (null: none). The database refuses an
 * organisation they do not belong to (not_member). UI only: no access decision reads it.
 */
export async function setActiveOrganisation(
	db: Db,
	userId: string,
	organisationId: string | null
): Promise<void> {
	unwrap(
		await db.from('profiles').update({ active_organisation_id: organisationId }).eq('id', userId)
	);
}

/** The caller's (`userId`'s) requests to join (newest first). */
export async function myJoinRequests(db: Db, userId: string): Promise<JoinRequest[]> {
	return unwrap(
		await db
			.from('join_requests')
			.select('*')
			.eq('user_id', userId)
			.order('created_at', { ascending: false })
	);
}

/** Pending invitations sent to `email` (the caller's verified address; RLS checks it). */
export async function invitationsForEmail(db: Db, email: string): Promise<Invitation[]> {
	const rows = unwrap(
		await db
			.from('invitations')
			.select(INVITATION_COLUMNS)
			.eq('email', email.trim().toLowerCase())
			.is('accepted_at', null)
			.is('revoked_at', null)
			.order('created_at', { ascending: false })
	);
	return rows.map((r) => ({ ...r, status: invitationStatus(r) }));
}

// ---------------------------------------------------------------------------------------------
// An organisation (its admins; members read members)
// ---------------------------------------------------------------------------------------------

/** An organisation by slug with the fields the manage page edits (public anyway); null if none. */
export async function organisationBySlug(db: Db, slug: string): Promise<Organisation | null> {
	return unwrap(
		await db.from('organisations').select(ORGANISATION_COLUMNS).eq('slug', slug).maybeSingle()
	);
}

/** Members of `organisationId` with their names (admins first, then by name). Members and hub staff. */
export async function listMembers(db: Db, organisationId: string): Promise<Member[]> {
	const rows = unwrap(
		await db
			.from('memberships')
			.select('user_id, role, created_at, profiles(display_name)')
			.eq('organisation_id', organisationId)
	);
	return rows
		.map((r) => ({
			userId: r.user_id,
			displayName: r.profiles?.display_name ?? null,
			role: r.role,
			joinedAt: r.created_at
		}))
		.sort(
			(a, b) =>
				(a.role === b.role ? 0 : a.role === 'admin' ? -1 : 1) ||
				(a.displayName ?? '').localeCompare(b.displayName ?? '') ||
				a.userId.localeCompare(b.userId)
		);
}

/** The organisation's invitations, newest first (admins only; others get none). */
export async function listInvitations(
	db: Db,
	organisationId: string,
	{ pendingOnly = false } = {}
): Promise<Invitation[]> {
	let query = db
		.from('invitations')
		.select(INVITATION_COLUMNS)
		.eq('organisation_id', organisationId);
	if (pendingOnly) query = query.is('accepted_at', null).is('revoked_at', null);
	const rows = unwrap(await query.order('created_at', { ascending: false }));
	const now = Date.now();
	return rows
		.map((r) => ({ ...r, status: invitationStatus(r, now) }))
		.filter((r) => !pendingOnly || r.status === 'pending');
}

/** Requests to join the organisation, with the requester's name (admins only; others get none). */
export async function listJoinRequests(
	db: Db,
	organisationId: string,
	{ pendingOnly = true } = {}
): Promise<JoinRequestWithName[]> {
	let query = db
		.from('join_requests')
		.select('*, requester:profiles!join_requests_user_id_fkey(display_name)')
		.eq('organisation_id', organisationId);
	if (pendingOnly) query = query.is('decided_at', null);
	const rows = unwrap(await query.order('created_at', { ascending: true }));
	return rows.map(({ requester, ...r }) => ({
		...r,
		displayName: requester?.display_name ?? null
	}));
}

/**
 * Changes the organisation's public profile (its admins; RLS and column grants). Throws
 * not_org_admin when the caller may not (no row changed), bad_request with the field for a
 * value a constraint refuses (fieldErrors(e, PROFILE_FIELDS)).
 */
export async function updateOrganisationProfile(
	db: Db,
	organisationId: string,
	change: OrganisationProfileChange
): Promise<void> {
	const rows = unwrap(
		await db.from('organisations').update(change).eq('id', organisationId).select('id')
	);
	if (rows.length === 0) {
		throw new DataError('forbidden', 'PT403', null, null, 403, 'not_org_admin', 'not_org_admin');
	}
}

// ---------------------------------------------------------------------------------------------
// The functions
// ---------------------------------------------------------------------------------------------

export interface NewOrganisation {
	kind: 'city' | 'vendor';
	name: string;
	country: string;
	domains?: ChallengeDomain[];
	website?: string | null;
	profile?: string | null;
	contact_email?: string | null;
}

/** A city or vendor organisation, unverified, with the caller as admin (and acting for it). */
export async function createOrganisation(db: Db, org: NewOrganisation): Promise<Organisation> {
	return unwrap(
		await db
			.rpc('create_organisation', {
				kind: org.kind,
				name: org.name,
				country: org.country,
				domains: org.domains ?? [],
				website: org.website ?? undefined,
				profile: org.profile ?? undefined,
				contact_email: org.contact_email ?? undefined
			})
			.single()
	);
}

/**
 * Invites `email` as `role` (admins). Returns the raw token once: the mail's link is
 * /invitations/<token>; the database keeps only its hash. Refusals: not_org_admin, already_member.
 */
export async function inviteMember(
	db: Db,
	organisationId: string,
	email: string,
	role: OrgRole = 'member'
): Promise<{ invitationId: string; token: string }> {
	const row = unwrap(await db.rpc('invite_member', { org: organisationId, email, role }).single());
	return { invitationId: row.invitation_id, token: row.token };
}

export type InvitationPreview = Fn['invitation_preview']['Returns'][number] & {
	status: 'pending' | 'used' | 'revoked' | 'expired' | 'not_for_you';
};

/**
 * What an invitation link leads to, for the caller, before accepting (the GET of
 * /invitations/<token>): the organisation's public name, the role, and `status` (pending: the
 * caller may accept; used, revoked, expired, not_for_you: why not). Never the invited address.
 * Refusal: invitation_unknown (a forged or mistyped link).
 */
export async function invitationPreview(db: Db, token: string): Promise<InvitationPreview> {
	const row = unwrap(await db.rpc('invitation_preview', { token }).single());
	return row as InvitationPreview;
}

/**
 * Accepts the invitation for the caller. Refusals, each for its own message: invitation_unknown
 * (forged or mistyped link), invitation_used, invitation_revoked, invitation_expired,
 * invitation_not_for_you (signed in with another, or unverified, address).
 */
export async function acceptInvitation(db: Db, token: string): Promise<Organisation> {
	return unwrap(await db.rpc('accept_invitation', { token }).single());
}

export async function revokeInvitation(db: Db, invitationId: string): Promise<void> {
	unwrap(await db.rpc('revoke_invitation', { id: invitationId }));
}

/** Asks to join a city or vendor organisation. Refusals: hub_by_invitation, already_member, request_pending. */
export async function requestToJoin(
	db: Db,
	organisationId: string,
	message?: string | null
): Promise<JoinRequest> {
	return unwrap(
		await db.rpc('request_to_join', { org: organisationId, message: message ?? undefined }).single()
	);
}

/** Accepts (membership as member) or declines a request (admins). Refusal: join_request_decided. */
export async function decideJoinRequest(
	db: Db,
	requestId: string,
	accept: boolean
): Promise<JoinRequest> {
	return unwrap(await db.rpc('decide_join_request', { id: requestId, accept }).single());
}

/** Sets a member's role (admins). Refusal: last_admin (the only admin cannot be demoted). */
export async function setMemberRole(
	db: Db,
	organisationId: string,
	userId: string,
	role: OrgRole
): Promise<void> {
	unwrap(await db.rpc('set_member_role', { org: organisationId, user_id: userId, role }));
}

/** Removes a member (admins). Refusal: last_admin. */
export async function removeMember(db: Db, organisationId: string, userId: string): Promise<void> {
	unwrap(await db.rpc('remove_member', { org: organisationId, user_id: userId }));
}

/** The caller leaves the organisation. Refusal: last_admin. */
export async function leaveOrganisation(db: Db, organisationId: string): Promise<void> {
	unwrap(await db.rpc('leave_organisation', { org: organisationId }));
}

// ---------------------------------------------------------------------------------------------
// Hub staff
// ---------------------------------------------------------------------------------------------

/** Verifies (or withdraws the badge of) an organisation (hub staff). Refusal: not_hub_staff. */
export async function setOrganisationVerified(
	db: Db,
	organisationId: string,
	verified: boolean
): Promise<Organisation> {
	return unwrap(
		await db.rpc('set_organisation_verified', { org: organisationId, verified }).single()
	);
}

/** Organisations waiting for verification, oldest first (public data). */
export async function unverifiedOrganisations(
	db: Db,
	{ kind, limit = 200 }: { kind?: OrgKind; limit?: number } = {}
): Promise<Organisation[]> {
	let query = db.from('organisations').select(ORGANISATION_COLUMNS).eq('verified', false);
	if (kind) query = query.eq('kind', kind);
	return unwrap(await query.order('created_at', { ascending: true }).order('id').limit(limit));
}

export interface AuditPage {
	entries: AuditEntry[];
	total: number;
	page: number;
	pages: number;
}

/** One page of the audit log, newest first (hub staff; everyone else reads an empty log). */
export async function auditLogPage(
	db: Db,
	{
		page = 1,
		perPage = 50,
		organisationId
	}: { page?: number; perPage?: number; organisationId?: string } = {}
): Promise<AuditPage> {
	const from = (Math.max(1, page) - 1) * perPage;
	let query = db.from('audit_log').select('*', { count: 'exact' });
	if (organisationId) query = query.eq('organisation_id', organisationId);
	const result = await query
		.order('at', { ascending: false })
		.order('id', { ascending: false })
		.range(from, from + perPage - 1);
	const entries = unwrap(result);
	const total = result.count ?? entries.length;
	return {
		entries,
		total,
		page: Math.max(1, page),
		pages: Math.max(1, Math.ceil(total / perPage))
	};
}

/** Is the caller hub staff? (A member of the hub organisation: read from their memberships.) */
export function isHubStaff(memberships: MyMembership[]): boolean {
	return memberships.some((m) => m.kind === 'hub');
}
