// Partnerships (issue 14, docs/collaboration.md § The partnership board): the hub's board and
// detail reads, the board's writes (migration 20261207001000_partnership_board.sql), and the
// read-only view of the city and the vendor. Every call runs with the signed-in member's client:
// RLS decides what is read (hub staff: everything; the two organisations: their partnership and
// its 'created' and 'stage' events), the functions decide who writes (hub staff only).
import type { BoardFilters } from '$lib/domain/partnerships/forms';
import type { Stage } from '$lib/domain/partnerships/stages';
import type { Db } from '$lib/server/db/client';
import type { MyMembership } from '$lib/server/db/memberships';
import { DataError, unwrap } from '$lib/server/errors';
import { withChallengeTitleIn } from '$lib/domain/challenges/versions';

/** The board functions' refusals (message keys raised by the database). */
export const PARTNERSHIP_REFUSALS = [
	'not_signed_in',
	'not_hub_staff',
	'partnership_unknown',
	'partnership_stage_illegal',
	'partnership_stage_stale',
	'partnership_reason_required',
	'partnership_note_required',
	'partnership_due_without_step',
	'partnership_owner_not_hub'
] as const;
export type PartnershipRefusal = (typeof PARTNERSHIP_REFUSALS)[number];

/** The database's refusal carried by `e`, when it is one of the board functions'. */
export function partnershipRefusal(e: unknown): PartnershipRefusal | null {
	if (!(e instanceof DataError)) return null;
	const key = e.refusal ?? /: ([a-z_]+)$/.exec(e.message)?.[1] ?? null;
	return key && (PARTNERSHIP_REFUSALS as readonly string[]).includes(key)
		? (key as PartnershipRefusal)
		: null;
}

/** A partnership as the board and the pages show it. */
export interface PartnershipCard {
	id: string;
	stage: Stage;
	owner_id: string | null;
	next_step: string | null;
	next_step_due: string | null;
	closed_reason: string | null;
	last_activity_at: string;
	created_at: string;
	stalled: boolean;
	overdue: boolean;
	/** Its title in the reader's language when it has a version in it; `language` is the title's. */
	challenge: { id: string; slug: string; title: string; language: string; domain: string } | null;
	city: { id: string; name: string; slug: string } | null;
	vendor: { id: string; name: string; slug: string } | null;
	/** Null when unassigned, or when the caller may not read the owner's name. */
	owner: { id: string; display_name: string } | null;
}

const CARD =
	'id, stage, owner_id, next_step, next_step_due, closed_reason, last_activity_at, created_at, stalled, overdue, ' +
	'challenge:challenges!inner(id, slug, title, language, domain, versions:challenge_translations (language, title)), ' +
	'city:organisations!partnerships_city_organisation_id_fkey(id, name, slug), ' +
	'vendor:organisations!partnerships_vendor_organisation_id_fkey(id, name, slug), ' +
	'owner:profiles!partnerships_owner_id_fkey(id, display_name)';

type CardRow = Omit<PartnershipCard, 'challenge'> & {
	challenge:
		(NonNullable<PartnershipCard['challenge']> & { versions: VersionTitle[] | null }) | null;
};
type VersionTitle = { language: string; title: string };

/** Cards as read (CARD), each challenge titled in the reader's language when it has a version in it. */
function cardsIn(rows: unknown, locale: string): PartnershipCard[] {
	return (rows as CardRow[]).map((r) => withChallengeTitleIn(r, locale));
}

/**
 * The board: the partnerships the caller reads (hub staff: all), filtered, the quietest first
 * within a stage is left to the page; here, most recent activity first.
 */
export async function boardPartnerships(
	db: Db,
	filters: BoardFilters,
	locale: string,
	limit = 500
): Promise<PartnershipCard[]> {
	let q = db.from('partnerships').select(CARD);
	if (filters.city) q = q.eq('city_organisation_id', filters.city);
	if (filters.domain) q = q.eq('challenge.domain', filters.domain);
	if (filters.stage) q = q.eq('stage', filters.stage);
	if (filters.owner === 'none') q = q.is('owner_id', null);
	else if (filters.owner) q = q.eq('owner_id', filters.owner);
	const rows = unwrap(
		await q.order('last_activity_at', { ascending: false }).order('id').limit(limit)
	);
	return cardsIn(rows, locale);
}

/** The city organisations that have partnerships (the board's city filter). */
export async function partnershipCities(db: Db): Promise<{ id: string; name: string }[]> {
	const rows = unwrap(
		await db
			.from('partnerships')
			.select('city:organisations!partnerships_city_organisation_id_fkey(id, name)')
			.limit(2000)
	);
	const byId = new Map<string, string>();
	for (const r of rows) if (r.city) byId.set(r.city.id, r.city.name);
	return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Hub staff (members of a hub organisation) by name: the owners a partnership may have. */
export async function hubStaffList(db: Db): Promise<{ id: string; name: string }[]> {
	const rows = unwrap(
		await db
			.from('memberships')
			.select('user_id, organisation:organisations!inner(kind), profile:profiles(display_name)')
			.eq('organisation.kind', 'hub')
			.limit(500)
	);
	const byId = new Map<string, string>();
	for (const r of rows) byId.set(r.user_id, r.profile?.display_name ?? r.user_id);
	return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** One partnership the caller reads (RLS), or null. */
export async function partnershipById(
	db: Db,
	id: string,
	locale: string
): Promise<PartnershipCard | null> {
	const row = unwrap(await db.from('partnerships').select(CARD).eq('id', id).maybeSingle());
	return row ? (cardsIn([row], locale)[0] ?? null) : null;
}

export interface PartnershipEvent {
	id: number;
	at: string;
	kind: 'created' | 'stage' | 'next_step' | 'owner' | 'note';
	from_stage: Stage | null;
	to_stage: Stage | null;
	note: string | null;
	due: string | null;
	actor: string | null;
	/** The actor's name, when the caller may read it. */
	actor_profile: { display_name: string } | null;
}

/** A partnership's history as the caller may read it (RLS), newest first. */
export async function partnershipEvents(db: Db, id: string): Promise<PartnershipEvent[]> {
	const rows = unwrap(
		await db
			.from('partnership_events')
			.select(
				'id, at, kind, from_stage, to_stage, note, due, actor, actor_profile:profiles!partnership_events_actor_fkey(display_name)'
			)
			.eq('partnership_id', id)
			.order('at', { ascending: false })
			.order('id', { ascending: false })
			.limit(1000)
	);
	return rows as unknown as PartnershipEvent[];
}

/**
 * The partnerships of the caller's city and vendor organisations (not the hub's view of all),
 * most recent activity first.
 */
export async function myPartnerships(
	db: Db,
	memberships: MyMembership[],
	locale: string
): Promise<PartnershipCard[]> {
	const ids = memberships.filter((x) => x.kind !== 'hub').map((x) => x.organisation_id);
	if (ids.length === 0) return [];
	const list = ids.join(',');
	const rows = unwrap(
		await db
			.from('partnerships')
			.select(CARD)
			.or(`city_organisation_id.in.(${list}),vendor_organisation_id.in.(${list})`)
			.order('last_activity_at', { ascending: false })
			.limit(200)
	);
	return cardsIn(rows, locale);
}

/** The partnerships of one challenge the caller reads (its city's members: their own). */
export async function challengePartnerships(
	db: Db,
	challengeId: string,
	locale: string
): Promise<PartnershipCard[]> {
	const rows = unwrap(
		await db
			.from('partnerships')
			.select(CARD)
			.eq('challenge_id', challengeId)
			.order('created_at', { ascending: true })
			.limit(200)
	);
	return cardsIn(rows, locale);
}

// Writes: hub staff only (the functions refuse everyone else with not_hub_staff).

export async function movePartnership(
	db: Db,
	id: string,
	stage: Stage,
	expected: Stage,
	note: string
) {
	return unwrap(
		await db.rpc('move_partnership', {
			partnership: id,
			stage,
			expected,
			note: note === '' ? undefined : note
		})
	);
}

export async function setNextStep(db: Db, id: string, nextStep: string, due: string) {
	return unwrap(
		await db.rpc('set_partnership_next_step', {
			partnership: id,
			next_step: nextStep,
			due: due === '' ? undefined : due
		})
	);
}

export async function setOwner(db: Db, id: string, owner: string) {
	// An empty owner clears it (null): the generated Args type says string, PostgREST takes null.
	return unwrap(
		await db.rpc('set_partnership_owner', {
			partnership: id,
			owner: (owner === '' ? null : owner) as string
		})
	);
}

export async function addNote(db: Db, id: string, note: string) {
	return unwrap(await db.rpc('add_partnership_note', { partnership: id, note }));
}
