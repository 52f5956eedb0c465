import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { InsightTable } from '$lib/domain/insights/tables';
import { insightCsv } from './csv';

const regions: InsightTable = {
	chart: 'challenges-by-region',
	category: 'region',
	columns: ['challenges'],
	rows: [
		{ code: 'europe', name: 'Europe, "old" and new', values: [12] },
		{ code: 'east-asia', name: '=HYPERLINK("http://x")', values: [5] },
		{ code: 'oceania', name: 'Line one\nline two', values: [0] },
		{ code: 'africa', name: '@SUM(A1)', values: [3] },
		{ code: 'south-asia', name: '+1', values: [1] },
		{ code: 'middle-east', name: '-1', values: [2] }
	],
	plotted: 0,
	orientation: 'horizontal'
};

describe('insightCsv', () => {
	it('starts with a BOM and a header of the category and the columns', () => {
		const csv = insightCsv(regions);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.slice(1).split('\r\n')[0] ?? csv.slice(1).split('\n')[0]).toMatch(
			/^region,region_name,challenges/
		);
	});

	it('quotes commas, quotes and newlines so a parser reads the cells back', () => {
		const rows: string[][] = parse(insightCsv(regions).slice(1));
		expect(rows[0]).toEqual(['region', 'region_name', 'challenges']);
		expect(rows[1]).toEqual(['europe', 'Europe, "old" and new', '12']);
		expect(rows[3]).toEqual(['oceania', 'Line one\nline two', '0']);
	});

	it('neutralises cells starting with = + - @ (formula injection)', () => {
		const rows: string[][] = parse(insightCsv(regions).slice(1));
		expect(rows[2]?.[1]).toBe(`'=HYPERLINK("http://x")`);
		expect(rows[4]?.[1]).toBe(`'@SUM(A1)`);
		expect(rows[5]?.[1]).toBe(`'+1`);
		expect(rows[6]?.[1]).toBe(`'-1`);
	});

	it('writes numbers as numbers (a negative one too) and nothing where there is none', () => {
		const table: InsightTable = {
			chart: 'time-to-first-proposal',
			category: 'domain',
			columns: ['median_days', 'challenges_measured'],
			rows: [
				{ code: 'technologies', values: [40.5, 3] },
				{ code: 'mobility', values: [null, 0] },
				{ code: 'utilities', values: [-1.5, 1] }
			],
			plotted: 0,
			orientation: 'horizontal'
		};
		const rows: string[][] = parse(insightCsv(table).slice(1));
		expect(rows).toEqual([
			['domain', 'median_days', 'challenges_measured'],
			['technologies', '40.5', '3'],
			['mobility', '', '0'],
			['utilities', '-1.5', '1']
		]);
	});
});
