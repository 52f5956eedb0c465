#!/usr/bin/env node
// npm run bench:auth [-- --signins 60 --pages 300 --concurrency 4 --port 4391]
// Serves the production build and prints:
// - sign-in: POST /api/auth/sign-in/email with a demo account (password check included: Better
//   Auth's scrypt is meant to be slow), p50/p95 under concurrency;
// - what a signed-in page costs over the same page for a visitor: the same pages requested one
//   at a time, member and visitor alternating, p50/p95 each and the difference. A member's request
//   adds the session lookup (one query), the member's supabase-js client with its token (signed once
//   per session and cached) and PostgREST verifying RS256 instead of HS256.
// Every sign-in comes from its own client address (X-Forwarded-For, ADDRESS_HEADER set for this
// server) so the sign-in rate limit does not cut the run short.
// Needs: the stack running with the demo data (npm run stack:reset) and a build (npm run build).
import { execFileSync, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
	options: {
		signins: { type: 'string', default: '60' },
		pages: { type: 'string', default: '300' },
		concurrency: { type: 'string', default: '4' },
		port: { type: 'string', default: '4391' }
	}
});
// the given port when free, else one the system picks (never another server's)
const PORT = Number(
	execFileSync('node', ['scripts/free-port.mjs', args.port], { encoding: 'utf8' }).trim()
);
const BASE = `http://127.0.0.1:${PORT}`;
const EMAIL = 'vendor.a@demo.test';
const PASSWORD = 'city-portal-demo';
const PAGES = ['/', '/cities', '/challenges/sepang-flood-early-warning-sensors', '/vendors'];

function stackEnv() {
	const out = execFileSync('node', ['scripts/stack/cli.mjs', 'env'], { encoding: 'utf8' });
	return Object.fromEntries(
		out
			.split('\n')
			.map((l) => l.match(/^([A-Z_]+)=(.*)$/))
			.filter(Boolean)
			.map((m) => [m[1], m[2]])
	);
}

const pct = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const fmt = (n) => n.toFixed(1).padStart(7);
let clientNo = 0;
const nextIp = () => {
	clientNo += 1;
	return `198.51.${100 + (Math.floor(clientNo / 250) % 10)}.${(clientNo % 250) + 1}`;
};

async function startServer() {
	const child = spawn('node', ['build/index.js'], {
		env: {
			...process.env,
			...stackEnv(),
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: BASE,
			LOG_LEVEL: 'warn',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	let exited = false;
	child.on('exit', () => (exited = true));
	for (let i = 0; i < 150 && !exited; i++) {
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

async function signIn() {
	const t0 = performance.now();
	const res = await fetch(`${BASE}/api/auth/sign-in/email`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: BASE, 'x-forwarded-for': nextIp() },
		body: JSON.stringify({ email: EMAIL, password: PASSWORD })
	});
	await res.arrayBuffer();
	if (res.status !== 200) throw new Error(`sign-in → ${res.status}`);
	return { ms: performance.now() - t0, cookie: res.headers.getSetCookie()[0]?.split(';')[0] };
}

async function page(path, cookie) {
	const t0 = performance.now();
	const res = await fetch(`${BASE}${path}`, {
		headers: { 'x-forwarded-for': '198.51.100.250', ...(cookie ? { cookie } : {}) }
	});
	const html = await res.text();
	if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
	if (cookie && !html.includes('Vendor A')) throw new Error(`${path}: not signed in`);
	return performance.now() - t0;
}

const server = await startServer();
try {
	console.log(`node ${process.version}; ${PAGES.length} pages; account ${EMAIL}`);
	// warm-up: JIT, pools, the signing key and the session's cached token
	const { cookie } = await signIn();
	for (let i = 0; i < 5; i++) for (const p of PAGES) await Promise.all([page(p), page(p, cookie)]);

	const signins = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: Number(args.concurrency) }, async () => {
			while (next < Number(args.signins)) {
				next += 1;
				signins.push((await signIn()).ms);
			}
		})
	);
	signins.sort((a, b) => a - b);
	console.log(
		`\nsign-in (POST /api/auth/sign-in/email, ${signins.length} at concurrency ${args.concurrency}): p50 ${fmt(pct(signins, 50))} ms  p95 ${fmt(pct(signins, 95))} ms`
	);

	console.log(
		`\npage                                              visitor p50/p95    member p50/p95    +p50`
	);
	const all = { visitor: [], member: [] };
	for (const path of PAGES) {
		const visitor = [];
		const member = [];
		for (let i = 0; i < Number(args.pages) / PAGES.length; i++) {
			if (i % 2) {
				visitor.push(await page(path));
				member.push(await page(path, cookie));
			} else {
				member.push(await page(path, cookie));
				visitor.push(await page(path));
			}
		}
		visitor.sort((a, b) => a - b);
		member.sort((a, b) => a - b);
		all.visitor.push(...visitor);
		all.member.push(...member);
		console.log(
			`${path.padEnd(48)} ${fmt(pct(visitor, 50))} ${fmt(pct(visitor, 95))}   ${fmt(pct(member, 50))} ${fmt(pct(member, 95))}  ${fmt(pct(member, 50) - pct(visitor, 50))}`
		);
	}
	all.visitor.sort((a, b) => a - b);
	all.member.sort((a, b) => a - b);
	console.log(
		`${'all pages'.padEnd(48)} ${fmt(pct(all.visitor, 50))} ${fmt(pct(all.visitor, 95))}   ${fmt(pct(all.member, 50))} ${fmt(pct(all.member, 95))}  ${fmt(pct(all.member, 50) - pct(all.visitor, 50))}`
	);
	console.log(
		'\n(milliseconds; one request at a time for the pages, member and visitor alternating)'
	);
} finally {
	server.kill();
}
