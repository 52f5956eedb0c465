// npm run search:worker [-- --once] [-- --batch 100]
// Drains the search outbox into Meilisearch: claims due rows, applies them, marks them done;
// failures are retried by the database with exponential backoff. Stops cleanly on SIGTERM/SIGINT.
// Env: SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, MEILISEARCH_URL[, MEILISEARCH_API_KEY, MEILISEARCH_INDEX].
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChallengeDocument } from '../src/lib/server/search/document';
import { drainOnce, meilisearchWriter } from '../src/lib/server/search/outbox';
import { applySettings } from '../src/lib/server/search/settings';
import { jobEnv } from './search-job-env';

const { values: args } = parseArgs({
	options: {
		once: { type: 'boolean', default: false },
		batch: { type: 'string', default: '100' },
		'idle-ms': { type: 'string', default: '1000' }
	}
});
const batch = Number(args.batch);
const idleMs = Number(args['idle-ms']);
const MAX_BACKOFF_MS = 60_000;

const { db, client, indexUid } = jobEnv();
const index = client.index<ChallengeDocument>(indexUid);
const writer = meilisearchWriter(index);

let stopping = false;
const abort = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.on(signal, () => {
		stopping = true;
		abort.abort();
		console.log(`search-worker: ${signal}, stopping after the current batch`);
	});
}

function line(result: { claimed: number; upserted: number; deleted: number; failed: number }) {
	return `claimed ${result.claimed}, upserted ${result.upserted}, deleted ${result.deleted}, failed ${result.failed}`;
}

async function main() {
	await applySettings(index).catch((e) =>
		console.warn(`search-worker: settings not applied yet: ${e.message}`)
	);
	let backoff = idleMs;
	while (!stopping) {
		try {
			const result = await drainOnce({ db, index: writer, batch });
			if (result.claimed > 0) console.log(`search-worker: ${line(result)}`);
			if (args.once && result.failed > 0) process.exitCode = 1;
			if (args.once && (result.claimed < batch || result.failed > 0)) break;
			if (result.claimed === batch && result.failed === 0) {
				backoff = idleMs;
				continue;
			}
			backoff = result.failed > 0 ? Math.min(backoff * 2, MAX_BACKOFF_MS) : idleMs;
		} catch (e) {
			console.error(`search-worker: ${e instanceof Error ? e.message : String(e)}`);
			if (args.once) process.exitCode = 1;
			if (args.once) break;
			backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
		}
		await sleep(backoff, undefined, { signal: abort.signal }).catch(() => undefined);
	}
}

await main();
