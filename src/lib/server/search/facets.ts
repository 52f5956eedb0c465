import { FACETS, type Facet } from '$lib/domain/challenges/list-params';
import { type FacetValue, type SearchQuery } from '$lib/domain/challenges/search-query';

/** Both engines list up to this many values per facet (search_core, maxValuesPerFacet). */
export const MAX_FACET_VALUES = 500;

/**
 * The same facet lists from both engines: values with a count, sorted by count then label, at most
 * MAX_FACET_VALUES, plus every selected value (with 0 when nothing matches) so it can be unselected.
 */
export function finishFacets(
	raw: Partial<Record<Facet, FacetValue[]>>,
	query: SearchQuery
): Record<Facet, FacetValue[]> {
	const out = {} as Record<Facet, FacetValue[]>;
	for (const facet of FACETS) {
		const values = (raw[facet] ?? [])
			.filter((v) => v.count > 0)
			.sort(
				(a, b) =>
					b.count - a.count || a.label.localeCompare(b.label) || a.value.localeCompare(b.value)
			)
			.slice(0, MAX_FACET_VALUES);
		for (const selected of query[facet]) {
			if (!values.some((v) => v.value === selected))
				values.push({ value: selected, label: selected, count: 0 });
		}
		out[facet] = values;
	}
	return out;
}
