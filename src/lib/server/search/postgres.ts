import type { CompositeTypes } from '$lib/database.types';
import { FACETS, type Facet } from '$lib/domain/challenges/list-params';
import { isPublicStatus } from '$lib/domain/challenges/vocabulary';
import { isVersionLanguage, type Versions } from '$lib/domain/challenges/versions';
import {
	type FacetValue,
	type SearchHit,
	type SearchQuery
} from '$lib/domain/challenges/search-query';
import { dataOrThrow } from '$lib/server/errors';
import { pages, type SearchDb, type SearchEngine } from '$lib/server/search/engine';
import { finishFacets } from '$lib/server/search/facets';
import { snippetHtml } from '$lib/server/search/snippet';

/**
 * The RPC's params for a query (page → offset). `locale`, the visitor's language, only chooses the
 * texts snippets are made from, and `whole` whether the hits' versions carry every text (the
 * database keeps both out of its cache key).
 */
export function rpcParams(query: SearchQuery, locale?: string, whole = false) {
	return {
		lang: locale && isVersionLanguage(locale) ? locale : null,
		...(whole ? { versions: 'whole' } : {}),
		q: query.q,
		domain: query.domain,
		region: query.region,
		city: query.city,
		kind: query.kind,
		status: query.status,
		priority: query.priority,
		min_usd: query.min_usd ?? null,
		max_usd: query.max_usd ?? null,
		sort: query.sort,
		limit: query.limit,
		offset: (query.page - 1) * query.limit
	};
}

/** search_hit.translations ({"zh": {"title", "summary"}, …}) as Versions; anything else is dropped. */
export function versionsFromJson(json: unknown): Versions {
	const out: Versions = {};
	if (!json || typeof json !== 'object' || Array.isArray(json)) return out;
	for (const [language, texts] of Object.entries(json)) {
		const { title, summary } = (texts ?? {}) as Record<string, unknown>;
		if (isVersionLanguage(language) && typeof title === 'string' && typeof summary === 'string') {
			out[language] = { title, summary };
		}
	}
	return out;
}

/**
 * A hit as the database declares it (public.search_hit). A composite type's fields are all
 * nullable to the type generator, although private.search_hits fills every one it must: this is where
 * that is checked, once, instead of trusted.
 */
export function hitFromRow(row: CompositeTypes<'search_hit'>): SearchHit {
	const { id, slug, kind, language, title, summary, domain, status, city, region } = row;
	if (
		id === null ||
		slug === null ||
		kind === null ||
		language === null ||
		title === null ||
		summary === null ||
		domain === null ||
		status === null ||
		!isPublicStatus(status) ||
		city?.slug == null ||
		city.name === null ||
		city.country === null ||
		region?.slug == null ||
		region.name === null
	) {
		throw new Error(`search hit ${id ?? '?'} lacks a required field or is not public`);
	}
	return {
		id,
		slug,
		kind,
		language,
		title,
		summary,
		translations: versionsFromJson(row.translations),
		domain,
		priority_areas: row.priority_areas ?? [],
		status,
		outcome: row.outcome,
		deadline: row.deadline,
		published_at: row.published_at,
		city: { slug: city.slug, name: city.name, country: city.country },
		region: { slug: region.slug, name: region.name },
		budget_min: row.budget_min,
		budget_max: row.budget_max,
		currency: row.currency,
		budget_min_usd: row.budget_min_usd,
		budget_max_usd: row.budget_max_usd,
		budget_usd_as_of: row.budget_usd_as_of,
		snippet: snippetHtml(row.snippet),
		rank: row.rank
	};
}

function facetsFromRow(row: CompositeTypes<'search_facets'> | null): Record<Facet, FacetValue[]> {
	const out = {} as Record<Facet, FacetValue[]>;
	for (const facet of FACETS) {
		out[facet] = (row?.[facet] ?? []).flatMap((v) =>
			v.value === null || v.count === null
				? []
				: [{ value: v.value, label: v.label ?? v.value, count: v.count }]
		);
	}
	return out;
}

/** Search through the database function `search_challenges` (RLS applies to the caller's client). */
export function createPostgresEngine(db: SearchDb): SearchEngine {
	return {
		name: 'postgres',
		async search(query, locale, options) {
			const started = performance.now();
			const whole = options?.wholeVersions === true;
			const result = dataOrThrow(
				await db.rpc('search_challenges', { params: rpcParams(query, locale, whole) })
			);
			const total = result.total ?? 0;
			const rows = result.hits ?? [];
			return {
				engine: 'postgres',
				query,
				total,
				page: query.page,
				pages: pages(total, query.limit),
				hits: rows.map(hitFromRow),
				facets: finishFacets(facetsFromRow(result.facets), query),
				close: result.mode === 'trigram',
				took_ms: Math.round(performance.now() - started),
				...(whole
					? {
							wholeVersions: Object.fromEntries(
								rows.flatMap((r): [string, unknown][] =>
									r.id === null ? [] : [[r.id, r.translations]]
								)
							)
						}
					: {})
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
	const ids = dataOrThrow(
		await db.rpc('search_challenge_ids', {
			params: rpcParams(query),
			upcoming: options.upcoming ?? false,
			max_ids: options.max
		})
	);
	return ids ?? [];
}

/** "The same problem in other cities": public challenges of other cities, most similar first. */
export async function similarFromPostgres(
	db: SearchDb,
	challengeId: string,
	maxResults = 6
): Promise<SearchHit[]> {
	const rows = dataOrThrow(
		await db.rpc('similar_challenges', { challenge_id: challengeId, max_results: maxResults })
	);
	return rows.map(hitFromRow);
}
