#!/usr/bin/env node
// node scripts/bench-search-ab.mjs --a URL --b URL [--rounds 30]
// The database side of a search, two databases compared on one machine at the same time: the
// bench:search mix, each search as `search_challenges(params)` run as anon with the result cache
// off, one after the other, alternating a and b query by query so that whatever else the machine
// does (here: other engineers' builds on the same 2 cores) weighs on both alike. Prints p50/p95
// per class and database, and b's p50 relative to a's.
//
// Used for issue 15: a = a database built from the migrations before the baseline, b = the
// baseline, both with `seed:synthetic --challenges 10000 --seed 42` (docs/database.md).
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SEARCH_MIX as MIX } from './bench-lib.mjs';

const { values: args } = parseArgs({
	options: {
		a: { type: 'string' },
		b: { type: 'string' },
		rounds: { type: 'string', default: '30' }
	}
});
if (!args.a || !args.b) {
	console.error('usage: node scripts/bench-search-ab.mjs --a URL --b URL [--rounds 30]');
	process.exit(2);
}
const ROUNDS = Number(args.rounds);

async function open(url) {
	const client = new pg.Client({ connectionString: url, application_name: 'bench-search-ab' });
	await client.connect();
	// As a visitor, with every search computed (the cache is one switch for the whole database).
	await client.query('update private.search_state set cache_enabled = false');
	await client.query('set role anon');
	return client;
}

async function time(client, params) {
	const t0 = performance.now();
	await client.query('select public.search_challenges($1::jsonb) as r', [
		JSON.stringify({ sort: 'relevance', limit: 20, offset: 0, ...params })
	]);
	return performance.now() - t0;
}

const pct = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const a = await open(args.a);
const b = await open(args.b);
try {
	// Warm both: every query a few times.
	for (const queries of Object.values(MIX)) {
		for (const params of queries) {
			for (let i = 0; i < 3; i++) {
				await time(a, params);
				await time(b, params);
			}
		}
	}
	console.log(`rounds: ${ROUNDS} per query, a and b alternating, concurrency 1`);
	console.log('| class | a p50 ms | a p95 ms | b p50 ms | b p95 ms | b / a (p50) |');
	console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
	for (const [name, queries] of Object.entries(MIX)) {
		const ta = [];
		const tb = [];
		for (let r = 0; r < ROUNDS; r++) {
			for (const params of queries) {
				// Alternate which goes first, so neither always follows the other.
				if (r % 2) {
					ta.push(await time(a, params));
					tb.push(await time(b, params));
				} else {
					tb.push(await time(b, params));
					ta.push(await time(a, params));
				}
			}
		}
		ta.sort((x, y) => x - y);
		tb.sort((x, y) => x - y);
		console.log(
			`| ${name} | ${pct(ta, 50).toFixed(1)} | ${pct(ta, 95).toFixed(1)} | ${pct(tb, 50).toFixed(1)} | ${pct(tb, 95).toFixed(1)} | ${(pct(tb, 50) / pct(ta, 50)).toFixed(2)} |`
		);
	}
} finally {
	for (const c of [a, b]) {
		await c.query('reset role').catch(() => {});
		await c.query('update private.search_state set cache_enabled = true').catch(() => {});
		await c.end();
	}
}
