// npm run bench:proposals [-- --vendors 50]
// "No lost or doubled work" (issue 13), measured: N vendors (real members, each signed in with
// their own token, each of their own vendor organisation) save a draft on one open challenge and
// double-click submit, all released at the same moment, through the gateway. Then SQL checks that
// exactly N proposals and N versions exist (each submitted once), prints the timings and removes
// everything it made. The integration test tests/integration/proposals-load.test.ts runs the same.
import { parseArgs } from 'node:util';
import {
	cleanupLoadWorld,
	makeLoadWorld,
	percentile,
	submitAllAtOnce,
	type LoadWorld
} from '../tests/integration/helpers/proposal-load';
import { closePool } from '../tests/integration/helpers/stack';

const { values: args } = parseArgs({ options: { vendors: { type: 'string', default: '50' } } });
const N = Number(args.vendors);
if (!Number.isInteger(N) || N < 1 || N > 500) {
	console.error('bench:proposals: --vendors must be a whole number from 1 to 500');
	process.exit(2);
}

const ms = (v: number) => `${Math.round(v)} ms`;
let world: LoadWorld | undefined;
let ok = false;
try {
	const setupStarted = performance.now();
	world = await makeLoadWorld(N);
	console.log(
		`setup: ${N} vendors signed in, one open challenge (${ms(performance.now() - setupStarted)})`
	);
	const result = await submitAllAtOnce(world);
	const times = result.calls.map((c) => c.ms);
	const retried = result.calls.filter((c) => c.retries > 0);
	console.log(
		`submit: ${N} vendors × (draft + 2 submits at once) = ${result.calls.length} calls in ${ms(result.wallMs)}`
	);
	console.log(
		`  per call: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, max ${ms(Math.max(...times))}`
	);
	console.log(
		`  answered 429 by the gateway's limits and retried: ${retried.length} calls (${retried.reduce((a, c) => a + c.retries, 0)} retries)`
	);
	const s = result.stored;
	console.log(
		`stored: ${s.proposals} proposals (${s.submitted} submitted) from ${s.organisations} organisations, ${s.versions} versions, highest version ${s.maxVersion}`
	);
	for (const f of result.failures) console.error(`  failed: ${f}`);
	ok =
		result.failures.length === 0 &&
		s.proposals === N &&
		s.submitted === N &&
		s.versions === N &&
		s.organisations === N &&
		s.maxVersion === 1;
	console.log(ok ? `exactly once: yes (${N} of ${N})` : 'exactly once: NO');
} finally {
	await cleanupLoadWorld(world);
	await closePool();
	console.log('cleanup: challenge, organisations and people removed');
}
process.exit(ok ? 0 : 1);
