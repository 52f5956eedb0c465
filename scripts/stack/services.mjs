// The services of the local stack: how each one is installed, started, checked and stopped.
import {
	appendFileSync,
	chownSync,
	closeSync,
	existsSync,
	openSync,
	readFileSync,
	writeFileSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import {
	StackError,
	ensureDir,
	httpOk,
	isAlive,
	lastLines,
	ourPid,
	portInUse,
	readPid,
	removeFile,
	run,
	shown,
	startDetached,
	stopPid,
	waitUntil
} from './process.mjs';

const isRoot = process.getuid?.() === 0;

export const REQUIRED = ['postgres', 'postgrest', 'mailpit', 'gateway'];
export const ALL = ['postgres', 'mailpit', 'postgrest', 'gateway'];

export function logFile(cfg, name) {
	if (name === 'postgres') return cfg.pgLog;
	return join(cfg.logDir, `${name}.log`);
}
function pidFile(cfg, name) {
	return join(cfg.runDir, `${name}.pid`);
}

export function prepareState(cfg) {
	ensureDir(cfg.stateDir);
	ensureDir(cfg.logDir);
	ensureDir(dirname(cfg.pgLog));
	ensureDir(cfg.runDir);
	ensureDir(cfg.binDir);
}

/** Fails with the standard message when a port we need is taken by someone else. */
async function claimPort(cfg, service, port) {
	if (await portInUse(port, cfg.host)) {
		const message = `port ${port} is already in use by another process`;
		appendFileSync(logFile(cfg, service), `${new Date().toISOString()} not started: ${message}\n`);
		throw new StackError(service, `${message} (see ${shown(logFile(cfg, service), cfg.root)})`);
	}
}

function failure(cfg, service, what) {
	const log = logFile(cfg, service);
	const tail = lastLines(log, 6);
	const excerpt = tail.length ? `\n  last log lines:\n    ${tail.join('\n    ')}` : '';
	return new StackError(service, `${what} (see ${shown(log, cfg.root)})${excerpt}`);
}

function describeExit(exit) {
	if (exit.error) return `could not be started: ${exit.error.message}`;
	return exit.signal ? `exited on signal ${exit.signal}` : `exited with code ${exit.code}`;
}

// ---------------------------------------------------------------- postgres

function pgRun(cfg, bin, args, opts = {}) {
	const path = join(cfg.pgBin, bin);
	if (isRoot) return run('runuser', ['-u', cfg.pgSystemUser, '--', path, ...args], opts);
	return run(path, args, opts);
}

function chownToPg(cfg, path) {
	if (!isRoot) return;
	const r = run('id', ['-u', cfg.pgSystemUser]);
	const g = run('id', ['-g', cfg.pgSystemUser]);
	chownSync(path, Number(r.stdout.trim()), Number(g.stdout.trim()));
}

// glibc's malloc hands memory of more than 128 KB back to the kernel as soon as it is freed, so
// every search that materializes its matches (tens of MB at 100k challenges) took the same memory
// afresh, page fault by page fault (~1,700 per search, a third of its time on this VM). Kept
// instead: allocations below 32 MB come from the heap, and up to 64 MB of free heap stays with
// the backend (docs/performance.md, 2026-12-08). Applied when the stack starts Postgres.
export const PG_MALLOC_ENV = {
	MALLOC_MMAP_THRESHOLD_: String(32 * 1024 * 1024),
	MALLOC_TRIM_THRESHOLD_: String(64 * 1024 * 1024)
};

function postgresPid(cfg) {
	const pid = readPid(join(cfg.pgData, 'postmaster.pid'));
	return pid && isAlive(pid) ? pid : null;
}

// Bump the version in the marker when changing the settings: a cluster made with older ones gets
// this block appended on its next start (later lines of postgresql.conf win).
const PG_TUNING_MARKER = '# --- city-portal local stack (2-core dev box) v2 ---';
const PG_TUNING = `
${PG_TUNING_MARKER}
listen_addresses = '127.0.0.1'
max_connections = 100
shared_buffers = 512MB
effective_cache_size = 4GB
work_mem = 16MB
# Short OLTP-style queries (search RPC): JIT compilation only adds latency here.
jit = off
maintenance_work_mem = 128MB
max_worker_processes = 4
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
max_parallel_maintenance_workers = 1
wal_buffers = 16MB
max_wal_size = 1GB
checkpoint_completion_target = 0.9
random_page_cost = 1.1
synchronous_commit = off
timezone = 'UTC'
log_timezone = 'UTC'
log_min_duration_statement = 1000
log_line_prefix = '%m [%p] %q%u@%d '
`;

const PG_HBA = `# city-portal local stack: trust, on the loopback address and the private socket only
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
`;

/** initdb on first use. @returns {boolean} true when a new cluster was made */
export function initPostgres(cfg) {
	if (existsSync(join(cfg.pgData, 'PG_VERSION'))) return false;
	const log = logFile(cfg, 'postgres');
	ensureDir(cfg.pgDir);
	ensureDir(cfg.pgSocketDir);
	chownToPg(cfg, cfg.pgDir);
	chownToPg(cfg, cfg.pgSocketDir);
	const res = pgRun(cfg, 'initdb', [
		'-D',
		cfg.pgData,
		'-U',
		'postgres',
		'-A',
		'trust',
		'-E',
		'UTF8',
		'--locale=C.UTF-8'
	]);
	appendFileSync(log, `\n--- initdb\n${res.stdout}${res.stderr}`);
	if (res.status !== 0) throw failure(cfg, 'postgres', `initdb failed: ${res.stderr.trim()}`);
	appendFileSync(join(cfg.pgData, 'postgresql.conf'), PG_TUNING);
	writeFileSync(join(cfg.pgData, 'pg_hba.conf'), PG_HBA);
	return true;
}

/** Appends the current settings to a cluster made with older ones. */
function ensureTuning(cfg) {
	const conf = join(cfg.pgData, 'postgresql.conf');
	if (existsSync(conf) && !readFileSync(conf, 'utf8').includes(PG_TUNING_MARKER)) {
		appendFileSync(conf, PG_TUNING);
	}
}

export async function startPostgres(cfg) {
	const name = 'postgres';
	const running = postgresPid(cfg);
	if (running) {
		let environ = null;
		try {
			environ = readFileSync(`/proc/${running}/environ`, 'utf8');
		} catch {
			// Not ours to read (another user's process): say nothing.
		}
		const stale = environ !== null && !environ.includes('MALLOC_TRIM_THRESHOLD_=');
		return {
			name,
			state: stale
				? 'already running (started without PG_MALLOC_ENV: npm run stack:down, then stack:up)'
				: 'already running',
			pid: running
		};
	}
	await claimPort(cfg, name, cfg.ports.postgres);
	const fresh = initPostgres(cfg);
	if (!fresh) ensureTuning(cfg);
	const log = logFile(cfg, name);
	if (!existsSync(log)) closeSync(openSync(log, 'a'));
	chownToPg(cfg, log);
	ensureDir(cfg.pgSocketDir);
	chownToPg(cfg, cfg.pgSocketDir);
	const opts = `-c port=${cfg.ports.postgres} -c listen_addresses=${cfg.host} -c unix_socket_directories='${cfg.pgSocketDir}'`;
	const res = pgRun(
		cfg,
		'pg_ctl',
		['-D', cfg.pgData, '-l', log, '-w', '-t', '60', '-o', opts, 'start'],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, ...PG_MALLOC_ENV }
		}
	);
	if (res.status !== 0) {
		throw failure(
			cfg,
			name,
			`did not start: ${(res.stderr || res.stdout).trim().split('\n').at(-1)}`
		);
	}
	const state = await waitUntil({
		timeoutMs: 30_000,
		check: async () =>
			pgRun(cfg, 'pg_isready', ['-h', cfg.host, '-p', String(cfg.ports.postgres), '-q']).status ===
			0
	});
	if (state !== 'ready') throw failure(cfg, name, 'did not accept connections within 30 s');
	return { name, state: 'started', pid: postgresPid(cfg), fresh };
}

export async function stopPostgres(cfg) {
	const pid = postgresPid(cfg);
	if (!pid) return false;
	const res = pgRun(cfg, 'pg_ctl', ['-D', cfg.pgData, '-m', 'fast', '-w', '-t', '60', 'stop']);
	if (res.status !== 0 && isAlive(pid)) {
		throw failure(cfg, 'postgres', `did not stop: ${res.stderr.trim()}`);
	}
	return true;
}

// ---------------------------------------------------------------- Go-built binaries

/**
 * Makes sure `<cache>/bin/<binary>` exists, building it with `go install` when missing. A failed
 * build is remembered for the day (marker file) so later `up`s don't spend time retrying.
 * @returns {{ ok: true, path: string } | { ok: false, reason: string, log: string }}
 */
export function ensureGoBinary(cfg, { service, binary, module, version }) {
	const path = join(cfg.binDir, binary);
	if (existsSync(path)) return { ok: true, path };
	const buildLog = logFile(cfg, `${service}-build`);
	const marker = join(cfg.cacheDir, `${binary}.build-failed`);
	const today = new Date().toISOString().slice(0, 10);
	if (existsSync(marker) && readFileSync(marker, 'utf8').startsWith(today)) {
		if (!existsSync(buildLog)) {
			writeFileSync(
				buildLog,
				`not retried: the build failed earlier today (${marker}; delete it to retry now)\n${readFileSync(marker, 'utf8')}`
			);
		}
		return { ok: false, reason: 'the build failed earlier today', log: buildLog };
	}
	const started = new Date().toISOString();
	const res = run('go', ['install', `${module}@${version}`], {
		env: { ...process.env, CGO_ENABLED: '0', GOBIN: cfg.binDir },
		timeout: 15 * 60_000
	});
	writeFileSync(
		buildLog,
		`${started} CGO_ENABLED=0 GOBIN=${cfg.binDir} go install ${module}@${version}\n` +
			`exit status ${res.status}\n${res.stdout}${res.stderr}\n`
	);
	if (res.status === 0 && existsSync(path)) {
		removeFile(marker);
		return { ok: true, path };
	}
	writeFileSync(marker, `${started}\n${module}@${version}\n${res.stderr.trim()}\n`);
	return {
		ok: false,
		reason: res.stderr.trim().split('\n').at(-1) || 'go install failed',
		log: buildLog
	};
}

// ---------------------------------------------------------------- detached services

/**
 * Each service: how to recognise our process (marker in its command line), its ports, how to
 * start it and how to check its health.
 */
function definitions(cfg, keys) {
	return {
		mailpit: {
			marker: 'mailpit',
			ports: [cfg.ports.mailpit, cfg.ports.smtp],
			health: () => httpOk(`http://${cfg.host}:${cfg.ports.mailpit}/readyz`),
			command: () => {
				const bin = ensureGoBinary(cfg, {
					service: 'mailpit',
					binary: 'mailpit',
					module: cfg.mailpitModule,
					version: cfg.mailpitVersion
				});
				if (!bin.ok) {
					throw new StackError(
						'mailpit',
						`binary missing and ${bin.reason} (see ${shown(bin.log, cfg.root)})`
					);
				}
				return {
					command: bin.path,
					args: [
						'--listen',
						`${cfg.host}:${cfg.ports.mailpit}`,
						'--smtp',
						`${cfg.host}:${cfg.ports.smtp}`,
						'--smtp-auth-accept-any',
						'--smtp-auth-allow-insecure',
						'--database',
						join(cfg.stateDir, 'mailpit.db'),
						'--disable-version-check'
					],
					env: process.env
				};
			}
		},
		postgrest: {
			marker: 'postgrest',
			ports: [cfg.ports.postgrest, cfg.ports.postgrestAdmin],
			health: () => httpOk(`http://${cfg.host}:${cfg.ports.postgrestAdmin}/ready`),
			command: () => {
				if (!existsSync(cfg.postgrestBin)) {
					throw new StackError(
						'postgrest',
						`binary ${shown(cfg.postgrestBin, cfg.root)} is missing; run \`npm ci\``
					);
				}
				return { command: cfg.postgrestBin, args: [], env: postgrestEnv(cfg) };
			}
		},
		gateway: {
			marker: 'gateway.mjs',
			ports: [cfg.ports.gateway],
			health: () => httpOk(`http://${cfg.host}:${cfg.ports.gateway}/health`),
			command: () => ({
				command: process.execPath,
				args: [join(cfg.root, 'scripts', 'stack', 'gateway.mjs')],
				env: {
					...process.env,
					GATEWAY_HOST: cfg.host,
					GATEWAY_PORT: String(cfg.ports.gateway),
					GATEWAY_REST_URL: `http://${cfg.host}:${cfg.ports.postgrest}`,
					GATEWAY_ANON_KEY: keys.anonKey,
					GATEWAY_SERVICE_KEY: keys.serviceKey,
					GATEWAY_APP_KEY: keys.appKey
				}
			})
		}
	};
}

export function postgrestEnv(cfg) {
	return {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		PGRST_DB_URI: `postgres://authenticator@${cfg.host}:${cfg.ports.postgres}/postgres`,
		PGRST_DB_SCHEMAS: 'public',
		PGRST_DB_EXTRA_SEARCH_PATH: 'public,extensions',
		PGRST_DB_ANON_ROLE: 'anon',
		PGRST_DB_MAX_ROWS: '1000',
		// No schema description at GET /rest/v1/ (tables, functions and the upstream address):
		// the portal never reads it, and visitors need not either.
		PGRST_OPENAPI_MODE: 'disabled',
		PGRST_DB_POOL: '10',
		PGRST_DB_CHANNEL_ENABLED: 'true',
		// A JWKS file (scripts/auth-stack.ts writes it before PostgREST starts, and again on
		// auth:rotate-keys, then `NOTIFY pgrst, 'reload config'`): the HS256 key of the anon and
		// service keys and Better Auth's RS256 public keys. Member tokens must carry aud
		// "authenticated"; the API keys carry no aud, which PostgREST accepts.
		PGRST_JWT_SECRET: `@${cfg.jwksFile}`,
		PGRST_JWT_AUD: 'authenticated',
		PGRST_SERVER_HOST: cfg.host,
		PGRST_SERVER_PORT: String(cfg.ports.postgrest),
		PGRST_ADMIN_SERVER_PORT: String(cfg.ports.postgrestAdmin),
		PGRST_LOG_LEVEL: 'warn'
	};
}

export function runningPid(cfg, name) {
	if (name === 'postgres') return postgresPid(cfg);
	const def = definitions(cfg, { anonKey: '', serviceKey: '' })[name];
	return ourPid(pidFile(cfg, name), def.marker);
}

export async function startService(cfg, name, keys) {
	if (name === 'postgres') return startPostgres(cfg);
	const def = definitions(cfg, keys)[name];
	const pid = ourPid(pidFile(cfg, name), def.marker);
	if (pid) return { name, state: 'already running', pid };
	for (const port of def.ports) await claimPort(cfg, name, port);
	const { command, args, env } = def.command();
	const { child, exit } = startDetached({
		command,
		args,
		env,
		cwd: cfg.root,
		log: logFile(cfg, name),
		pidFile: pidFile(cfg, name)
	});
	const state = await waitUntil({ check: def.health, timeoutMs: 30_000, exit });
	if (state !== 'ready') {
		if (state === 'timeout' && child.pid) await stopPid(child.pid);
		removeFile(pidFile(cfg, name));
		throw failure(
			cfg,
			name,
			state === 'exited' ? describeExit(exit) : 'did not become healthy within 30 s'
		);
	}
	return { name, state: 'started', pid: child.pid };
}

export async function stopService(cfg, name) {
	if (name === 'postgres') return stopPostgres(cfg);
	const pid = runningPid(cfg, name);
	removeFile(pidFile(cfg, name));
	if (!pid) return false;
	if (!(await stopPid(pid))) throw failure(cfg, name, `process ${pid} did not stop`);
	return true;
}

export async function healthy(cfg, name) {
	if (name === 'postgres') {
		return (
			pgRun(cfg, 'pg_isready', ['-h', cfg.host, '-p', String(cfg.ports.postgres), '-q']).status ===
			0
		);
	}
	const def = definitions(cfg, { anonKey: '', serviceKey: '' })[name];
	return def.health().catch(() => false);
}
