import type { FacetValue, Facet, SearchHit, SearchQuery } from '../../domain/challenges/schema';
import { unavailableOr } from '../errors';
import { pages, type SearchDb, type SearchEngine } from './engine';
import { finishFacets } from './facets';

interface RpcResult {
	total: number;
	hits: SearchHit[];
	facets: Record<Facet, FacetValue[]>;
	mode: 'all' | 'fts' | 'trigram';
}

/** The RPC's params for a query (page → offset). */
export function rpcParams(query: SearchQuery) {
	return {
		q: query.q,
		domain: query.domain,
		region: query.region,
		city: query.city,
		kind: query.kind,
		status: query.status,
		priority: query.priority,
		sort: query.sort,
		limit: query.limit,
		offset: (query.page - 1) * query.limit
	};
}

/** Search through the database function `search_challenges` (RLS applies to the caller's client). */
export function createPostgresEngine(db: SearchDb): SearchEngine {
	return {
		name: 'postgres',
		async search(query) {
			const started = performance.now();
			const { data, error, status } = await db.rpc('search_challenges', {
				params: rpcParams(query)
			});
			if (error) unavailableOr(error, status);
			const result = data as RpcResult;
			return {
				engine: 'postgres',
				query,
				total: result.total,
				page: query.page,
				pages: pages(result.total, query.limit),
				hits: result.hits.map((h) => ({ ...h, rank: h.rank ?? null, snippet: h.snippet ?? null })),
				facets: finishFacets(result.facets, query),
				took_ms: Math.round(performance.now() - started)
			};
		}
	};
}

/**
 * The ids of every public challenge a search matches, in its order (limit and page ignored), at
 * most `max`; `upcoming`: only deadlines still ahead. One database call (no facets, no snippets),
 * for exports. Always the postgres engine's matching, whichever engine serves the list.
 */
export async function searchIdsFromPostgres(
	db: SearchDb,
	query: SearchQuery,
	options: { upcoming?: boolean; max: number }
): Promise<string[]> {
	const { data, error, status } = await db.rpc('search_challenge_ids', {
		params: rpcParams(query),
		upcoming: options.upcoming ?? false,
		max_ids: options.max
	});
	if (error) unavailableOr(error, status);
	return (data ?? []) as string[];
}

/** "The same problem in other cities": public challenges of other cities, most similar first. */
export async function similarFromPostgres(
	db: SearchDb,
	challengeId: string,
	maxResults = 6
): Promise<SearchHit[]> {
	const { data, error, status } = await db.rpc('similar_challenges', {
		challenge_id: challengeId,
		max_results: maxResults
	});
	if (error) unavailableOr(error, status);
	return (data ?? []) as SearchHit[];
}
