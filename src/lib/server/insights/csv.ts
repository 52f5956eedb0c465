import { stringify } from 'csv-stringify/sync';
import type { InsightTable } from '$lib/domain/insights/tables';
import { csvSafe } from '$lib/server/open-data/formats';

/**
 * One insight table as CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read it as UTF-8): the
 * category's code (and a region's name), then the numbers, as on the page. Text cells are made
 * safe from spreadsheet formulas as the open data is (csvSafe: = + - @ get a leading quote);
 * numbers are written as numbers (a negative one is not a formula), an empty cell where there is
 * none.
 */
export function insightCsv(table: InsightTable): string {
	const header = [
		table.category,
		...(table.category === 'region' ? ['region_name'] : []),
		...table.columns
	];
	const records = table.rows.map((row) => [
		csvSafe(row.code),
		...(table.category === 'region' ? [csvSafe(row.name ?? '')] : []),
		...row.values.map((v) => (v === null ? '' : String(v)))
	]);
	return '\uFEFF' + stringify([header, ...records], { eof: true });
}
