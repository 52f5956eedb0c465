import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';

// What the production build writes to its log, read from a server of this spec's own (the suite's
// server keeps its output to itself), started as `npm start` starts it, with a data service
// address where nothing listens: every data page is then a 503.

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

let child: ChildProcess;
let base = '';
const lines: string[] = [];

/** The JSON log lines written so far. */
const entries = () =>
	lines.flatMap((line) => {
		try {
			return [JSON.parse(line) as Record<string, unknown>];
		} catch {
			return [];
		}
	});

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	const port = await freePort();
	const deadUpstream = await freePort();
	base = `http://127.0.0.1:${port}`;
	child = spawn('node', ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			LOG_LEVEL: 'info',
			SUPABASE_URL: `http://127.0.0.1:${deadUpstream}`,
			MEILISEARCH_URL: ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let buffered = '';
	const collect = (chunk: Buffer) => {
		buffered += chunk.toString();
		const complete = buffered.split('\n');
		buffered = complete.pop() ?? '';
		lines.push(...complete);
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	await expect
		.poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status ?? 0, {
			timeout: 20_000
		})
		.toBe(200);
});

test.afterAll(() => {
	child?.kill();
});

test('a POST, PUT, PATCH or DELETE to a page is a 405 with Allow, logged without an error', async ({
	request
}) => {
	const before = lines.length;
	// Pages without form actions (the list and a challenge page have some now: save a search, ask).
	for (const path of ['/about', '/cities', '/cities/sepang']) {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			for (const accept of ['text/html', '*/*']) {
				const res = await request.fetch(`${base}${path}`, {
					method,
					headers: {
						origin: base,
						accept,
						'content-type': 'application/x-www-form-urlencoded'
					},
					data: 'a=b',
					maxRedirects: 0
				});
				expect(res.status(), `${method} ${path} (${accept})`).toBe(405);
				expect(res.headers()['allow'], `${method} ${path}`).toMatch(/^GET\b/);
				expect(res.headers()['allow']).not.toContain(method);
			}
		}
	}
	await expect.poll(() => lines.length - before).toBeGreaterThanOrEqual(24);
	const written = entries().slice(-24);
	expect(written.map((e) => [e.method, e.status, e.level])).toEqual(
		Array.from({ length: 24 }, (_, i) => [
			['POST', 'PUT', 'PATCH', 'DELETE'][(i >> 1) % 4],
			405,
			30
		])
	);
	expect(lines.slice(before).join('\n')).not.toMatch(/"level":50|"stack"/);
});

test('a 503 logs its upstream cause at warn level, with the request id', async ({ request }) => {
	const res = await request.get(`${base}/cities`);
	expect(res.status()).toBe(503);
	const requestId = res.headers()['x-request-id'];
	await expect
		.poll(() => entries().filter((e) => e.requestId === requestId && e.level === 40).length)
		.toBe(1);
	const warning = entries().find((e) => e.requestId === requestId && e.level === 40)!;
	expect(warning).toMatchObject({
		msg: 'data service unavailable',
		upstream: { status: 0, message: expect.stringMatching(/fetch failed/) }
	});
	expect(JSON.stringify(warning.upstream)).toMatch(/ECONNREFUSED/);
	expect(entries().filter((e) => e.requestId === requestId && Number(e.level) >= 50)).toEqual([]);
});
