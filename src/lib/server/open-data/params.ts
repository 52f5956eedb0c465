import { error, isHttpError, json } from '@sveltejs/kit';
import { parseSearchParams, type SearchQuery } from '$lib/domain/challenges/search-query';
import { describeParamProblems } from '$lib/domain/param-problems';
import { PUBLIC_CACHE_CONTROL } from '$lib/server/http-cache';

/** Parses the list's URL parameters for a machine endpoint; answers 400 JSON naming each bad parameter. */
export function queryOr400(url: URL): SearchQuery {
	const parsed = parseSearchParams(url.searchParams);
	if (!parsed.success) {
		error(400, {
			message: `Bad parameter: ${describeParamProblems(url.searchParams, parsed.error.issues)}`,
			code: 'bad_request'
		});
	}
	return parsed.data;
}

export function badRequestJson(e: unknown) {
	if (isHttpError(e, 400)) {
		// Not cached: the message is in the caller's language (cookie or Accept-Language).
		return json(
			{ error: e.body.message },
			{ status: 400, headers: { ...OPEN_HEADERS, 'cache-control': 'no-store' } }
		);
	}
	throw e;
}

/** Public data may be read from any origin; built with the anon client only, so a shared cache never holds anything private. */
export const OPEN_HEADERS = {
	'access-control-allow-origin': '*',
	'cache-control': PUBLIC_CACHE_CONTROL
};
