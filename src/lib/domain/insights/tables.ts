/**
 * The insights as tables: one per chart, the same rows for the page's table, its chart and its
 * CSV file, so the three cannot disagree. Zod-free (the page imports it).
 */
import type { Insights } from './schema';

/** The charts, by the name their CSV file has (/hub/insights/<chart>.csv). */
export const INSIGHT_CHARTS = [
	'challenges-by-domain',
	'challenges-by-region',
	'proposals-per-challenge',
	'time-to-first-proposal',
	'shortlist-rate',
	'pipeline',
	'deployments'
] as const;
export type InsightChart = (typeof INSIGHT_CHARTS)[number];

export function isInsightChart(value: string): value is InsightChart {
	return (INSIGHT_CHARTS as readonly string[]).includes(value);
}

/** What each row is about: a domain, a region, a number of proposals, a stage, a month. */
export type CategoryKind = 'domain' | 'region' | 'proposals' | 'stage' | 'month';

export interface InsightRow {
	/** The category's code (domain, region slug, 0…5 proposals, stage, YYYY-MM, or 'all'). */
	code: string;
	/** The region's name from the database (other categories are worded by the page). */
	name?: string;
	/** One number per column of `columns`; null where there is none (no median, no rate). */
	values: (number | null)[];
}

export interface InsightTable {
	chart: InsightChart;
	category: CategoryKind;
	/** The value columns' names, as the CSV header has them after the category. */
	columns: string[];
	rows: InsightRow[];
	/** The column the chart draws (rows with null there are left out of the drawing). */
	plotted: number;
	/** Bars along the x axis (categories on the y axis) or upright. */
	orientation: 'horizontal' | 'vertical';
}

/** The seven tables, in the page's order. */
export function insightTables(ins: Insights): InsightTable[] {
	return [
		{
			chart: 'challenges-by-domain',
			category: 'domain',
			columns: ['challenges'],
			rows: ins.challenges_by_domain.map((r) => ({ code: r.domain, values: [r.challenges] })),
			plotted: 0,
			orientation: 'horizontal'
		},
		{
			chart: 'challenges-by-region',
			category: 'region',
			columns: ['challenges'],
			rows: ins.challenges_by_region.map((r) => ({
				code: r.region,
				name: r.name,
				values: [r.challenges]
			})),
			plotted: 0,
			orientation: 'horizontal'
		},
		{
			chart: 'proposals-per-challenge',
			category: 'proposals',
			columns: ['challenges'],
			rows: ins.proposals_per_challenge.map((r) => ({
				code: r.proposals >= 5 ? '5+' : String(r.proposals),
				values: [r.challenges]
			})),
			plotted: 0,
			orientation: 'vertical'
		},
		{
			chart: 'time-to-first-proposal',
			category: 'domain',
			columns: ['median_days', 'challenges_measured'],
			rows: ins.time_to_first_proposal.map((r) => ({
				code: r.domain,
				values: [r.median_days, r.challenges]
			})),
			plotted: 0,
			orientation: 'horizontal'
		},
		{
			chart: 'shortlist-rate',
			category: 'domain',
			columns: ['rate_percent', 'shortlisted_or_selected', 'decided', 'submitted'],
			rows: ins.shortlist_rate.map((r) => ({
				code: r.domain,
				values: [r.rate, r.shortlisted, r.decided, r.submitted]
			})),
			plotted: 0,
			orientation: 'horizontal'
		},
		{
			chart: 'pipeline',
			category: 'stage',
			columns: ['partnerships'],
			rows: ins.pipeline.map((r) => ({ code: r.stage, values: [r.partnerships] })),
			plotted: 0,
			orientation: 'horizontal'
		},
		{
			chart: 'deployments',
			category: 'month',
			columns: ['deployments'],
			rows: ins.deployments.map((r) => ({ code: r.month, values: [r.deployments] })),
			plotted: 0,
			orientation: 'vertical'
		}
	];
}

/** The table of one chart. */
export function insightTable(ins: Insights, chart: InsightChart): InsightTable {
	const table = insightTables(ins).find((t) => t.chart === chart);
	if (!table) throw new Error(`no insight table ${chart}`);
	return table;
}

/** The rows the chart draws: those with a number in the plotted column. */
export function plotted(table: InsightTable): { row: InsightRow; value: number }[] {
	return table.rows.flatMap((row) => {
		const value = row.values[table.plotted];
		return value === null || value === undefined ? [] : [{ row, value }];
	});
}
