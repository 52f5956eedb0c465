#!/usr/bin/env node
// npm run bench:hostile [-- --seconds 10 --attackers 12]
// The two requests a security review sent with the public anon key (issue 15), through the
// gateway: a regular expression with back-references, and embeds nested four levels deep. Prints
// how each is answered and how long it takes, then what a visitor's search costs while
// `--attackers` clients send them in a loop (the review saw 12 at once, against a pool of 10, make
// the home page take 2.7–6 s for everyone). Needs the stack running.
import { parseArgs } from 'node:util';
import { loadConfig } from './stack/config.mjs';
import { makeKeys } from './stack/keys.mjs';

const { values: args } = parseArgs({
	options: {
		seconds: { type: 'string', default: '10' },
		attackers: { type: 'string', default: '12' }
	}
});
const SECONDS = Number(args.seconds);
const ATTACKERS = Number(args.attackers);

const config = loadConfig();
const { anonKey } = await makeKeys();
const headers = { apikey: anonKey, authorization: `Bearer ${anonKey}` };

const HOSTILE = {
	regex: '/rest/v1/challenges?select=id&description=match.(.*)(.*)(.*)(.*)\\3\\2\\1Z',
	nested: '/rest/v1/challenges?select=*,currencies(challenges(*,currencies(challenges(*))))'
};

async function timed(path, init = {}) {
	const t0 = performance.now();
	const res = await fetch(`${config.apiUrl}${path}`, {
		...init,
		headers: { ...headers, ...init.headers }
	});
	const body = await res.arrayBuffer();
	return { status: res.status, ms: performance.now() - t0, bytes: body.byteLength };
}

const search = () =>
	timed('/rest/v1/rpc/search_challenges', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ params: { q: 'flood sensors', limit: 20 } })
	});

const pct = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const fmt = (n) => n.toFixed(1).padStart(8);

for (const [name, path] of Object.entries(HOSTILE)) {
	const r = await timed(path);
	console.log(`${name.padEnd(7)} HTTP ${r.status} in ${r.ms.toFixed(1)} ms, ${r.bytes} bytes`);
}

async function searchesFor(ms) {
	const times = [];
	const until = performance.now() + ms;
	while (performance.now() < until) times.push((await search()).ms);
	return times.sort((a, b) => a - b);
}

const quiet = await searchesFor(SECONDS * 500);
let stop = false;
const statuses = {};
const attackers = Array.from({ length: ATTACKERS }, async (_, i) => {
	const path = i % 2 ? HOSTILE.regex : HOSTILE.nested;
	while (!stop) {
		const r = await timed(path);
		statuses[r.status] = (statuses[r.status] ?? 0) + 1;
	}
});
const busy = await searchesFor(SECONDS * 1000);
stop = true;
await Promise.all(attackers);

console.log(`\nsearch_challenges as a visitor (ms)     n      p50      p95      max`);
for (const [label, t] of [
	['alone', quiet],
	[`with ${ATTACKERS} hostile clients`, busy]
]) {
	console.log(
		`${label.padEnd(32)} ${String(t.length).padStart(6)} ${fmt(pct(t, 50))} ${fmt(pct(t, 95))} ${fmt(t.at(-1))}`
	);
}
console.log(
	`hostile requests answered: ${Object.entries(statuses)
		.map(([s, n]) => `${n} × HTTP ${s}`)
		.join(', ')}`
);
