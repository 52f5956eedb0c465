import { describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';

vi.mock('$env/dynamic/private', () => ({ env: {} }));
const { createLogger } = await import('$lib/server/log');

function capture() {
	const lines: string[] = [];
	const stream = new Writable({
		write(chunk, _enc, done) {
			lines.push(String(chunk));
			done();
		}
	});
	return { logger: createLogger('info', stream), lines };
}

describe('server log', () => {
	it('writes structured JSON with the request id of a child logger', () => {
		const { logger, lines } = capture();
		logger.child({ requestId: 'r-1' }).info({ path: '/cities', status: 200 }, 'request');
		const entry = JSON.parse(lines[0]!);
		expect(entry).toMatchObject({ requestId: 'r-1', path: '/cities', status: 200, msg: 'request' });
	});

	it('never writes passwords, tokens, cookies or keys, at any depth up to two', () => {
		const { logger, lines } = capture();
		logger.info(
			{
				password: 'hunter2-secret',
				access_token: 'eyJ.secret.token',
				headers: { cookie: 'sb-access-token=secret-cookie', authorization: 'Bearer secret-bearer' },
				req: { body: { password: 'nested-secret' } },
				apikey: 'secret-apikey'
			},
			'attempt'
		);
		const text = lines.join('');
		for (const secret of [
			'hunter2-secret',
			'eyJ.secret.token',
			'secret-cookie',
			'secret-bearer',
			'nested-secret',
			'secret-apikey'
		]) {
			expect(text).not.toContain(secret);
		}
		expect(text).toContain('[redacted]');
	});
});
