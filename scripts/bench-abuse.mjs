#!/usr/bin/env node
// npm run bench:abuse [-- --n 12 --requests 60 --app-url http://127.0.0.1:4173 --open|--limits-only]
// What one visitor with the public anon key can do to everyone else: fires N of each hostile
// request of the security review at once, through the gateway, while it times the home page of
// the production build (served as npm test's e2e server runs it, or the one at --app-url), and
// prints the hostile requests' status codes and timings and the home page's p50/p95 before and
// during the attack.
//   (default)      through the stack's own gateway: anon guard and per-client limits on
//   --open         through a gateway of this script's own with both switched off (as before)
//   --limits-only  the same with the guard off and the limits on
// Bounded: N × 2 hostile requests (each given up after 60 s) and 2 × --requests home page
// requests, one at a time; it stops what it started. Needs the stack (npm run stack:up) and a
// production build (npm run build).
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from './stack/config.mjs';

const { values: args } = parseArgs({
	options: {
		n: { type: 'string', default: '12' },
		requests: { type: 'string', default: '60' },
		'app-url': { type: 'string' },
		open: { type: 'boolean', default: false },
		'limits-only': { type: 'boolean', default: false }
	}
});
const N = Number(args.n);
const REQUESTS = Number(args.requests);
if (!(N >= 1 && N <= 100) || !(REQUESTS >= 5 && REQUESTS <= 1000)) {
	process.stderr.write('bench:abuse: --n must be 1–100 and --requests 5–1000\n');
	process.exit(2);
}
if (args.open && args['limits-only']) {
	process.stderr.write('bench:abuse: choose --open or --limits-only, not both\n');
	process.exit(2);
}

const config = loadConfig();

/** The stack's environment, as `node scripts/stack/cli.mjs env` prints it. */
function stackEnv() {
	const out = execFileSync('node', ['scripts/stack/cli.mjs', 'env'], { encoding: 'utf8' });
	return Object.fromEntries(
		out
			.split('\n')
			.map((l) => /^([A-Z_]+)=(.*)$/.exec(l))
			.filter(Boolean)
			.map((m) => [m[1], m[2]])
	);
}

async function freePort() {
	const server = createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

async function waitFor(url, what, child) {
	for (let i = 0; i < 200; i++) {
		if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			/* not up yet */
		}
		await sleep(100);
	}
	throw new Error(`${what} did not answer ${url} within 20 s`);
}

const env = stackEnv();
const started = [];
let gatewayUrl = env.SUPABASE_URL;
let mode = 'the stack’s gateway: anon guard and per-client limits on';

if (args.open || args['limits-only']) {
	const port = await freePort();
	const child = spawn('node', ['scripts/stack/gateway.mjs'], {
		env: {
			...process.env,
			GATEWAY_HOST: '127.0.0.1',
			GATEWAY_PORT: String(port),
			GATEWAY_REST_URL: `http://${config.host}:${config.ports.postgrest}`,
			GATEWAY_ANON_GUARD: 'off',
			GATEWAY_CLIENT_LIMITS: args.open ? 'off' : 'on'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	started.push(child);
	gatewayUrl = `http://127.0.0.1:${port}`;
	await waitFor(`${gatewayUrl}/health`, 'the gateway', child);
	mode = args.open
		? 'a gateway of its own with the anon guard and the limits off (as before)'
		: 'a gateway of its own with the anon guard off and the limits on';
}

let appUrl = args['app-url']?.replace(/\/$/, '');
if (!appUrl) {
	const port = await freePort();
	appUrl = `http://127.0.0.1:${port}`;
	const child = spawn('node', ['server.js'], {
		env: {
			...process.env,
			...env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: appUrl,
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	started.push(child);
	await waitFor(`${appUrl}/healthz`, 'the production server (run npm run build first)', child);
}

const HOSTILE = [
	{
		name: 'regex',
		path: '/rest/v1/challenges?select=id&description=match.(.*)(.*)(.*)(.*)\\3\\2\\1Z'
	},
	{
		name: 'nested embed',
		path: '/rest/v1/challenges?select=*,currencies(challenges(*,currencies(challenges(*,currencies(challenges(*))))))'
	}
];

function pct(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (v) => v.toFixed(1).padStart(8);

async function homePage() {
	const t0 = performance.now();
	const res = await fetch(`${appUrl}/`);
	await res.arrayBuffer();
	return { started: t0, ms: performance.now() - t0, status: res.status };
}

async function homeRun() {
	const runs = [];
	for (let i = 0; i < REQUESTS; i++) runs.push(await homePage());
	const times = runs.map((r) => r.ms).sort((a, b) => a - b);
	const statuses = count(runs.map((r) => r.status));
	return { runs, p50: pct(times, 50), p95: pct(times, 95), max: times.at(-1), statuses };
}

async function hostile({ path }) {
	const t0 = performance.now();
	try {
		const res = await fetch(`${gatewayUrl}${path}`, {
			headers: { apikey: env.SUPABASE_ANON_KEY },
			signal: AbortSignal.timeout(60_000)
		});
		const body = await res.arrayBuffer();
		return { status: String(res.status), ms: performance.now() - t0, bytes: body.byteLength };
	} catch (e) {
		return { status: e?.name ?? 'error', ms: performance.now() - t0, bytes: 0 };
	}
}

function count(values) {
	const counts = new Map();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	return [...counts]
		.sort()
		.map(([v, n]) => `${v} ×${n}`)
		.join(', ');
}

try {
	for (let i = 0; i < 10; i++) await homePage(); // warm-up, not measured
	const before = await homeRun();

	const attackStarted = performance.now();
	const attack = Promise.all(
		HOSTILE.map(async (h) => ({
			...h,
			results: await Promise.all(Array.from({ length: N }, () => hostile(h)))
		}))
	).then((batches) => ({ batches, ended: performance.now() }));
	const during = await homeRun();
	const { batches, ended } = await attack;
	const overlapping = during.runs.filter((r) => r.started < ended).length;

	console.log(`bench:abuse — ${N} of each hostile request at once, anon key, through ${mode}`);
	console.log(`  gateway ${gatewayUrl}; home page ${appUrl}/, ${REQUESTS} requests one at a time`);
	console.log('');
	console.log(
		'  hostile request   status codes                 min ms   p50 ms   max ms    bytes each (max)'
	);
	for (const { name, results } of batches) {
		const times = results.map((r) => r.ms).sort((a, b) => a - b);
		const bytes = Math.max(...results.map((r) => r.bytes));
		console.log(
			`  ${name.padEnd(16)}  ${count(results.map((r) => r.status)).padEnd(26)} ${ms(times[0])} ${ms(pct(times, 50))} ${ms(times.at(-1))}  ${String(bytes).padStart(10)}`
		);
	}
	console.log(
		`  all ${N * HOSTILE.length} answered within ${(ended - attackStarted).toFixed(0)} ms; ${overlapping} of the ${REQUESTS} home page requests below started before the last answer`
	);
	console.log('');
	console.log('  home page                       p50 ms   p95 ms   max ms   statuses');
	for (const [label, r] of [
		['before the attack', before],
		['during the attack', during]
	]) {
		console.log(`  ${label.padEnd(28)}  ${ms(r.p50)} ${ms(r.p95)} ${ms(r.max)}   ${r.statuses}`);
	}
} finally {
	for (const child of started) child.kill();
}
