import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
	atomFeed,
	CSV_COLUMNS,
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
});
