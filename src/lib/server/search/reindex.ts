import { MeilisearchApiError, type Meilisearch } from 'meilisearch';
import { PUBLIC_STATUSES } from '$lib/domain/challenges/vocabulary';
import {
	DOCUMENT_SELECT,
	documentFromRow,
	type ChallengeDocument
} from '$lib/server/search/document';
import type { SearchDb } from '$lib/server/search/engine';
import { applySettings } from '$lib/server/search/settings';

const TASK_TIMEOUT_MS = 300_000;

async function indexExists(client: Meilisearch, uid: string): Promise<boolean> {
	try {
		await client.getIndex(uid);
		return true;
	} catch (e) {
		if (e instanceof MeilisearchApiError && e.cause?.code === 'index_not_found') return false;
		throw e;
	}
}

async function succeeded(
	task: Promise<{ status: string; error?: { message?: string } | null }>,
	what: string
) {
	const done = await task;
	if (done.status !== 'succeeded')
		throw new Error(`${what} ${done.status}: ${done.error?.message ?? ''}`);
}

/**
 * Rebuilds the live index from Postgres without downtime: turns the outbox on, then a fresh
 * `<live>_<timestamp>` index gets the settings and every public challenge (read in id order, in
 * batches), then is swapped with the live one, and the old documents are deleted. `db` must be a
 * service_role client.
 */
export async function reindex(options: {
	db: SearchDb;
	client: Meilisearch;
	liveIndex: string;
	batchSize?: number;
	onProgress?: (count: number) => void;
}): Promise<{ index: string; documents: number }> {
	const { db, client, liveIndex, batchSize = 1000, onProgress } = options;
	// From now on every change is queued for the index (the outbox is off while no index is fed):
	// a change made while the copy below runs reaches the index through the worker.
	const { error: startError } = await db.rpc('start_search_outbox');
	if (startError) {
		throw new Error(`starting the search outbox: ${startError.code ?? ''} ${startError.message}`);
	}
	const fresh = `${liveIndex}_${Date.now()}`;
	await succeeded(
		client.createIndex(fresh, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS }),
		'createIndex'
	);
	const index = client.index<ChallengeDocument>(fresh);
	try {
		await applySettings(index);
		let after: string | undefined;
		let count = 0;
		for (;;) {
			let request = db
				.from('challenges')
				.select(DOCUMENT_SELECT)
				.in('status', [...PUBLIC_STATUSES])
				.order('id')
				.limit(batchSize);
			if (after) request = request.gt('id', after);
			const { data, error } = await request;
			if (error) throw new Error(`reading challenges: ${error.code ?? ''} ${error.message}`);
			const rows = data ?? [];
			if (rows.length === 0) break;
			const docs = rows.map(documentFromRow);
			await succeeded(
				index.addDocuments(docs, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS }),
				'addDocuments'
			);
			count += docs.length;
			onProgress?.(count);
			after = rows[rows.length - 1]?.id;
			if (rows.length < batchSize) break;
		}
		if (!(await indexExists(client, liveIndex))) {
			await succeeded(
				client.createIndex(liveIndex, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS }),
				'createIndex'
			);
		}
		await succeeded(
			client
				.swapIndexes([{ indexes: [liveIndex, fresh], rename: false }])
				.waitTask({ timeout: TASK_TIMEOUT_MS }),
			'swapIndexes'
		);
		return { index: liveIndex, documents: count };
	} finally {
		// After the swap `fresh` holds the old documents; on failure, the half-built index.
		await client
			.deleteIndex(fresh)
			.waitTask({ timeout: TASK_TIMEOUT_MS })
			.catch(() => undefined);
	}
}
