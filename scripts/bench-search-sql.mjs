#!/usr/bin/env node
// node scripts/bench-search-sql.mjs [--requests 200] [--concurrency 4] [--classes keyword,typo]
// Latency of the search RPC alone: calls `search_challenges` through the gateway (PostgREST) as
// anon with supabase-js, as the portal's server calls it (with its app key, so the gateway does not
// limit it as one public client), a fixed mix of queries per class, and prints p50/p95/p99 per class.
// The app's endpoint (scripts/bench-search.mjs) adds a few ms on top. Needs the stack running.
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { SEARCH_MIX as MIX } from './bench-lib.mjs';

const { values: args } = parseArgs({
	options: {
		requests: { type: 'string', default: '200' },
		concurrency: { type: 'string', default: '4' },
		classes: { type: 'string', default: '' },
		warmup: { type: 'string', default: '10' }
	}
});
const REQUESTS = Number(args.requests);
const CONCURRENCY = Number(args.concurrency);
const WARMUP = Number(args.warmup);

function env() {
	if (process.env.SUPABASE_URL && process.env.SUPABASE_ANON_KEY && process.env.GATEWAY_APP_KEY) {
		return process.env;
	}
	const out = execFileSync('node', ['scripts/stack/cli.mjs', 'env'], { encoding: 'utf8' });
	return Object.fromEntries(
		out
			.split('\n')
			.map((l) => l.replace(/^export\s+/, '').match(/^([A-Z_]+)=["']?(.*?)["']?$/))
			.filter(Boolean)
			.map((m) => [m[1], m[2]])
	);
}

function pct(sorted, p) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const { SUPABASE_URL, SUPABASE_ANON_KEY, GATEWAY_APP_KEY } = env();
const db = createClient(SUPABASE_URL, SUPABASE_ANON_KEY, {
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: { transport: ws },
	global: { headers: { 'x-portal-app-key': GATEWAY_APP_KEY } }
});

async function call(params) {
	const started = performance.now();
	const { data, error } = await db.rpc('search_challenges', {
		params: { sort: 'relevance', limit: 20, offset: 0, ...params }
	});
	if (error) throw new Error(`${JSON.stringify(params)}: ${error.message}`);
	return { ms: performance.now() - started, total: data.total, mode: data.mode };
}

const wanted = args.classes ? args.classes.split(',') : Object.keys(MIX);
const rows = [];
for (const name of wanted) {
	const queries = MIX[name];
	if (!queries) throw new Error(`unknown class ${name}`);
	const totals = new Map();
	for (let i = 0; i < WARMUP; i++) {
		const q = queries[i % queries.length];
		const r = await call(q);
		totals.set(JSON.stringify(q), `${r.total} (${r.mode})`);
	}
	const times = [];
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < REQUESTS) {
				const i = next++;
				times.push((await call(queries[i % queries.length])).ms);
			}
		})
	);
	const wall = (performance.now() - started) / 1000;
	times.sort((a, b) => a - b);
	rows.push({
		class: name,
		n: times.length,
		p50: pct(times, 50).toFixed(1),
		p95: pct(times, 95).toFixed(1),
		p99: pct(times, 99).toFixed(1),
		'req/s': (times.length / wall).toFixed(0),
		totals: [...totals.values()].join(', ')
	});
}
console.table(rows);
