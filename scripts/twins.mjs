// "The same problem in other cities" measured (issue 16, item 6): asks public.similar_challenges,
// as a visitor (role anon), for the twins of every challenge in tests/fixtures/twins.json and
// prints precision (shown twins / shown) and recall (shown twins / twins that could be shown,
// at most max_results) per group and overall. Exits 1 below the targets: precision 0.9, recall 0.7.
//   npm run twins                 (the stack's DATABASE_URL; npm test runs it)
import { readFileSync } from 'node:fs';
import pg from 'pg';

const MAX_RESULTS = 6;
const TARGET = { precision: 0.9, recall: 0.7 };

const fixture = JSON.parse(
	readFileSync(new URL('../tests/fixtures/twins.json', import.meta.url), 'utf8')
);
const url = process.env.DATABASE_URL;
if (!url) {
	console.error('twins: DATABASE_URL is not set (source scripts/lib.sh; load_stack_env)');
	process.exit(2);
}
const client = new pg.Client({ connectionString: url });
await client.connect();

const groupOf = new Map();
for (const [group, slugs] of Object.entries(fixture.groups))
	for (const s of slugs) groupOf.set(s, group);

let shown = 0;
let shownTwins = 0;
let possible = 0;
const perGroup = new Map();
const misses = [];
const never = [];
try {
	await client.query('begin');
	await client.query('set local role anon');
	for (const [slug, group] of groupOf) {
		const { rows } = await client.query(
			`select h.slug from public.challenges c, public.similar_challenges(c.id, $2) h where c.slug = $1`,
			[slug, MAX_RESULTS]
		);
		const twins = fixture.groups[group].filter((s) => s !== slug);
		const found = rows.map((r) => r.slug);
		const good = found.filter((s) => twins.includes(s));
		const bad = found.filter((s) => !twins.includes(s));
		const could = Math.min(twins.length, MAX_RESULTS);
		shown += found.length;
		shownTwins += good.length;
		possible += could;
		const g = perGroup.get(group) ?? { shown: 0, good: 0, could: 0 };
		perGroup.set(group, {
			shown: g.shown + found.length,
			good: g.good + good.length,
			could: g.could + could
		});
		if (bad.length) misses.push(`${slug}: not a twin: ${bad.join(', ')}`);
		if (good.length < could)
			misses.push(`${slug}: missed ${twins.filter((s) => !found.includes(s)).join(', ')}`);
		for (const pair of fixture.neverTogether) {
			if (pair[0] === slug && found.includes(pair[1])) never.push(pair.join(' ↔ '));
		}
	}
	await client.query('rollback');
} finally {
	await client.end();
}

const ratio = (a, b) => (b === 0 ? 1 : a / b);
console.log(
	`twins: ${groupOf.size} challenges in ${perGroup.size} groups, up to ${MAX_RESULTS} results each`
);
console.log('group'.padEnd(34) + 'precision  recall');
for (const [group, g] of perGroup) {
	console.log(
		`${group.padEnd(34)}${ratio(g.good, g.shown).toFixed(2).padStart(9)}  ${ratio(g.good, g.could).toFixed(2).padStart(6)}`
	);
}
const precision = ratio(shownTwins, shown);
const recall = ratio(shownTwins, possible);
console.log(
	`${'all'.padEnd(34)}${precision.toFixed(2).padStart(9)}  ${recall.toFixed(2).padStart(6)}   (${shownTwins} twins of ${shown} shown; ${possible} possible)`
);
if (misses.length) console.log('\n' + misses.join('\n'));
if (never.length) console.log(`\nshown together but never twins: ${never.join('; ')}`);
const ok = precision >= TARGET.precision && recall >= TARGET.recall && never.length === 0;
console.log(
	`\ntargets: precision ≥ ${TARGET.precision}, recall ≥ ${TARGET.recall}, no never-together pair: ${ok ? 'met' : 'NOT met'}`
);
process.exit(ok ? 0 : 1);
