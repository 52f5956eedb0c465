import {
	isPublicStatus,
	type Domain,
	type Kind,
	type Outcome,
	type PriorityArea,
	type PublicStatus,
	type Status
} from '$lib/domain/challenges/vocabulary';
import { VERSION_LANGUAGES, type VersionLanguage } from '$lib/domain/challenges/versions';

/**
 * What the worker and the reindex read from Postgres (supabase-js select with embedded city and
 * region; the service role may embed two levels deep). Its result type is checked against
 * ChallengeRow where documentFromRow() is called.
 */
export const DOCUMENT_SELECT =
	'id, slug, kind, language, title, summary, description, expected_outcomes, domain, priority_areas, status, outcome, deadline, published_at, budget_min, budget_max, currency, budget_min_usd, budget_max_usd, budget_usd_as_of, city:cities!inner(slug, name, name_zh, country, region:regions!inner(slug, name)), translations:challenge_translations(language, title, summary, description, expected_outcomes)';

export interface ChallengeRow {
	id: string;
	slug: string;
	kind: Kind;
	language: string;
	title: string;
	summary: string;
	description: string | null;
	expected_outcomes: string | null;
	domain: Domain;
	priority_areas: PriorityArea[] | null;
	status: Status;
	outcome: Outcome | null;
	deadline: string | null;
	published_at: string | null;
	budget_min: number | string | null;
	budget_max: number | string | null;
	currency: string | null;
	/** Computed columns (20261207001400_budgets_usd.sql): the budget in USD and the rate's date. */
	budget_min_usd: number | string | null;
	budget_max_usd: number | string | null;
	budget_usd_as_of: string | null;
	city: {
		slug: string;
		name: string;
		/** The city's Chinese name (cities.name_zh), searchable like the database's D weight. */
		name_zh?: string | null;
		country: string;
		region: { slug: string; name: string };
	};
	/** The versions (public.challenge_translations), in the portal's languages. */
	translations: {
		language: string;
		title: string;
		summary: string;
		description: string;
		expected_outcomes: string | null;
	}[];
}

/** The texts a version has in a document, by language: `title_en`, `summary_zh`… */
export const VERSION_TEXTS = ['title', 'summary', 'description', 'expected_outcomes'] as const;
export type VersionField = `${(typeof VERSION_TEXTS)[number]}_${VersionLanguage}`;

/** A document field of a version's text. */
export function versionField(
	text: (typeof VERSION_TEXTS)[number],
	language: VersionLanguage
): VersionField {
	return `${text}_${language}`;
}

/**
 * One challenge in the Meilisearch index. Only public challenges ever become documents. The
 * original's texts are `title`, `summary`…; each version's are flat fields beside them
 * (`title_zh`, `summary_zh`…, '' without a version in that language): one searchable attribute
 * each, so the settings can rank every title above every summary (Meilisearch's attribute rule
 * goes by the order of searchableAttributes; a nested object would be one attribute).
 */
export interface ChallengeDocument extends Record<VersionField, string> {
	id: string;
	slug: string;
	kind: Kind;
	/** BCP 47 tag of the original's texts. */
	language: string;
	title: string;
	summary: string;
	description: string;
	expected_outcomes: string;
	domain: Domain;
	priority_areas: PriorityArea[];
	/** Priority areas as words ("smart governance"), searchable like the database's D weight. */
	priority_text: string;
	status: PublicStatus;
	/** How a decided challenge ended (shown on its card). */
	outcome: Outcome | null;
	deadline: string | null;
	published_at: string | null;
	/** Epoch ms, 0 when unpublished: `published_ts:desc` puts those last (as `nulls last`). */
	published_ts: number;
	/**
	 * The deadline order as one number: open challenges first, soonest deadline first, no deadline
	 * last; the same order as search_challenges' `(status <> 'open'), deadline nulls last`.
	 */
	deadline_sort: number;
	city: string;
	city_name: string;
	/** The city's name in Chinese, '' when it has none: searchable, never shown from here. */
	city_name_zh: string;
	city_country: string;
	/** The country's English name, searchable like the database's D weight (public.countries). */
	country_name: string;
	/** `slug|name`, faceted so facet values carry their label. */
	city_facet: string;
	region: string;
	region_name: string;
	region_facet: string;
	budget_min: number | null;
	budget_max: number | null;
	currency: string | null;
	budget_min_usd: number | null;
	budget_max_usd: number | null;
	budget_usd_as_of: string | null;
	/**
	 * The budget's range in USD for the filter, as the database's search documents hold it: the
	 * lower (upper) end, or the only end given; null without a budget or a rate (never matches).
	 */
	budget_usd_low: number | null;
	budget_usd_high: number | null;
	/** The budget order as one number: the upper end in USD, -1 without one (last in `:desc`). */
	budget_usd_sort: number;
}

/** Meilisearch's highlight markers; they can never appear in indexed text (see clean()). */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

const NO_DEADLINE = 9e12;
const NOT_OPEN = 1e13;

function clean(text: string | null | undefined): string {
	return (text ?? '').replace(/[\uE000\uE001]/g, '');
}

/**
 * Markdown as the words a reader sees, for searching and snippets: heading lines, list and quote
 * markers, link targets and emphasis characters go. The postgres engine's snippets apply the same
 * rules in SQL (private.search_snippet, now in supabase/migrations/20261208000000_search_hits_set_based.sql).
 */
export function markdownToPlainText(markdown: string | null | undefined): string {
	return clean(markdown)
		.replace(/(^|\n)[ \t]*#+[^\n]*/g, '$1')
		.replace(/\]\([^)]*\)/g, ']')
		.replace(/(^|\n)[ \t]*(?:[-+*>]|[0-9]+[.)])[ \t]+/g, '$1')
		.replace(/[*`|[\]~]+/g, '');
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** A country's English name from its ISO code ('' for a code Intl does not know). */
export function countryNameOf(code: string): string {
	try {
		const name = countryNames.of(code);
		return name && name !== code && !/^Unknown/.test(name) ? name : '';
	} catch {
		return '';
	}
}

function num(value: number | string | null): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : null;
}

/** The one mapping from a database row to an index document. Refuses drafts and withdrawn rows. */
export function documentFromRow(row: ChallengeRow): ChallengeDocument {
	if (!isPublicStatus(row.status)) {
		throw new Error(`challenge ${row.id} is ${row.status}: only public challenges are indexed`);
	}
	const deadlineMs = row.deadline ? Date.parse(row.deadline) : NaN;
	const publishedMs = row.published_at ? Date.parse(row.published_at) : NaN;
	const priorities = row.priority_areas ?? [];
	return {
		id: row.id,
		slug: row.slug,
		kind: row.kind,
		language: row.language || 'en',
		title: clean(row.title),
		summary: clean(row.summary),
		description: markdownToPlainText(row.description),
		expected_outcomes: markdownToPlainText(row.expected_outcomes),
		domain: row.domain,
		priority_areas: priorities,
		priority_text: priorities.map((p) => p.replace(/-/g, ' ')).join(', '),
		status: row.status,
		outcome: row.outcome,
		deadline: row.deadline,
		published_at: row.published_at,
		published_ts: Number.isNaN(publishedMs) ? 0 : publishedMs,
		deadline_sort:
			(row.status === 'open' ? 0 : NOT_OPEN) +
			(Number.isNaN(deadlineMs) ? NO_DEADLINE : deadlineMs),
		city: row.city.slug,
		city_name: clean(row.city.name),
		city_name_zh: clean(row.city.name_zh ?? ''),
		city_country: row.city.country,
		country_name: countryNameOf(row.city.country),
		city_facet: `${row.city.slug}|${clean(row.city.name)}`,
		region: row.city.region.slug,
		region_name: clean(row.city.region.name),
		region_facet: `${row.city.region.slug}|${clean(row.city.region.name)}`,
		budget_min: num(row.budget_min),
		budget_max: num(row.budget_max),
		currency: row.currency,
		...budgetUsd(row),
		...versionFields(row.translations)
	};
}

/** The versions as document fields; '' for a language without one. */
export function versionFields(
	translations: ChallengeRow['translations'] | null | undefined
): Record<VersionField, string> {
	const out = {} as Record<VersionField, string>;
	for (const language of VERSION_LANGUAGES) {
		const version = translations?.find((t) => t.language === language);
		out[versionField('title', language)] = clean(version?.title);
		out[versionField('summary', language)] = clean(version?.summary);
		out[versionField('description', language)] = markdownToPlainText(version?.description);
		out[versionField('expected_outcomes', language)] = markdownToPlainText(
			version?.expected_outcomes
		);
	}
	return out;
}

/** The USD fields of a document (the conversion itself is the database's: private.usd). */
export function budgetUsd(
	row: Pick<ChallengeRow, 'budget_min_usd' | 'budget_max_usd' | 'budget_usd_as_of'>
): Pick<
	ChallengeDocument,
	| 'budget_min_usd'
	| 'budget_max_usd'
	| 'budget_usd_as_of'
	| 'budget_usd_low'
	| 'budget_usd_high'
	| 'budget_usd_sort'
> {
	const min = num(row.budget_min_usd);
	const max = num(row.budget_max_usd);
	const high = max ?? min;
	return {
		budget_min_usd: min,
		budget_max_usd: max,
		budget_usd_as_of: row.budget_usd_as_of,
		budget_usd_low: min ?? max,
		budget_usd_high: high,
		budget_usd_sort: high ?? -1
	};
}

/** Splits a `slug|label` facet value. */
export function splitFacetValue(raw: string): { value: string; label: string } {
	const i = raw.indexOf('|');
	return i < 0 ? { value: raw, label: raw } : { value: raw.slice(0, i), label: raw.slice(i + 1) };
}
