// No lost or doubled work (issue 13): 50 vendors, each with its own token, save a draft and
// double-click submit at the same moment through the gateway; SQL then finds exactly 50 proposals,
// each submitted once with one version. The same run as `npm run bench:proposals`
// (helpers/proposal-load.ts), which also prints the timings.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	cleanupLoadWorld,
	makeLoadWorld,
	submitAllAtOnce,
	type LoadWorld
} from './helpers/proposal-load';
import { closePool } from './helpers/stack';

const VENDORS = 50;
let world: LoadWorld | undefined;

beforeAll(async () => {
	world = await makeLoadWorld(VENDORS);
}, 240_000);

afterAll(async () => {
	await cleanupLoadWorld(world);
	await closePool();
});

it(`${VENDORS} vendors submitting at once are each stored exactly once`, async () => {
	const result = await submitAllAtOnce(world!);
	expect(result.failures).toEqual([]);
	expect(result.calls).toHaveLength(VENDORS * 3);
	expect(result.stored).toEqual({
		proposals: VENDORS,
		submitted: VENDORS,
		versions: VENDORS,
		organisations: VENDORS,
		maxVersion: 1
	});
}, 180_000);
