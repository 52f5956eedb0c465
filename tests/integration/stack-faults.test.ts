// Failure modes of the local stack CLI: a pinned port that is taken is named, the Supabase CLI's
// ports taken by another stack make a new one move, and the gateway answers a clear JSON error
// while PostgREST is down and recovers when it is back.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, SUPABASE_URL, gatewayFetch } from './helpers/stack';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'scripts', 'stack', 'cli.mjs');

async function cli(args: string[], env: Record<string, string> = {}) {
	try {
		const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
			env: { ...process.env, ...env },
			timeout: 60_000
		});
		return { code: 0, stdout, stderr };
	} catch (err) {
		const e = err as { code?: number; stdout?: string; stderr?: string };
		return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
	}
}

describe('stack CLI: a port taken by another process', () => {
	let blocker: Server;
	let port: number;
	let stateDir: string;

	beforeAll(async () => {
		stateDir = await mkdtemp(join(tmpdir(), 'stack-faults-'));
		blocker = createServer();
		await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
		port = (blocker.address() as { port: number }).port;
	});

	afterAll(async () => {
		await new Promise((resolve) => blocker.close(resolve));
		await rm(stateDir, { recursive: true, force: true });
	});

	it('makes `up` fail, naming the service, the port and the log file', async () => {
		const res = await cli(['up'], {
			STACK_DIR: stateDir,
			// Its cluster stays in the throw-away directory (never started: the port is taken).
			STACK_PG_HOME: join(stateDir, 'pg'),
			STACK_PG_PORT: String(port),
			STACK_ENV_FILE: ''
		});
		expect(res.code).not.toBe(0);
		expect(res.stderr).toContain(
			`postgres: port ${port} is already in use by another process (see ${join(stateDir, 'logs', 'postgres.log')})`
		);
	});
});

/** True when nothing can listen on 127.0.0.1:port right now. */
function portInUse(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(true));
		probe.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
			probe.close(() => resolve(false))
		);
	});
}

describe("stack CLI: the Supabase CLI's ports taken by another stack", () => {
	let stateDir: string;
	// This checkout's running stack holds its ports; a second checkout must not need them.
	const env = () => ({
		STACK_DIR: stateDir,
		STACK_PG_HOME: join(stateDir, 'pg'),
		STACK_ENV_FILE: '',
		// no port pinned through the environment, whatever the caller's shell has
		STACK_PG_PORT: '',
		STACK_REST_PORT: '',
		STACK_REST_ADMIN_PORT: '',
		STACK_MAILPIT_PORT: '',
		STACK_SMTP_PORT: '',
		STACK_GATEWAY_PORT: '',
		DATABASE_URL: ''
	});
	const parse = (stdout: string) =>
		Object.fromEntries(
			stdout
				.split('\n')
				.filter((line) => /^[A-Z_]+=/.test(line))
				.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
		);

	beforeAll(async () => {
		stateDir = await mkdtemp(join(tmpdir(), 'stack-ports-'));
	});

	afterAll(async () => {
		await rm(stateDir, { recursive: true, force: true });
	});

	it('moves a new stack to a free block, saves it, and every command then uses it', async () => {
		const runningGateway = new URL(SUPABASE_URL).port;
		const runningPostgres = new URL(DATABASE_URL).port;
		// This checkout's stack may itself run on a moved block: then hold the default port here,
		// so the Supabase CLI's ports are taken whatever else runs on the machine.
		const holder = createServer();
		const held = await new Promise<boolean>((resolve) => {
			holder.once('error', () => resolve(false));
			holder.listen({ port: 54322, host: '127.0.0.1', exclusive: true }, () => resolve(true));
		});

		const res = await cli(['ports'], env()).finally(() => {
			if (held) holder.close();
		});
		expect(res.code).toBe(0);
		expect(res.stdout).toContain("ports: the Supabase CLI's ports are taken by other processes");
		const ports = parse(res.stdout);
		expect(ports.STACK_GATEWAY_PORT).not.toBe(runningGateway);
		expect(ports.STACK_PG_PORT).not.toBe(runningPostgres);
		for (const value of Object.values(ports)) expect(await portInUse(Number(value))).toBe(false);
		// every port moved by the same step
		const step = Number(ports.STACK_PG_PORT) - 54322;
		expect(step % 100).toBe(0);
		expect(Number(ports.STACK_GATEWAY_PORT)).toBe(54321 + step);
		expect(Number(ports.STACK_REST_PORT)).toBe(54331 + step);

		const saved = JSON.parse(await readFile(join(stateDir, 'ports.json'), 'utf8'));
		expect(saved.gateway).toBe(Number(ports.STACK_GATEWAY_PORT));
		const shown = parse((await cli(['env'], env())).stdout);
		expect(shown.SUPABASE_URL).toBe(`http://127.0.0.1:${ports.STACK_GATEWAY_PORT}`);
		expect(shown.DATABASE_URL).toBe(
			`postgresql://postgres@127.0.0.1:${ports.STACK_PG_PORT}/postgres`
		);
	});

	it('chooses ports only while no other checkout is starting a stack on this machine', async () => {
		// Another command (this test process) holds the machine-wide lock: `ports` waits for it.
		const lock = join(tmpdir(), 'city-portal-stack-ports.lock');
		await writeFile(lock, `${process.pid}\n`, { flag: 'wx' });
		let finished = false;
		const waiting = cli(['ports'], env()).then((res) => {
			finished = true;
			return res;
		});
		try {
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(finished).toBe(false);
		} finally {
			await rm(lock, { force: true });
		}
		const res = await waiting;
		expect(res.code).toBe(0);
		expect(res.stdout).toMatch(/^STACK_PG_PORT=\d+$/m);
	});

	it('keeps a port the environment pins, and then saves nothing', async () => {
		const pinnedDir = await mkdtemp(join(tmpdir(), 'stack-pinned-'));
		try {
			const res = await cli(['ports'], {
				...env(),
				STACK_DIR: pinnedDir,
				STACK_PG_HOME: join(pinnedDir, 'pg'),
				STACK_GATEWAY_PORT: new URL(SUPABASE_URL).port
			});
			expect(res.code).toBe(0);
			expect(parse(res.stdout).STACK_GATEWAY_PORT).toBe(new URL(SUPABASE_URL).port);
			expect(parse(res.stdout).STACK_PG_PORT).toBe('54322');
			await expect(readFile(join(pinnedDir, 'ports.json'), 'utf8')).rejects.toThrow();
		} finally {
			await rm(pinnedDir, { recursive: true, force: true });
		}
	});
});

describe('stack CLI: PostgREST stopped and started again', () => {
	afterAll(async () => {
		// leave the stack as we found it even when an assertion failed half-way
		await cli(['start', 'postgrest']);
	});

	it('turns /rest/v1 into a JSON 503 naming PostgREST, and back', async () => {
		expect((await cli(['stop', 'postgrest'])).code).toBe(0);

		const down = await gatewayFetch('/rest/v1/regions?select=slug');
		expect([502, 503]).toContain(down.status);
		expect(down.headers.get('content-type')).toMatch(/^application\/json/);
		expect((await down.json()).message).toMatch(/PostgREST/);

		const status = await cli(['status']);
		expect(status.code).toBe(1);
		expect(status.stdout).toMatch(/^postgrest\s+stopped/m);

		expect((await cli(['start', 'postgrest'])).code).toBe(0);
		const up = await gatewayFetch('/rest/v1/regions?select=slug');
		expect(up.status).toBe(200);
		expect((await cli(['status'])).code).toBe(0);
	});
});
