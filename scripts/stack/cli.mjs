#!/usr/bin/env node
// The local Supabase stack without Docker: Postgres 15, PostgREST, Mailpit and our gateway on the
// Supabase CLI's ports. Identity is Better Auth inside the app: the stack creates its signing key
// and hands its public keys to PostgREST (scripts/auth-stack.ts), and seeds the demo accounts.
//
//   node scripts/stack/cli.mjs up | down | reset | status | migrate | env | ports
//   node scripts/stack/cli.mjs start <service> | stop <service>
//
// Environment overrides (for tests): STACK_DIR, STACK_PG_PORT, STACK_REST_PORT,
// STACK_REST_ADMIN_PORT, STACK_MAILPIT_PORT, STACK_SMTP_PORT,
// STACK_GATEWAY_PORT, STACK_MIGRATIONS_DIR, STACK_SEED_FILE, STACK_ENV_FILE (empty: don't
// write .env), CITY_PORTAL_CACHE.
//
// When no port is set in the environment and the Supabase CLI's ports are taken by other
// processes (another checkout's stack, say), `up` moves the whole stack to the first free block
// (every port + 100, + 200, …) and saves it in .stack/ports.json; `env` and every other command
// of this checkout then use it. `ports` does only that step and prints the ports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PORT_VARIABLES, loadConfig, portsPinned } from './config.mjs';
import { bootstrap, connect, migrate, recreateDatabase, reloadPostgrest, seed } from './db.mjs';
import { makeKeys } from './keys.mjs';
import { settlePorts } from './ports.mjs';
import { StackError, httpOk, isAlive, portInUse, readPid, shown, waitUntil } from './process.mjs';
import {
	ALL,
	REQUIRED,
	logFile,
	prepareState,
	runningPid,
	startService,
	stopService
} from './services.mjs';

let cfg = loadConfig();
const say = (line) => process.stdout.write(`${line}\n`);

function report(result) {
	const pid = result.pid ? ` (pid ${result.pid})` : '';
	say(`${result.name}: ${result.state}${pid}`);
}

async function withDb(fn) {
	const client = await connect(cfg.dbUrl).catch((err) => {
		throw new StackError('postgres', `cannot connect to ${cfg.dbUrl}: ${err.message}`);
	});
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

/**
 * Runs scripts/auth-stack.ts (Better Auth with the app's configuration) under vite-node.
 * @param {string[]} args
 */
function authStack(args) {
	const res = spawnSync(
		join(cfg.root, 'node_modules', '.bin', 'vite-node'),
		['--config', 'scripts/vite-node.config.ts', 'scripts/auth-stack.ts', ...args],
		{
			cwd: cfg.root,
			encoding: 'utf8',
			timeout: 120_000,
			env: {
				...process.env,
				DATABASE_URL: cfg.dbUrl,
				BETTER_AUTH_SECRET: cfg.authSecret,
				JWT_SECRET: cfg.jwtSecret
			}
		}
	);
	const out = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
	if (res.status !== 0) throw new StackError('auth', out || `auth-stack ${args[0]} failed`);
	for (const line of out.split('\n').filter(Boolean)) say(line);
}

/** Better Auth's signing key(s) → the JWKS file PostgREST reads (see postgrestEnv). */
function writeJwks() {
	mkdirSync(dirname(cfg.jwksFile), { recursive: true });
	authStack(['jwks', cfg.jwksFile]);
}

/** bootstrap → migrations (→ seed → demo accounts) → PostgREST's JWKS. */
async function prepareDatabase({ withSeed }) {
	await withDb(async (client) => {
		await bootstrap(client);
	});
	await withDb(async (client) => {
		const { applied, warnings } = await migrate(client, cfg.migrationsDir, (l) =>
			say(`migrations: ${l}`)
		).catch((err) => {
			throw new StackError('migrations', err.message);
		});
		for (const w of warnings) say(`migrations: warning: ${w}`);
		say(applied.length ? `migrations: ${applied.length} applied` : 'migrations: up to date');
		if (withSeed) {
			const seeded = await seed(client, cfg.seedFile, cfg.root).catch((err) => {
				throw new StackError('seed', err.message);
			});
			if (seeded) say(`seed: ${shown(cfg.seedFile, cfg.root)} applied`);
			else say(`seed: ${shown(cfg.seedFile, cfg.root)} not found, skipped`);
		}
	});
	if (withSeed) authStack(['demo']);
	writeJwks();
	await withDb(async (client) => {
		reloadMark = logSize(logFile(cfg, 'postgrest'));
		await reloadPostgrest(client);
	});
}

/** Where the PostgREST log ended when we sent the last reload notification. */
let reloadMark = -1;

function logSize(file) {
	return existsSync(file) ? statSync(file).size : 0;
}

/** True once PostgREST logged a schema cache (re)load after `reloadMark`. */
function reloadedSinceMark() {
	if (reloadMark < 0) return true;
	const file = logFile(cfg, 'postgrest');
	const text = readFileSync(file).subarray(reloadMark).toString('utf8');
	return text.includes('Schema cache loaded');
}

/**
 * After `NOTIFY pgrst, 'reload schema'`: waits until PostgREST is ready and its schema cache
 * knows the newest table of `public` (the one the last migration most likely added).
 */
async function waitForPostgrest() {
	if (!runningPid(cfg, 'postgrest')) return;
	const newest = await withDb(async (client) => {
		const { rows } = await client.query(
			`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
			 where n.nspname = 'public' and c.relkind in ('r', 'v', 'm', 'p', 'f')
			 order by c.oid desc limit 1`
		);
		return rows[0]?.relname;
	});
	const { serviceKey } = await makeKeys(cfg.jwtSecret);
	const state = await waitUntil({
		timeoutMs: 30_000,
		check: async () => {
			if (!reloadedSinceMark()) return false;
			if (!(await httpOk(`http://${cfg.host}:${cfg.ports.postgrestAdmin}/ready`))) return false;
			if (!newest) return true;
			const res = await fetch(
				`http://${cfg.host}:${cfg.ports.postgrest}/${encodeURIComponent(newest)}?limit=0`,
				{ method: 'HEAD', headers: { Authorization: `Bearer ${serviceKey}` } }
			);
			// 404: table unknown to the schema cache yet; 5xx: not (re)connected to the database yet
			return res.status !== 404 && res.status < 500;
		}
	});
	if (state !== 'ready') {
		throw new StackError(
			'postgrest',
			`schema cache did not reload within 30 s (see ${shown(logFile(cfg, 'postgrest'), cfg.root)})`
		);
	}
}

function envLines(keys) {
	return [
		`SUPABASE_URL=${cfg.apiUrl}`,
		`SUPABASE_ANON_KEY=${keys.anonKey}`,
		`SUPABASE_SERVICE_ROLE_KEY=${keys.serviceKey}`,
		`GATEWAY_APP_KEY=${keys.appKey}`,
		// Better Auth in the app: its database, its (public, local-only) secret, and the mail server
		`DATABASE_URL=${cfg.dbUrl}`,
		`BETTER_AUTH_SECRET=${cfg.authSecret}`,
		`SMTP_URL=${cfg.smtpUrl}`
	];
}

/**
 * What `env` prints besides the .env lines: where the database and the mail UI are. (Not the
 * ports: a port in the environment pins it, and the next `up` could then no longer move.)
 */
function extraEnvLines() {
	return [`MAILPIT_URL=http://${cfg.host}:${cfg.ports.mailpit}`];
}

/**
 * Before anything starts: keeps the Supabase CLI's ports when they are free, else moves to the
 * first free block and saves it (see the top of this file), then reloads the settings.
 */
async function settle() {
	prepareState(cfg);
	const outcome = await settlePorts({
		stateDir: cfg.stateDir,
		pinned: portsPinned(),
		running: ALL.some((name) => Boolean(runningPid(cfg, name))),
		isFree: async (port) => !(await portInUse(port, cfg.host))
	});
	cfg = loadConfig();
	if (outcome === 'moved') {
		say(
			`ports: the Supabase CLI's ports are taken by other processes; this stack uses gateway ${cfg.ports.gateway}, postgres ${cfg.ports.postgres} (all in ${shown(join(cfg.stateDir, 'ports.json'), cfg.root)})`
		);
	}
}

/** Sets the stack's variables in .env, keeping any other line the developer added. */
function writeEnvFile(keys) {
	if (!cfg.envFile) return;
	const wanted = new Map(envLines(keys).map((l) => [l.slice(0, l.indexOf('=')), l]));
	const before = existsSync(cfg.envFile) ? readFileSync(cfg.envFile, 'utf8') : '';
	const lines = before ? before.replace(/\n$/, '').split('\n') : [];
	const seen = new Set();
	const next = lines.map((line) => {
		const key = /^\s*([A-Z0-9_]+)\s*=/.exec(line)?.[1];
		if (key && wanted.has(key)) {
			seen.add(key);
			return wanted.get(key);
		}
		return line;
	});
	for (const [key, line] of wanted) if (!seen.has(key)) next.push(line);
	const text = `${next.join('\n')}\n`;
	if (text !== before) {
		writeFileSync(cfg.envFile, text);
		say(`env: wrote ${shown(cfg.envFile, cfg.root)}`);
	}
}

async function up({ reset = false } = {}) {
	await settle();
	const keys = await makeKeys(cfg.jwtSecret);
	const pg = await startService(cfg, 'postgres', keys);
	report(pg);
	if (reset) {
		await recreateDatabase(cfg.dbUrl);
		say('postgres: database recreated');
	}
	await prepareDatabase({ withSeed: reset || Boolean(pg.fresh) });
	report(await startService(cfg, 'mailpit', keys));
	report(await startService(cfg, 'postgrest', keys));
	await waitForPostgrest();
	report(await startService(cfg, 'gateway', keys));
	writeEnvFile(keys);
	say(
		`ready: ${cfg.apiUrl} (REST ${cfg.apiUrl}/rest/v1, mail http://${cfg.host}:${cfg.ports.mailpit})`
	);
}

/**
 * npm run auth:rotate-keys: Better Auth signs with a new key from now on; the old ones stay in
 * PostgREST's JWKS until their last tokens have expired (KEY_GRACE_SECONDS), and PostgREST re-reads
 * the file at once.
 */
async function rotateKeys() {
	mkdirSync(dirname(cfg.jwksFile), { recursive: true });
	authStack(['rotate', cfg.jwksFile]);
	if (!runningPid(cfg, 'postgrest')) {
		say('postgrest: not running; it reads the new keys when it starts');
		return 0;
	}
	await withDb(async (client) => {
		reloadMark = logSize(logFile(cfg, 'postgrest'));
		await reloadPostgrest(client);
	});
	await waitForPostgrest();
	say('postgrest: configuration reloaded');
	return 0;
}

async function down() {
	for (const name of [...ALL].reverse()) {
		const stopped = await stopService(cfg, name);
		say(`${name}: ${stopped ? 'stopped' : 'not running'}`);
	}
}

async function status() {
	let ok = true;
	const ports = {
		postgres: cfg.ports.postgres,
		postgrest: cfg.ports.postgrest,
		mailpit: cfg.ports.mailpit,
		gateway: cfg.ports.gateway
	};
	for (const name of ALL) {
		const pid = runningPid(cfg, name);
		const state = pid ? 'running' : 'stopped';
		if (!pid && REQUIRED.includes(name)) ok = false;
		const detail = `port ${ports[name]}${pid ? `  pid ${pid}` : ''}`;
		say(`${name.padEnd(10)} ${state.padEnd(12)} ${detail}`);
	}
	if (ok) say(`url        ${cfg.apiUrl}`);
	return ok ? 0 : 1;
}

async function startOne(name) {
	if (!ALL.includes(name))
		throw new StackError('stack', `unknown service "${name}" (${ALL.join(', ')})`);
	await settle();
	const keys = await makeKeys(cfg.jwtSecret);
	if (name === 'postgrest' && !existsSync(cfg.jwksFile)) writeJwks();
	report(await startService(cfg, name, keys));
	if (name === 'postgrest') await waitForPostgrest();
	return 0;
}

async function stopOne(name) {
	if (!ALL.includes(name))
		throw new StackError('stack', `unknown service "${name}" (${ALL.join(', ')})`);
	say(`${name}: ${(await stopService(cfg, name)) ? 'stopped' : 'not running'}`);
	return 0;
}

/**
 * An exclusive lock file holding our pid, for as long as `fn` runs; a lock whose process is gone
 * is taken over. Waits up to three minutes for another holder.
 */
async function withLock(lock, fn) {
	const deadline = Date.now() + 180_000;
	for (;;) {
		try {
			writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			const holder = readPid(lock);
			if (!holder || !isAlive(holder)) {
				rmSync(lock, { force: true });
				continue;
			}
			if (Date.now() > deadline) {
				throw new StackError('stack', `another stack command (pid ${holder}) is still running`);
			}
			await sleep(250);
		}
	}
	try {
		return await fn();
	} finally {
		if (readPid(lock) === process.pid) rmSync(lock, { force: true });
	}
}

/** Commands that change the stack; those that may start services and so choose ports. */
const MUTATING = ['up', 'reset', 'down', 'migrate', 'start', 'stop', 'ports', 'rotate-keys'];
const STARTING = ['up', 'reset', 'migrate', 'start', 'ports'];

async function main(argv) {
	const [command, arg] = argv;
	if (!MUTATING.includes(command)) return dispatch(command, arg);
	// One mutating command at a time per state folder (helpers and tests may run `up`
	// concurrently); and one starting command at a time on the machine, so two checkouts never
	// choose the same free block of ports and then race for it.
	prepareState(cfg);
	return withLock(join(cfg.runDir, 'cli.lock'), () =>
		STARTING.includes(command)
			? withLock(join(tmpdir(), 'city-portal-stack-ports.lock'), () => dispatch(command, arg))
			: dispatch(command, arg)
	);
}

async function dispatch(command, arg) {
	switch (command) {
		case 'up':
			await up();
			return 0;
		case 'reset':
			await up({ reset: true });
			return 0;
		case 'down':
			await down();
			return 0;
		case 'status':
			return status();
		case 'migrate':
			await settle();
			report(await startService(cfg, 'postgres', await makeKeys(cfg.jwtSecret)));
			await prepareDatabase({ withSeed: false });
			await waitForPostgrest();
			return 0;
		case 'rotate-keys':
			return rotateKeys();
		case 'env':
			for (const line of envLines(await makeKeys(cfg.jwtSecret))) say(line);
			for (const line of extraEnvLines()) say(line);
			return 0;
		case 'ports':
			await settle();
			for (const [key, name] of Object.entries(PORT_VARIABLES)) say(`${name}=${cfg.ports[key]}`);
			return 0;
		case 'start':
			return startOne(arg);
		case 'stop':
			return stopOne(arg);
		default:
			process.stderr.write(
				'usage: node scripts/stack/cli.mjs <up|down|reset|status|migrate|env|ports|rotate-keys|start <service>|stop <service>>\n'
			);
			return 2;
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(err) => {
		process.stderr.write(`${err instanceof StackError ? err.message : (err?.stack ?? err)}\n`);
		process.exit(1);
	}
);
