import { describe, expect, it } from 'vitest';
import { searchQuerySchema } from '$lib/domain/challenges/search-query';
import { activeFacets, budgetFilter, buildFilter, quote } from '$lib/server/search/filters';

const q = (input: Record<string, unknown>) => searchQuerySchema.parse(input);

describe('quote', () => {
	it('wraps in double quotes', () => {
		expect(quote('mobility')).toBe('"mobility"');
	});
	it('escapes double quotes and backslashes', () => {
		expect(quote('a"b')).toBe('"a\\"b"');
		expect(quote('a\\b')).toBe('"a\\\\b"');
		expect(quote('\\"')).toBe('"\\\\\\""');
	});
	it('keeps an injection attempt inside the literal', () => {
		const literal = quote('x" OR status = "draft');
		expect(literal).toBe('"x\\" OR status = \\"draft"');
		// the only unescaped quotes are the outer ones
		expect(literal.replace(/\\./g, '').match(/"/g)).toHaveLength(2);
	});
});

const PUBLIC = 'status IN ["archived", "decided", "in_review", "open"]';

describe('buildFilter', () => {
	it('always keeps to public statuses, even without filters', () => {
		expect(buildFilter(q({ q: 'flood' }))).toBe(PUBLIC);
		expect(buildFilter(q({ q: 'flood' }))).not.toMatch(/draft|withdrawn/);
	});
	it('ORs values of one facet with IN, sorted', () => {
		expect(buildFilter(q({ domain: ['utilities', 'mobility'] }))).toBe(
			`domain IN ["mobility", "utilities"] AND ${PUBLIC}`
		);
	});
	it('ANDs facets in a stable order and maps priority to its attribute', () => {
		expect(
			buildFilter(
				q({
					priority: ['smart-governance'],
					city: ['lisbon'],
					domain: ['mobility'],
					region: ['europe'],
					kind: ['opportunity'],
					status: ['open', 'decided']
				})
			)
		).toBe(
			`domain IN ["mobility"] AND region IN ["europe"] AND city IN ["lisbon"] AND kind IN ["opportunity"] AND status IN ["decided", "open"] AND priority_areas IN ["smart-governance"] AND ${PUBLIC}`
		);
	});
	it('leaves out one facet for its own counts', () => {
		const query = q({ domain: ['mobility'], region: ['europe'] });
		expect(buildFilter(query, 'domain')).toBe(`region IN ["europe"] AND ${PUBLIC}`);
		expect(buildFilter(query, 'region')).toBe(`domain IN ["mobility"] AND ${PUBLIC}`);
		expect(buildFilter(q({ domain: ['mobility'] }), 'domain')).toBe(PUBLIC);
		// The status facet's own counts still never include drafts or withdrawn challenges.
		expect(buildFilter(q({ status: ['open'] }), 'status')).toBe(PUBLIC);
	});
	it('lists the active facets', () => {
		expect(activeFacets(q({ kind: ['challenge'], city: ['a-b'] }))).toEqual(['city', 'kind']);
		expect(activeFacets(q({}))).toEqual([]);
	});
});

describe('budget range', () => {
	it('asks for an overlap of the ranges in USD', () => {
		expect(budgetFilter(q({ min_usd: 100000, max_usd: 500000 }))).toEqual([
			'budget_usd_high >= 100000',
			'budget_usd_low <= 500000'
		]);
		expect(budgetFilter(q({ min_usd: 0 }))).toEqual(['budget_usd_high >= 0']);
		expect(budgetFilter(q({}))).toEqual([]);
	});
	it("narrows every query of a search, each facet's own counts too", () => {
		const query = q({ domain: ['mobility'], max_usd: 250000 });
		expect(buildFilter(query)).toBe(
			`domain IN ["mobility"] AND budget_usd_low <= 250000 AND ${PUBLIC}`
		);
		expect(buildFilter(query, 'domain')).toBe(`budget_usd_low <= 250000 AND ${PUBLIC}`);
	});
	it('cannot be turned into another filter: the bounds are numbers', () => {
		expect(() => q({ min_usd: '1 OR status = "draft"' })).toThrow();
	});
});
