import { badRequestJson, OPEN_HEADERS, queryOr400 } from '$lib/server/open-data/params';
import { collect, publicChallenges } from '$lib/server/open-data/export';
import { icsCalendar } from '$lib/server/open-data/formats';
import { publicClient } from '$lib/server/db/client';
import type { RequestHandler } from './$types';

/** Upcoming deadlines of open challenges as an iCalendar feed (subscribe from any calendar app). */
export const GET: RequestHandler = async ({ url }) => {
	let query;
	try {
		query = queryOr400(url);
	} catch (e) {
		return badRequestJson(e);
	}
	const rows = await collect(
		publicChallenges(
			publicClient(),
			{ ...query, status: query.status.length ? query.status : ['open'] },
			{ order: 'deadline', upcomingOnly: true, max: 5000 }
		)
	);
	return new Response(icsCalendar(url.origin, rows), {
		headers: {
			...OPEN_HEADERS,
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="challenges.ics"'
		}
	});
};
