// npm run search:detach
// The portal stops feeding a Meilisearch index (MEILISEARCH_URL is being unset, or the index is
// gone): changes are no longer queued in the search outbox, and what was pending is dropped.
// `npm run search:reindex` starts again from a full copy. Env: SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY.
import { jobDb } from './search-job-env';

const { db } = jobDb();
const { data, error } = await db.rpc('stop_search_outbox');
if (error) {
	console.error(`search-detach: ${error.code ?? ''} ${error.message}`);
	process.exitCode = 1;
} else {
	console.log(`search-detach: the outbox is off; ${data} pending operations dropped`);
}
