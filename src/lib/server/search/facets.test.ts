import { describe, expect, it } from 'vitest';
import { searchQuerySchema } from '$lib/domain/challenges/search-query';
import { MAX_FACET_VALUES, finishFacets } from '$lib/server/search/facets';

describe('finishFacets', () => {
	it('sorts by count then label, drops zeros and keeps selected values', () => {
		const query = searchQuerySchema.parse({ city: ['nowhere'] });
		const facets = finishFacets(
			{
				domain: [
					{ value: 'utilities', label: 'utilities', count: 2 },
					{ value: 'mobility', label: 'mobility', count: 5 },
					{ value: 'environment', label: 'environment', count: 2 },
					{ value: 'technologies', label: 'technologies', count: 0 }
				],
				city: [{ value: 'lisbon', label: 'Lisbon', count: 1 }]
			},
			query
		);
		expect(facets.domain.map((v) => v.value)).toEqual(['mobility', 'environment', 'utilities']);
		expect(facets.city).toEqual([
			{ value: 'lisbon', label: 'Lisbon', count: 1 },
			{ value: 'nowhere', label: 'nowhere', count: 0 }
		]);
		expect(facets.kind).toEqual([]);
		expect(Object.keys(facets).sort()).toEqual([
			'city',
			'domain',
			'kind',
			'priority',
			'region',
			'status'
		]);
	});

	it('keeps at most MAX_FACET_VALUES values', () => {
		const many = Array.from({ length: MAX_FACET_VALUES + 20 }, (_, i) => ({
			value: `c-${i}`,
			label: `C ${i}`,
			count: i + 1
		}));
		const facets = finishFacets({ city: many }, searchQuerySchema.parse({}));
		expect(facets.city).toHaveLength(MAX_FACET_VALUES);
		expect(facets.city[0]?.count).toBe(MAX_FACET_VALUES + 20);
	});
});
