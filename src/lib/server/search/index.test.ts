import { describe, expect, it, vi } from 'vitest';
import { searchQuerySchema, type SearchResult } from '$lib/domain/challenges/search-query';
import type { ChallengeDocument } from '$lib/server/search/document';
import { createBreaker, searchWith, type SearchEngine } from '$lib/server/search/index';
import { createMeilisearchClient, createMeilisearchEngine } from '$lib/server/search/meilisearch';

const query = searchQuerySchema.parse({ q: 'flood' });

/** A stand-in for the Postgres engine: this test is about choosing engines, not about SQL. */
function stubPostgres(): SearchEngine & { calls: number } {
	return {
		name: 'postgres',
		calls: 0,
		async search(q) {
			this.calls++;
			const result: SearchResult = {
				engine: 'postgres',
				query: q,
				total: 0,
				page: 1,
				pages: 1,
				hits: [],
				facets: { domain: [], region: [], city: [], kind: [], status: [], priority: [] },
				close: false,
				took_ms: 0
			};
			return result;
		}
	};
}

function logger() {
	return { warn: vi.fn(), error: vi.fn() };
}

describe('searchWith', () => {
	it('uses postgres when no other engine is configured', async () => {
		const postgres = stubPostgres();
		const log = logger();
		const result = await searchWith({ fallback: postgres, logger: log }, query);
		expect(result.engine).toBe('postgres');
		expect(postgres.calls).toBe(1);
		expect(log.warn).not.toHaveBeenCalled();
	});

	it('falls back to postgres with a warning when Meilisearch is unreachable', async () => {
		// A real client against an address where nothing listens.
		const client = createMeilisearchClient({ host: 'http://127.0.0.1:1', timeoutMs: 2000 });
		const meili = createMeilisearchEngine(client.index<ChallengeDocument>('challenges'), client);
		const postgres = stubPostgres();
		const log = logger();
		const result = await searchWith({ primary: meili, fallback: postgres, logger: log }, query);
		expect(result.engine).toBe('postgres');
		expect(postgres.calls).toBe(1);
		expect(log.warn).toHaveBeenCalledTimes(1);
		expect(log.warn.mock.calls[0]?.[0]).toMatchObject({ engine: 'meilisearch' });
	});

	it('falls back and logs an error when the engine fails otherwise', async () => {
		const broken: SearchEngine = {
			name: 'meilisearch',
			search: async () => {
				throw new Error('invalid filter');
			}
		};
		const postgres = stubPostgres();
		const log = logger();
		const result = await searchWith({ primary: broken, fallback: postgres, logger: log }, query);
		expect(result.engine).toBe('postgres');
		expect(log.error).toHaveBeenCalledTimes(1);
		expect(log.warn).not.toHaveBeenCalled();
	});
});

describe('the breaker', () => {
	function unreachable() {
		const client = createMeilisearchClient({ host: 'http://127.0.0.1:1', timeoutMs: 2000 });
		const engine = createMeilisearchEngine(client.index<ChallengeDocument>('challenges'), client);
		const counted = {
			name: engine.name,
			calls: 0,
			search(q: typeof query) {
				this.calls++;
				return engine.search(q);
			}
		};
		return counted;
	}

	it('skips an unreachable engine until the wait is over, then tries it again', async () => {
		let now = 1_000_000;
		const breaker = createBreaker(30_000, () => now);
		const meili = unreachable();
		const postgres = stubPostgres();
		const log = logger();
		const engines = { primary: meili, fallback: postgres, logger: log, breaker };

		await searchWith(engines, query);
		expect(meili.calls).toBe(1);

		now += 29_000;
		const skipped = await searchWith(engines, query);
		expect(skipped.engine).toBe('postgres');
		expect(meili.calls).toBe(1);
		expect(log.warn).toHaveBeenCalledTimes(1);

		now += 2_000;
		await searchWith(engines, query);
		expect(meili.calls).toBe(2);
		expect(log.warn).toHaveBeenCalledTimes(2);
		expect(postgres.calls).toBe(3);
	});

	it('lets one search try after the wait while the others keep skipping', () => {
		let now = 0;
		const breaker = createBreaker(1_000, () => now);
		expect(breaker.allow()).toBe(0);
		breaker.trip();
		expect(breaker.allow()).toBeNull();
		now = 1_000;
		const trial = breaker.allow();
		expect(trial).toBe(1); // the trial
		expect(breaker.allow()).toBeNull(); // everyone else, while it runs
		now = 1_500;
		expect(breaker.allow()).toBeNull();
		breaker.reset(trial!); // the trial succeeded
		expect(breaker.allow()).toBe(1);
		expect(breaker.allow()).toBe(1);
	});

	it('is not closed by a slow success that was let through before it tripped', () => {
		let now = 0;
		const breaker = createBreaker(1_000, () => now);
		const slow = breaker.allow(); // a search starts while the engine still answers
		expect(slow).toBe(0);
		now = 10;
		breaker.trip(); // another search finds it unreachable
		now = 20;
		breaker.reset(slow!); // the slow one finally succeeds
		expect(breaker.allow()).toBeNull(); // still open: the others keep skipping it
		now = 1_010;
		expect(breaker.allow()).toBe(1); // the trial after the wait, as usual
	});

	it('closes after a success, and is not tripped by errors that are not about reaching it', async () => {
		let now = 0;
		const breaker = createBreaker(1_000, () => now);
		breaker.trip();
		now = 1_000;
		const working = { ...stubPostgres(), name: 'meilisearch' as const };
		const result = await searchWith(
			{ primary: working, fallback: stubPostgres(), logger: logger(), breaker },
			query
		);
		expect(result.engine).toBe('postgres'); // the stub's answer, through the primary slot
		expect(working.calls).toBe(1);
		// Still inside the window the trial claimed: only a reset lets the next one through.
		now = 1_001;
		expect(breaker.allow()).not.toBeNull();

		const broken: SearchEngine = {
			name: 'meilisearch',
			search: async () => {
				throw new Error('invalid filter');
			}
		};
		const log = logger();
		await searchWith({ primary: broken, fallback: stubPostgres(), logger: log, breaker }, query);
		expect(log.error).toHaveBeenCalledTimes(1);
		expect(breaker.allow()).not.toBeNull();
	});
});
