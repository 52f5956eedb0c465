#!/usr/bin/env node
// Supabase's database advisors (the splinter security and performance lints) against the local
// database, with the pinned Supabase CLI from node_modules; works offline, no Docker.
//
//   node scripts/advisors.mjs                    print every finding (level info and up)
//   node scripts/advisors.mjs --fail-on warn     also a gate: exit non-zero on a warning or error
// Other flags (--type security, --level warn, …) are passed through and override the defaults.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './stack/config.mjs';

const cfg = loadConfig();
const cli = join(cfg.root, 'node_modules', '.bin', 'supabase');
if (!existsSync(cli)) {
	process.stderr.write(
		'advisors: the Supabase CLI is not installed (node_modules/.bin/supabase); run `npm ci`\n'
	);
	process.exit(1);
}

const passed = process.argv.slice(2);
// The local cluster has no TLS; the CLI only assumes that for the default port 54322.
const args = ['db', 'advisors', '--db-url', `${cfg.dbUrl}?sslmode=disable`];
if (!passed.includes('--type')) args.push('--type', 'all');
if (!passed.includes('--level')) args.push('--level', 'info');
args.push(...passed);

const res = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, cwd: cfg.root });
process.stdout.write(res.stdout ?? '');
process.stderr.write(res.stderr ?? '');

// one summary line per level, so a long JSON listing still ends with something readable
try {
	const start = res.stdout.indexOf('[');
	const findings = start === -1 ? [] : JSON.parse(res.stdout.slice(start));
	const byLevel = {};
	for (const f of findings) {
		const key = `${f.level} ${f.name}`;
		byLevel[key] = (byLevel[key] ?? 0) + 1;
	}
	const summary = Object.entries(byLevel)
		.sort()
		.map(([k, n]) => `${n} × ${k}`)
		.join(', ');
	process.stderr.write(`advisors: ${findings.length} finding(s)${summary ? `: ${summary}` : ''}\n`);
} catch {
	/* not JSON (an error message); the CLI's own output above says what happened */
}
if (res.status !== 0) {
	process.stderr.write(
		`advisors: supabase db advisors exited with status ${res.status ?? res.signal}\n`
	);
}
process.exit(res.status ?? 1);
