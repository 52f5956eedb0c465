import { badRequestJson, OPEN_HEADERS, queryOr400 } from '$lib/server/open-data/params';
import { publicChallenges } from '$lib/server/open-data/export';
import { csvRows } from '$lib/server/open-data/formats';
import { publicClient } from '$lib/server/db/client';
import type { RequestHandler } from './$types';

/** The public list as CSV (UTF-8 with BOM so spreadsheets read non-Latin text), streamed in batches. */
export const GET: RequestHandler = async ({ url }) => {
	let query;
	try {
		query = queryOr400(url);
	} catch (e) {
		return badRequestJson(e);
	}
	const batches = publicChallenges(publicClient(), query);
	// Read the first batch before answering, so an outage becomes a 503 and not a truncated file.
	const first = await batches.next();
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(
				encoder.encode('\uFEFF' + csvRows(url.origin, first.done ? [] : first.value, true))
			);
		},
		async pull(controller) {
			const next = await batches.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(csvRows(url.origin, next.value, false)));
		}
	});
	return new Response(body, {
		headers: {
			...OPEN_HEADERS,
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="challenges.csv"'
		}
	});
};
