import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { SearchQuery, SearchResult } from '$lib/domain/challenges/search-query';

/** What the search needs from a Supabase client (a request's client or a job's service client). */
export type SearchDb = SupabaseClient<Database>;

export interface SearchEngine {
	readonly name: SearchResult['engine'];
	search(query: SearchQuery): Promise<SearchResult>;
}

/** The subset of a pino logger the search uses (injectable in tests). */
export interface SearchLogger {
	warn(obj: object, msg?: string): void;
	error(obj: object, msg?: string): void;
}

export function pages(total: number, limit: number): number {
	return Math.max(1, Math.ceil(total / limit));
}
