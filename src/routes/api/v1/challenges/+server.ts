import { json } from '@sveltejs/kit';
import { toSearchParams } from '$lib/domain/challenges/list-params';
import { search } from '$lib/server/search';
import { badRequestJson, OPEN_HEADERS, queryOr400 } from '$lib/server/open-data/params';
import { publicClient } from '$lib/server/db/client';
import { translationsOf } from '$lib/server/open-data/export';
import type { RequestHandler } from './$types';

/** The public list as JSON: same parameters as the home page, paginated. Documented in docs/open-data.md. */
export const GET: RequestHandler = async ({ url }) => {
	let query;
	try {
		query = queryOr400(url);
	} catch (e) {
		return badRequestJson(e);
	}
	const db = publicClient();
	const result = await search(db, query);
	// Every hit with its versions in the portal's languages beside the original (`language`).
	const translations = await translationsOf(
		db,
		result.hits.map((h) => h.id)
	);
	const link = (page: number) =>
		`${url.origin}/api/v1/challenges?${toSearchParams({ ...query, page }).toString()}`.replace(
			/\?$/,
			''
		);
	return json(
		{
			data: result.hits.map((h) => ({ ...h, translations: translations.get(h.id) ?? {} })),
			meta: {
				total: result.total,
				page: result.page,
				pages: result.pages,
				limit: query.limit,
				sort: query.sort,
				engine: result.engine
			},
			facets: result.facets,
			links: {
				self: link(result.page),
				next: result.page < result.pages ? link(result.page + 1) : null,
				// Past the end (page 9999 of 4): back to the last page there is, not to page 9998.
				prev: result.page > 1 ? link(Math.min(result.page - 1, result.pages)) : null
			}
		},
		{ headers: OPEN_HEADERS }
	);
};
