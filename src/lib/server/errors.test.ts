import { afterEach, describe, expect, it, vi } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { log } from './log';
import { unavailableOr, upstreamCause } from './errors';

function thrown(fn: () => unknown) {
	try {
		fn();
	} catch (e) {
		return e;
	}
	throw new Error('did not throw');
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('unavailableOr', () => {
	it.each([
		[{ message: 'TypeError: fetch failed' }, 0],
		[{ message: 'postgrest: upstream unavailable' }, 503],
		[{ message: 'Bad gateway' }, 502],
		[{ message: 'Could not connect', code: 'PGRST001' }, 503]
	])('turns an outage (%o, HTTP %i) into a 503', (err, status) => {
		vi.spyOn(log, 'warn').mockImplementation(() => undefined);
		const e = thrown(() => unavailableOr(err, status));
		expect(isHttpError(e, 503)).toBe(true);
	});

	it('logs the upstream cause of every 503 at warn level', () => {
		const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
		thrown(() =>
			unavailableOr(
				{
					message: 'TypeError: fetch failed',
					details:
						'TypeError: fetch failed\n\nCaused by: Error: connect ECONNREFUSED 127.0.0.1:54321',
					hint: '',
					code: ''
				},
				0
			)
		);
		thrown(() =>
			unavailableOr(
				{ message: 'rest (PostgREST) is not running', code: 'upstream_unavailable' },
				503
			)
		);
		expect(warn).toHaveBeenCalledTimes(2);
		expect(warn.mock.calls[0]).toEqual([
			{
				upstream: {
					status: 0,
					message: 'TypeError: fetch failed',
					details: expect.stringContaining('ECONNREFUSED 127.0.0.1:54321')
				}
			},
			'data service unavailable'
		]);
		expect(warn.mock.calls[1]![0]).toEqual({
			upstream: {
				status: 503,
				code: 'upstream_unavailable',
				message: 'rest (PostgREST) is not running'
			}
		});
	});

	it('rethrows anything else as a bug, not a 503, and logs no outage', () => {
		const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
		const e = thrown(() =>
			unavailableOr({ message: 'column "x" does not exist', code: '42703' }, 400)
		);
		expect(isHttpError(e)).toBe(false);
		expect(String(e)).toContain('42703');
		expect(warn).not.toHaveBeenCalled();
	});
});

describe('upstreamCause', () => {
	it('names a thrown network error and its cause', () => {
		const err = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
		expect(upstreamCause(err)).toEqual({
			error: 'TypeError: fetch failed',
			cause: 'Error: connect ECONNREFUSED'
		});
	});
});
