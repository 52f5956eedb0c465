import { expect, test } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import pg from 'pg';
import { loadConfig } from '../../scripts/stack/config.mjs';

const DB_URL = process.env.DATABASE_URL || loadConfig().dbUrl;

let hidden: { id: string; slug: string; title: string }[] = [];
let publicCount = 0;

test.beforeAll(async () => {
	// Direct SQL as the superuser: the ground truth the public endpoints are compared with.
	const client = new pg.Client({ connectionString: DB_URL });
	await client.connect();
	hidden = (
		await client.query(
			`select id::text, slug, title from public.challenges where status in ('draft','withdrawn')`
		)
	).rows;
	publicCount = Number(
		(
			await client.query(
				`select count(*) from public.challenges where status not in ('draft','withdrawn')`
			)
		).rows[0].count
	);
	await client.end();
	expect(hidden.length).toBeGreaterThanOrEqual(7);
});

function expectNoHidden(text: string) {
	for (const h of hidden) {
		expect(text, `hidden challenge ${h.slug} leaked`).not.toContain(h.id);
		expect(text, `hidden challenge ${h.slug} leaked`).not.toContain(h.slug);
	}
}

test('JSON API: paginated public list, same filters as the page', async ({ request }) => {
	const res = await request.get('/api/v1/challenges?limit=50');
	expect(res.status()).toBe(200);
	expect(res.headers()['access-control-allow-origin']).toBe('*');
	const body = await res.json();
	expect(body.meta.total).toBe(publicCount);
	expect(body.data).toHaveLength(Math.min(50, publicCount));
	expect(body.links.next).toContain('page=2');
	expectNoHidden(JSON.stringify(body));

	const second = await (await request.get(body.links.next)).json();
	const firstIds = new Set(body.data.map((h: { id: string }) => h.id));
	expect(second.data.some((h: { id: string }) => firstIds.has(h.id))).toBe(false);

	const mobility = await (await request.get('/api/v1/challenges?domain=mobility&limit=50')).json();
	expect(mobility.meta.total).toBeGreaterThan(0);
	expect(mobility.data.every((h: { domain: string }) => h.domain === 'mobility')).toBe(true);
});

test('JSON API: bad parameters get a clear 400 or are clamped, never a 500', async ({
	request
}) => {
	const unknown = await request.get('/api/v1/challenges?domain=space');
	expect(unknown.status()).toBe(400);
	expect((await unknown.json()).error).toMatch(/domain/);

	const clamped = await request.get('/api/v1/challenges?page=-1&limit=100000');
	expect(clamped.status()).toBe(200);
	const body = await clamped.json();
	expect(body.meta.page).toBe(1);
	expect(body.meta.limit).toBe(50);

	const huge = await request.get(`/api/v1/challenges?q=${'flood '.repeat(1700)}`);
	expect(huge.status()).toBe(200);

	const past = await (await request.get('/api/v1/challenges?page=400&limit=50')).json();
	expect(past.data).toEqual([]);
	expect(past.meta.page).toBe(400);
	expect(past.links.next).toBeNull();
	expect(new URL(past.links.prev).searchParams.get('page')).toBe(String(past.meta.pages));

	const junk = await request.get('/api/v1/challenges?page=abc');
	expect(junk.status()).toBe(400);
});

test('CSV: parses, every public challenge once, no drafts', async ({ request }) => {
	const res = await request.get('/challenges.csv');
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toContain('text/csv');
	const text = await res.text();
	expectNoHidden(text);
	const rows = parseCsv(text, { columns: true, bom: true }) as Record<string, string>[];
	expect(rows).toHaveLength(publicCount);
	expect(new Set(rows.map((r) => r.id)).size).toBe(publicCount);
	const filtered = parseCsv(await (await request.get('/challenges.csv?domain=utilities')).text(), {
		columns: true,
		bom: true
	}) as Record<string, string>[];
	expect(filtered.length).toBeGreaterThan(0);
	expect(filtered.every((r) => r.domain === 'utilities')).toBe(true);
});

test("exports follow the keyword too, in the search engine's order", async ({ request }) => {
	const api = await (await request.get('/api/v1/challenges?q=flod+sensors&limit=50')).json();
	expect(api.meta.total).toBeGreaterThan(0);
	const rows = parseCsv(await (await request.get('/challenges.csv?q=flod+sensors')).text(), {
		columns: true,
		bom: true
	}) as Record<string, string>[];
	expect(rows.map((r) => r.id)).toEqual(api.data.map((h: { id: string }) => h.id));
	const feed = new XMLParser().parse(await (await request.get('/feed.xml?q=zzzzqqqq')).text()).feed;
	expect(feed.entry).toBeUndefined();
});

test('unknown API paths answer JSON 404; control characters in q are not a 500', async ({
	request
}) => {
	const res = await request.get('/api/v1/nope');
	expect(res.status()).toBe(404);
	expect((await res.json()).error).toContain('/api/v1/nope');
	expect((await request.get('/api/v1/challenges?q=a%00b')).status()).toBe(200);
	expect((await request.get('/?q=%00')).status()).toBe(200);
	// 'ﬃ' unfolds to 'ffi': a 200-character query whose word is 280 characters once normalised.
	const ligatures = encodeURIComponent('tra\ufb03c'.repeat(40));
	for (const path of ['/api/v1/challenges', '/challenges.csv', '/'])
		expect((await request.get(`${path}?q=${ligatures}`)).status(), path).toBe(200);
});

test('iCalendar: parses, upcoming deadlines of open challenges only', async ({ request }) => {
	const res = await request.get('/challenges.ics');
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toContain('text/calendar');
	const text = await res.text();
	expectNoHidden(text);
	const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
	expect(events.length).toBeGreaterThan(0);
	const now = Date.now();
	for (const e of events) {
		expect(new ICAL.Event(e).startDate.toJSDate().getTime()).toBeGreaterThan(now);
	}
	// With a keyword: the search's matches, still only deadlines ahead.
	const searched = new ICAL.Component(
		ICAL.parse(await (await request.get('/challenges.ics?q=city')).text())
	).getAllSubcomponents('vevent');
	expect(searched.length).toBeGreaterThan(0);
	expect(searched.length).toBeLessThanOrEqual(events.length);
	for (const e of searched) {
		expect(new ICAL.Event(e).startDate.toJSDate().getTime()).toBeGreaterThan(now);
	}
});

test('Atom feed: valid XML, newest first, no drafts', async ({ request }) => {
	const res = await request.get('/feed.xml');
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toContain('application/atom+xml');
	const text = await res.text();
	expect(XMLValidator.validate(text)).toBe(true);
	expectNoHidden(text);
	const feed = new XMLParser().parse(text).feed;
	const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry];
	expect(entries.length).toBe(Math.min(50, publicCount));
	const published = entries.map((e: { published: string }) => Date.parse(e.published));
	expect([...published].sort((a, b) => b - a)).toEqual(published);

	// With a keyword: the newest matches, not the most relevant.
	const searched = new XMLParser().parse(await (await request.get('/feed.xml?q=city')).text()).feed;
	const hits = Array.isArray(searched.entry) ? searched.entry : [searched.entry];
	expect(hits.length).toBeGreaterThan(3);
	const times = hits.map((e: { published: string }) => Date.parse(e.published));
	expect([...times].sort((a, b) => b - a)).toEqual(times);
});

test('every language: the original with its language and each version beside it', async ({
	request
}) => {
	// The versions the database holds, by challenge id and language: the truth the exports carry.
	const client = new pg.Client({ connectionString: DB_URL });
	await client.connect();
	const versions = (
		await client.query<{
			id: string;
			slug: string;
			language: string;
			title: string;
			summary: string;
			description: string;
			expected_outcomes: string | null;
		}>(
			`select c.id::text, c.slug, t.language, t.title, t.summary, t.description, t.expected_outcomes
			 from public.challenge_translations t join public.challenges c on c.id = t.challenge_id
			 where c.status not in ('draft', 'withdrawn')`
		)
	).rows;
	await client.end();
	expect(versions.length).toBeGreaterThanOrEqual(8);
	const key = (id: string, language: string) => `${id} ${language}`;
	const byKey = new Map(versions.map((v) => [key(v.id, v.language), v]));

	const rows = parseCsv(await (await request.get('/challenges.csv')).text(), {
		columns: true,
		bom: true
	}) as Record<string, string>[];
	let withVersions = 0;
	for (const r of rows) {
		for (const language of ['en', 'zh']) {
			const v = byKey.get(key(r.id!, language));
			expect(r[`title_${language}`], `${r.slug} title_${language}`).toBe(v?.title ?? '');
			expect(r[`summary_${language}`]).toBe(v?.summary ?? '');
			// The formula guard may prefix a quote (a description may start with a list's "-").
			expect(r[`description_${language}`]!.replace(/^'/, '')).toBe(v?.description ?? '');
			if (v) withVersions++;
		}
		expect(r[`title_${r.language}`] ?? '', `${r.slug}: no version in its own language`).toBe('');
	}
	expect(withVersions).toBe(versions.length);
	const sponge = rows.find((r) => r.slug === 'shanghai-sponge-city-waterlogging-sensors')!;
	expect(sponge.language).toBe('zh');
	expect(sponge.title_en).toBe('Sponge city rainwater harvesting and flood sensor pilot');
	expect(sponge.description).toMatch(/^## /);

	const api = await (await request.get('/api/v1/challenges?limit=50&q=flood')).json();
	const hits = api.data as { id: string; translations: Record<string, unknown> }[];
	expect(hits.some((h) => Object.keys(h.translations).length > 0)).toBe(true);
	for (const h of hits) {
		const expected = Object.fromEntries(
			versions
				.filter((v) => v.id === h.id)
				.map(({ language, title, summary, description, expected_outcomes }) => [
					language,
					{ title, summary, description, expected_outcomes }
				])
		);
		expect(h.translations).toEqual(expected);
	}

	// The feed is in English: the English version of a Chinese challenge where there is one.
	const feed = await (await request.get('/feed.xml?city=shanghai')).text();
	expect(feed).toContain('Sponge city rainwater harvesting and flood sensor pilot (Shanghai)');
});
