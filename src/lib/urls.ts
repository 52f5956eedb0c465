/**
 * The portal's canonical URLs for a list search and a directory search: one builder each, so the
 * links, the forms (with or without JavaScript) and the open-data exports agree on every parameter.
 */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { withQuery } from '$lib/components/ui/href';
import { FACETS, toSearchParams, type Facet } from '$lib/domain/challenges/list-params';
import { type SearchQuery } from '$lib/domain/challenges/search-query';
import {
	DOMAINS,
	toDirectoryParams,
	type DirectoryQuery,
	type Domain
} from '$lib/domain/organisations/directory-params';

// The challenge list (home page).

/** The canonical home-page URL for a search. */
export function listHref(query: Partial<SearchQuery>): ResolvedPathname {
	return withQuery(resolve('/'), toSearchParams(query));
}

/** The same search without one facet value (back to page 1). */
export function withoutValue(query: SearchQuery, facet: Facet, value: string): ResolvedPathname {
	return listHref({ ...query, [facet]: query[facet].filter((v) => v !== value), page: 1 });
}

/** The same search without any facet filter (keeps the words and the sort). */
export function withoutFilters(query: SearchQuery): ResolvedPathname {
	const cleared = Object.fromEntries(FACETS.map((f) => [f, []]));
	return listHref({ ...query, ...cleared, min_usd: undefined, max_usd: undefined, page: 1 });
}

/**
 * Reads the list form into a canonical URL (back to page 1). The values come from the form's own
 * controls; the server validates them again when the URL loads.
 */
export function formHref(form: HTMLFormElement): ResolvedPathname {
	const data = new FormData(form);
	const text = (key: string) => {
		const v = data.get(key);
		return typeof v === 'string' ? v : '';
	};
	const all = (key: string) => data.getAll(key).filter((v): v is string => typeof v === 'string');
	const query = {
		q: text('q').replace(/\s+/g, ' ').trim(),
		...Object.fromEntries(FACETS.map((f) => [f, all(f)])),
		min_usd: usd(text('min_usd')),
		max_usd: usd(text('max_usd')),
		sort: text('sort') || 'relevance',
		limit: Number(text('limit')) || undefined,
		page: 1
	} as Partial<SearchQuery>;
	return listHref(query);
}

/**
 * A budget bound as typed: a whole number of dollars or nothing (an empty field). Anything else
 * is kept as typed, so the server answers with what is wrong with it.
 */
function usd(value: string): number | undefined {
	const v = value.trim();
	return v === '' ? undefined : Number(v);
}

export function activeFilterCount(query: SearchQuery): number {
	const budget = query.min_usd !== undefined || query.max_usd !== undefined ? 1 : 0;
	return FACETS.reduce((n, f) => n + query[f].length, budget);
}

/**
 * The open-data files for the same search (every match: no page, no page size), for the links
 * under the list and the feed's <link rel="alternate">.
 */
export function exportHrefs(query: SearchQuery) {
	const params = toSearchParams({ ...query, page: 1, limit: undefined });
	return {
		csv: withQuery(resolve('/challenges.csv'), params),
		ics: withQuery(resolve('/challenges.ics'), params),
		atom: withQuery(resolve('/feed.xml'), params),
		json: withQuery(resolve('/api/v1/challenges'), params)
	};
}

/** The same search with every value of one facet listed on the page (`more=city`). */
export function allValuesHref(query: SearchQuery, facet: Facet): ResolvedPathname {
	const params = toSearchParams(query);
	params.set('more', facet);
	return withQuery(resolve('/'), params);
}

// The vendor directory.

/** The canonical URL of a directory search. */
export function directoryHref(query: Partial<DirectoryQuery>): ResolvedPathname {
	return withQuery(resolve('/vendors'), toDirectoryParams(query));
}

/**
 * Reads the directory form into its canonical URL (back to page 1). The server validates the
 * values again when the URL loads.
 */
export function directoryFormHref(form: HTMLFormElement): ResolvedPathname {
	const data = new FormData(form);
	const text = (key: string) => {
		const v = data.get(key);
		return typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '';
	};
	const domain = data
		.getAll('domain')
		.filter((v): v is Domain => typeof v === 'string' && DOMAINS.includes(v as Domain));
	return directoryHref({ q: text('q'), domain, country: text('country') || null, page: 1 });
}
