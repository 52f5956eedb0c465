/**
 * The zod-free half of the list contract: enums, limits, facet names and the canonical URL builder.
 * Safe to import in the browser (schema.ts re-exports all of it; the zod schema stays server-side
 * and out of the client bundle).
 */
import { Constants } from '../../database.types';
import type { SearchQuery } from './schema';

export type { FacetValue, SearchHit, SearchQuery, SearchResult } from './schema';

/**
 * The database's enums, from the generated types: a value added by a migration (and `npm run
 * db:types`) reaches the filters, the validation and the labels' type checks without another edit.
 */
const ENUMS = Constants.public.Enums;

/** The four domains of the Collaboration List. */
export const DOMAINS = ENUMS.challenge_domain;
export type Domain = (typeof DOMAINS)[number];

export const KINDS = ENUMS.challenge_kind;
export type Kind = (typeof KINDS)[number];

/** A challenge's lifecycle: draft → open → in_review → decided → archived, or withdrawn. */
export const STATUSES = ENUMS.challenge_status;
export type Status = (typeof STATUSES)[number];

/** How a decided challenge ended. */
export const OUTCOMES = ENUMS.challenge_outcome;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The statuses no visitor ever sees. "Public" is defined once, by the database function
 * private.challenge_is_public(); tests/integration/api-surface.test.ts fails when this list and
 * that function disagree.
 */
const HIDDEN_STATUSES = ['draft', 'withdrawn'] as const satisfies readonly Status[];
export type PublicStatus = Exclude<Status, (typeof HIDDEN_STATUSES)[number]>;

/** Whether a visitor may see a challenge in this status (as the database decides). */
export function isPublicStatus(status: string): status is PublicStatus {
	return (
		(STATUSES as readonly string[]).includes(status) &&
		!(HIDDEN_STATUSES as readonly string[]).includes(status)
	);
}

/** Statuses a visitor can see, in lifecycle order. */
export const PUBLIC_STATUSES = nonEmpty(STATUSES.filter(isPublicStatus));

export const PRIORITY_AREAS = ENUMS.priority_area;
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

/** A list known to hold at least one value, typed so (z.enum needs a non-empty tuple). */
function nonEmpty<T>(list: T[]): [T, ...T[]] {
	const [first, ...rest] = list;
	if (first === undefined) throw new Error('expected at least one value');
	return [first, ...rest];
}
