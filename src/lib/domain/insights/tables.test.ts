import { describe, expect, it } from 'vitest';
import type { Insights } from './schema';
import { INSIGHT_CHARTS, insightTable, insightTables, isInsightChart, plotted } from './tables';

const insights: Insights = {
	challenges_by_domain: [
		{ domain: 'technologies', challenges: 3 },
		{ domain: 'mobility', challenges: 0 }
	],
	challenges_by_region: [{ region: 'europe', name: 'Europe', challenges: 2 }],
	proposals_per_challenge: [
		{ proposals: 0, challenges: 4 },
		{ proposals: 5, challenges: 1 }
	],
	time_to_first_proposal: [
		{ domain: 'technologies', challenges: 2, median_days: 12.5 },
		{ domain: 'mobility', challenges: 0, median_days: null }
	],
	shortlist_rate: [
		{ domain: 'technologies', submitted: 3, decided: 2, shortlisted: 1, rate: 50 },
		{ domain: 'all', submitted: 3, decided: 0, shortlisted: 0, rate: null }
	],
	pipeline: [{ stage: 'matched', partnerships: 2 }],
	deployments: [{ month: '2026-11', deployments: 1 }]
};

describe('insight tables', () => {
	it('one table per chart, in the page order, each named as its CSV file', () => {
		expect(insightTables(insights).map((t) => t.chart)).toEqual([...INSIGHT_CHARTS]);
		expect(isInsightChart('pipeline')).toBe(true);
		expect(isInsightChart('pipeline.csv')).toBe(false);
	});

	it('keeps every number and puts "5+" on the last bucket', () => {
		expect(insightTable(insights, 'proposals-per-challenge').rows).toEqual([
			{ code: '0', values: [4] },
			{ code: '5+', values: [1] }
		]);
		expect(insightTable(insights, 'shortlist-rate').rows[0]).toEqual({
			code: 'technologies',
			values: [50, 1, 2, 3]
		});
		expect(insightTable(insights, 'challenges-by-region').rows).toEqual([
			{ code: 'europe', name: 'Europe', values: [2] }
		]);
	});

	it('draws only the rows with a number in the plotted column', () => {
		const ttfp = insightTable(insights, 'time-to-first-proposal');
		expect(plotted(ttfp).map((p) => [p.row.code, p.value])).toEqual([['technologies', 12.5]]);
		expect(plotted(insightTable(insights, 'shortlist-rate')).map((p) => p.row.code)).toEqual([
			'technologies'
		]);
	});
});
