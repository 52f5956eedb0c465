#!/usr/bin/env node
// What "the same problem in other cities" costs on a challenge page, on whatever data is loaded
// (e.g. after `npm run seed:synthetic -- --challenges 100000`): similar_challenges() as anon
// through the gateway, for the first N public challenges by id, each a few times, one at a time.
// Prints p50/p95/max in ms and how many similar challenges were found on average.
// npm run bench:similar [-- --challenges 30 --repeat 3]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from './stack/config.mjs';
import { anonRpc } from './bench-lib.mjs';

const { values: args } = parseArgs({
	options: {
		challenges: { type: 'string', default: '30' },
		repeat: { type: 'string', default: '3' }
	}
});
const config = loadConfig();

const db = new pg.Client({ connectionString: config.dbUrl });
await db.connect();
const { rows } = await db.query(
	`select id from public.challenges where status not in ('draft', 'withdrawn') order by id limit $1`,
	[Number(args.challenges)]
);
const { rows: size } = await db.query('select count(*)::int as n from private.search_docs');
await db.end();

const times = [];
let found = 0;
for (let r = 0; r < Number(args.repeat); r++) {
	for (const { id } of rows) {
		const t0 = performance.now();
		found += (await anonRpc('similar_challenges', { challenge_id: id, max_results: 6 })).length;
		times.push(performance.now() - t0);
	}
}
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
console.log(
	`similar_challenges over ${size[0].n} public challenges, ${rows.length} challenges × ${args.repeat}: ` +
		`p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms, ` +
		`${(found / times.length).toFixed(1)} found on average`
);
