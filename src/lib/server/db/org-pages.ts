// The organisation pages' own reads (welcome, invitations, hub, the header), beside the typed
// calls of ./memberships.ts, always with the member's own client: RLS decides what each member
// sees (their own requests, the audit log for hub staff).
import type { Tables } from '$lib/database.types';
import type { Db } from '$lib/server/db/client';
import { dataOrThrow } from '$lib/server/errors';
import { activeMembership, auditLogPage, myMemberships, type OrgRole } from './memberships';
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

/** The member's organisations (by name) and the one the header shows as active. */
export async function myOrganisations(
	db: Db
): Promise<{ organisations: MyOrganisation[]; activeId: string | null }> {
	const rows = await myMemberships(db);
	return {
		organisations: rows.map((r) => ({
			id: r.organisation_id,
			slug: r.slug,
			name: r.name,
			kind: r.kind,
			verified: r.verified,
			role: r.role
		})),
		activeId: activeMembership(rows)?.organisation_id ?? null
	};
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

/** The member's own requests to join, newest first, with the organisation's name. */
export async function myRequestsToJoin(db: Db, userId: string) {
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

/** The newest audit log entries (RLS: hub staff only) with who did it, by display name. */
export async function recentAudit(db: Db, perPage = 50) {
	const { entries } = await auditLogPage(db, { perPage });
	const actors = [...new Set(entries.flatMap((r) => (r.actor ? [r.actor] : [])))];
	const names = new Map(
		actors.length
			? dataOrThrow(await db.from('profiles').select('id, display_name').in('id', actors)).map(
					(p) => [p.id, p.display_name]
				)
			: []
	);
	return entries.map((r) => ({
		id: r.id,
		at: r.at,
		action: r.action,
		target: r.target,
		organisation_id: r.organisation_id,
		actor_name: r.actor ? (names.get(r.actor) ?? null) : null
	}));
}

/** ISO 3166 codes the database knows (public.countries), for the country select. */
export async function countryCodes(db: Db): Promise<string[]> {
	const rows = dataOrThrow(await db.from('countries').select('code').order('code'));
	return rows.map((r) => r.code);
}
