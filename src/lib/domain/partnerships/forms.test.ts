import { describe, expect, it } from 'vitest';
import {
	closeSchema,
	moveSchema,
	nextStepSchema,
	noteSchema,
	ownerSchema,
	parseBoardFilters
} from './forms';

describe('partnership board forms', () => {
	it('a move names known stages; its note is optional', () => {
		expect(moveSchema.safeParse({ stage: 'intro', expected: 'matched' }).success).toBe(true);
		expect(moveSchema.safeParse({ stage: 'won', expected: 'matched' }).success).toBe(false);
		expect(
			moveSchema.safeParse({ stage: 'intro', expected: 'matched', note: 'x'.repeat(2001) }).success
		).toBe(false);
	});

	it('closing needs a reason', () => {
		expect(closeSchema.safeParse({ expected: 'pilot', reason: '   ' }).success).toBe(false);
		expect(closeSchema.safeParse({ expected: 'pilot', reason: 'No budget' }).success).toBe(true);
	});

	it('a due date needs a step, and a real date', () => {
		const r = nextStepSchema.safeParse({ next_step: '', due: '2026-12-24' });
		expect(r.success).toBe(false);
		expect(r.error?.issues[0]?.path).toEqual(['next_step']);
		expect(nextStepSchema.safeParse({ next_step: 'Call', due: '24/12/2026' }).success).toBe(false);
		expect(nextStepSchema.safeParse({ next_step: 'Call', due: '' }).success).toBe(true);
		expect(nextStepSchema.safeParse({ next_step: '', due: '' }).success).toBe(true);
	});

	it('owner and note', () => {
		expect(ownerSchema.safeParse({ owner: '' }).success).toBe(true);
		expect(ownerSchema.safeParse({ owner: 'nobody' }).success).toBe(false);
		expect(noteSchema.safeParse({ note: ' ' }).success).toBe(false);
	});

	it('filters keep only values that make sense', () => {
		const id = '00000000-0000-4000-8000-000000000001';
		expect(
			parseBoardFilters(new URLSearchParams(`city=${id}&domain=mobility&stage=pilot&owner=none`))
		).toEqual({
			city: id,
			domain: 'mobility',
			stage: 'pilot',
			owner: 'none'
		});
		expect(
			parseBoardFilters(new URLSearchParams('city=x&domain=space&stage=won&owner=me'))
		).toEqual({
			city: null,
			domain: null,
			stage: null,
			owner: null
		});
	});
});
