import { insightTables } from '$lib/domain/insights/tables';
import { loadInsights } from '$lib/server/insights/load';
import type { PageServerLoad } from './$types';

/** Hub staff only: the numbers of each chart as tables (the same rows as the CSV files). */
export const load: PageServerLoad = async (event) => {
	return { tables: insightTables(await loadInsights(event)) };
};
