import { Meilisearch, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import type {
	SearchHit,
	SearchQuery,
	SearchResult,
	ShownHit
} from '$lib/domain/challenges/search-query';
import { sharedNeedAcross } from '$lib/domain/challenges/twin-reason';
import { inLanguage, type Versions } from '$lib/domain/challenges/versions';
import { serverEnv } from '$lib/server/env';
import { log } from '$lib/server/log';
import type { ChallengeDocument } from '$lib/server/search/document';
import type {
	SearchDb,
	SearchEngine,
	SearchLogger,
	SearchOptions
} from '$lib/server/search/engine';
import { createMeilisearchClient, createMeilisearchEngine } from '$lib/server/search/meilisearch';
import { createPostgresEngine, similarFromPostgres } from '$lib/server/search/postgres';

export type { SearchEngine, SearchDb, SearchLogger } from '$lib/server/search/engine';

/** A connection failure or timeout (as opposed to a bug such as a bad filter). */
export function isConnectionError(e: unknown): boolean {
	return e instanceof MeilisearchRequestError || e instanceof MeilisearchRequestTimeOutError;
}

/**
 * Skips an engine for a while after it could not be reached: a hanging (not refusing) Meilisearch
 * would otherwise cost every visitor the client's timeout before the fallback answers. Once
 * `openMs` has passed, one search may try it again (the others keep skipping it for another
 * `openMs` meanwhile); its success closes the breaker, its failure trips it again.
 *
 * `allow()` hands out a ticket (or null: skip the engine). A success closes the breaker only with
 * a ticket from after the last trip, so a slow search that was let through before the engine
 * went away cannot reopen it for everyone when it finally succeeds.
 */
export function createBreaker(openMs = 30_000, now: () => number = Date.now) {
	let openUntil = 0;
	let trips = 0;
	return {
		/** A ticket when a search may use the engine now (claims the one trial after a wait), else null. */
		allow: (): number | null => {
			const t = now();
			if (t < openUntil) return null;
			if (openUntil !== 0) openUntil = t + openMs;
			return trips;
		},
		trip: () => {
			trips++;
			openUntil = now() + openMs;
		},
		/** The search holding `ticket` succeeded. */
		reset: (ticket: number) => {
			if (ticket === trips) openUntil = 0;
		}
	};
}
export type Breaker = ReturnType<typeof createBreaker>;

/**
 * Runs the primary engine (Meilisearch, when configured) and falls back to the fallback engine
 * (Postgres) on any error: a warning for an unreachable server (which also trips the breaker, so
 * the next searches go straight to the fallback for a while), an error log for anything else.
 */
export async function searchWith(
	engines: {
		primary?: SearchEngine;
		fallback: SearchEngine;
		logger: SearchLogger;
		breaker?: Breaker;
	},
	query: SearchQuery,
	locale?: string,
	options?: SearchOptions
): Promise<SearchResult> {
	const { primary, fallback, logger, breaker } = engines;
	const ticket = breaker ? breaker.allow() : 0;
	if (!primary || ticket === null) return fallback.search(query, locale, options);
	try {
		const result = await primary.search(query, locale, options);
		breaker?.reset(ticket);
		return result;
	} catch (e) {
		const detail = { engine: primary.name, err: e instanceof Error ? e.message : String(e) };
		if (isConnectionError(e)) {
			breaker?.trip();
			logger.warn(detail, 'search engine unreachable, falling back to postgres');
		} else logger.error(detail, 'search engine failed, falling back to postgres');
		return fallback.search(query, locale, options);
	}
}

let meili: { key: string; client: Meilisearch; engine: SearchEngine; breaker: Breaker } | undefined;

function meilisearch(): { engine: SearchEngine; breaker: Breaker } | undefined {
	const env = serverEnv();
	if (!env.MEILISEARCH_URL) return undefined;
	const key = `${env.MEILISEARCH_URL}|${env.MEILISEARCH_INDEX}|${env.MEILISEARCH_API_KEY ?? ''}`;
	if (meili?.key !== key) {
		const client = createMeilisearchClient({
			host: env.MEILISEARCH_URL,
			apiKey: env.MEILISEARCH_API_KEY
		});
		const index = client.index<ChallengeDocument>(env.MEILISEARCH_INDEX);
		meili = {
			key,
			client,
			engine: createMeilisearchEngine(index, client),
			breaker: createBreaker()
		};
	}
	return meili;
}

/** A hit in the visitor's language: its version in `locale` when it has one, else the original. */
export function shownHit(hit: SearchHit, locale: string): ShownHit {
	return inLanguage(hit, hit.translations, locale);
}

/**
 * Searches the list: Meilisearch when MEILISEARCH_URL is set (falling back to Postgres when it
 * fails), Postgres otherwise. `db` is the caller's Supabase client, so RLS applies. The hits come
 * in the visitor's language (`locale`), with every version still in `translations`.
 */
export async function search(
	db: SearchDb,
	query: SearchQuery,
	locale: string,
	options?: SearchOptions
): Promise<SearchResult<ShownHit>> {
	const primary = meilisearch();
	const result = await searchWith(
		{
			primary: primary?.engine,
			breaker: primary?.breaker,
			fallback: createPostgresEngine(db),
			logger: log
		},
		query,
		locale,
		options
	);
	return { ...result, hits: result.hits.map((h) => shownHit(h, locale)) };
}

/** A twin, shown in the visitor's language, with the words that make it one. */
export type SimilarHit = ShownHit & { reason: string[] };

/**
 * "The same problem in other cities" for a challenge page, in the visitor's language. Each twin
 * says why it is one (sharedNeedAcross: the words of one of the challenge's titles that the twin
 * has in any of its own titles or summaries); the database chose it by the same words.
 */
export async function similarChallenges(
	db: SearchDb,
	/** The page's challenge with its versions (getPublicChallenge): no second read of them. */
	challenge: { id: string; language: string; title: string; versions: Versions },
	locale: string,
	maxResults = 6
): Promise<SimilarHit[]> {
	const hits = await similarFromPostgres(db, challenge.id, maxResults);
	const versions = Object.entries(challenge.versions).flatMap(([language, v]) =>
		v ? [{ language, title: v.title }] : []
	);
	const titles = [
		...versions.filter((v) => v.language === locale && locale !== challenge.language),
		challenge,
		...versions.filter((v) => v.language !== locale)
	].map((v) => v.title);
	return hits.map((hit) => ({
		...shownHit(hit, locale),
		reason: sharedNeedAcross(titles, hit)
	}));
}
