import { describe, expect, it } from 'vitest';
import { MAX_PER_PAGE, MAX_QUERY_LENGTH, toSearchParams } from '$lib/domain/challenges/list-params';
import { parseSearchParams } from '$lib/domain/challenges/search-query';

const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs));

describe('search parameters', () => {
	it('refuses an unknown domain, naming the parameter', () => {
		const r = parse('domain=space');
		expect(r.success).toBe(false);
		expect(r.error?.issues[0]?.path[0]).toBe('domain');
	});

	it('clamps page and limit instead of failing', () => {
		const r = parse('page=-1&limit=100000');
		expect(r.success && r.data.page).toBe(1);
		expect(r.success && r.data.limit).toBe(MAX_PER_PAGE);
	});

	it('refuses a page that is not a number', () => {
		expect(parse('page=abc').success).toBe(false);
	});

	it('cuts a 10 KB query and removes control characters such as NUL', () => {
		const long = parse(`q=${'flood '.repeat(1700)}`);
		expect(long.success && long.data.q.length).toBe(MAX_QUERY_LENGTH);
		const nul = parse('q=a%00b%07c');
		expect(nul.success && nul.data.q).toBe('a b c');
	});

	it('accepts repeated keys and comma lists, deduplicated', () => {
		const r = parse('domain=mobility,utilities&domain=mobility');
		expect(r.success && r.data.domain).toEqual(['mobility', 'utilities']);
	});

	it('round-trips through the canonical URL', () => {
		const r = parse('q=flood&region=europe&domain=utilities,mobility&page=2&sort=newest');
		expect(r.success).toBe(true);
		if (!r.success) return;
		const again = parseSearchParams(toSearchParams(r.data));
		expect(again.success).toBe(true);
		if (!again.success) return;
		// Same search (value order is canonicalised).
		expect(toSearchParams(again.data).toString()).toBe(toSearchParams(r.data).toString());
		expect(again.data.domain.toSorted()).toEqual(r.data.domain.toSorted());
		expect(toSearchParams(r.data).toString()).toBe(
			'q=flood&domain=mobility&domain=utilities&region=europe&sort=newest&page=2'
		);
	});

	describe('the budget range in USD', () => {
		it('reads whole dollars; an empty field means no bound', () => {
			const r = parse('min_usd=100000&max_usd=');
			expect(r.success && r.data.min_usd).toBe(100000);
			expect(r.success && r.data.max_usd).toBeUndefined();
		});

		it('swaps reversed bounds rather than refusing them', () => {
			const r = parse('min_usd=500000&max_usd=100000');
			expect(r.success && [r.data.min_usd, r.data.max_usd]).toEqual([100000, 500000]);
		});

		it('refuses words, fractions and negative amounts, naming the parameter', () => {
			for (const qs of ['min_usd=lots', 'max_usd=10.5', 'min_usd=-1', 'max_usd=1e13']) {
				const r = parse(qs);
				expect(r.success, qs).toBe(false);
				expect(r.error?.issues[0]?.path[0], qs).toBe(qs.split('=')[0]);
			}
		});

		it('accepts the budget order', () => {
			const r = parse('sort=budget');
			expect(r.success && r.data.sort).toBe('budget');
		});

		it('round-trips through the canonical URL', () => {
			const r = parse('sort=budget&max_usd=250000&min_usd=50000&domain=mobility');
			expect(r.success).toBe(true);
			if (!r.success) return;
			expect(toSearchParams(r.data).toString()).toBe(
				'domain=mobility&min_usd=50000&max_usd=250000&sort=budget'
			);
		});
	});
});
