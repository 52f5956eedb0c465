// What the organisation pages read (welcome, manage, invitations, hub, the header's switcher),
// always with the member's own client: RLS decides what each of them sees (memberships of their
// own organisations, invitations and join requests for their admins, the audit log for hub
// staff). The writes go through the database functions in ./memberships.ts.
import { createHash } from 'node:crypto';
import type { Tables } from '$lib/database.types';
import type { OrgRole } from '$lib/domain/organisations/forms';
import type { Db } from '$lib/server/db/client';
import { DataError, dataError, dataOrThrow } from '$lib/server/errors';
import { safeWebsite } from './organisations';

export type OrgKind = Tables<'organisations'>['kind'];

/** One of the member's organisations, as the header, /welcome and /account list them. */
export interface MyOrganisation {
	id: string;
	slug: string;
	name: string;
	kind: OrgKind;
	verified: boolean;
	role: OrgRole;
}

/**
 * The member's organisations (by name) and the one the header shows as active, from
 * public.my_memberships() (profiles.active_organisation_id is readable only through it).
 */
export async function myOrganisations(
	db: Db
): Promise<{ organisations: MyOrganisation[]; activeId: string | null }> {
	const rows = dataOrThrow(await db.rpc('my_memberships'));
	const organisations = rows.map((r) => ({
		id: r.organisation_id,
		slug: r.slug,
		name: r.name,
		kind: r.kind,
		verified: r.verified,
		role: r.role
	}));
	// No stored choice (or one the member left): the first (UI only).
	const activeId =
		rows.find((r) => r.active)?.organisation_id ?? organisations[0]?.id ?? null;
	return { organisations, activeId };
}

/** Remembers which organisation the header shows (profiles.active_organisation_id: UI only). */
export async function setActiveOrganisation(db: Db, userId: string, organisationId: string) {
	dataOrThrow(
		await db
			.from('profiles')
			.update({ active_organisation_id: organisationId })
			.eq('id', userId)
			.select('id')
	);
}

/** Organisations of one kind a newcomer may ask to join (the welcome page's lists). */
export async function organisationsToJoin(db: Db, kind: 'city' | 'vendor') {
	return dataOrThrow(
		await db
			.from('organisations')
			.select('id, slug, name, country, verified')
			.eq('kind', kind)
			.order('name')
			.limit(1000)
	);
}

/** The member's own requests to join, newest first. */
export async function myJoinRequests(db: Db, userId: string) {
	const rows = dataOrThrow(
		await db
			.from('join_requests')
			.select('id, created_at, decision, organisations (name, slug)')
			.eq('user_id', userId)
			.order('created_at', { ascending: false })
			.limit(20)
	);
	return rows.map((r) => ({
		id: r.id,
		created_at: r.created_at,
		decision: r.decision,
		organisation: r.organisations?.name ?? '',
		slug: r.organisations?.slug ?? ''
	}));
}

const MANAGE_COLUMNS =
	'id, kind, slug, name, country, website, domains, verified, profile, contact_email, created_at';

export type ManagedOrganisation = Pick<
	Tables<'organisations'>,
	| 'id'
	| 'kind'
	| 'slug'
	| 'name'
	| 'country'
	| 'website'
	| 'domains'
	| 'verified'
	| 'profile'
	| 'contact_email'
	| 'created_at'
>;

export async function organisationBySlug(
	db: Db,
	slug: string
): Promise<ManagedOrganisation | null> {
	return dataOrThrow(
		await db.from('organisations').select(MANAGE_COLUMNS).eq('slug', slug).maybeSingle()
	);
}

/** The caller's role in an organisation, or null when not a member. */
export async function myRole(db: Db, organisationId: string, userId: string) {
	const row = dataOrThrow(
		await db
			.from('memberships')
			.select('role')
			.eq('organisation_id', organisationId)
			.eq('user_id', userId)
			.maybeSingle()
	);
	return row?.role ?? null;
}

export interface Member {
	user_id: string;
	name: string;
	role: OrgRole;
	since: string;
}

/** An organisation's members with their display names (RLS: its members and hub staff). */
export async function membersOf(db: Db, organisationId: string): Promise<Member[]> {
	const rows = dataOrThrow(
		await db
			.from('memberships')
			.select('user_id, role, created_at, profiles (display_name)')
			.eq('organisation_id', organisationId)
			.order('created_at')
	);
	return rows.map((r) => ({
		user_id: r.user_id,
		name: r.profiles?.display_name ?? '—',
		role: r.role,
		since: r.created_at
	}));
}

/** Invitations not accepted, revoked or expired (RLS: the organisation's admins). */
export async function openInvitations(db: Db, organisationId: string) {
	return dataOrThrow(
		await db
			.from('invitations')
			.select('id, email, role, created_at, expires_at')
			.eq('organisation_id', organisationId)
			.is('accepted_at', null)
			.is('revoked_at', null)
			.gt('expires_at', new Date().toISOString())
			.order('created_at', { ascending: false })
	);
}

/** Requests to join waiting for a decision (RLS: the organisation's admins). */
export async function pendingJoinRequests(db: Db, organisationId: string) {
	const rows = dataOrThrow(
		await db
			.from('join_requests')
			.select('id, user_id, message, created_at, profiles!join_requests_user_id_fkey (display_name)')
			.eq('organisation_id', organisationId)
			.is('decided_at', null)
			.order('created_at')
	);
	return rows.map((r) => ({
		id: r.id,
		user_id: r.user_id,
		name: r.profiles?.display_name ?? '—',
		message: r.message,
		created_at: r.created_at
	}));
}

/** The invitations table keeps sha256(token) in hex; the token itself is only in the mail. */
export function tokenHash(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** An invitation as its invitee may read it (RLS: the address must be theirs), or null. */
export async function invitationForToken(db: Db, token: string) {
	const row = dataOrThrow(
		await db
			.from('invitations')
			.select('id, role, expires_at, accepted_at, revoked_at, organisations (id, slug, name, kind)')
			.eq('token_hash', tokenHash(token))
			.maybeSingle()
	);
	return row;
}

/** Is the caller hub staff? (a member of an organisation of kind hub) */
export async function isHubStaff(db: Db, userId: string): Promise<boolean> {
	const rows = dataOrThrow(
		await db
			.from('memberships')
			.select('organisations!inner (kind)')
			.eq('user_id', userId)
			.eq('organisations.kind', 'hub')
			.limit(1)
	);
	return rows.length > 0;
}

/** Every organisation but the hub's: unverified first, newest first (the hub's queue). */
export async function organisationsForHub(db: Db) {
	const rows = dataOrThrow(
		await db
			.from('organisations')
			.select('id, kind, slug, name, country, website, verified, contact_email, created_at')
			.neq('kind', 'hub')
			.order('verified')
			.order('created_at', { ascending: false })
			.limit(500)
	);
	return rows.map((r) => ({ ...r, website: safeWebsite(r.website) }));
}

/** The newest audit log entries (RLS: hub staff only), with who did it and to which organisation. */
export async function recentAudit(db: Db, limit = 50) {
	const rows = dataOrThrow(
		await db
			.from('audit_log')
			.select('id, at, actor, organisation_id, action, target')
			.order('at', { ascending: false })
			.order('id', { ascending: false })
			.limit(limit)
	);
	// Who did it, by display name (hub staff read every profile).
	const actors = [...new Set(rows.flatMap((r) => (r.actor ? [r.actor] : [])))];
	const names = new Map(
		actors.length
			? dataOrThrow(await db.from('profiles').select('id, display_name').in('id', actors)).map(
					(p) => [p.id, p.display_name]
				)
			: []
	);
	return rows.map((r) => ({ ...r, actor_name: r.actor ? (names.get(r.actor) ?? null) : null }));
}

/** ISO 3166 codes the database knows (public.countries), for the country select. */
export async function countryCodes(db: Db): Promise<string[]> {
	const rows = dataOrThrow(await db.from('countries').select('code').order('code'));
	return rows.map((r) => r.code);
}

/**
 * An admin's edit of the public profile: a plain update through the API, which RLS (admins of
 * that organisation) and the column grants allow; a trigger writes the audit log.
 */
export async function updateOrganisationProfile(
	db: Db,
	organisationId: string,
	change: Pick<
		Tables<'organisations'>,
		'name' | 'country' | 'domains' | 'website' | 'profile' | 'contact_email'
	>
) {
	// A refusal is thrown as a DataError (not an HTTP answer): the form shows it next to its field.
	const { data, error, status } = await db
		.from('organisations')
		.update(change)
		.eq('id', organisationId)
		.select('id');
	if (error) throw dataError(error, status);
	if (data.length === 0) {
		// RLS let nothing through: not (or no longer) an admin.
		throw new DataError(
			'forbidden',
			'42501',
			null,
			null,
			403,
			'Database error 42501 (forbidden): not_admin'
		);
	}
}
