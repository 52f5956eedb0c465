import { describe, expect, it, vi } from 'vitest';
import { searchQuerySchema, type SearchResult } from '$lib/domain/challenges/schema';
import type { ChallengeDocument } from './document';
import { searchWith, type SearchEngine } from './index';
import { createMeilisearchClient, createMeilisearchEngine } from './meilisearch';

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
