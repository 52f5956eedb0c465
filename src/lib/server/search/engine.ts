import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { SearchQuery, SearchResult } from '$lib/domain/challenges/search-query';

/** What the search needs from a Supabase client (a request's client or a job's service client). */
export type SearchDb = SupabaseClient<Database>;

export interface SearchEngine {
	readonly name: SearchResult['engine'];
	/**
	 * Hits as indexed: the original's title and summary, the versions in `translations`. `locale`
	 * (the visitor's language) chooses the texts snippets are made from.
	 */
	search(query: SearchQuery, locale?: string, options?: SearchOptions): Promise<SearchResult>;
}

export interface SearchOptions {
	/**
	 * Every version of each hit with all its texts, in the result's `wholeVersions` (the JSON API
	 * publishes them). Engines that cannot give them leave it out; the caller reads them itself.
	 */
	wholeVersions?: boolean;
}

/** The subset of a pino logger the search uses (injectable in tests). */
export interface SearchLogger {
	warn(obj: object, msg?: string): void;
	error(obj: object, msg?: string): void;
}

export function pages(total: number, limit: number): number {
	return Math.max(1, Math.ceil(total / limit));
}
