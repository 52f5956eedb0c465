import { error, isHttpError, json } from '@sveltejs/kit';
import { parseSearchParams, type SearchQuery } from '$lib/domain/challenges/schema';

/** Parses the list's URL parameters for a machine endpoint; answers 400 JSON naming each bad parameter. */
export function queryOr400(url: URL): SearchQuery {
	const parsed = parseSearchParams(url.searchParams);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => ({
			parameter: String(i.path[0] ?? ''),
			message: i.message
		}));
		error(400, {
			message: `Bad parameter: ${problems.map((p) => `${p.parameter} (${p.message})`).join('; ')}`,
			code: 'bad_request'
		});
	}
	return parsed.data;
}

export function badRequestJson(e: unknown) {
	if (isHttpError(e, 400)) {
		return json({ error: e.body.message }, { status: 400, headers: OPEN_HEADERS });
	}
	throw e;
}

/** Public data may be read from any origin; built with the anon client only, so a shared cache never holds anything private. */
export const OPEN_HEADERS = {
	'access-control-allow-origin': '*',
	'cache-control': 'public, max-age=60'
};
