// npm run search:reindex [-- --batch 1000]
// Rebuilds the Meilisearch index from Postgres with no downtime: builds `<index>_<timestamp>`,
// applies the settings, adds every public challenge, swaps it with the live index, deletes the old.
// Env: SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, MEILISEARCH_URL[, MEILISEARCH_API_KEY, MEILISEARCH_INDEX].
import { parseArgs } from 'node:util';
import { reindex } from '../src/lib/server/search/reindex';
import { jobEnv } from './search-job-env';

const { values: args } = parseArgs({ options: { batch: { type: 'string', default: '1000' } } });

const { db, client, indexUid } = jobEnv();
const started = Date.now();
try {
	const result = await reindex({
		db,
		client,
		liveIndex: indexUid,
		batchSize: Number(args.batch),
		onProgress: (n) => console.log(`search-reindex: ${n} documents`)
	});
	console.log(
		`search-reindex: ${result.documents} public challenges in index "${result.index}" (${Date.now() - started} ms)`
	);
} catch (e) {
	console.error(`search-reindex: ${e instanceof Error ? e.message : String(e)}`);
	process.exitCode = 1;
}
