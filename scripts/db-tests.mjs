#!/usr/bin/env node
// npm run test:db: the database's own tests, in SQL with pgTAP (supabase/tests/database/*.test.sql),
// against the local stack's database, with pg_prove. Each file runs in a transaction it rolls back.
// The same files run under the Supabase CLI (`supabase test db`) where Docker is available.
// Needs Debian's postgresql-15-pgtap and pg_prove (scripts/test.sh installs them when missing).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './stack/config.mjs';

const cfg = loadConfig();
const dir = join(cfg.root, 'supabase', 'tests', 'database');
const files = existsSync(dir)
	? readdirSync(dir)
			.filter((f) => f.endsWith('.test.sql'))
			.sort()
			.map((f) => join(dir, f))
	: [];
if (files.length === 0) {
	console.error(`test:db: no *.test.sql files in ${dir}`);
	process.exit(1);
}
const which = spawnSync('pg_prove', ['--version'], { encoding: 'utf8' });
if (which.error) {
	console.error(
		'test:db: pg_prove is missing: apt-get install postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl'
	);
	process.exit(1);
}
const url = new URL(cfg.dbUrl);
const res = spawnSync(
	'pg_prove',
	[
		'--host',
		url.hostname,
		'--port',
		url.port || '5432',
		'--username',
		decodeURIComponent(url.username) || 'postgres',
		'--dbname',
		url.pathname.slice(1) || 'postgres',
		...process.argv.slice(2),
		...files
	],
	{ stdio: 'inherit' }
);
process.exit(res.status ?? 1);
