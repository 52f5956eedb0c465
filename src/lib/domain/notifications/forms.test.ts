import { describe, expect, it } from 'vitest';
import { answerSchema, askSchema, deliverySchema, saveSearchSchema } from './forms';

describe('the question and notification forms', () => {
	it('a question is 10 to 2000 characters after trimming, as the database says', () => {
		expect(askSchema.safeParse({ body: '  Why not?  ' }).success).toBe(false);
		expect(askSchema.safeParse({ body: 'Which sensors?' }).data?.body).toBe('Which sensors?');
		expect(askSchema.safeParse({ body: 'x'.repeat(2000) }).success).toBe(true);
		const long = askSchema.safeParse({ body: 'x'.repeat(2001) });
		expect(long.success).toBe(false);
		expect(long.error?.issues[0]?.message).toBe('Write your question in 10 to 2000 characters.');
	});

	it('an answer is 2 to 5000 characters and names a question', () => {
		const id = '7f7c2b3a-1d2e-4f5a-8b9c-0d1e2f3a4b5c';
		expect(answerSchema.safeParse({ id, answer: 'No' }).success).toBe(true);
		expect(answerSchema.safeParse({ id, answer: ' x ' }).success).toBe(false);
		expect(answerSchema.safeParse({ id, answer: 'x'.repeat(5001) }).success).toBe(false);
		expect(answerSchema.safeParse({ id: 'not-an-id', answer: 'Fine' }).success).toBe(false);
	});

	it('a saved search needs a name of at most 100 characters', () => {
		expect(saveSearchSchema.safeParse({ name: '   ', query: '' }).success).toBe(false);
		expect(saveSearchSchema.safeParse({ name: 'x'.repeat(101), query: '' }).success).toBe(false);
		expect(saveSearchSchema.safeParse({ name: 'Leaks', query: 'q=leak' }).data).toEqual({
			name: 'Leaks',
			query: 'q=leak'
		});
		expect(saveSearchSchema.safeParse({ name: 'Long', query: 'q='.repeat(1001) }).success).toBe(
			false
		);
	});

	it('delivery is immediate, daily or off', () => {
		for (const d of ['immediate', 'daily', 'off'])
			expect(deliverySchema.safeParse({ delivery: d }).success).toBe(true);
		expect(deliverySchema.safeParse({ delivery: 'hourly' }).success).toBe(false);
	});
});

describe('ids', () => {
	it('takes the seed’s md5-based ids as well as random ones', async () => {
		const { idSchema } = await import('./forms');
		expect(idSchema.safeParse({ id: 'c4ca4238-a0b9-2382-0dcc-509a6f75849b' }).success).toBe(true);
		expect(idSchema.safeParse({ id: 'nope' }).success).toBe(false);
	});
});
