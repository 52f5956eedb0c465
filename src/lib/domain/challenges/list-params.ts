/**
 * The zod-free half of the list contract: sorts, limits, facet names and the canonical URL
 * builder. Safe to import in the browser (the zod schema lives in ./search-query, server-side).
 */
import type { SearchQuery } from '$lib/domain/challenges/search-query';

export const SORTS = ['relevance', 'deadline', 'newest', 'budget'] as const;
export type Sort = (typeof SORTS)[number];

export const MAX_QUERY_LENGTH = 200;
export const MAX_PER_PAGE = 50;
export const DEFAULT_PER_PAGE = 20;
export const MAX_PAGE = 500;

/** The budget range's bounds (URL `min_usd` / `max_usd`): whole US dollars, 0 up to this. */
export const MAX_BUDGET_USD = 1_000_000_000_000;

export const FACETS = ['domain', 'region', 'city', 'kind', 'status', 'priority'] as const;
export type Facet = (typeof FACETS)[number];

/** The canonical URL query string for a search (stable order, defaults omitted): shareable and bookmarkable. */
export function toSearchParams(query: Partial<SearchQuery>): URLSearchParams {
	const out = new URLSearchParams();
	if (query.q) out.set('q', query.q);
	for (const key of ['domain', 'region', 'city', 'kind', 'status', 'priority'] as const) {
		for (const v of [...(query[key] ?? [])].sort()) out.append(key, v);
	}
	if (query.min_usd != null) out.set('min_usd', String(query.min_usd));
	if (query.max_usd != null) out.set('max_usd', String(query.max_usd));
	if (query.sort && query.sort !== 'relevance') out.set('sort', query.sort);
	if (query.page && query.page > 1) out.set('page', String(query.page));
	if (query.limit && query.limit !== DEFAULT_PER_PAGE) out.set('limit', String(query.limit));
	return out;
}
