// Shared by the bench scripts: the postgres engine's result cache switch and an anon RPC call
// through the gateway, as a visitor's request goes (from the portal's server, with its app key:
// the gateway does not limit it as one public client).
import pg from 'pg';
import { loadConfig } from './stack/config.mjs';
import { makeKeys } from './stack/keys.mjs';

const config = loadConfig();

/**
 * Turns the result cache (private.search_state) on or off, empties it, and returns what it was.
 * It is one switch for everyone on the database: for a local stack only.
 */
export async function setSearchCache(enabled) {
	const db = new pg.Client({ connectionString: config.dbUrl });
	await db.connect();
	try {
		const { rows } = await db.query('select cache_enabled from private.search_state');
		await db.query('update private.search_state set cache_enabled = $1', [enabled]);
		await db.query('truncate private.search_cache');
		return rows[0].cache_enabled;
	} finally {
		await db.end();
	}
}

/** How many synthetic challenges (slug prefix syn-, scripts/seed-synthetic.mjs) the database holds. */
export async function syntheticChallenges() {
	const db = new pg.Client({ connectionString: config.dbUrl });
	await db.connect();
	try {
		const { rows } = await db.query(
			"select count(*)::int as n from public.challenges where slug like 'syn-%'"
		);
		return rows[0].n;
	} finally {
		await db.end();
	}
}

let keys;

/** POST /rest/v1/rpc/<fn> as anon; the parsed JSON answer, or an error naming the status. */
export async function anonRpc(fn, body) {
	keys ??= await makeKeys();
	const res = await fetch(`${config.apiUrl}/rest/v1/rpc/${fn}`, {
		method: 'POST',
		headers: {
			apikey: keys.anonKey,
			authorization: `Bearer ${keys.anonKey}`,
			'x-portal-app-key': keys.appKey,
			'content-type': 'application/json'
		},
		body: JSON.stringify(body)
	});
	if (!res.ok) throw new Error(`${fn}: ${res.status} ${await res.text()}`);
	return res.json();
}

/** The search mix of scripts/bench-search.mjs, as search_challenges() params, by query class. */
export const SEARCH_MIX = {
	keyword: [
		{ q: 'flood' },
		{ q: 'parking' },
		{ q: 'water leak detection' },
		{ q: 'solar street lights' },
		{ q: 'permits' }
	],
	typo: [{ q: 'moblity' }, { q: 'flod sensors' }, { q: 'smart goverance' }, { q: 'elctric buses' }],
	'facet only': [
		{ domain: ['mobility'] },
		{ region: ['europe'], kind: ['opportunity'] },
		{ priority: ['green-transition'], status: ['open'] }
	],
	'keyword + facets': [
		{ q: 'sensors', domain: ['environment'], region: ['southeast-asia'] },
		{ q: 'charging', status: ['open'] },
		{ q: 'water', domain: ['utilities'], kind: ['challenge'] },
		{ q: 'data platform', priority: ['smart-governance'] }
	],
	broadest: [{}]
};
