import { publicClient } from '$lib/server/db/client';
import { sitemapEntries, sitemapXml } from '$lib/server/open-data/sitemap';
import type { RequestHandler } from './$types';

/** The public pages for search engines (sitemaps.org); the same rows a visitor may read. */
export const GET: RequestHandler = async ({ url }) => {
	const entries = await sitemapEntries(publicClient());
	return new Response(sitemapXml(url.origin, entries), {
		headers: { 'content-type': 'application/xml; charset=utf-8' }
	});
};
