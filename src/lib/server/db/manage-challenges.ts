// Challenge management (issue 13, item 1; docs/collaboration.md#challenge-management): typed calls
// of the database functions of 20261207000100_challenge_management.sql and the reads the manage
// pages need. Every call runs with the signed-in official's client: the functions check who asks
// and refuse with a key (DataError.refusal), which the pages word (challenge-problems.ts).
import type { Database, Tables } from '$lib/database.types';
import type { Db } from '$lib/server/db/client';
import { unwrap } from '$lib/server/errors';

type Fn = Database['public']['Functions'];
/** The row as stored: the computed budget columns (budget_min_usd…) come only when named. */
export type ChallengeRow = Omit<
	Tables<'challenges'>,
	'budget_min_usd' | 'budget_max_usd' | 'budget_usd_as_of'
>;
export type Criterion = Pick<
	Tables<'challenge_criteria'>,
	'id' | 'position' | 'name' | 'description' | 'weight'
>;
export type CreateChallengeArgs = Fn['create_challenge']['Args'];
export type UpdateChallengeArgs = Fn['update_challenge']['Args'];
export type ChallengeStatus = Database['public']['Enums']['challenge_status'];
export type ChallengeOutcome = Database['public']['Enums']['challenge_outcome'];

/** A challenge as its manage page shows it: the whole row, its city, organisation and criteria. */
export type ManagedChallenge = ChallengeRow & {
	city: Pick<Tables<'cities'>, 'id' | 'slug' | 'name'>;
	organisation: Pick<Tables<'organisations'>, 'id' | 'slug' | 'name' | 'verified' | 'kind'>;
	criteria: Criterion[];
};

/** One line of "my organisation's challenges". */
export type ManagedChallengeLine = Pick<
	ChallengeRow,
	'id' | 'slug' | 'title' | 'language' | 'status' | 'outcome' | 'deadline' | 'updated_at'
> & { city: { name: string } | null };

/** The challenge by slug with its criteria, when the caller may read it (RLS); null otherwise. */
export async function managedChallenge(db: Db, slug: string): Promise<ManagedChallenge | null> {
	const row = unwrap(
		await db
			.from('challenges')
			.select(
				`*, city:cities!inner (id, slug, name),
				organisation:organisations!inner (id, slug, name, verified, kind),
				criteria:challenge_criteria (id, position, name, description, weight)`
			)
			.eq('slug', slug)
			.order('position', { referencedTable: 'challenge_criteria' })
			.maybeSingle()
	);
	return row;
}

/** An organisation's challenges (drafts included: members read them), last changed first. */
export async function organisationChallengeLines(
	db: Db,
	organisationId: string
): Promise<ManagedChallengeLine[]> {
	return unwrap(
		await db
			.from('challenges')
			.select(
				'id, slug, title, language, status, outcome, deadline, updated_at, city:cities (name)'
			)
			.eq('organisation_id', organisationId)
			.order('updated_at', { ascending: false })
			.order('id')
			.limit(500)
	);
}

/** The cities an organisation speaks for (where it may post), by name. */
export async function citiesOf(db: Db, organisationId: string) {
	return unwrap(
		await db
			.from('cities')
			.select('id, slug, name')
			.eq('organisation_id', organisationId)
			.order('name')
	);
}

/** The currency codes a budget may be stated in. */
export async function currencyCodes(db: Db): Promise<string[]> {
	const rows = unwrap(await db.from('currencies').select('code').order('code'));
	return rows.map((r) => r.code);
}

/** The published criteria of a challenge (the public page reads them under RLS). */
export async function criteriaOf(db: Db, challengeId: string): Promise<Criterion[]> {
	return unwrap(
		await db
			.from('challenge_criteria')
			.select('id, position, name, description, weight')
			.eq('challenge_id', challengeId)
			.order('position')
	);
}

export async function createChallenge(db: Db, args: CreateChallengeArgs): Promise<ChallengeRow> {
	return unwrap(await db.rpc('create_challenge', args).single());
}

export async function updateChallenge(db: Db, args: UpdateChallengeArgs): Promise<ChallengeRow> {
	return unwrap(await db.rpc('update_challenge', args).single());
}

export async function setChallengeCriteria(
	db: Db,
	challenge: string,
	criteria: { name: string; description: string; weight: number }[]
) {
	return unwrap(await db.rpc('set_challenge_criteria', { challenge, criteria }));
}

export async function publishChallenge(db: Db, challenge: string): Promise<ChallengeRow> {
	return unwrap(await db.rpc('publish_challenge', { challenge }).single());
}

export async function extendChallengeDeadline(
	db: Db,
	challenge: string,
	deadline: string
): Promise<ChallengeRow> {
	return unwrap(await db.rpc('extend_challenge_deadline', { challenge, deadline }).single());
}

export async function setChallengeStatus(
	db: Db,
	challenge: string,
	status: ChallengeStatus,
	outcome?: ChallengeOutcome
): Promise<ChallengeRow> {
	return unwrap(
		await db
			.rpc('set_challenge_status', outcome ? { challenge, status, outcome } : { challenge, status })
			.single()
	);
}

/**
 * What the public challenge page adds for challenge management: the criteria (public with the
 * challenge) and, for a signed-in member of the owning organisation, that they may manage it.
 */
export async function challengePageExtras(
	db: Db,
	signedIn: boolean,
	challenge: { id: string; organisation: { slug: string } }
): Promise<{ criteria: Criterion[]; canManage: boolean }> {
	const [criteria, memberships] = await Promise.all([
		criteriaOf(db, challenge.id),
		signedIn ? db.rpc('my_memberships') : Promise.resolve(null)
	]);
	const mine = memberships ? unwrap(memberships) : [];
	return { criteria, canManage: mine.some((x) => x.slug === challenge.organisation.slug) };
}

/** A version of a challenge's texts in another portal language, as its manage page edits it. */
export type ChallengeVersion = Pick<
	Tables<'challenge_translations'>,
	'language' | 'title' | 'summary' | 'description' | 'expected_outcomes' | 'updated_at'
>;
export type SetChallengeVersionArgs = Fn['set_challenge_translation']['Args'];

/** The versions of a challenge's texts the caller may read (RLS: wherever the challenge is). */
export async function challengeVersions(db: Db, challenge: string): Promise<ChallengeVersion[]> {
	return unwrap(
		await db
			.from('challenge_translations')
			.select('language, title, summary, description, expected_outcomes, updated_at')
			.eq('challenge_id', challenge)
			.order('language')
	);
}

/** Adds or replaces a version (members of the owning organisation, while draft or open). */
export async function setChallengeVersion(
	db: Db,
	args: SetChallengeVersionArgs
): Promise<Tables<'challenge_translations'>> {
	return unwrap(await db.rpc('set_challenge_translation', args).single());
}

export async function removeChallengeVersion(db: Db, challenge: string, language: string) {
	unwrap(await db.rpc('remove_challenge_translation', { challenge, language }));
}
