import {
	Meilisearch,
	type Index,
	type MultiSearchParams,
	type MultiSearchQuery,
	type SearchParams
} from 'meilisearch';
import type { Facet } from '$lib/domain/challenges/list-params';
import type { FacetValue, SearchHit, SearchQuery } from '$lib/domain/challenges/search-query';
import {
	inLanguage,
	isVersionLanguage,
	VERSION_LANGUAGES,
	type Versions,
	type VersionLanguage
} from '$lib/domain/challenges/versions';
import {
	MARK_END,
	MARK_START,
	splitFacetValue,
	versionField,
	type ChallengeDocument
} from '$lib/server/search/document';
import { pages, type SearchEngine } from '$lib/server/search/engine';
import { finishFacets } from '$lib/server/search/facets';
import { FACET_ATTRIBUTE, activeFacets, buildFilter } from '$lib/server/search/filters';
import { snippetHtml } from '$lib/server/search/snippet';

export interface MeilisearchOptions {
	host: string;
	apiKey?: string;
	indexUid: string;
	/** Per request; a slow or unreachable server makes the caller fall back to Postgres. */
	timeoutMs?: number;
}

export function createMeilisearchClient(options: Omit<MeilisearchOptions, 'indexUid'>) {
	return new Meilisearch({
		host: options.host,
		apiKey: options.apiKey,
		timeout: options.timeoutMs ?? 2000
	});
}

const FACET_OF_ATTRIBUTE = Object.fromEntries(
	Object.entries(FACET_ATTRIBUTE).map(([facet, attribute]) => [attribute, facet as Facet])
) as Record<string, Facet>;

/** Meilisearch sort for a query; relevance without a keyword uses the deadline order. */
export function sortFor(query: SearchQuery): string[] | undefined {
	if (query.sort === 'newest') return ['published_ts:desc', 'id:asc'];
	// Largest budget first, none last; ties in the deadline order (as search_order() in SQL).
	if (query.sort === 'budget')
		return ['budget_usd_sort:desc', 'deadline_sort:asc', 'published_ts:desc', 'id:asc'];
	if (query.sort === 'deadline' || query.q === '')
		return ['deadline_sort:asc', 'published_ts:desc', 'id:asc'];
	return undefined;
}

type Formatted = Partial<Record<keyof ChallengeDocument, unknown>>;

/** The versions of a document, as postgres hits carry them (languages without one left out). */
export function versionsOf(doc: Partial<ChallengeDocument>): Versions {
	const out: Versions = {};
	for (const language of VERSION_LANGUAGES) {
		const title = doc[versionField('title', language)];
		// Documents indexed before versions existed have none: search:reindex adds them.
		if (title) out[language] = { title, summary: doc[versionField('summary', language)] ?? '' };
	}
	return out;
}

/** The version a hit shows for the visitor's `locale` (inLanguage()'s choice), if any. */
function shownVersion(doc: ChallengeDocument, locale: string | undefined) {
	const shown = inLanguage(doc, versionsOf(doc), locale ?? '');
	return shown.translated && isVersionLanguage(shown.language) ? shown.language : undefined;
}

/** The summary and description attributes of the texts shown (the version's or the original's). */
function shownTexts(version: VersionLanguage | undefined) {
	return version
		? {
				summary: versionField('summary', version),
				description: versionField('description', version)
			}
		: { summary: 'summary', description: 'description' };
}

/** What to highlight: the summary and description of every language a hit may be shown in. */
export function highlightAttributes(locale: string | undefined): string[] {
	const own = shownTexts(locale && isVersionLanguage(locale) ? locale : undefined);
	return [...new Set(['summary', 'description', own.summary, own.description])];
}

/**
 * The snippet of a hit: the sentence or list item of summary or description that holds the first
 * highlight (src/lib/server/search/snippet.ts, as for the postgres engine); escaped except <mark>.
 * From the texts the visitor sees (the version in `locale`, else the original), so a snippet never
 * mixes languages with its title.
 */
export function snippetFrom(
	formatted: Formatted | undefined,
	query: SearchQuery,
	version?: VersionLanguage
): string | null {
	if (!query.q || !formatted) return null;
	const fields = shownTexts(version);
	const text = (key: string) => {
		const value = formatted[key as keyof ChallengeDocument];
		return typeof value === 'string' ? value : '';
	};
	return snippetHtml([text(fields.summary), text(fields.description)].filter(Boolean).join('\n'));
}

/** A document as a hit: the original's texts, the versions in `translations` (as the postgres engine's). */
export function hitFromDocument(
	doc: ChallengeDocument & { _formatted?: Formatted; _rankingScore?: number },
	query: SearchQuery,
	locale?: string
): SearchHit {
	return {
		id: doc.id,
		slug: doc.slug,
		kind: doc.kind,
		language: doc.language || 'en',
		title: doc.title,
		summary: doc.summary,
		translations: versionsOf(doc),
		domain: doc.domain,
		priority_areas: doc.priority_areas,
		status: doc.status,
		// Documents indexed before outcomes existed have none: search:reindex adds it.
		outcome: doc.outcome ?? null,
		deadline: doc.deadline,
		published_at: doc.published_at,
		city: { slug: doc.city, name: doc.city_name, country: doc.city_country },
		region: { slug: doc.region, name: doc.region_name },
		budget_min: doc.budget_min,
		budget_max: doc.budget_max,
		currency: doc.currency,
		// Documents indexed before budgets in USD existed have none: search:reindex adds them.
		budget_min_usd: doc.budget_min_usd ?? null,
		budget_max_usd: doc.budget_max_usd ?? null,
		budget_usd_as_of: doc.budget_usd_as_of ?? null,
		snippet: snippetFrom(doc._formatted, query, shownVersion(doc, locale)),
		rank: query.q ? (doc._rankingScore ?? null) : null
	};
}

function facetValues(facet: Facet, distribution: Record<string, number> | undefined): FacetValue[] {
	return Object.entries(distribution ?? {}).map(([raw, count]) => {
		const { value, label } =
			facet === 'city' || facet === 'region' ? splitFacetValue(raw) : { value: raw, label: raw };
		return { value, label, count };
	});
}

/**
 * Search through Meilisearch: one multi-search request holding the hits query (with every filter,
 * counting the facets that are not filtered) and one query per filtered facet without its own
 * filter (disjunctive facets), so each facet's counts respect every other filter but not its own.
 */
export function createMeilisearchEngine(
	index: Index<ChallengeDocument>,
	client: Meilisearch
): SearchEngine {
	return {
		name: 'meilisearch',
		async search(query, locale) {
			const started = performance.now();
			const active = activeFacets(query);
			const common: SearchParams = { q: query.q };
			const main: MultiSearchQuery = {
				...common,
				indexUid: index.uid,
				filter: buildFilter(query),
				facets: (['domain', 'region', 'city', 'kind', 'status', 'priority'] as const)
					.filter((f) => !active.includes(f))
					.map((f) => FACET_ATTRIBUTE[f]),
				page: query.page,
				hitsPerPage: query.limit,
				sort: sortFor(query),
				showRankingScore: true,
				attributesToHighlight: query.q ? highlightAttributes(locale) : [],
				highlightPreTag: MARK_START,
				highlightPostTag: MARK_END
			};
			const perFacet = active.map((facet): MultiSearchQuery => ({
				...common,
				indexUid: index.uid,
				filter: buildFilter(query, facet),
				facets: [FACET_ATTRIBUTE[facet]],
				limit: 0
			}));
			const { results } = await client.multiSearch<MultiSearchParams, ChallengeDocument>({
				queries: [main, ...perFacet]
			});
			const [first, ...rest] = results;
			if (!first) throw new Error('Meilisearch returned no result');
			const raw: Partial<Record<Facet, FacetValue[]>> = {};
			for (const r of [first, ...rest]) {
				for (const [attribute, distribution] of Object.entries(r.facetDistribution ?? {})) {
					const facet = FACET_OF_ATTRIBUTE[attribute];
					if (facet && (r !== first || !active.includes(facet))) {
						raw[facet] = facetValues(facet, distribution);
					}
				}
			}
			const total = first.totalHits ?? first.estimatedTotalHits ?? 0;
			return {
				engine: 'meilisearch',
				query,
				total,
				page: query.page,
				pages: pages(total, query.limit),
				hits: first.hits.map((h) => hitFromDocument(h as never, query, locale)),
				facets: finishFacets(raw, query),
				close: false,
				took_ms: Math.round(performance.now() - started)
			};
		}
	};
}
