import { error, type RequestEvent } from '@sveltejs/kit';
import type { Insights } from '$lib/domain/insights/schema';
import { m } from '$lib/paraglide/messages.js';
import { requireHubStaff } from '$lib/server/auth/guard';
import { hubInsights } from '$lib/server/db/insights';
import { DataError, throwHttp } from '$lib/server/errors';

/**
 * The insights for the page and its CSV files: signed in (else to sign-in), hub staff (else 403,
 * also when the database refuses: not_hub_staff), then the one call.
 */
export async function loadInsights(event: RequestEvent): Promise<Insights> {
	const { db } = await requireHubStaff(event);
	try {
		return await hubInsights(db);
	} catch (e) {
		if (e instanceof DataError && e.kind === 'forbidden') {
			error(403, { message: m.hub_forbidden() });
		}
		if (e instanceof DataError) throwHttp(e);
		throw e;
	}
}
