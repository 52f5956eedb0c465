// npm run bench:anon-reads [-- --repeat 5]
// How long the portal's own table reads take as a visitor (anon key, through the gateway and
// PostgREST), on whatever data is loaded (e.g. after `npm run seed:synthetic -- --challenges
// 100000`): the pages' queries and every batch of the whole-list exports, with the app's own data
// functions. Prints, per read, how many were timed, p50 and the slowest. The visitor's statement
// timeout for table reads (private.api_pre_request) is chosen from these numbers
// (docs/database.md); RPCs (search) keep the role's own limit.
import { createClient } from '@supabase/supabase-js';
import { parseArgs } from 'node:util';
import ws from 'ws';
import type { Database } from '../src/lib/database.types';
import { searchQuerySchema } from '../src/lib/domain/challenges/search-query';
import { listCityChallenges, getPublicChallenge } from '../src/lib/server/db/challenges';
import { getCity, listCities } from '../src/lib/server/db/cities';
import { getOrganisation, listVendors } from '../src/lib/server/db/organisations';
import { publicChallenges } from '../src/lib/server/open-data/export';
import { loadConfig } from './stack/config.mjs';
import { makeKeys } from './stack/keys.mjs';

const { values: args } = parseArgs({ options: { repeat: { type: 'string', default: '5' } } });
const REPEAT = Number(args.repeat);

const config = loadConfig();
const { anonKey } = await makeKeys();
const db = createClient<Database>(config.apiUrl, anonKey, {
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: { transport: ws as never }
});

const times = new Map<string, number[]>();
const failures = new Map<string, string[]>();

/** A failed read: SvelteKit's HttpError (503 for a statement timeout) or any other error. */
function describe(e: unknown): string {
	if (e && typeof e === 'object' && 'status' in e && 'body' in e) {
		return `HTTP ${String(e.status)} ${JSON.stringify(e.body)}`;
	}
	return e instanceof Error ? e.message : String(e);
}

async function timed<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
	const t0 = performance.now();
	try {
		const result = await work();
		times.set(name, [...(times.get(name) ?? []), performance.now() - t0]);
		return result;
	} catch (e) {
		failures.set(name, [
			...(failures.get(name) ?? []),
			`${describe(e)} after ${(performance.now() - t0).toFixed(0)} ms`
		]);
		return undefined;
	}
}

/** Times each batch of an export: the time from asking for it to getting it. */
async function exportBatches(name: string, source: AsyncGenerator<unknown[]>) {
	let t0 = performance.now();
	let rows = 0;
	try {
		for await (const batch of source) {
			times.set(name, [...(times.get(name) ?? []), performance.now() - t0]);
			rows += batch.length;
			t0 = performance.now();
		}
	} catch (e) {
		failures.set(name, [
			`${describe(e)} after ${(performance.now() - t0).toFixed(0)} ms, ${rows} rows in`
		]);
	}
	return rows;
}

const filters = (input: Record<string, unknown>) => {
	const { page: _page, limit: _limit, ...rest } = searchQuerySchema.parse(input);
	return rest;
};

// A synthetic city when they are loaded (~460 challenges each at 100k), else a demo one.
const { data: synthetic } = await db
	.from('cities')
	.select('id, slug, name, country')
	.like('slug', 'syn-%')
	.limit(1);
const { data: demo } = await db
	.from('cities')
	.select('id, slug, name, country')
	.eq('slug', 'sepang')
	.limit(1);
const busiest = synthetic?.[0] ?? demo?.[0];
if (!busiest) throw new Error('no cities: load the demo seed (npm run stack:reset)');
const { data: sample } = await db
	.from('challenges')
	.select('slug')
	.eq('city_id', busiest.id)
	.limit(1)
	.single();
const { data: org } = await db
	.from('organisations')
	.select('slug')
	.eq('kind', 'city')
	.limit(1)
	.single();

for (let i = 0; i < REPEAT; i++) {
	await timed('cities index (every city, two counts)', () => listCities(db));
	const city = await timed('city page: city', () => getCity(db, busiest.slug));
	if (city) await timed('city page: its challenges', () => listCityChallenges(db, city));
	if (sample) await timed('challenge page (two reads)', () => getPublicChallenge(db, sample.slug));
	if (org) await timed('organisation page (two reads)', () => getOrganisation(db, org.slug));
	await timed('vendor directory', () =>
		listVendors(db, { q: 'sensors', domain: [], country: null, page: 1 })
	);
}
const total = await exportBatches(
	'CSV export, whole list: one batch of 1,000',
	publicChallenges(db, filters({}))
);
await exportBatches(
	'calendar export: one batch of 1,000',
	publicChallenges(db, filters({ status: ['open'] }), { order: 'deadline', upcomingOnly: true })
);
await exportBatches(
	'CSV export of a region: one batch of 1,000',
	publicChallenges(db, filters({ region: ['europe'] }))
);

const pct = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
console.log(`public challenges exported: ${total}\n`);
console.log('| read | n | p50 ms | max ms |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, list] of times) {
	const sorted = [...list].sort((a, b) => a - b);
	console.log(
		`| ${name} | ${sorted.length} | ${pct(sorted, 50).toFixed(1)} | ${(sorted.at(-1) ?? NaN).toFixed(1)} |`
	);
}
for (const [name, list] of failures) console.log(`FAILED ${name}: ${list.join('; ')}`);
