// Proposals from the vendor's side (issue 13, item 4; docs/collaboration.md § Proposals): typed
// calls of the database functions (migration 20261207000300) and the reads the pages need. Every
// call runs with the signed-in member's client: RLS and the functions decide (a vendor reads its
// own organisation's proposals, versions and feedback; nothing else).
//
// Errors: each function throws a DataError; `e.refusal` carries the database's reason
// ('deadline_passed', 'challenge_not_open', 'proposal_final', …). Constraint violations (a title
// too long, an unknown currency) are bad_request with proposalFieldErrors(e).
import type { Tables } from '$lib/database.types';
import type { ProposalInput } from '$lib/domain/proposals/forms';
import { titleInLanguage, withChallengeTitleIn } from '$lib/domain/challenges/versions';
import type { Db } from '$lib/server/db/client';
import { DataError, fieldErrors, unwrap } from '$lib/server/errors';

export type Proposal = Tables<'proposals'>;
export type ProposalStatus = Proposal['status'];

export interface ProposalVersion {
	version: number;
	submitted_at: string;
	title: string;
}

/** The challenge a proposal answers, as the proposal page shows it. */
export interface ProposalChallenge {
	id: string;
	slug: string;
	/** In the reader's language when the challenge has a version in it; `language` is the title's. */
	title: string;
	language: string;
	status: Tables<'challenges'>['status'];
	outcome: Tables<'challenges'>['outcome'];
	deadline: string | null;
	city: { name: string; time_zone: string | null } | null;
}

/** A row of /proposals: the proposal and its challenge. */
export interface ProposalListItem {
	id: string;
	status: ProposalStatus;
	title: string;
	version: number;
	updated_at: string;
	submitted_at: string | null;
	/** Its title in the reader's language when it has a version in it; `language` is the title's. */
	challenge: {
		slug: string;
		title: string;
		language: string;
		deadline: string | null;
		status: string;
	} | null;
	/** The partnership a shortlist or a selection created (issue 14), when there is one. */
	partnership: { id: string; stage: string } | null;
}

/** The form's fields a constraint of public.proposals is about (its names differ here and there). */
export const PROPOSAL_FIELDS = [
	'title',
	'summary',
	'approach',
	'pilot_plan',
	'cost_estimate',
	'currency',
	'timeline',
	'client_references',
	'links'
] as const;

/** Which field a refused write is about: the generic rule, plus the constraints named otherwise. */
export function proposalFieldErrors(e: DataError): Record<string, string> {
	const found: Record<string, string> = fieldErrors(e, PROPOSAL_FIELDS);
	if (e.code === '23514') {
		if (/proposals_cost_(nonnegative|needs_currency)/.test(e.message)) {
			found[/needs_currency/.test(e.message) ? 'currency' : 'cost_estimate'] = 'invalid';
		}
		if (/proposals_references_length/.test(e.message)) found.client_references = 'invalid';
	}
	if (e.code === '22003') found.cost_estimate = 'invalid'; // numeric field overflow
	return found;
}

const args = (input: ProposalInput) => ({
	title: input.title,
	summary: input.summary,
	approach: input.approach,
	pilot_plan: input.pilot_plan,
	// supabase-js sends numbers as JSON numbers; numeric in PostgreSQL takes them exactly (2 decimals).
	cost_estimate: input.cost_estimate as number,
	currency: input.currency as string,
	timeline: input.timeline,
	client_references: input.client_references,
	links: input.links
});

/** Creates or updates the organisation's live draft on the challenge. */
export async function saveProposalDraft(
	db: Db,
	challengeId: string,
	organisationId: string,
	input: ProposalInput
): Promise<Proposal> {
	return unwrap(
		await db
			.rpc('save_proposal_draft', {
				challenge: challengeId,
				organisation: organisationId,
				...args(input)
			})
			.single()
	);
}

/** Submits a draft (a second call returns the same submission). */
export async function submitProposal(db: Db, id: string): Promise<Proposal> {
	return unwrap(await db.rpc('submit_proposal', { proposal: id }).single());
}

/** Saves the changes of a submitted proposal: a new version when anything changed. */
export async function updateSubmittedProposal(
	db: Db,
	id: string,
	input: ProposalInput
): Promise<Proposal> {
	return unwrap(
		await db.rpc('update_submitted_proposal', { proposal: id, ...args(input) }).single()
	);
}

export async function withdrawProposal(db: Db, id: string): Promise<Proposal> {
	return unwrap(await db.rpc('withdraw_proposal', { proposal: id }).single());
}

/** The challenge of a proposal page by slug (RLS: a public one, or the caller's own); null if none. */
export async function proposalChallenge(
	db: Db,
	slug: string,
	locale: string
): Promise<ProposalChallenge | null> {
	const row = unwrap(
		await db
			.from('challenges')
			.select(
				'id, slug, title, language, status, outcome, deadline, city:cities (name, time_zone), versions:challenge_translations (language, title)'
			)
			.eq('slug', slug)
			.maybeSingle()
	);
	return row ? titleInLanguage(row, locale) : null;
}

/**
 * The organisation's proposal on the challenge: its live one, else the latest withdrawn one (the
 * page says it was withdrawn and offers to start again); null when there is none.
 */
export async function proposalFor(
	db: Db,
	challengeId: string,
	organisationId: string
): Promise<Proposal | null> {
	const rows = unwrap(
		await db
			.from('proposals')
			.select('*')
			.eq('challenge_id', challengeId)
			.eq('organisation_id', organisationId)
			.order('created_at', { ascending: false })
			.limit(20)
	);
	return rows.find((r) => r.status !== 'withdrawn') ?? rows[0] ?? null;
}

/** The proposal's submitted versions, newest first. */
export async function proposalVersions(db: Db, proposalId: string): Promise<ProposalVersion[]> {
	const rows = unwrap(
		await db
			.from('proposal_versions')
			.select('version, submitted_at, title:content->>title')
			.eq('proposal_id', proposalId)
			.order('version', { ascending: false })
	);
	return rows.map((r) => ({
		version: r.version,
		submitted_at: r.submitted_at,
		title: String(r.title ?? '')
	}));
}

/** The organisation's proposals, last saved first. */
export async function organisationProposals(
	db: Db,
	organisationId: string,
	locale: string,
	limit = 200
): Promise<ProposalListItem[]> {
	const rows = unwrap(
		await db
			.from('proposals')
			.select(
				'id, status, title, version, updated_at, submitted_at, challenge:challenges (slug, title, language, deadline, status, versions:challenge_translations (language, title)), partnership:partnerships (id, stage)'
			)
			.eq('organisation_id', organisationId)
			.order('updated_at', { ascending: false })
			.limit(limit)
	);
	return rows.map((r) => withChallengeTitleIn(r, locale));
}
