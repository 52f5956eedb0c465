import type { SupabaseClient } from '@supabase/supabase-js';
import type { SearchQuery, SearchResult } from '../../domain/challenges/schema';

/** What the search needs from a Supabase client (a request's client or a job's service client). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SearchDb = SupabaseClient<any, any, any>;

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
