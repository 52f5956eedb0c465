// The search outbox against the real database: triggers enqueue in the same transaction (only
// while an index is fed: start_search_outbox / stop_search_outbox), one row per challenge, the
// worker's claim/complete/fail functions, and drainOnce end to end.
// drainOnce writes to an in-memory IndexWriter: a test double of the Meilisearch index, because
// Meilisearch cannot run on this machine. Everything else (database, PostgREST, RPCs) is real;
// the real Meilisearch engine is covered by search-contract.test.ts when MEILISEARCH_URL is set.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { ChallengeDocument } from '../../src/lib/server/search/document';
import { drainOnce, type IndexWriter } from '../../src/lib/server/search/outbox';
import { anonClient, closePool, db, gatewayFetch, serviceClient } from './helpers/stack';

const SLUG = 'test-search-outbox';

/** An index held in memory, with the same idempotent upsert/remove semantics as Meilisearch. */
function memoryIndex() {
	const docs = new Map<string, ChallengeDocument>();
	const writer: IndexWriter = {
		async upsert(list) {
			for (const d of list) docs.set(d.id, d);
		},
		async remove(ids) {
			for (const id of ids) docs.delete(id);
		}
	};
	return { docs, writer };
}

async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
	const client = await db().connect();
	try {
		await client.query('begin');
		return await fn(client);
	} finally {
		await client.query('rollback');
		client.release();
	}
}

async function outboxFor(client: pg.Pool | pg.PoolClient, id: string) {
	const { rows } = await client.query<{ op: string }>(
		'select op from private.search_outbox where challenge_id = $1',
		[id]
	);
	return rows;
}

let cityId: string;
let publicId: string;

/** Turns the outbox on or off as the jobs do (search:reindex, search:detach): service role RPCs. */
async function outboxOn(on: boolean) {
	const { error } = await serviceClient().rpc(on ? 'start_search_outbox' : 'stop_search_outbox');
	expect(error).toBeNull();
}

async function outboxSize(): Promise<number> {
	const { rows } = await db().query<{ n: number }>(
		'select count(*)::int as n from private.search_outbox'
	);
	return rows[0]?.n ?? -1;
}

async function cleanup() {
	await db().query(`delete from public.challenges where slug like '${SLUG}-%'`);
	await db().query('delete from private.search_outbox');
}

beforeAll(async () => {
	await cleanup();
	await outboxOn(true);
	const city = await db().query<{ id: string }>(
		'select id from public.cities order by slug limit 1'
	);
	cityId = city.rows[0]?.id ?? '';
	const open = await db().query<{ id: string }>(
		`select id from public.challenges where status = 'open' order by slug limit 1`
	);
	publicId = open.rows[0]?.id ?? '';
	expect(cityId).not.toBe('');
	expect(publicId).not.toBe('');
});

beforeEach(async () => {
	await db().query('delete from private.search_outbox');
});

afterAll(async () => {
	await cleanup();
	// As on a stack that feeds no index (the default): nothing is queued.
	await outboxOn(false);
	await closePool();
});

async function insertChallenge(suffix: string, status: string): Promise<string> {
	const { rows } = await db().query<{ id: string }>(
		`insert into public.challenges (slug, city_id, organisation_id, kind, title, summary, domain, status)
		 select $1, ci.id, ci.organisation_id, 'challenge', 'Outbox test challenge', 'A challenge made by the outbox test.', 'utilities', $3
		 from public.cities ci where ci.id = $2
		 returning id`,
		[`${SLUG}-${suffix}`, cityId, status]
	);
	return rows[0]?.id ?? '';
}

describe('search outbox triggers', () => {
	it('enqueue an upsert in the same transaction as an update, and nothing after a rollback', async () => {
		await inTransaction(async (client) => {
			await client.query(`update public.challenges set summary = summary || ' ' where id = $1`, [
				publicId
			]);
			expect(await outboxFor(client, publicId)).toEqual([{ op: 'upsert' }]);
			// Not visible outside the transaction before commit.
			expect(await outboxFor(db(), publicId)).toEqual([]);
		});
		expect(await outboxFor(db(), publicId)).toEqual([]);
	});

	it('enqueue a delete when a public challenge is withdrawn', async () => {
		await inTransaction(async (client) => {
			await client.query(`update public.challenges set status = 'withdrawn' where id = $1`, [
				publicId
			]);
			expect(await outboxFor(client, publicId)).toEqual([{ op: 'delete' }]);
		});
	});

	it('coalesce several events for one challenge into the latest op', async () => {
		await inTransaction(async (client) => {
			await client.query(`update public.challenges set summary = summary || ' ' where id = $1`, [
				publicId
			]);
			await client.query(`update public.challenges set status = 'withdrawn' where id = $1`, [
				publicId
			]);
			expect(await outboxFor(client, publicId)).toEqual([{ op: 'delete' }]);
		});
	});

	it('ignore drafts', async () => {
		await inTransaction(async (client) => {
			const { rows } = await client.query<{ id: string }>(
				`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status)
				 select '${SLUG}-draft', ci.id, ci.organisation_id, 'Draft for the outbox', 'A draft nobody may see yet.', 'utilities', 'draft'
				 from public.cities ci where ci.id = $1
				 returning id`,
				[cityId]
			);
			expect(await outboxFor(client, rows[0]?.id ?? '')).toEqual([]);
		});
	});
});

describe('only while an index is fed, one row per challenge', () => {
	it('queues nothing while no index is fed, then everything after search:reindex starts it', async () => {
		await outboxOn(false);
		try {
			const id = await insertChallenge('unfed', 'open');
			await db().query(
				`update public.challenges set title = 'Outbox test, unfed and renamed' where id = $1`,
				[id]
			);
			await db().query(`delete from public.challenges where id = $1`, [id]);
			// Many at once, as seed:synthetic adds and removes them: still nothing.
			await db().query(
				`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status)
				 select '${SLUG}-bulk-' || g, ci.id, ci.organisation_id, 'Bulk outbox test ' || g,
				        'A challenge made in bulk by the outbox test.', 'mobility', 'open'
				 from public.cities ci cross join generate_series(1, 200) as g where ci.id = $1`,
				[cityId]
			);
			await db().query(`delete from public.challenges where slug like '${SLUG}-bulk-%'`);
			expect(await outboxSize()).toBe(0);
		} finally {
			await outboxOn(true);
		}
		const after = await insertChallenge('fed', 'open');
		expect(await outboxFor(db(), after)).toEqual([{ op: 'upsert' }]);
	});

	it("collapses a deleted challenge's pending operations into one delete", async () => {
		const id = await insertChallenge('collapse', 'open');
		await db().query(`update public.challenges set summary = summary || ' More.' where id = $1`, [
			id
		]);
		await db().query(`update public.challenges set status = 'in_review' where id = $1`, [id]);
		expect(await outboxFor(db(), id)).toEqual([{ op: 'upsert' }]);
		await db().query(`delete from public.challenges where id = $1`, [id]);
		expect(await outboxFor(db(), id)).toEqual([{ op: 'delete' }]);
		expect(await outboxSize()).toBe(1);
	});

	it('drops what was pending when stopped (search:detach), and says how much', async () => {
		await insertChallenge('detach-a', 'open');
		await insertChallenge('detach-b', 'open');
		const { data, error } = await serviceClient().rpc('stop_search_outbox');
		expect(error).toBeNull();
		expect(data).toBe(2);
		expect(await outboxSize()).toBe(0);
		await outboxOn(true);
	});
});

describe('search outbox functions', () => {
	async function enqueue(n: number): Promise<void> {
		await db().query(
			`insert into private.search_outbox (challenge_id, op) select gen_random_uuid(), 'delete' from generate_series(1, $1)`,
			[n]
		);
	}

	it('never give the same rows to two concurrent claims (SKIP LOCKED)', async () => {
		await enqueue(6);
		const a = await db().connect();
		const b = await db().connect();
		try {
			await a.query('begin');
			await b.query('begin');
			await a.query('set local role service_role');
			await b.query('set local role service_role');
			const first = await a.query<{ id: string }>(
				'select id from public.claim_search_outbox(4, 60)'
			);
			const second = await b.query<{ id: string }>(
				'select id from public.claim_search_outbox(4, 60)'
			);
			expect(first.rows).toHaveLength(4);
			expect(second.rows).toHaveLength(2);
			const taken = new Set(first.rows.map((r) => r.id));
			expect(second.rows.filter((r) => taken.has(r.id))).toEqual([]);
		} finally {
			await a.query('rollback');
			await b.query('rollback');
			a.release();
			b.release();
		}
	});

	it('lease claimed rows, and back off exponentially after failures', async () => {
		await enqueue(1);
		const service = serviceClient();
		const claim = await service.rpc('claim_search_outbox', { batch: 10, lease_seconds: 60 });
		expect(claim.error).toBeNull();
		const [row] = claim.data ?? [];
		expect(row?.attempts).toBe(1);
		// Leased: a second claim gets nothing.
		expect(
			(await service.rpc('claim_search_outbox', { batch: 10, lease_seconds: 60 })).data
		).toEqual([]);

		const delay = async () => {
			const { rows } = await db().query<{ seconds: number; attempts: number; last_error: string }>(
				`select extract(epoch from next_attempt_at - now())::float8 as seconds, attempts, last_error
				 from private.search_outbox where id = $1`,
				[row?.id]
			);
			return rows[0];
		};
		expect(
			(await service.rpc('fail_search_outbox', { id: row!.id, error: 'boom' })).error
		).toBeNull();
		const first = await delay();
		expect(first?.attempts).toBe(1);
		expect(first?.last_error).toBe('boom');
		expect(first?.seconds).toBeGreaterThan(3);
		// Not due yet: nothing to claim.
		expect(
			(await service.rpc('claim_search_outbox', { batch: 10, lease_seconds: 60 })).data
		).toEqual([]);

		await db().query('update private.search_outbox set next_attempt_at = now() where id = $1', [
			row?.id
		]);
		const again = await service.rpc('claim_search_outbox', { batch: 10, lease_seconds: 60 });
		expect(again.data?.[0]?.attempts).toBe(2);
		await service.rpc('fail_search_outbox', { id: row!.id, error: 'boom again' });
		const second = await delay();
		expect(second?.attempts).toBe(2);
		expect(second?.seconds).toBeGreaterThan((first?.seconds ?? 0) + 3);
	});

	it('are refused to visitors', async () => {
		for (const fn of [
			'claim_search_outbox',
			'start_search_outbox',
			'stop_search_outbox'
		] as const) {
			const { error } = await anonClient().rpc(fn);
			expect(error?.code, fn).toBe('42501');
		}
		// The queue itself is not in the API at all.
		const read = await gatewayFetch('/rest/v1/search_outbox?select=id');
		expect(read.status).toBe(404);
	});
});

describe('drainOnce', () => {
	it('applies upserts and deletes to the index and empties the outbox; a second drain changes nothing', async () => {
		const keep = await insertChallenge('keep', 'open');
		const gone = await insertChallenge('gone', 'open');
		const index = memoryIndex();
		// First drain: both new public challenges reach the index.
		await drainOnce({ db: serviceClient(), index: index.writer, batch: 500 });
		expect([...index.docs.keys()].sort()).toEqual([keep, gone].sort());

		await db().query(`update public.challenges set status = 'withdrawn' where id = $1`, [gone]);
		await db().query(
			`update public.challenges set title = 'Outbox test challenge, renamed' where id = $1`,
			[keep]
		);
		const result = await drainOnce({ db: serviceClient(), index: index.writer, batch: 500 });
		expect(result).toMatchObject({ claimed: 2, upserted: 1, deleted: 1, failed: 0 });
		expect([...index.docs.keys()]).toEqual([keep]);
		expect(index.docs.get(keep)?.title).toBe('Outbox test challenge, renamed');
		expect(
			(await db().query('select count(*)::int as n from private.search_outbox')).rows[0]?.n
		).toBe(0);

		const snapshot = JSON.stringify([...index.docs.entries()]);
		const twice = await drainOnce({ db: serviceClient(), index: index.writer, batch: 500 });
		expect(twice).toEqual({ claimed: 0, upserted: 0, deleted: 0, failed: 0 });
		expect(JSON.stringify([...index.docs.entries()])).toBe(snapshot);
	});

	it('keeps rows for a retry when the index fails', async () => {
		await insertChallenge('retry', 'open');
		const failing: IndexWriter = {
			upsert: async () => {
				throw new Error('index down');
			},
			remove: async () => undefined
		};
		const result = await drainOnce({ db: serviceClient(), index: failing, batch: 500 });
		expect(result.failed).toBe(1);
		const { rows } = await db().query<{ attempts: number; last_error: string; later: boolean }>(
			'select attempts, last_error, next_attempt_at > now() as later from private.search_outbox'
		);
		expect(rows).toEqual([{ attempts: 1, last_error: 'index down', later: true }]);
	});
});
