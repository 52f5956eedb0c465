import { PUBLIC_STATUSES } from '$lib/domain/challenges/vocabulary';
import { type Facet } from '$lib/domain/challenges/list-params';
import { type SearchQuery } from '$lib/domain/challenges/search-query';

/** The index attribute each facet filters on. */
export const FILTER_ATTRIBUTE: Record<Facet, string> = {
	domain: 'domain',
	region: 'region',
	city: 'city',
	kind: 'kind',
	status: 'status',
	priority: 'priority_areas'
};

/** The index attribute each facet counts on (city and region carry their label: `slug|name`). */
export const FACET_ATTRIBUTE: Record<Facet, string> = {
	domain: 'domain',
	region: 'region_facet',
	city: 'city_facet',
	kind: 'kind',
	status: 'status',
	priority: 'priority_areas'
};

/** A Meilisearch string literal: double-quoted, with `\` and `"` escaped. */
export function quote(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The budget range in USD as Meilisearch conditions: the document's range overlaps the asked one
 * (as search_budget() in the database); a document without a USD budget never matches.
 */
export function budgetFilter(query: Pick<SearchQuery, 'min_usd' | 'max_usd'>): string[] {
	const parts: string[] = [];
	if (query.min_usd !== undefined) parts.push(`budget_usd_high >= ${Number(query.min_usd)}`);
	if (query.max_usd !== undefined) parts.push(`budget_usd_low <= ${Number(query.max_usd)}`);
	return parts;
}

/** The facets of a query that have at least one selected value. */
export function activeFacets(query: SearchQuery): Facet[] {
	return (['domain', 'region', 'city', 'kind', 'status', 'priority'] as const).filter(
		(f) => query[f].length > 0
	);
}

/**
 * The Meilisearch filter for a query: values of one facet are ORed (`IN`), facets are ANDed.
 * `without` leaves one facet's own filter out (for its counts: disjunctive facets).
 * Returns undefined when nothing is filtered.
 */
export function buildFilter(query: SearchQuery, without?: Facet): string {
	const parts = activeFacets(query)
		.filter((f) => f !== without)
		.map((f) => `${FILTER_ATTRIBUTE[f]} IN [${[...query[f]].sort().map(quote).join(', ')}]`);
	// The budget range is no facet: every query of a search (its facets' too) keeps to it.
	parts.push(...budgetFilter(query));
	// Second lock: only public statuses, even if a withdrawn document is still in the index
	// because the outbox worker is behind.
	parts.push(
		`${FILTER_ATTRIBUTE.status} IN [${[...PUBLIC_STATUSES].sort().map(quote).join(', ')}]`
	);
	return parts.join(' AND ');
}
