// Failure modes of the local stack CLI: a taken port is named, and the gateway answers a clear
// JSON error while PostgREST is down and recovers when it is back.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayFetch } from './helpers/stack';

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
