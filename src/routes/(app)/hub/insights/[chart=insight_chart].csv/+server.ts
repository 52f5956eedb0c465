import { insightTable, isInsightChart } from '$lib/domain/insights/tables';
import { insightCsv } from '$lib/server/insights/csv';
import { loadInsights } from '$lib/server/insights/load';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** One chart's numbers as CSV, for hub staff (the same rows as the page's table). */
export const GET: RequestHandler = async (event) => {
	const chart = event.params.chart;
	if (!isInsightChart(chart)) error(404, { message: 'Not found' });
	const table = insightTable(await loadInsights(event), chart);
	return new Response(insightCsv(table), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="insights-${chart}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
