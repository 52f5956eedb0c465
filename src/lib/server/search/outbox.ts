import type { Index } from 'meilisearch';
import { PUBLIC_STATUSES } from '$lib/domain/challenges/vocabulary';
import {
	DOCUMENT_SELECT,
	documentFromRow,
	type ChallengeDocument
} from '$lib/server/search/document';
import type { SearchDb } from '$lib/server/search/engine';

/** The little the worker needs from a search index. Both calls are idempotent and wait for completion. */
export interface IndexWriter {
	upsert(docs: ChallengeDocument[]): Promise<void>;
	remove(ids: string[]): Promise<void>;
}

const TASK_TIMEOUT_MS = 120_000;

/** The IndexWriter of a Meilisearch index. */
export function meilisearchWriter(index: Index<ChallengeDocument>): IndexWriter {
	return {
		async upsert(docs) {
			if (docs.length === 0) return;
			const task = await index
				.addDocuments(docs, { primaryKey: 'id' })
				.waitTask({ timeout: TASK_TIMEOUT_MS });
			if (task.status !== 'succeeded')
				throw new Error(`addDocuments ${task.status}: ${task.error?.message ?? ''}`);
		},
		async remove(ids) {
			if (ids.length === 0) return;
			const task = await index.deleteDocuments(ids).waitTask({ timeout: TASK_TIMEOUT_MS });
			if (task.status !== 'succeeded')
				throw new Error(`deleteDocuments ${task.status}: ${task.error?.message ?? ''}`);
		}
	};
}

export interface DrainResult {
	claimed: number;
	upserted: number;
	deleted: number;
	failed: number;
}

function dbError(what: string, error: { message?: string; code?: string }) {
	return new Error(`${what}: ${error.code ?? ''} ${error.message ?? ''}`.trim());
}

/** Public challenges by id, as index documents (rows that are not public any more are absent). */
export async function fetchDocuments(db: SearchDb, ids: string[]): Promise<ChallengeDocument[]> {
	const docs: ChallengeDocument[] = [];
	for (let i = 0; i < ids.length; i += 100) {
		const { data, error } = await db
			.from('challenges')
			.select(DOCUMENT_SELECT)
			.in('id', ids.slice(i, i + 100))
			.in('status', [...PUBLIC_STATUSES]);
		if (error) throw dbError('reading challenges', error);
		docs.push(...(data ?? []).map(documentFromRow));
	}
	return docs;
}

/**
 * One pass of the search worker: claims due outbox rows, sends upserts (current public documents,
 * read now) and deletes (plus upserts whose challenge is no longer public) to the index, then marks
 * the rows done; on failure every claimed row is retried later with exponential backoff.
 * `db` must be a service_role client.
 */
export async function drainOnce(options: {
	db: SearchDb;
	index: IndexWriter;
	batch?: number;
	leaseSeconds?: number;
}): Promise<DrainResult> {
	const { db, index, batch = 100, leaseSeconds = 60 } = options;
	const claim = await db.rpc('claim_search_outbox', { batch, lease_seconds: leaseSeconds });
	if (claim.error) throw dbError('claiming the search outbox', claim.error);
	const rows = claim.data ?? [];
	if (rows.length === 0) return { claimed: 0, upserted: 0, deleted: 0, failed: 0 };

	try {
		const wanted = rows.filter((r) => r.op === 'upsert').map((r) => r.challenge_id);
		const docs = await fetchDocuments(db, wanted);
		const found = new Set(docs.map((d) => d.id));
		const removals = [
			...rows.filter((r) => r.op === 'delete').map((r) => r.challenge_id),
			...wanted.filter((id) => !found.has(id))
		];
		await index.upsert(docs);
		await index.remove(removals);
		const done = await db.rpc('complete_search_outbox', { ids: rows.map((r) => r.id) });
		if (done.error) throw dbError('completing the search outbox', done.error);
		return { claimed: rows.length, upserted: docs.length, deleted: removals.length, failed: 0 };
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		for (const row of rows) {
			const { error } = await db.rpc('fail_search_outbox', { id: row.id, error: message });
			if (error) throw dbError('recording a search outbox failure', error);
		}
		return { claimed: rows.length, upserted: 0, deleted: 0, failed: rows.length };
	}
}
