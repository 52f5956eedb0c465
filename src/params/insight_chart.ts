import type { ParamMatcher } from '@sveltejs/kit';
import { isInsightChart } from '$lib/domain/insights/tables';

/** One of the insights page's charts (its CSV file's name). */
export const match: ParamMatcher = (param) => isInsightChart(param);
