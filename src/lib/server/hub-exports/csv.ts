// The hub's CSV exports (issue 14; docs/collaboration.md § Exports and the weekly digest): the
// columns of each file and one record per row, every cell through the open data's csvSafe (control
// characters dropped, a leading = + - @ neutralised). The proposal summary has no column for any
// of a proposal's text: the database function it reads has none either.
import { stringify } from 'csv-stringify/sync';
import { challengeUrl } from '$lib/server/open-data/export';
import { csvSafe } from '$lib/server/open-data/formats';
import type { ChallengeRow, PipelineRow, ProposalSummaryRow } from '$lib/server/db/hub-exports';

export const HUB_EXPORTS = ['pipeline', 'challenges', 'proposals'] as const;
export type HubExport = (typeof HUB_EXPORTS)[number];

export const PIPELINE_COLUMNS = [
	'id',
	'challenge',
	'challenge_url',
	'city',
	'country',
	'vendor',
	'stage',
	'owner',
	'next_step',
	'next_step_due',
	'stalled',
	'overdue',
	'closed_reason',
	'created_at',
	'last_activity_at'
] as const;

export const CHALLENGE_COLUMNS = [
	'id',
	'slug',
	'url',
	'title',
	'kind',
	'status',
	'outcome',
	'city',
	'country',
	'region',
	'organisation',
	'domain',
	'deadline',
	'published_at',
	'proposals'
] as const;

export const PROPOSAL_COLUMNS = [
	'id',
	'challenge',
	'challenge_url',
	'city',
	'vendor',
	'status',
	'submitted_at',
	'decided_at',
	'withdrawn_at',
	'versions'
] as const;

export const COLUMNS = {
	pipeline: PIPELINE_COLUMNS,
	challenges: CHALLENGE_COLUMNS,
	proposals: PROPOSAL_COLUMNS
} as const;

export function pipelineRecord(origin: string, r: PipelineRow): unknown[] {
	return [
		r.id,
		r.challenge_title,
		challengeUrl(origin, r.challenge_slug),
		r.city,
		r.country,
		r.vendor,
		r.stage,
		r.owner,
		r.next_step,
		r.next_step_due,
		r.stalled,
		r.overdue,
		r.closed_reason,
		r.created_at,
		r.last_activity_at
	];
}

export function challengeRecord(origin: string, r: ChallengeRow): unknown[] {
	return [
		r.id,
		r.slug,
		challengeUrl(origin, r.slug),
		r.title,
		r.kind,
		r.status,
		r.outcome,
		r.city,
		r.country,
		r.region,
		r.organisation,
		r.domain,
		r.deadline,
		r.published_at,
		r.proposals
	];
}

export function proposalRecord(origin: string, r: ProposalSummaryRow): unknown[] {
	return [
		r.id,
		r.challenge_title,
		challengeUrl(origin, r.challenge_slug),
		r.city,
		r.vendor,
		r.status,
		r.submitted_at,
		r.decided_at,
		r.withdrawn_at,
		r.versions
	];
}

/** CSV text of some records (each cell made safe), with the header line first when asked. */
export function csvText(columns: readonly string[], records: unknown[][], header: boolean): string {
	const safe = records.map((cells) => cells.map(csvSafe));
	return stringify(header ? [[...columns], ...safe] : safe, { eof: true });
}

/** The download's file name: `pipeline-2026-12-07.csv` (the day in UTC). */
export function exportFileName(kind: HubExport, now: Date = new Date()): string {
	return `${kind}-${now.toISOString().slice(0, 10)}.csv`;
}
