// Shared by the search worker and the reindex: the validated environment and the two clients.
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { parseEnv } from '../src/lib/server/env-schema';
import { createMeilisearchClient } from '../src/lib/server/search/meilisearch';

export function jobEnv() {
	const env = parseEnv(process.env);
	if (!env.SUPABASE_SERVICE_ROLE_KEY)
		throw new Error('Invalid environment: SUPABASE_SERVICE_ROLE_KEY is missing');
	if (!env.MEILISEARCH_URL) throw new Error('Invalid environment: MEILISEARCH_URL is missing');
	const db = createClient(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: ws as never }
	});
	const client = createMeilisearchClient({
		host: env.MEILISEARCH_URL,
		apiKey: env.MEILISEARCH_API_KEY,
		timeoutMs: 30_000
	});
	return { env, db, client, indexUid: env.MEILISEARCH_INDEX };
}
