/**
 * The zod-free half of the list contract: enums, limits, facet names and the canonical URL builder.
 * Safe to import in the browser (schema.ts re-exports all of it; the zod schema stays server-side
 * and out of the client bundle).
 */
import type { SearchQuery } from './schema';

export type { FacetValue, SearchHit, SearchQuery, SearchResult } from './schema';

/** The four domains of the Collaboration List. Mirrors the `challenge_domain` enum in the database. */
export const DOMAINS = ['technologies', 'mobility', 'environment', 'utilities'] as const;
export type Domain = (typeof DOMAINS)[number];

/** Mirrors the `challenge_kind` enum. */
export const KINDS = ['challenge', 'opportunity'] as const;
export type Kind = (typeof KINDS)[number];

/** Mirrors the `challenge_status` enum. Lifecycle: draft → open → reviewing → shortlisted → awarded | closed, plus withdrawn. */
export const STATUSES = [
	'draft',
	'open',
	'reviewing',
	'shortlisted',
	'awarded',
	'closed',
	'withdrawn'
] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses a visitor can ever see (drafts and withdrawn challenges are never public). */
export const PUBLIC_STATUSES = ['open', 'reviewing', 'shortlisted', 'awarded', 'closed'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

/** Mirrors the `priority_area` enum. */
export const PRIORITY_AREAS = [
	'smart-governance',
	'green-transition',
	'infrastructure-renewal',
	'digital-inclusion',
	'public-safety',
	'circular-economy',
	'climate-resilience',
	'public-health'
] as const;
export type PriorityArea = (typeof PRIORITY_AREAS)[number];

/** Region slugs; rows live in `public.regions`. */
export const REGIONS = [
	'east-asia',
	'southeast-asia',
	'south-asia',
	'europe',
	'latin-america',
	'africa',
	'middle-east',
	'north-america',
	'oceania'
] as const;
export type Region = (typeof REGIONS)[number];

export const SORTS = ['relevance', 'deadline', 'newest'] as const;
export type Sort = (typeof SORTS)[number];

export const MAX_QUERY_LENGTH = 200;
export const MAX_PER_PAGE = 50;
export const DEFAULT_PER_PAGE = 20;
export const MAX_PAGE = 500;

export const FACETS = ['domain', 'region', 'city', 'kind', 'status', 'priority'] as const;
export type Facet = (typeof FACETS)[number];

/** The canonical URL query string for a search (stable order, defaults omitted): shareable and bookmarkable. */
export function toSearchParams(query: Partial<SearchQuery>): URLSearchParams {
	const out = new URLSearchParams();
	if (query.q) out.set('q', query.q);
	for (const key of ['domain', 'region', 'city', 'kind', 'status', 'priority'] as const) {
		for (const v of [...(query[key] ?? [])].sort()) out.append(key, v);
	}
	if (query.sort && query.sort !== 'relevance') out.set('sort', query.sort);
	if (query.page && query.page > 1) out.set('page', String(query.page));
	if (query.limit && query.limit !== DEFAULT_PER_PAGE) out.set('limit', String(query.limit));
	return out;
}
