// Shared by the search worker and the reindex: the validated environment and the two clients.
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import type { Database } from '../src/lib/database.types';
import { parseEnv } from '../src/lib/server/env-schema';
import { createMeilisearchClient } from '../src/lib/server/search/meilisearch';

/** The service-role client of a job (never a request's). */
export function jobDb() {
	const env = parseEnv(process.env);
	if (!env.SUPABASE_SERVICE_ROLE_KEY)
		throw new Error('Invalid environment: SUPABASE_SERVICE_ROLE_KEY is missing');
	const db = createClient<Database>(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: ws as never }
	});
	return { env, db };
}

export function jobEnv() {
	const { env, db } = jobDb();
	if (!env.MEILISEARCH_URL) throw new Error('Invalid environment: MEILISEARCH_URL is missing');
	const client = createMeilisearchClient({
		host: env.MEILISEARCH_URL,
		apiKey: env.MEILISEARCH_API_KEY,
		timeoutMs: 30_000
	});
	return { env, db, client, indexUid: env.MEILISEARCH_INDEX };
}
