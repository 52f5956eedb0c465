#!/usr/bin/env node
// npm run bench:search [-- --sizes 10000,100000 --requests 300 --concurrency 8 --keep --reuse]
// Loads synthetic challenges at each size, serves the production build, sends a fixed mix of
// searches through the public search endpoint under concurrency, and prints latency percentiles
// and throughput per engine, size and query class, plus the home page's TTFB and weight.
// The postgres engine runs each class twice: with its result cache off (every search computed)
// and on (repeated searches, as on a busy list: "(cached)" rows).
// Needs: the stack running (npm run stack:up) and a production build (npm run build).
import { spawn, execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { setSearchCache, syntheticChallenges } from './bench-lib.mjs';

const { values: args } = parseArgs({
	options: {
		sizes: { type: 'string', default: '0,10000,100000' },
		requests: { type: 'string', default: '300' },
		concurrency: { type: 'string', default: '8' },
		port: { type: 'string', default: '4390' },
		keep: { type: 'boolean', default: false },
		// Skip loading when the database already holds exactly `size` synthetic challenges (from
		// seed 42, e.g. a run with --keep): before/after runs then search the same rows.
		reuse: { type: 'boolean', default: false }
	}
});
const sizes = args.sizes.split(',').map(Number);
const REQUESTS = Number(args.requests);
const CONCURRENCY = Number(args.concurrency);
const PORT = Number(args.port);
const BASE = `http://127.0.0.1:${PORT}`;

/** The fixed query mix: each class is sent REQUESTS times, cycling through its queries. */
const MIX = {
	keyword: ['q=flood', 'q=parking', 'q=water+leak+detection', 'q=solar+street+lights', 'q=permits'],
	typo: ['q=moblity', 'q=flod+sensors', 'q=smart+goverance', 'q=elctric+buses'],
	'facet only': [
		'domain=mobility',
		'region=europe&kind=opportunity',
		'priority=green-transition&status=open'
	],
	'keyword + facets': [
		'q=sensors&domain=environment&region=southeast-asia',
		'q=charging&status=open',
		'q=water&domain=utilities&kind=challenge',
		'q=data+platform&priority=smart-governance'
	],
	broadest: ['']
};

function env() {
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

async function timed(url) {
	const t0 = performance.now();
	const res = await fetch(url);
	await res.arrayBuffer();
	if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
	return performance.now() - t0;
}

/** Sends `count` requests cycling through `queries`, CONCURRENCY at a time; their times in ms. */
async function send(queries, count) {
	const urls = queries.map((q) => `${BASE}/api/v1/challenges?${q}`);
	const times = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < count) times.push(await timed(urls[next++ % urls.length]));
		})
	);
	return times;
}

async function runClass(queries) {
	// Warm-up: each distinct query once.
	for (const q of queries) await timed(`${BASE}/api/v1/challenges?${q}`);
	const t0 = performance.now();
	const times = await send(queries, REQUESTS);
	const wall = (performance.now() - t0) / 1000;
	times.sort((a, b) => a - b);
	return {
		n: times.length,
		p50: pct(times, 50),
		p95: pct(times, 95),
		p99: pct(times, 99),
		qps: times.length / wall
	};
}

/**
 * Before anything is measured: every query of the mix a few times at the bench's concurrency, so
 * the server's JIT, PostgREST's connection pool and each database backend (plpgsql compiled,
 * catalog caches filled) are warm. Without it the first class measured pays for all of that.
 */
async function warmUp() {
	const queries = Object.values(MIX).flat();
	await send(queries, queries.length * 10);
}

async function homePage() {
	const ttfb = [];
	for (let i = 0; i < 30; i++) {
		const t0 = performance.now();
		const res = await fetch(`${BASE}/`);
		const reader = res.body.getReader();
		await reader.read();
		ttfb.push(performance.now() - t0);
		await reader.cancel();
	}
	ttfb.sort((a, b) => a - b);
	const html = await (await fetch(`${BASE}/`)).text();
	const scripts = new Set(
		[...html.matchAll(/(?:src="|href="|import\(")([^"]+\.js)"/g)].map(
			(m) => new URL(m[1], `${BASE}/`).href
		)
	);
	// Follow static imports of the entry chunks so the whole initial JS is counted.
	const seen = new Set();
	let jsGz = 0;
	const queue = [...scripts];
	while (queue.length) {
		const url = queue.shift();
		if (seen.has(url)) continue;
		seen.add(url);
		const text = await (await fetch(url)).text();
		jsGz += gzipSync(text).length;
		for (const m of text.matchAll(
			/(?:^|[;\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g
		)) {
			queue.push(new URL(m[1], url).href);
		}
	}
	return {
		ttfb50: pct(ttfb, 50),
		ttfb95: pct(ttfb, 95),
		htmlKb: Buffer.byteLength(html) / 1024,
		htmlGzKb: gzipSync(html).length / 1024,
		jsFiles: seen.size,
		jsGzKb: jsGz / 1024
	};
}

async function startServer(extraEnv) {
	const child = spawn('node', ['server.js'], {
		env: {
			...process.env,
			...extraEnv,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: BASE,
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${BASE}/healthz`)).ok) return child;
		} catch {
			/* not up yet */
		}
		await sleep(100);
	}
	child.kill();
	throw new Error('the production server did not start (run npm run build first)');
}

const fmt = (n) => (Number.isFinite(n) ? n.toFixed(1).padStart(7) : '      -');

const stackEnv = env();
const engines = [{ name: 'postgres', env: { MEILISEARCH_URL: '' } }];
if (process.env.MEILISEARCH_URL)
	engines.push({ name: 'meilisearch', env: { MEILISEARCH_URL: process.env.MEILISEARCH_URL } });
else console.log('meilisearch: skipped (MEILISEARCH_URL is not set)');

console.log(
	`requests per class: ${REQUESTS}, concurrency: ${CONCURRENCY}, node ${process.version}`
);
const rows = [];
for (const size of sizes) {
	if (args.reuse && (await syntheticChallenges()) === size) {
		console.log(`\nreusing the ${size} synthetic challenges already loaded`);
	} else {
		console.log(`\nloading ${size} synthetic challenges…`);
		execFileSync(
			'node',
			[
				'scripts/seed-synthetic.mjs',
				'--reset-synthetic',
				'--challenges',
				String(size),
				'--seed',
				'42'
			],
			{ stdio: 'inherit' }
		);
	}
	for (const engine of engines) {
		if (engine.name === 'meilisearch')
			execFileSync('npm', ['run', '-s', 'search:reindex'], {
				stdio: 'inherit',
				env: { ...process.env, ...stackEnv }
			});
		const server = await startServer({ ...stackEnv, ...engine.env });
		try {
			// The postgres engine twice: every search computed (cache off), then repeated searches
			// answered from the result cache (as on a busy list; the warm-up fills it).
			const passes = engine.name === 'postgres' ? [false, true] : [null];
			if (engine.name === 'postgres') await setSearchCache(false);
			await warmUp();
			for (const cached of passes) {
				if (cached !== null) await setSearchCache(cached);
				for (const [name, queries] of Object.entries(MIX)) {
					const cls = cached ? `${name} (cached)` : name;
					const r = await runClass(queries);
					rows.push({ engine: engine.name, size, cls, ...r });
					console.log(
						`${engine.name.padEnd(12)} ${String(size).padStart(7)} ${cls.padEnd(27)} p50 ${fmt(r.p50)} ms  p95 ${fmt(r.p95)} ms  p99 ${fmt(r.p99)} ms  ${fmt(r.qps)} q/s`
					);
				}
			}
			const home = await homePage();
			console.log(
				`${engine.name.padEnd(12)} ${String(size).padStart(7)} home page          TTFB p50 ${fmt(home.ttfb50)} ms  p95 ${fmt(home.ttfb95)} ms  HTML ${home.htmlKb.toFixed(1)} KB (${home.htmlGzKb.toFixed(1)} KB gz)  JS ${home.jsGzKb.toFixed(1)} KB gz in ${home.jsFiles} files`
			);
		} finally {
			server.kill();
		}
	}
}
await setSearchCache(true);
if (!args.keep) {
	execFileSync('node', ['scripts/seed-synthetic.mjs', '--reset-synthetic'], { stdio: 'inherit' });
}

console.log('\n| engine | size | query class | p50 ms | p95 ms | p99 ms | q/s |');
console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: |');
for (const r of rows)
	console.log(
		`| ${r.engine} | ${r.size} | ${r.cls} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.qps.toFixed(0)} |`
	);
