// Insights for hub staff (issue 14, docs/collaboration.md § Insights): one call of
// public.hub_insights() (migration 20261207001100_hub_insights.sql) with the member's own client;
// the database refuses anyone but hub staff (not_hub_staff, PT403).
import { insightsSchema, type Insights } from '$lib/domain/insights/schema';
import type { Db } from '$lib/server/db/client';
import { dataError } from '$lib/server/errors';

/** The numbers of every chart, checked against their shape. */
export async function hubInsights(db: Db): Promise<Insights> {
	const { data, error, status } = await db.rpc('hub_insights');
	if (error !== null) throw dataError(error, status);
	return insightsSchema.parse(data);
}
