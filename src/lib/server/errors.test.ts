import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { dataError, dataOrThrow, fieldErrors, throwHttp, type DataError } from '$lib/server/errors';

function thrown(fn: () => unknown) {
	try {
		fn();
	} catch (e) {
		return e;
	}
	throw new Error('did not throw');
}

describe('dataError', () => {
	it.each([
		[{ message: 'TypeError: fetch failed' }, 0],
		[{ message: 'postgrest: upstream unavailable' }, 503],
		[{ message: 'Bad gateway' }, 502],
		[{ message: 'Could not connect', code: 'PGRST001' }, 503],
		[{ message: 'canceling statement due to statement timeout', code: '57014' }, 500]
	])('calls an outage (%o, HTTP %i) unavailable: a 503', (err, status) => {
		const e = dataError(err, status);
		expect(e.kind).toBe('unavailable');
		expect(
			isHttpError(
				thrown(() => throwHttp(e)),
				503
			)
		).toBe(true);
	});

	it('calls a missing row not found: a 404', () => {
		const e = dataError(
			{ code: 'PGRST116', message: 'JSON object requested, multiple (or no) rows returned' },
			406
		);
		expect(e.kind).toBe('not_found');
		expect(
			isHttpError(
				thrown(() => throwHttp(e)),
				404
			)
		).toBe(true);
	});

	it.each([
		['PT400', 'Regular expression filters (match, imatch) are not available without signing in.'],
		['P0001', 'illegal challenge status transition: decided → open'],
		['22023', 'search parameters too large'],
		[
			'23514',
			'new row for relation "challenges" violates check constraint "challenges_title_length"'
		],
		['23505', 'duplicate key value violates unique constraint "challenges_slug_key"']
	])('calls %s a bad request: a 400 without the database wording', (code, message) => {
		const e = dataError({ code, message }, 400);
		expect(['bad_request', 'conflict']).toContain(e.kind);
		const http = thrown(() => throwHttp(e));
		expect(isHttpError(http, 400)).toBe(true);
		expect(JSON.stringify(http)).not.toContain(message);
	});

	it('rethrows anything else as a bug, not an HTTP answer', () => {
		const e = dataError({ message: 'column "x" does not exist', code: '42703' }, 400);
		expect(e.kind).toBe('bug');
		const again = thrown(() => throwHttp(e));
		expect(isHttpError(again)).toBe(false);
		expect(String(again)).toContain('42703');
	});
});

describe('dataOrThrow', () => {
	it('returns the data of a success', () => {
		expect(dataOrThrow({ data: [1, 2], error: null, status: 200 })).toEqual([1, 2]);
		expect(dataOrThrow({ data: null, error: null, status: 200 })).toBeNull();
	});

	it('throws the HTTP answer of a failure', () => {
		const e = thrown(() =>
			dataOrThrow({ data: null, error: { message: 'fetch failed' }, status: 0 })
		);
		expect(isHttpError(e, 503)).toBe(true);
	});
});

describe('fieldErrors', () => {
	const fields = ['slug', 'title', 'name', 'name_zh', 'city_id', 'budget_max'] as const;
	const err = (code: string, message: string, details: string | null = null): DataError =>
		dataError({ code, message, details }, 400);

	it('names the field of a check constraint (the longest matching column)', () => {
		expect(
			fieldErrors(
				err(
					'23514',
					'new row for relation "challenges" violates check constraint "challenges_title_length"'
				),
				fields
			)
		).toEqual({ title: 'invalid' });
		expect(
			fieldErrors(
				err(
					'23514',
					'new row for relation "cities" violates check constraint "cities_name_zh_length"'
				),
				fields
			)
		).toEqual({ name_zh: 'invalid' });
	});

	it('names the field of a unique, not-null or foreign key violation', () => {
		expect(
			fieldErrors(
				err(
					'23505',
					'duplicate key value violates unique constraint "challenges_slug_key"',
					'Key (slug)=(x) already exists.'
				),
				fields
			)
		).toEqual({ slug: 'taken' });
		expect(
			fieldErrors(
				err(
					'23502',
					'null value in column "title" of relation "challenges" violates not-null constraint'
				),
				fields
			)
		).toEqual({ title: 'required' });
		expect(
			fieldErrors(
				err(
					'23503',
					'insert or update on table "challenges" violates foreign key constraint "challenges_city_id_fkey"',
					'Key (city_id)=(…) is not present in table "cities".'
				),
				fields
			)
		).toEqual({ city_id: 'unknown_reference' });
	});

	it('names nothing the form does not have, nor a rule about no field', () => {
		expect(
			fieldErrors(
				err(
					'23514',
					'new row for relation "challenges" violates check constraint "challenges_budget_range"'
				),
				fields
			)
		).toEqual({});
		expect(
			fieldErrors(err('P0001', 'illegal challenge status transition: decided → open'), fields)
		).toEqual({});
	});
});
