// Review, decisions and partnerships (issue 13, docs/collaboration.md): typed calls of the review
// functions (migration 20261207000400_review.sql) and the reads the pages need. Every call runs
// with the signed-in member's client: the database decides who may (RLS, the functions' checks).
import type { Json } from '$lib/database.types';
import type { Board, Criterion, RubricScore, VersionContent } from '$lib/domain/review/board';
export type { VersionContent };
import type { Decision } from '$lib/domain/review/forms';
import type { Db } from '$lib/server/db/client';
import { DataError, unwrap } from '$lib/server/errors';

/** The review functions' refusals (message keys raised by the database). */
export const REVIEW_REFUSALS = [
	'not_signed_in',
	'challenge_unknown',
	'not_org_admin',
	'reviewer_not_member',
	'not_reviewer',
	'proposal_unknown',
	'conflict_declared',
	'declaration_invalid',
	'conflict_not_declared',
	'proposal_not_in_review',
	'criterion_unknown',
	'score_invalid',
	'decision_invalid',
	'feedback_required',
	'proposal_status_illegal'
] as const;
export type ReviewRefusal = (typeof REVIEW_REFUSALS)[number];

/**
 * The database's refusal carried by `e`, when it is one of the review functions'. (DataError
 * keeps the database's message at the end of its own: "Database error PT403 (forbidden): key".)
 */
export function reviewRefusal(e: unknown): ReviewRefusal | null {
	if (!(e instanceof DataError)) return null;
	const key = e.refusal ?? /: ([a-z_]+)$/.exec(e.message)?.[1] ?? null;
	return key && (REVIEW_REFUSALS as readonly string[]).includes(key)
		? (key as ReviewRefusal)
		: null;
}

export interface ReviewChallenge {
	id: string;
	slug: string;
	title: string;
	status: string;
	organisation_id: string;
}

/** A challenge by slug, as its organisation's members read it (null: none, or not readable). */
export async function challengeBySlug(db: Db, slug: string): Promise<ReviewChallenge | null> {
	return unwrap(
		await db
			.from('challenges')
			.select('id, slug, title, status, organisation_id')
			.eq('slug', slug)
			.maybeSingle()
	);
}

/** The review board (admins of the owning organisation and assigned reviewers; else not_reviewer). */
export async function reviewBoard(db: Db, challengeId: string): Promise<Board> {
	return unwrap(await db.rpc('review_board', { challenge: challengeId })) as unknown as Board;
}

export async function assignReviewer(db: Db, challengeId: string, reviewer: string) {
	unwrap(await db.rpc('assign_reviewer', { challenge: challengeId, reviewer }));
}

export async function unassignReviewer(db: Db, challengeId: string, reviewer: string) {
	unwrap(await db.rpc('unassign_reviewer', { challenge: challengeId, reviewer }));
}

export async function declareConflicts(
	db: Db,
	challengeId: string,
	declarations: { proposal: string; conflicted: boolean; statement: string }[]
) {
	unwrap(
		await db.rpc('declare_conflicts', {
			challenge: challengeId,
			declarations: declarations as unknown as Json
		})
	);
}

export async function saveScores(
	db: Db,
	proposalId: string,
	scores: { criterion: string; score: number; comment: string }[]
) {
	unwrap(await db.rpc('save_scores', { proposal: proposalId, scores: scores as unknown as Json }));
}

export async function decideProposal(
	db: Db,
	proposalId: string,
	decision: Decision,
	feedback: string
) {
	return unwrap(await db.rpc('decide_proposal', { proposal: proposalId, decision, feedback }));
}

export interface ReviewProposal {
	proposal: {
		id: string;
		challenge_id: string;
		organisation_id: string;
		vendor: string | null;
		status: string;
		version: number;
		submitted_at: string;
		feedback: string | null;
		decided_at: string | null;
		withdrawn_at: string | null;
	};
	/** Newest first. */
	versions: { version: number; content: VersionContent; submitted_at: string }[];
	criteria: Criterion[];
	scores: (RubricScore & { reviewer: string | null; updated_at: string })[];
}

/** One proposal as the caller may read it (RLS decides), or null. */
export async function reviewProposal(db: Db, proposalId: string): Promise<ReviewProposal | null> {
	return unwrap(
		await db.rpc('review_proposal', { proposal: proposalId })
	) as unknown as ReviewProposal | null;
}

/**
 * Whether the signed-in `userId` opens the challenge's review board (an admin of the owning
 * organisation, by its slug, or an assigned reviewer): for the link on the public challenge page.
 * UI only: review_board() decides.
 */
export async function opensReviewBoard(
	db: Db,
	challenge: { id: string; organisation: { slug: string } },
	userId: string
): Promise<boolean> {
	const [memberships, assigned] = await Promise.all([
		db.rpc('my_memberships'),
		db
			.from('challenge_reviewers')
			.select('user_id')
			.eq('challenge_id', challenge.id)
			.eq('user_id', userId)
	]);
	const mine = unwrap(memberships);
	if (mine.some((x) => x.slug === challenge.organisation.slug && x.role === 'admin')) return true;
	return unwrap(assigned).length > 0;
}
