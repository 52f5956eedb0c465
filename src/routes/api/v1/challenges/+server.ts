import { error, json } from '@sveltejs/kit';
import { toSearchParams } from '$lib/domain/challenges/list-params';
import { isVersionLanguage, VERSION_LANGUAGES } from '$lib/domain/challenges/versions';
import { m } from '$lib/paraglide/messages.js';
import { search } from '$lib/server/search';
import { badRequestJson, OPEN_HEADERS, queryOr400 } from '$lib/server/open-data/params';
import { publicClient } from '$lib/server/db/client';
import { openTranslationsFromJson, translationsOf } from '$lib/server/open-data/export';
import type { RequestHandler } from './$types';

/**
 * The language the hits are shown in: `lang` (en or zh) picks each challenge's version in it when
 * there is one; without it every hit shows its original. A parameter rather than the caller's
 * cookie or Accept-Language, so a shared cache may keep the answer.
 */
function langOr400(url: URL): string | undefined {
	const lang = url.searchParams.get('lang')?.trim();
	if (!lang) return undefined;
	if (!isVersionLanguage(lang)) {
		error(400, {
			message: `Bad parameter: ${m.param_not_one_of({ key: 'lang', given: lang, allowed: VERSION_LANGUAGES.join(', ') })}`,
			code: 'bad_request'
		});
	}
	return lang;
}

/** The public list as JSON: same parameters as the home page, paginated. Documented in docs/open-data.md. */
export const GET: RequestHandler = async ({ url }) => {
	let query;
	let lang;
	try {
		query = queryOr400(url);
		lang = langOr400(url);
	} catch (e) {
		return badRequestJson(e);
	}
	// Every hit in `lang` (or its original), with all its versions in `translations`: whole
	// versions (description and expected outcomes too), as the open data's other formats carry.
	// The postgres engine gives them with the hits (one round trip); from Meilisearch's hits they
	// are read afterwards.
	const db = publicClient();
	const { wholeVersions, ...result } = await search(db, query, lang ?? '', {
		wholeVersions: true
	});
	const translations = wholeVersions
		? new Map(result.hits.map((h) => [h.id, openTranslationsFromJson(wholeVersions[h.id])]))
		: await translationsOf(
				db,
				result.hits.map((h) => h.id)
			);
	const link = (page: number) => {
		const params = toSearchParams({ ...query, page });
		if (lang) params.set('lang', lang);
		return `${url.origin}/api/v1/challenges?${params.toString()}`.replace(/\?$/, '');
	};
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
