#!/usr/bin/env node
// What a keyword export costs the database, the old way and the new way, on whatever data is loaded
// (e.g. after `npm run seed:synthetic -- --challenges 100000`):
//   paged: search_challenges() 50 hits at a time, as the CSV/iCalendar/Atom exports did before
//          20261129000600 (every call counts every facet over every match and builds snippets);
//   ids:   search_challenge_ids() once, as they do now.
// Both as anon through the gateway, with the result cache off, so every search is computed.
// Prints, per query: matches, calls and wall time of each way.
// npm run bench:export [-- --queries water,sensors,charging]
import { parseArgs } from 'node:util';
import { anonRpc as rpc, setSearchCache as setCache } from './bench-lib.mjs';

const { values: args } = parseArgs({
	options: { queries: { type: 'string', default: 'water,sensors,charging,data platform' } }
});

// Turns the cache off for everyone on this database while it runs: a local stack only.
const cacheWas = await setCache(false);
try {
	console.log('| query | matches | paged: calls | paged: s | ids: calls | ids: s |');
	console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
	for (const q of args.queries.split(',')) {
		let t0 = performance.now();
		let calls = 0;
		let seen = 0;
		let total = 0;
		do {
			const r = await rpc('search_challenges', { params: { q, limit: 50, offset: seen } });
			calls++;
			total = r.total;
			seen += r.hits.length;
			if (r.hits.length === 0) break;
		} while (seen < total && calls < 500);
		const paged = (performance.now() - t0) / 1000;
		t0 = performance.now();
		const ids = await rpc('search_challenge_ids', { params: { q } });
		const once = (performance.now() - t0) / 1000;
		if (ids.length !== Math.min(total, 25000)) {
			throw new Error(`${q}: ${ids.length} ids for ${total} matches`);
		}
		console.log(`| ${q} | ${total} | ${calls} | ${paged.toFixed(2)} | 1 | ${once.toFixed(2)} |`);
	}
} finally {
	await setCache(cacheWas);
}
