import { pageNow } from '$lib/server/http-cache';
import { error, redirect } from '@sveltejs/kit';
import { FACETS, type Facet } from '$lib/domain/challenges/list-params';
import {
	normalizeQuery,
	parseSearchParams,
	type SearchQuery,
	type SearchResult
} from '$lib/domain/challenges/search-query';
import { MAX_QUERY_LENGTH } from '$lib/domain/challenges/list-params';
import { describeParamProblems } from '$lib/domain/param-problems';
import { getLocale } from '$lib/paraglide/runtime.js';
import { search } from '$lib/server/search';
import { correctedQuery, interpret } from '$lib/server/search/interpretation';
import type { Actions, PageServerLoad } from './$types';
import { saveSearchAction } from '$lib/server/qa/save-search';
import { listHref } from '$lib/urls';

/** Facet values the page lists (the busiest first, plus every selected one); the API gives them all. */
const FACET_VALUES_ON_PAGE = 12;
/** A facet with no more values than this is listed whole: one "Show more" reveals every value. */
const FACET_LISTED_WHOLE = 30;

function trimFacets(
	facets: SearchResult['facets'],
	query: SearchQuery,
	more: Facet | undefined
): SearchResult['facets'] {
	const out = { ...facets };
	for (const key of FACETS) {
		if (key === more || facets[key].length <= FACET_LISTED_WHOLE) continue;
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
	// Not the search's own timing: the page would differ on every request (no ETag could hold).
	const [{ hits, took_ms: _tookMs, ...result }, interpretation] = await Promise.all([
		search(locals.supabase, parsed.data, getLocale()),
		interpret(locals.supabase, parsed.data.q)
	]);
	// A page past the end (an old bookmark, a hand-edited URL, fewer matches than yesterday): go to
	// the last page there is.
	if (result.page > result.pages) redirect(307, listHref({ ...parsed.data, page: result.pages }));
	// A chosen city that nothing matches comes back from the engine as its slug (no facet value to
	// take its name from): read its name, so the filter and its chip say "Da Nang", not "da-nang".
	const unnamed = result.facets.city.filter((v) => v.count === 0 && v.label === v.value);
	if (unnamed.length) {
		const { data } = await locals.supabase
			.from('cities')
			.select('slug, name')
			.in(
				'slug',
				unnamed.map((v) => v.value)
			);
		const names = new Map((data ?? []).map((c) => [c.slug, c.name]));
		result.facets.city = result.facets.city.map((v) =>
			v.count === 0 && names.has(v.value) ? { ...v, label: names.get(v.value)! } : v
		);
	}
	// `more=city`: list every value of that facet (the page lists the busiest ones otherwise).
	const more = FACETS.find((f) => f === url.searchParams.get('more'));
	return {
		more: more ?? null,
		// The query was cut to MAX_QUERY_LENGTH (a pasted URL or reference number, say): say so.
		// What the search did with the words: corrected, widened by synonyms, or close matches only.
		notice: {
			corrected: correctedQuery(parsed.data.q, interpretation),
			synonyms: interpretation.synonyms,
			close: result.close && hits.length > 0
		},
		queryCut: normalizeQuery(url.searchParams.get('q') ?? '').length > MAX_QUERY_LENGTH,
		facetTotals: Object.fromEntries(
			FACETS.map((f) => [f, result.facets[f].filter((v) => v.count > 0).length])
		) as Record<Facet, number>,
		// Only what a result card shows (in the visitor's language, or the original marked as such):
		// the page's data is serialised into the HTML.
		result: {
			...result,
			facets: trimFacets(result.facets, parsed.data, more),
			hits: hits.map((h) => ({
				id: h.id,
				slug: h.slug,
				kind: h.kind,
				language: h.language,
				original_language: h.original_language,
				translated: h.translated,
				title: h.title,
				summary: h.snippet ? '' : h.summary,
				snippet: h.snippet,
				domain: h.domain,
				status: h.status,
				outcome: h.outcome,
				deadline: h.deadline,
				budget_min: h.budget_min,
				budget_max: h.budget_max,
				currency: h.currency,
				budget_min_usd: h.budget_min_usd,
				budget_max_usd: h.budget_max_usd,
				city: { slug: h.city.slug, name: h.city.name, country: h.city.country }
			}))
		},
		now: pageNow()
	};
};

export const actions: Actions = { saveSearch: saveSearchAction };
