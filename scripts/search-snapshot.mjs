#!/usr/bin/env node
// npm run search:snapshot -- --out FILE [--app URL]      record the answers to a fixed query set
// npm run search:snapshot -- --compare FILE [--app URL]  compare the current answers with FILE
//
// What the public search API answers, for a fixed set of searches, so that a change to the schema
// (the baseline squash of issue 15, say) can show it changes nothing a visitor sees:
// - search_challenges(params) through the gateway as anon, for every search of QUERIES;
// - search_challenge_ids(params, upcoming) for a few of them;
// - similar_challenges(id) for every public challenge (ids and scores; the first --max-similar
//   ids in id order, default 1000);
// - with --app, the portal's /api/v1/challenges for the same searches (a production build).
//
// With --ignore-ids the comparison leaves challenge ids out (seed:synthetic makes the same rows
// each time, but the database gives them new ids): hits are still compared in order by everything
// else, their slug included; id lists, similar lists and the app's hashed hits are skipped.
//
// Absolute times are left out (the seed's dates are relative to when it ran): a deadline or
// publication date is recorded as present or not, and their order shows in the order of the hits.
// Each hit keeps id, rank, snippet, status and outcome, and a hash of its other fields; facets
// keep their values and counts in order, and a hash of their labels; the app's answers are hashed
// whole (they repeat the RPC's hits and facets in the API's shape).
//
// The challenge status vocabulary changed in issue 15 (reviewing / shortlisted → in_review,
// awarded → decided + outcome awarded, closed → decided + outcome not_awarded). A file recorded
// under one vocabulary is compared with a database of the other by mapping the old values to the
// new ones (hits, status facet counts, status filters of the searches); nothing else is mapped.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { anonRpc } from './bench-lib.mjs';
import { loadConfig } from './stack/config.mjs';

const { values: args } = parseArgs({
	options: {
		out: { type: 'string' },
		compare: { type: 'string' },
		app: { type: 'string' },
		'max-similar': { type: 'string', default: '1000' },
		'ignore-ids': { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h', default: false }
	}
});
if (args.help || (!args.out && !args.compare)) {
	console.log(
		readFileSync(new URL(import.meta.url), 'utf8')
			.split('\n')
			.slice(1, 4)
			.join('\n')
	);
	process.exit(args.help ? 0 : 2);
}

const config = loadConfig();

// Status filters are written in the old vocabulary; `newStatus` is what they mean in the new one.
const OLD_TO_NEW = {
	draft: ['draft', null],
	open: ['open', null],
	reviewing: ['in_review', null],
	shortlisted: ['in_review', null],
	awarded: ['decided', 'awarded'],
	closed: ['decided', 'not_awarded'],
	withdrawn: ['withdrawn', null]
};

/** The fixed searches (search_challenges params, old vocabulary). */
const QUERIES = [
	{},
	{ sort: 'newest' },
	{ sort: 'deadline' },
	{ offset: 20 },
	{ offset: 60 },
	{ limit: 5, offset: 5 },
	{ limit: 50 },
	{ q: 'flood' },
	{ q: 'flood sensors' },
	{ q: 'flood', sort: 'deadline' },
	{ q: 'flood', sort: 'newest' },
	{ q: 'parking' },
	{ q: 'water leak detection' },
	{ q: 'solar street lights' },
	{ q: 'streetlight' },
	{ q: 'EV charging' },
	{ q: 'electric vehicle' },
	{ q: 'permits' },
	{ q: 'moblity' },
	{ q: 'flod sensors' },
	{ q: 'smart goverance' },
	{ q: 'elctric buses' },
	{ q: 'sens' },
	{ q: 'bus' },
	{ q: 'flood Vietnam' },
	{ q: 'Southeast Asia' },
	{ q: '岘港' },
	{ q: '上海' },
	{ q: 'São Paulo Curitiba' },
	{ q: 'xyzzyq' },
	{ q: 'sensor platfrom' },
	{ q: 'mobility as a service' },
	{ q: 'data platform', priority: ['smart-governance'] },
	{ q: 'sensors', domain: ['environment'], region: ['southeast-asia'] },
	{ q: 'charging', status: ['open'] },
	{ q: 'water', domain: ['utilities'], kind: ['challenge'] },
	{ domain: ['mobility'] },
	{ region: ['europe'], kind: ['opportunity'] },
	{ priority: ['green-transition'], status: ['open'] },
	{ priority: ['green-transition', 'public-health'] },
	{ city: ['sepang', 'chonburi'] },
	{ city: ['sepang'], sort: 'newest' },
	{ status: ['open'] },
	{ status: ['reviewing', 'shortlisted'] },
	{ status: ['awarded', 'closed'] },
	{ status: ['reviewing', 'shortlisted', 'awarded', 'closed'], sort: 'deadline' },
	{ q: 'sensors', status: ['awarded', 'closed'] },
	{ kind: ['opportunity'], sort: 'deadline' },
	{
		domain: ['technologies', 'utilities'],
		region: ['africa', 'europe'],
		priority: ['smart-governance']
	}
];

/** search_challenge_ids calls: [params, upcoming]. */
const ID_QUERIES = [
	[{}, false],
	[{}, true],
	[{ q: 'flood' }, false],
	[{ q: 'flood' }, true],
	[{ q: 'flod sensors', sort: 'newest' }, false],
	[{ q: 'charging', region: ['europe'] }, false],
	[{ q: 'sensors', status: ['reviewing', 'shortlisted', 'awarded', 'closed'] }, false]
];

function mapParams(params, vocabulary) {
	if (!params.status || vocabulary === 'old') return params;
	return { ...params, status: [...new Set(params.status.map((s) => OLD_TO_NEW[s][0]))] };
}

function queryString(params) {
	const out = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) {
		if (key === 'offset' || key === 'limit') continue;
		for (const v of [value].flat()) out.append(key, String(v));
	}
	const limit = params.limit ?? 20;
	if (params.limit) out.set('limit', String(limit));
	if (params.offset) out.set('page', String(params.offset / limit + 1));
	return out.toString();
}

/**
 * Objects with their keys in jsonb's order (shorter keys first, then byte order), recursively:
 * key order means nothing in JSON, and the answers recorded before issue 15 came from jsonb.
 */
function canonical(value) {
	if (Array.isArray(value)) return value.map(canonical);
	if (value === null || typeof value !== 'object') return value;
	const keys = Object.keys(value).sort((a, b) => {
		const la = Buffer.byteLength(a);
		const lb = Buffer.byteLength(b);
		return la - lb || Buffer.compare(Buffer.from(a), Buffer.from(b));
	});
	return Object.fromEntries(keys.map((k) => [k, canonical(value[k])]));
}

function hash(value) {
	return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/** A hit in the new vocabulary, without absolute times, its other fields hashed. */
function hit(h, vocabulary) {
	const { id, rank, snippet, status, outcome, deadline, published_at, ...rest } = h;
	const [newStatus, oldOutcome] = vocabulary === 'old' ? OLD_TO_NEW[status] : [status, null];
	return {
		id,
		rank: rank ?? null,
		snippet: snippet ?? null,
		status: newStatus,
		outcome: vocabulary === 'old' ? oldOutcome : (outcome ?? null),
		deadline: deadline == null ? null : 'set',
		published_at: published_at == null ? null : 'set',
		rest: hash(canonical(rest))
	};
}

/** Facets with the status counts in the new vocabulary, each facet in the engines' order. */
function facets(f, vocabulary) {
	const out = {};
	for (const [name, values] of Object.entries(f)) {
		let list = values.map((v) => ({ ...v }));
		if (name === 'status' && vocabulary === 'old') {
			const merged = new Map();
			for (const v of list) {
				const value = OLD_TO_NEW[v.value][0];
				const prev = merged.get(value);
				merged.set(value, { value, label: value, count: (prev?.count ?? 0) + v.count });
			}
			list = [...merged.values()];
		}
		if (name === 'status') {
			list.sort(
				(a, b) =>
					b.count - a.count || a.label.localeCompare(b.label) || a.value.localeCompare(b.value)
			);
		}
		// Compact: "value count" pairs in order, and a hash of the labels (names of cities, regions).
		out[name] = {
			counts: list.map((v) => `${v.value} ${v.count}`).join(', '),
			labels: hash(list.map((v) => v.label))
		};
	}
	return out;
}

async function vocabularyOf() {
	const client = new pg.Client({ connectionString: config.dbUrl });
	await client.connect();
	try {
		const { rows } = await client.query(
			`select enum_range(null::public.challenge_status)::text[] as v`
		);
		return rows[0].v.includes('reviewing') ? 'old' : 'new';
	} finally {
		await client.end();
	}
}

async function record() {
	const vocabulary = await vocabularyOf();
	const searches = [];
	for (const params of QUERIES) {
		const r = await anonRpc('search_challenges', { params: mapParams(params, vocabulary) });
		searches.push({
			params,
			total: r.total,
			mode: r.mode,
			hits: r.hits.map((h) => hit(h, vocabulary)),
			facets: facets(r.facets, vocabulary)
		});
	}
	const ids = [];
	for (const [params, upcoming] of ID_QUERIES) {
		const r = await anonRpc('search_challenge_ids', {
			params: mapParams(params, vocabulary),
			upcoming
		});
		// The first 20 as they are, all of them hashed (up to 25,000 on a large list).
		ids.push({ params, upcoming, count: r.length, head: r.slice(0, 20), all: hash(r) });
	}
	const everyPublic = await anonRpc('search_challenge_ids', { params: {} });
	const similar = [];
	for (const id of [...everyPublic].sort().slice(0, Number(args['max-similar']))) {
		const r = await anonRpc('similar_challenges', { challenge_id: id });
		similar.push({ id, similar: r.map((h) => [h.id, h.rank]) });
	}
	const app = [];
	if (args.app) {
		for (const params of QUERIES) {
			const url = `${args.app}/api/v1/challenges?${queryString(mapParams(params, vocabulary))}`;
			const res = await fetch(url);
			if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
			const r = await res.json();
			app.push({
				params,
				meta: r.meta,
				// Hashed: the same hits and facets as the RPC's, in the app's shape.
				data: hash(r.data.map((h) => hit(h, vocabulary))),
				facets: hash(facets(r.facets, vocabulary)),
				links: { next: r.links.next !== null, prev: r.links.prev !== null }
			});
		}
	}
	return { vocabulary, searches, ids, similar, app };
}

/** The first difference between two JSON values, as a path and both sides; null when equal. */
function firstDifference(a, b, path = '') {
	if (Object.is(a, b)) return null;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
		return { path, before: a, after: b };
	}
	if (Array.isArray(a) !== Array.isArray(b)) return { path, before: a, after: b };
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
	for (const key of keys) {
		const d = firstDifference(a[key], b[key], `${path}/${key}`);
		if (d) return d;
	}
	return null;
}

const current = await record();
const counts = `${current.searches.length} searches, ${current.ids.length} id lists, ${current.similar.length} similar lists, ${current.app.length} app answers`;
if (args.out) {
	// One line per entry: small enough to commit, and a diff names the entries that changed.
	const lines = Object.entries(current).map(([key, value]) =>
		Array.isArray(value)
			? `"${key}": [\n${value.map((v) => JSON.stringify(v)).join(',\n')}\n]`
			: `"${key}": ${JSON.stringify(value)}`
	);
	writeFileSync(args.out, `{\n${lines.join(',\n')}\n}\n`);
	console.log(`recorded ${counts} (${current.vocabulary} status vocabulary) to ${args.out}`);
} else {
	const before = JSON.parse(readFileSync(args.compare, 'utf8'));
	if (args['ignore-ids']) {
		for (const file of [before, current]) {
			for (const s of file.searches) s.hits = s.hits.map(({ id: _id, ...h }) => h);
			for (const a of file.app) delete a.data;
			file.ids = [];
			file.similar = [];
		}
	}
	let differences = 0;
	for (const part of ['searches', 'ids', 'similar', 'app']) {
		if (!before[part]?.length || !current[part].length) {
			console.log(
				`${part}: not compared (${args['ignore-ids'] ? '--ignore-ids' : before[part]?.length ? 'not recorded now' : 'not in the file'})`
			);
			continue;
		}
		if (before[part].length !== current[part].length) {
			console.log(`${part}: ${before[part].length} entries before, ${current[part].length} now`);
			differences++;
			continue;
		}
		let same = 0;
		before[part].forEach((entry, i) => {
			const d = firstDifference(entry, current[part][i]);
			if (!d) return void same++;
			differences++;
			console.log(
				`${part}[${i}] ${JSON.stringify(entry.params ?? entry.id)} differs at ${d.path}: ${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}`
			);
		});
		console.log(`${part}: ${same} of ${before[part].length} identical`);
	}
	console.log(
		`compared ${counts} (file: ${before.vocabulary} vocabulary, database: ${current.vocabulary}): ${differences} differ`
	);
	process.exit(differences ? 1 : 0);
}
