import { error, redirect } from '@sveltejs/kit';
import {
	FACETS,
	parseSearchParams,
	type Facet,
	type SearchQuery,
	type SearchResult
} from '$lib/domain/challenges/schema';
import { describeParamProblems } from '$lib/domain/param-problems';
import { or503 } from '$lib/server/db/challenges';
import { search } from '$lib/server/search';
import type { PageServerLoad } from './$types';
import { listHref } from './list-url';

/** Facet values the page lists (the busiest first, plus every selected one); the API gives them all. */
const FACET_VALUES_ON_PAGE = 12;

function trimFacets(
	facets: SearchResult['facets'],
	query: SearchQuery,
	more: Facet | undefined
): SearchResult['facets'] {
	const out = { ...facets };
	for (const key of FACETS) {
		if (key === more) continue;
		const selected: readonly string[] = query[key];
		out[key] = facets[key].filter((v, i) => i < FACET_VALUES_ON_PAGE || selected.includes(v.value));
	}
	return out;
}

export const load: PageServerLoad = async ({ url, locals }) => {
	const parsed = parseSearchParams(url.searchParams);
	if (!parsed.success) {
		error(400, {
			message: describeParamProblems(url.searchParams, parsed.error.issues),
			code: 'bad_request'
		});
	}
	const { hits, ...result } = await or503(() => search(locals.supabase, parsed.data));
	// A page past the end (an old bookmark, a hand-edited URL, fewer matches than yesterday): go to
	// the last page there is.
	if (result.page > result.pages) redirect(307, listHref({ ...parsed.data, page: result.pages }));
	// `more=city`: list every value of that facet (the page lists the busiest ones otherwise).
	const more = FACETS.find((f) => f === url.searchParams.get('more'));
	return {
		more: more ?? null,
		facetTotals: Object.fromEntries(
			FACETS.map((f) => [f, result.facets[f].filter((v) => v.count > 0).length])
		) as Record<Facet, number>,
		// Only what a result card shows: the page's data is serialised into the HTML.
		result: {
			...result,
			facets: trimFacets(result.facets, parsed.data, more),
			hits: hits.map((h) => ({
				id: h.id,
				slug: h.slug,
				kind: h.kind,
				language: h.language,
				title: h.title,
				summary: h.snippet ? '' : h.summary,
				snippet: h.snippet,
				domain: h.domain,
				status: h.status,
				deadline: h.deadline,
				budget_min: h.budget_min,
				budget_max: h.budget_max,
				currency: h.currency,
				city: { slug: h.city.slug, name: h.city.name, country: h.city.country }
			}))
		},
		now: Date.now()
	};
};
