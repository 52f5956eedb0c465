import { describe, expect, it } from 'vitest';
import { robotsTxt, sitemapXml } from '$lib/server/open-data/sitemap';

describe('sitemap and robots.txt', () => {
	it('writes absolute, escaped URLs with their last change', () => {
		const xml = sitemapXml('https://portal.example', [
			{ path: '/' },
			{ path: '/challenges/a&b', lastmod: '2026-12-01T10:00:00+02:00' }
		]);
		expect(xml).toContain('<loc>https://portal.example/</loc>');
		expect(xml).toContain(
			'<url><loc>https://portal.example/challenges/a&amp;b</loc><lastmod>2026-12-01T08:00:00.000Z</lastmod></url>'
		);
		expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
	});

	it('points crawlers at the sitemap and away from members-only pages', () => {
		const txt = robotsTxt('https://portal.example');
		expect(txt).toContain('Sitemap: https://portal.example/sitemap.xml');
		expect(txt).toMatch(/^Disallow: \/account$/m);
		expect(txt).toMatch(/^Disallow: \/api\/auth\/$/m);
	});
});
