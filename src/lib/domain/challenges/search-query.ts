import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import {
	DEFAULT_PER_PAGE,
	MAX_BUDGET_USD,
	MAX_PAGE,
	MAX_PER_PAGE,
	MAX_QUERY_LENGTH,
	SORTS,
	type Facet
} from '$lib/domain/challenges/list-params';
import {
	DOMAINS,
	KINDS,
	PRIORITY_AREAS,
	PUBLIC_STATUSES,
	REGIONS,
	type Domain,
	type Kind,
	type Outcome,
	type PriorityArea,
	type PublicStatus
} from '$lib/domain/challenges/vocabulary';
import type { Shown, Versions } from '$lib/domain/challenges/versions';

/** Repeated URL parameter (`?domain=a&domain=b`) or comma list, deduplicated. */
function multi<T extends readonly [string, ...string[]]>(values: T) {
	return z
		.array(z.enum(values))
		.max(values.length)
		.default([])
		.transform((v) => [...new Set(v)]);
}

const citySlug = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { error: () => m.param_city_slug({ key: 'city' }) });

/**
 * A query's words as the search reads them, before the cut to MAX_QUERY_LENGTH: control
 * characters (NUL among them) mean nothing in a search and Postgres refuses NUL; runs of spaces
 * are one.
 */
export function normalizeQuery(raw: string): string {
	return (
		raw
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u001f\u007f]/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
	);
}

/**
 * The one schema for a search of the list: used by the home page, the JSON API,
 * the open-data exports and both search engines.
 * Free text is trimmed and cut to MAX_QUERY_LENGTH; page and limit are clamped.
 * Unknown enum values are refused (the caller answers 400).
 */
/** A bound of the budget range in whole US dollars (absent when empty). */
const usdBound = z.coerce.number().int().min(0).max(MAX_BUDGET_USD).optional();

export const searchQuerySchema = z
	.object({
		q: z
			.string()
			.default('')
			.transform((s) => normalizeQuery(s).slice(0, MAX_QUERY_LENGTH)),
		domain: multi(DOMAINS),
		region: multi(REGIONS),
		city: z
			.array(citySlug)
			.max(50)
			.default([])
			.transform((v) => [...new Set(v)]),
		kind: multi(KINDS),
		status: multi(PUBLIC_STATUSES),
		priority: multi(PRIORITY_AREAS),
		/** The budget range in USD: a challenge matches when its own range (converted) overlaps it. */
		min_usd: usdBound,
		max_usd: usdBound,
		sort: z.enum(SORTS).default('relevance'),
		page: z.coerce
			.number()
			.int()
			.default(1)
			.transform((n) => Math.min(Math.max(n, 1), MAX_PAGE)),
		limit: z.coerce
			.number()
			.int()
			.default(DEFAULT_PER_PAGE)
			.transform((n) => Math.min(Math.max(n, 1), MAX_PER_PAGE))
	})
	// Reversed bounds (500000 to 100000) mean the same range: swapped rather than refused.
	.transform((query) =>
		query.min_usd !== undefined && query.max_usd !== undefined && query.min_usd > query.max_usd
			? { ...query, min_usd: query.max_usd, max_usd: query.min_usd }
			: query
	);
export type SearchQuery = z.output<typeof searchQuerySchema>;

export interface FacetValue {
	value: string;
	/** Human label (city or region name); enum facets are labelled by the UI's messages. */
	label: string;
	count: number;
}

/** One challenge as a search hit. */
export interface SearchHit {
	id: string;
	slug: string;
	kind: Kind;
	/** BCP 47 tag of the original's title and summary (en, zh, pt-BR…). */
	language: string;
	/** The original's title and summary; `translations` holds the versions'. */
	title: string;
	summary: string;
	/** The versions' titles and summaries by language ({} without any). */
	translations: Versions;
	domain: Domain;
	priority_areas: PriorityArea[];
	status: PublicStatus;
	/** How a decided (or archived) challenge ended; null otherwise. */
	outcome: Outcome | null;
	deadline: string | null;
	published_at: string | null;
	city: { slug: string; name: string; country: string };
	region: { slug: string; name: string };
	budget_min: number | null;
	budget_max: number | null;
	currency: string | null;
	/** The budget's ends in US dollars at the currency's rate (null without a budget or a rate). */
	budget_min_usd: number | null;
	budget_max_usd: number | null;
	/** The day of that rate (YYYY-MM-DD), null without one. */
	budget_usd_as_of: string | null;
	/**
	 * Snippet with matches wrapped in <mark>…</mark>; everything else is HTML-escaped by the engine,
	 * so the UI may render it with {@html}. Made from the texts in the visitor's language when the
	 * engine was given it and the challenge has a version in it, else from the original's.
	 */
	snippet: string | null;
	rank: number | null;
}

/**
 * A hit as a page shows it: title and summary in the visitor's language when the challenge has a
 * version in it, else the original's (inLanguage(); `language` is then the shown texts').
 */
export type ShownHit = Shown<SearchHit>;

/** What an engine answers (hits as indexed), or the search module (hits as shown: ShownHit). */
export interface SearchResult<Hit extends SearchHit = SearchHit> {
	engine: 'postgres' | 'meilisearch';
	query: SearchQuery;
	total: number;
	page: number;
	pages: number;
	hits: Hit[];
	/** Counts per facet value; each facet's counts respect every other active filter but not its own. */
	facets: Record<Facet, FacetValue[]>;
	/** Full text found nothing and these are close matches (trigram similarity of title and summary). */
	close: boolean;
	took_ms: number;
	/**
	 * By hit id, each hit's versions with every text, as the engine gave them (unchecked JSON): only
	 * when asked for (SearchOptions.wholeVersions) and the engine could give them.
	 */
	wholeVersions?: Record<string, unknown>;
}

/** Builds a SearchQuery from URL search params (repeated keys or comma-separated values). */
export function parseSearchParams(params: URLSearchParams) {
	const list = (key: string) =>
		params
			.getAll(key)
			.flatMap((v) => v.split(','))
			.map((v) => v.trim())
			.filter(Boolean);
	const raw: Record<string, unknown> = {
		q: params.get('q') ?? undefined,
		domain: list('domain'),
		region: list('region'),
		city: list('city'),
		kind: list('kind'),
		status: list('status'),
		priority: list('priority'),
		min_usd: params.get('min_usd')?.trim() || undefined,
		max_usd: params.get('max_usd')?.trim() || undefined,
		sort: params.get('sort') || undefined,
		page: params.get('page') || undefined,
		limit: params.get('limit') || undefined
	};
	return searchQuerySchema.safeParse(raw);
}
