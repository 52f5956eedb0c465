import { badRequestJson, OPEN_HEADERS, queryOr400 } from '$lib/server/open-data/params';
import { collect, publicChallenges } from '$lib/server/open-data/export';
import { atomFeed } from '$lib/server/open-data/formats';
import { publicClient } from '$lib/server/db/client';
import type { RequestHandler } from './$types';

/** Atom feed of the 50 most recently published challenges and opportunities. */
export const GET: RequestHandler = async ({ url }) => {
	let query;
	try {
		query = queryOr400(url);
	} catch (e) {
		return badRequestJson(e);
	}
	const rows = await collect(
		publicChallenges(publicClient(), query, { order: 'published', max: 50 })
	);
	return new Response(atomFeed(url.origin, rows), {
		headers: { ...OPEN_HEADERS, 'content-type': 'application/atom+xml; charset=utf-8' }
	});
};
