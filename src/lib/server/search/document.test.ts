import { describe, expect, it } from 'vitest';
import {
	countryNameOf,
	documentFromRow,
	markdownToPlainText,
	splitFacetValue,
	type ChallengeRow
} from '$lib/server/search/document';

function row(overrides: Partial<ChallengeRow> = {}): ChallengeRow {
	return {
		id: '00000000-0000-4000-8000-000000000001',
		slug: 'flood-sensors',
		kind: 'challenge',
		language: 'en',
		title: 'Flood sensors',
		summary: 'Sensors that warn before rivers overflow.',
		description: 'We need **IoT** sensors.',
		expected_outcomes: null,
		domain: 'environment',
		priority_areas: ['climate-resilience', 'public-safety'],
		status: 'open',
		outcome: null,
		deadline: '2027-01-31T00:00:00+00:00',
		published_at: '2026-11-01T10:00:00+00:00',
		budget_min: '10000.00',
		budget_max: 50000,
		currency: 'EUR',
		budget_min_usd: '10800.00',
		budget_max_usd: 54000,
		budget_usd_as_of: '2026-12-01',
		city: {
			slug: 'jakarta',
			name: 'Jakarta',
			country: 'ID',
			region: { slug: 'southeast-asia', name: 'Southeast Asia' }
		},
		translations: [],
		...overrides
	};
}

describe('documentFromRow', () => {
	it('maps a public row', () => {
		const doc = documentFromRow(row());
		expect(doc).toMatchObject({
			id: '00000000-0000-4000-8000-000000000001',
			city: 'jakarta',
			city_name: 'Jakarta',
			city_name_zh: '',
			city_country: 'ID',
			country_name: 'Indonesia',
			city_facet: 'jakarta|Jakarta',
			region: 'southeast-asia',
			region_facet: 'southeast-asia|Southeast Asia',
			priority_text: 'climate resilience, public safety',
			budget_min: 10000,
			budget_max: 50000,
			expected_outcomes: '',
			published_ts: Date.parse('2026-11-01T10:00:00Z')
		});
	});

	it('carries the budget in USD as the database converted it, with its range and order keys', () => {
		expect(documentFromRow(row())).toMatchObject({
			budget_min_usd: 10800,
			budget_max_usd: 54000,
			budget_usd_as_of: '2026-12-01',
			budget_usd_low: 10800,
			budget_usd_high: 54000,
			budget_usd_sort: 54000
		});
		// Only one end: it is both ends of the range (as the search documents in SQL).
		expect(documentFromRow(row({ budget_min_usd: null }))).toMatchObject({
			budget_usd_low: 54000,
			budget_usd_high: 54000
		});
		expect(documentFromRow(row({ budget_max_usd: null }))).toMatchObject({
			budget_usd_low: 10800,
			budget_usd_high: 10800,
			budget_usd_sort: 10800
		});
		// No budget (or no rate): never in a range, last in the budget order.
		expect(
			documentFromRow(row({ budget_min_usd: null, budget_max_usd: null, budget_usd_as_of: null }))
		).toMatchObject({ budget_usd_low: null, budget_usd_high: null, budget_usd_sort: -1 });
	});

	it("carries the city's Chinese name, searchable", () => {
		const base = row();
		const doc = documentFromRow({ ...base, city: { ...base.city, name_zh: '雅加达' } });
		expect(doc.city_name_zh).toBe('雅加达');
		expect(doc.city_name).toBe('Jakarta');
	});

	it.each(['draft', 'withdrawn'] as const)('refuses a %s challenge', (status) => {
		expect(() => documentFromRow(row({ status }))).toThrow(/only public/);
	});

	it('orders deadline_sort: open by soonest deadline, open without deadline, then the others', () => {
		const openSoon = documentFromRow(row({ deadline: '2027-01-01T00:00:00Z' }));
		const openLater = documentFromRow(row({ deadline: '2028-01-01T00:00:00Z' }));
		const openNone = documentFromRow(row({ deadline: null }));
		const closedEarly = documentFromRow(
			row({ status: 'decided', outcome: 'not_awarded', deadline: '2020-01-01T00:00:00Z' })
		);
		const closedNone = documentFromRow(row({ status: 'in_review', deadline: null }));
		const sorted = [closedNone, openNone, closedEarly, openLater, openSoon].sort(
			(a, b) => a.deadline_sort - b.deadline_sort
		);
		expect(sorted).toEqual([openSoon, openLater, openNone, closedEarly, closedNone]);
	});

	it('strips the private-use highlight markers from text', () => {
		const doc = documentFromRow(row({ title: 'A \uE000trick\uE001' }));
		expect(doc.title).toBe('A trick');
	});

	it('puts unpublished rows last for newest first', () => {
		expect(documentFromRow(row({ published_at: null })).published_ts).toBe(0);
	});
});

describe('versions in documents', () => {
	it('are flat fields per language, plain text like the original, empty without one', () => {
		const doc = documentFromRow(
			row({
				translations: [
					{
						language: 'zh',
						title: '洪水传感器',
						summary: '河流漫溢前预警的传感器。',
						description: '## 背景\n\n我们需要 **物联网** 传感器。',
						expected_outcomes: '- 预警'
					}
				]
			})
		);
		expect(doc.title_zh).toBe('洪水传感器');
		expect(doc.summary_zh).toBe('河流漫溢前预警的传感器。');
		expect(doc.description_zh).toBe('\n\n我们需要 物联网 传感器。');
		expect(doc.expected_outcomes_zh).toBe('预警');
		expect([doc.title_en, doc.summary_en, doc.description_en, doc.expected_outcomes_en]).toEqual([
			'',
			'',
			'',
			''
		]);
	});
	it('never carry the highlight markers', () => {
		const doc = documentFromRow(
			row({
				translations: [
					{
						language: 'en',
						title: 'Flood\uE000 sensors',
						summary: 'x\uE001',
						description: '',
						expected_outcomes: null
					}
				]
			})
		);
		expect(doc.title_en).toBe('Flood sensors');
		expect(doc.summary_en).toBe('x');
	});
});

describe('splitFacetValue', () => {
	it('splits slug and label at the first bar', () => {
		expect(splitFacetValue('sao-paulo|São Paulo')).toEqual({
			value: 'sao-paulo',
			label: 'São Paulo'
		});
		expect(splitFacetValue('x|a|b')).toEqual({ value: 'x', label: 'a|b' });
		expect(splitFacetValue('plain')).toEqual({ value: 'plain', label: 'plain' });
	});
});

describe('markdownToPlainText', () => {
	it('keeps the words a reader sees and drops the syntax', () => {
		const md = [
			'## Background',
			'',
			'Culverts are **hard** to reach; see [the map](https://example.org/map) and `code`.',
			'',
			'- Drone flights under permit',
			'  * Nested item',
			'1. First step',
			'> A quoted line',
			'| a | b |'
		].join('\n');
		const text = markdownToPlainText(md);
		expect(text).toBe(
			[
				'',
				'',
				'Culverts are hard to reach; see the map and code.',
				'',
				'Drone flights under permit',
				'Nested item',
				'First step',
				'A quoted line',
				' a  b '
			].join('\n')
		);
	});

	it('leaves hyphenated words, numbers and plain text alone', () => {
		expect(markdownToPlainText('A 24-hour, low-cost pilot for 3.5 km of road.')).toBe(
			'A 24-hour, low-cost pilot for 3.5 km of road.'
		);
		expect(markdownToPlainText(null)).toBe('');
	});

	it('documents carry the language of their text', () => {
		expect(documentFromRow(row()).language).toBe('en');
		expect(documentFromRow(row({ language: 'zh' })).language).toBe('zh');
	});

	it('is what documents carry as description', () => {
		expect(documentFromRow(row()).description).toBe('We need IoT sensors.');
	});
});

describe('countryNameOf', () => {
	it('gives the English names the database holds in public.countries', () => {
		expect(countryNameOf('VN')).toBe('Vietnam');
		expect(countryNameOf('MY')).toBe('Malaysia');
		expect(countryNameOf('AE')).toBe('United Arab Emirates');
	});

	it('gives nothing for a code it does not know', () => {
		expect(countryNameOf('ZZ')).toBe('');
		expect(countryNameOf('nonsense')).toBe('');
	});
});
