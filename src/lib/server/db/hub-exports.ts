// The hub's exports (issue 14): pages of rows from the hub-only export functions of
// 20261207001300_hub_exports_digest.sql, read with the member's own token (the functions refuse
// everyone but hub staff). Keyset paging on id: each call returns at most 1000 rows (PostgREST's
// max-rows), after the last id of the previous page.
import type { Database } from '$lib/database.types';
import type { Db } from '$lib/server/db/client';
import { dataOrThrow } from '$lib/server/errors';

type Fns = Database['public']['Functions'];
export type PipelineRow = Fns['hub_export_pipeline']['Returns'][number];
export type ChallengeRow = Fns['hub_export_challenges']['Returns'][number];
export type ProposalSummaryRow = Fns['hub_export_proposals']['Returns'][number];

export const EXPORT_PAGE = 1000;

/** Every page of an export, in id order, until a short page. */
async function* pages<R extends { id: string }>(
	page: (after: string | undefined) => Promise<R[]>
): AsyncGenerator<R[]> {
	let after: string | undefined;
	for (;;) {
		const rows = await page(after);
		yield rows;
		if (rows.length < EXPORT_PAGE) return;
		after = rows[rows.length - 1]!.id;
	}
}

export function pipelinePages(db: Db): AsyncGenerator<PipelineRow[]> {
	return pages(async (after) =>
		dataOrThrow(await db.rpc('hub_export_pipeline', { after, page_size: EXPORT_PAGE }))
	);
}

export function challengePages(db: Db): AsyncGenerator<ChallengeRow[]> {
	return pages(async (after) =>
		dataOrThrow(await db.rpc('hub_export_challenges', { after, page_size: EXPORT_PAGE }))
	);
}

export function proposalSummaryPages(db: Db): AsyncGenerator<ProposalSummaryRow[]> {
	return pages(async (after) =>
		dataOrThrow(await db.rpc('hub_export_proposals', { after, page_size: EXPORT_PAGE }))
	);
}
