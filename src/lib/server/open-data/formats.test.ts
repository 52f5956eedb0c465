import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
	atomFeed,
	CSV_COLUMNS,
	CSV_VERSION_COLUMNS,
	csvRows,
	csvSafe,
	icsCalendar
} from '$lib/server/open-data/formats';
import type { OpenChallenge } from '$lib/server/open-data/export';

const origin = 'https://portal.example';

function row(over: Partial<OpenChallenge> = {}): OpenChallenge {
	return {
		id: '11111111-1111-4111-8111-111111111111',
		slug: 'sepang-flood-early-warning-sensors',
		kind: 'challenge',
		title: 'Flood early-warning sensors, "river" & drains',
		summary: 'Line one,\nline two; with a comma, and 中文',
		description: '## Background\n\nFlash floods close roads.',
		domain: 'environment',
		priority_areas: ['climate-resilience', 'smart-governance'],
		status: 'open',
		outcome: null,
		deadline: '2027-01-15T09:00:00Z',
		published_at: '2026-11-01T08:00:00Z',
		updated_at: '2026-11-02T08:00:00Z',
		budget_min: 50000,
		budget_max: 120000,
		currency: 'MYR',
		budget_min_usd: 11000,
		budget_max_usd: 26400,
		budget_usd_as_of: '2026-12-01',
		language: 'en',
		contact_name: 'Aisha Rahman',
		contact_email: 'smartcity@sepang.example',
		city: { slug: 'sepang', name: 'Sepang', country: 'MY', region: 'southeast-asia' },
		translations: {},
		...over
	};
}

describe('csv', () => {
	it('round-trips quotes, commas, newlines and non-Latin text through a CSV parser', () => {
		const text = csvRows(origin, [row(), row({ id: '2', slug: 'b', title: 'Second' })], true);
		const records = parseCsv(text, { columns: true }) as Record<string, string>[];
		expect(records).toHaveLength(2);
		expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS]);
		expect(records[0]!.title).toBe('Flood early-warning sensors, "river" & drains');
		expect(records[0]!.summary).toBe('Line one,\nline two; with a comma, and 中文');
		expect(records[0]!.priority_areas).toBe('climate-resilience;smart-governance');
		expect(records[0]!.url).toBe(`${origin}/challenges/sepang-flood-early-warning-sensors`);
		expect(records[1]!.budget_min).toBe('50000');
		// The local budget and its USD figures side by side, with the rate's date.
		expect(records[1]!.currency).toBe('MYR');
		expect(records[1]!.budget_max_usd).toBe('26400');
		expect(records[1]!.budget_usd_as_of).toBe('2026-12-01');
	});

	it('carries every version beside the original, empty where there is none', () => {
		const zh = {
			title: '龙溪与沙叻丁宜洪水预警传感器',
			summary: '雪邦市议会寻求布设水位洪水传感器网络。',
			description: '## 背景\n\n山洪阻断道路。',
			expected_outcomes: null
		};
		const text = csvRows(origin, [row({ translations: { zh } }), row({ id: '2' })], true);
		const [withVersion, without] = parseCsv(text, { columns: true }) as Record<string, string>[];
		expect(CSV_VERSION_COLUMNS).toEqual([
			'title_en',
			'summary_en',
			'description_en',
			'title_zh',
			'summary_zh',
			'description_zh'
		]);
		expect(withVersion).toMatchObject({
			language: 'en',
			title: 'Flood early-warning sensors, "river" & drains',
			description: '## Background\n\nFlash floods close roads.',
			title_en: '',
			summary_en: '',
			description_en: '',
			title_zh: zh.title,
			summary_zh: zh.summary,
			description_zh: zh.description
		});
		for (const column of CSV_VERSION_COLUMNS) expect(without![column]).toBe('');
	});

	it("neutralises formulas in a version's cells too", () => {
		const en = {
			title: '=cmd|calc',
			summary: '+1 summary',
			description: '- a list',
			expected_outcomes: null
		};
		const text = csvRows(origin, [row({ language: 'zh', translations: { en } })], true);
		const [record] = parseCsv(text, { columns: true }) as Record<string, string>[];
		expect(record!.title_en).toBe("'=cmd|calc");
		expect(record!.summary_en).toBe("'+1 summary");
		expect(record!.description_en).toBe("'- a list");
	});

	it('drops control characters from cells', () => {
		expect(csvSafe('a\u0000b\u0007c\nd')).toBe('abc\nd');
	});

	it('neutralises spreadsheet formulas', () => {
		expect(csvSafe('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
		expect(csvSafe('+1')).toBe("'+1");
		expect(csvSafe('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvSafe('plain')).toBe('plain');
		expect(csvSafe(null)).toBe('');
	});

	it('writes no header for follow-up batches', () => {
		const text = csvRows(origin, [row()], false);
		expect(text.startsWith('11111111-')).toBe(true);
	});
});

describe('icalendar', () => {
	it('parses, with one event per deadline and a stable UID', () => {
		const text = icsCalendar(origin, [
			row(),
			row({ id: 'x', slug: 'no-deadline', deadline: null })
		]);
		const comp = new ICAL.Component(ICAL.parse(text));
		const events = comp.getAllSubcomponents('vevent');
		expect(events).toHaveLength(1);
		const ev = new ICAL.Event(events[0]);
		expect(ev.uid).toBe('challenge-11111111-1111-4111-8111-111111111111@city-challenges-portal');
		expect(ev.summary).toBe('Deadline: Flood early-warning sensors, "river" & drains (Sepang)');
		expect(ev.startDate.toJSDate().toISOString()).toBe('2027-01-15T09:00:00.000Z');
	});

	it('names a challenge by its English version where there is one', () => {
		const text = icsCalendar(origin, [
			row({
				language: 'zh',
				title: '海绵城市雨水收集与内涝传感器试点',
				translations: {
					en: {
						title: 'Sponge city flood sensors',
						summary: 'Pilot in Pudong.',
						description: '## Background',
						expected_outcomes: null
					}
				}
			})
		]);
		const [event] = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
		expect(new ICAL.Event(event).summary).toBe('Deadline: Sponge city flood sensors (Sepang)');
	});
});

describe('atom', () => {
	it('is valid XML, shows markup in titles as text, and drops control characters', () => {
		const text = atomFeed(origin, [
			row({ title: 'Pipes <b>& valves</b></title><script>alert(1)</script>\u0007' })
		]);
		expect(XMLValidator.validate(text)).toBe(true);
		expect(text).not.toContain('\u0007');
		expect(text).not.toContain('<script>');
		const doc = new XMLParser({ ignoreAttributes: false }).parse(text);
		expect(doc.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
		const entry = doc.feed.entry;
		// type="html" content, escaped once: a reader renders the literal characters.
		expect(entry.title['#text'] ?? entry.title).toContain(
			'Pipes &lt;b&gt;&amp; valves&lt;/b&gt;&lt;/title&gt;&lt;script&gt;'
		);
		expect(entry.id).toBe(`${origin}/challenges/sepang-flood-early-warning-sensors`);
	});

	it("is in English: each entry's English version where there is one, else the original", () => {
		const en = {
			title: 'Sponge city flood sensors',
			summary: 'Pilot in Pudong.',
			description: '## Background',
			expected_outcomes: null
		};
		const zh = { ...en, title: '洪水传感器', summary: '浦东试点。' };
		const text = atomFeed(origin, [
			row({ language: 'zh', title: '海绵城市', summary: '上海市希望试点。', translations: { en } }),
			row({ id: '2', slug: 'b', language: 'zh', title: '临港公交', summary: '开放四条试点线路。' }),
			row({ id: '3', slug: 'c', translations: { zh } })
		]);
		const doc = new XMLParser({ ignoreAttributes: false }).parse(text);
		const titles = doc.feed.entry.map((e: { title: { '#text': string } | string }) =>
			typeof e.title === 'string' ? e.title : e.title['#text']
		);
		expect(titles).toEqual([
			'Sponge city flood sensors (Sepang)',
			'临港公交 (Sepang)',
			'Flood early-warning sensors, &quot;river&quot; &amp; drains (Sepang)'
		]);
	});
});
