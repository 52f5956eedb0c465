import type { Db } from '$lib/server/db/client';
import { dataOrThrow } from '$lib/server/errors';
import { MAX_PAGE, MAX_PER_PAGE } from '$lib/domain/challenges/list-params';
import {
	PUBLIC_STATUSES,
	isPublicStatus,
	type Outcome,
	type PublicStatus
} from '$lib/domain/challenges/vocabulary';
import { type SearchQuery } from '$lib/domain/challenges/search-query';
import {
	isVersionLanguage,
	VERSION_LANGUAGES,
	type VersionLanguage
} from '$lib/domain/challenges/versions';
// Exports always use the postgres engine's matching, whichever engine serves the list.
import { searchIdsFromPostgres as searchIds } from '$lib/server/search/postgres';

/** A challenge's texts in one of the portal's languages (public.challenge_translations). */
export interface OpenVersion {
	title: string;
	summary: string;
	description: string;
	expected_outcomes: string | null;
}

/** A challenge's versions by language: only those that exist, in the portal's order (en, zh). */
export type OpenTranslations = Partial<Record<VersionLanguage, OpenVersion>>;

/** The public fields of a challenge that open data publishes. Never anything confidential. */
export interface OpenChallenge {
	id: string;
	slug: string;
	kind: string;
	/** The original's texts, in `language`. */
	title: string;
	summary: string;
	description: string;
	domain: string;
	priority_areas: string[];
	status: PublicStatus;
	/** How a decided challenge ended (awarded, not_awarded); null before a decision. */
	outcome: Outcome | null;
	deadline: string | null;
	published_at: string | null;
	updated_at: string;
	budget_min: number | null;
	budget_max: number | null;
	currency: string | null;
	/** The budget in US dollars at the currency's rate, and that rate's date (illustrative in the demo). */
	budget_min_usd: number | null;
	budget_max_usd: number | null;
	budget_usd_as_of: string | null;
	/** The original's language (BCP 47). */
	language: string;
	contact_name: string | null;
	contact_email: string | null;
	city: { slug: string; name: string; country: string; region: string };
	/** Its versions in the portal's languages, beside the original (docs/collaboration.md#languages). */
	translations: OpenTranslations;
}

const VERSION_COLUMNS = 'language, title, summary, description, expected_outcomes';

export const OPEN_COLUMNS = `id, slug, kind, title, summary, description, domain, priority_areas, status, outcome, deadline, published_at, updated_at, budget_min, budget_max, currency, budget_min_usd, budget_max_usd, budget_usd_as_of, language, contact_name, contact_email, city:cities!inner(slug, name, country, region), translations:challenge_translations(${VERSION_COLUMNS})`;

type VersionRow = OpenVersion & { language: string };

/** Version rows to OpenTranslations, in the portal's order whatever order they came in. */
export function openTranslations(rows: readonly VersionRow[]): OpenTranslations {
	const out: OpenTranslations = {};
	for (const language of VERSION_LANGUAGES) {
		const row = rows.find((r) => r.language === language);
		if (row) {
			const { title, summary, description, expected_outcomes } = row;
			out[language] = { title, summary, description, expected_outcomes };
		}
	}
	return out;
}

/**
 * Versions as a search engine gave them ({"zh": {title, summary, description, expected_outcomes}},
 * unchecked JSON) to OpenTranslations; a language outside the portal's or a version missing a
 * required text is dropped, as a malformed answer should be.
 */
export function openTranslationsFromJson(json: unknown): OpenTranslations {
	if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
	const rows: VersionRow[] = [];
	for (const [language, texts] of Object.entries(json)) {
		if (!texts || typeof texts !== 'object') continue;
		const { title, summary, description, expected_outcomes } = texts as Record<string, unknown>;
		if (
			isVersionLanguage(language) &&
			typeof title === 'string' &&
			typeof summary === 'string' &&
			typeof description === 'string' &&
			(expected_outcomes === null || typeof expected_outcomes === 'string')
		) {
			rows.push({ language, title, summary, description, expected_outcomes });
		}
	}
	return openTranslations(rows);
}

/** The public rows of a read, typed as open data; a row in any other status is dropped. */
function openRows<
	R extends Omit<OpenChallenge, 'status' | 'translations'> & {
		status: string;
		translations: VersionRow[];
	}
>(rows: R[]): OpenChallenge[] {
	return rows.flatMap(({ status, translations, ...r }) =>
		isPublicStatus(status) ? [{ ...r, status, translations: openTranslations(translations) }] : []
	);
}

/**
 * The versions of the challenges `ids` (a page of the JSON API, whose hits come from the search) by
 * challenge id, in one read. A challenge without versions is not in the map.
 */
export async function translationsOf(
	db: Db,
	ids: readonly string[]
): Promise<Map<string, OpenTranslations>> {
	if (ids.length === 0) return new Map();
	const byId = new Map<string, VersionRow[]>();
	const rows = dataOrThrow(
		await db
			.from('challenge_translations')
			.select(`challenge_id, ${VERSION_COLUMNS}`)
			.in('challenge_id', [...ids])
	);
	for (const { challenge_id, ...row } of rows) {
		byId.set(challenge_id, [...(byId.get(challenge_id) ?? []), row]);
	}
	return new Map([...byId].map(([id, versions]) => [id, openTranslations(versions)]));
}

const BATCH = 1000;
/** Ids per row request: 200 UUIDs keep the request line near 8 KB. */
const ID_BATCH = 200;

export type ExportFilters = Omit<SearchQuery, 'page' | 'limit'>;

export interface ExportOptions {
	order?: 'published' | 'deadline';
	/** Stop after this many rows (feeds need only the newest). */
	max?: number;
	/** Only challenges with a deadline in the future (calendar). */
	upcomingOnly?: boolean;
}

/**
 * Streams the public challenges matching the structured filters, in batches through PostgREST.
 * Row-level security already hides drafts and withdrawn challenges from the anon client; the
 * explicit status filter is the second lock on the same door.
 */
export async function* publicChallenges(
	db: Db,
	filters: ExportFilters,
	options: ExportOptions = {}
): AsyncGenerator<OpenChallenge[]> {
	// A keyword, a budget range (in USD, which only the search documents hold) or the budget order:
	// the search decides what matches, and in which order.
	if (
		filters.q ||
		filters.min_usd !== undefined ||
		filters.max_usd !== undefined ||
		filters.sort === 'budget'
	) {
		yield* searchedChallenges(db, filters, options);
		return;
	}
	const max = options.max ?? Number.POSITIVE_INFINITY;
	let offset = 0;
	while (offset < max) {
		const size = Math.min(BATCH, max - offset);
		let q = db
			.from('challenges')
			.select(OPEN_COLUMNS)
			.in('status', filters.status.length ? filters.status : [...PUBLIC_STATUSES]);
		if (filters.domain.length) q = q.in('domain', filters.domain);
		if (filters.kind.length) q = q.in('kind', filters.kind);
		if (filters.priority.length) q = q.overlaps('priority_areas', filters.priority);
		if (filters.city.length) q = q.in('city.slug', filters.city);
		if (filters.region.length) q = q.in('city.region', filters.region);
		if (options.upcomingOnly) q = q.gt('deadline', new Date().toISOString());
		q =
			options.order === 'deadline'
				? q.order('deadline', { ascending: true, nullsFirst: false })
				: q.order('published_at', { ascending: false, nullsFirst: false });
		const data = dataOrThrow(await q.order('id').range(offset, offset + size - 1));
		const rows = openRows(data);
		if (rows.length) yield rows;
		if (data.length < size) return;
		offset += data.length;
	}
}

/**
 * With a keyword (or a budget range or order), search decides what matches (typos, synonyms) and in which order: one call for
 * every matching id (`search_challenge_ids`), then the full public rows in batches, in that order.
 */
async function* searchedChallenges(
	db: Db,
	filters: ExportFilters,
	options: ExportOptions
): AsyncGenerator<OpenChallenge[]> {
	const ids = await searchIds(
		db,
		{
			...filters,
			// The export's own order wins: the feed is the newest matches, the calendar by deadline.
			sort:
				options.order === 'deadline'
					? 'deadline'
					: options.order === 'published'
						? 'newest'
						: filters.sort,
			page: 1,
			limit: MAX_PER_PAGE
		},
		{
			upcoming: options.upcomingOnly,
			max: Math.min(options.max ?? Number.POSITIVE_INFINITY, MAX_PAGE * MAX_PER_PAGE)
		}
	);
	for (let i = 0; i < ids.length; i += ID_BATCH) {
		const batch = ids.slice(i, i + ID_BATCH);
		const found = openRows(
			dataOrThrow(
				await db
					.from('challenges')
					.select(OPEN_COLUMNS)
					.in('status', [...PUBLIC_STATUSES])
					.in('id', batch)
			)
		);
		const byId = new Map(found.map((r) => [r.id, r]));
		const rows = batch.flatMap((id) => byId.get(id) ?? []);
		if (rows.length) yield rows;
	}
}

export async function collect(source: AsyncGenerator<OpenChallenge[]>): Promise<OpenChallenge[]> {
	const all: OpenChallenge[] = [];
	for await (const batch of source) all.push(...batch);
	return all;
}

export function challengeUrl(origin: string, slug: string) {
	return `${origin}/challenges/${encodeURIComponent(slug)}`;
}
