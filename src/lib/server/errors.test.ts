import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { unavailableOr } from './errors';

function thrown(fn: () => unknown) {
	try {
		fn();
	} catch (e) {
		return e;
	}
	throw new Error('did not throw');
}

describe('unavailableOr', () => {
	it.each([
		[{ message: 'TypeError: fetch failed' }, 0],
		[{ message: 'postgrest: upstream unavailable' }, 503],
		[{ message: 'Bad gateway' }, 502],
		[{ message: 'Could not connect', code: 'PGRST001' }, 503]
	])('turns an outage (%o, HTTP %i) into a 503', (err, status) => {
		const e = thrown(() => unavailableOr(err, status));
		expect(isHttpError(e, 503)).toBe(true);
	});

	it('rethrows anything else as a bug, not a 503', () => {
		const e = thrown(() =>
			unavailableOr({ message: 'column "x" does not exist', code: '42703' }, 400)
		);
		expect(isHttpError(e)).toBe(false);
		expect(String(e)).toContain('42703');
	});
});
