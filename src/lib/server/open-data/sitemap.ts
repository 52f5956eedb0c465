import type { Db } from '$lib/server/db/client';
import { dataOrThrow } from '$lib/server/errors';
import { PUBLIC_STATUSES } from '$lib/domain/challenges/vocabulary';
import { escapeHtml } from '$lib/server/search/html';

/** A sitemap file holds at most 50,000 URLs (sitemaps.org); the static pages and places come first. */
export const SITEMAP_MAX_URLS = 50_000;
const BATCH = 1000;

export interface SitemapEntry {
	/** A path on this site, starting with '/'. */
	path: string;
	/** ISO 8601 instant of the last change, when known. */
	lastmod?: string;
}

const STATIC_PATHS = ['/', '/about', '/cities', '/vendors', '/open-data'];

/**
 * Every public page a search engine should know: the static pages, each city and organisation,
 * then the public challenges newest first (drafts and withdrawn ones are hidden by RLS and by the
 * status filter). Read through the anonymous client, so it lists exactly what a visitor may see.
 */
export async function sitemapEntries(db: Db): Promise<SitemapEntry[]> {
	const entries: SitemapEntry[] = STATIC_PATHS.map((path) => ({ path }));
	const cities = dataOrThrow(await db.from('cities').select('slug').order('slug').limit(BATCH));
	entries.push(...cities.map((c) => ({ path: `/cities/${c.slug}` })));
	const orgs = dataOrThrow(
		await db.from('organisations').select('slug, updated_at').order('slug').limit(BATCH)
	);
	entries.push(...orgs.map((o) => ({ path: `/organisations/${o.slug}`, lastmod: o.updated_at })));
	for (let offset = 0; entries.length < SITEMAP_MAX_URLS; offset += BATCH) {
		const size = Math.min(BATCH, SITEMAP_MAX_URLS - entries.length);
		const rows = dataOrThrow(
			await db
				.from('challenges')
				.select('slug, updated_at')
				.in('status', PUBLIC_STATUSES)
				.order('published_at', { ascending: false, nullsFirst: false })
				.order('id')
				.range(offset, offset + size - 1)
		);
		entries.push(...rows.map((r) => ({ path: `/challenges/${r.slug}`, lastmod: r.updated_at })));
		if (rows.length < size) break;
	}
	return entries;
}

// The five characters XML and HTML escape alike (&#39; is a character reference in both).
const xml = escapeHtml;

/** The sitemaps.org XML for these entries under `origin`. */
export function sitemapXml(origin: string, entries: SitemapEntry[]): string {
	const urls = entries.map((e) => {
		const lastmod = e.lastmod ? `<lastmod>${xml(new Date(e.lastmod).toISOString())}</lastmod>` : '';
		return `<url><loc>${xml(origin + e.path)}</loc>${lastmod}</url>`;
	});
	return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** robots.txt: everything public may be crawled; signed-in and identity pages and the auth API may not. */
export function robotsTxt(origin: string): string {
	return [
		'User-agent: *',
		'Allow: /',
		'Disallow: /api/auth/',
		'Disallow: /account',
		'Disallow: /signin',
		'Disallow: /signup',
		'Disallow: /forgot',
		'Disallow: /reset',
		'Disallow: /verify',
		'Disallow: /signout',
		`Sitemap: ${origin}/sitemap.xml`,
		''
	].join('\n');
}
