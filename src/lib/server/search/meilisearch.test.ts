import { describe, expect, it } from 'vitest';
import { searchQuerySchema } from '$lib/domain/challenges/search-query';
import { inLanguage } from '$lib/domain/challenges/versions';
import { documentFromRow, MARK_END, MARK_START } from '$lib/server/search/document';
import {
	highlightAttributes,
	hitFromDocument,
	snippetFrom,
	sortFor
} from '$lib/server/search/meilisearch';
import { hitFromRow } from '$lib/server/search/postgres';

describe('sortFor', () => {
	it('mirrors the database orders', () => {
		expect(sortFor(searchQuerySchema.parse({ sort: 'newest' }))).toEqual([
			'published_ts:desc',
			'id:asc'
		]);
		expect(sortFor(searchQuerySchema.parse({ sort: 'deadline', q: 'x' }))).toEqual([
			'deadline_sort:asc',
			'published_ts:desc',
			'id:asc'
		]);
		expect(sortFor(searchQuerySchema.parse({}))?.[0]).toBe('deadline_sort:asc');
		expect(sortFor(searchQuerySchema.parse({ q: 'flood' }))).toBeUndefined();
		// Largest budget first, none last (budget_usd_sort is -1 then), ties in the deadline order.
		expect(sortFor(searchQuerySchema.parse({ sort: 'budget' }))).toEqual([
			'budget_usd_sort:desc',
			'deadline_sort:asc',
			'published_ts:desc',
			'id:asc'
		]);
	});
});

describe('snippetFrom', () => {
	const q = searchQuerySchema.parse({ q: 'flood' });
	it('takes the highlighted line of the description and escapes it', () => {
		expect(
			snippetFrom({ summary: 'plain', description: `a <b> ${MARK_START}flood${MARK_END}` }, q)
		).toBe('a &lt;b&gt; <mark>flood</mark>');
	});
	it('takes the list item that matched, not its neighbours', () => {
		expect(
			snippetFrom({ description: `First line\n\n  ${MARK_START}flood${MARK_END}\nthen more ` }, q)
		).toBe('<mark>flood</mark>');
	});
	it('uses the summary when it holds the first match', () => {
		expect(
			snippetFrom({ summary: `${MARK_START}Flood${MARK_END} & co`, description: 'x' }, q)
		).toBe('<mark>Flood</mark> &amp; co');
	});
	it('is null when neither matched (the match was in the title) or without a keyword', () => {
		expect(snippetFrom({ summary: 'Sensors', description: 'x' }, q)).toBeNull();
		expect(snippetFrom({ summary: 'x' }, searchQuerySchema.parse({}))).toBeNull();
	});
});

describe('versions', () => {
	// Shanghai's sponge-city challenge: Chinese original, English version.
	const doc = documentFromRow({
		id: '00000000-0000-4000-8000-000000000002',
		slug: 'shanghai-sponge-city-waterlogging-sensors',
		kind: 'challenge',
		language: 'zh',
		title: '海绵城市雨水收集与内涝监测试点',
		summary: '上海希望试点海绵城市雨水收集与内涝监测。',
		description: '## 背景\n\n内涝监测',
		expected_outcomes: null,
		domain: 'environment',
		priority_areas: ['climate-resilience'],
		status: 'open',
		outcome: null,
		deadline: null,
		published_at: null,
		budget_min: null,
		budget_max: null,
		currency: null,
		budget_min_usd: null,
		budget_max_usd: null,
		budget_usd_as_of: null,
		city: {
			slug: 'shanghai',
			name: 'Shanghai',
			country: 'CN',
			region: { slug: 'east-asia', name: 'East Asia' }
		},
		translations: [
			{
				language: 'en',
				title: 'Sponge city rainwater harvesting and flood sensor pilot',
				summary: 'Shanghai wants to pilot flood sensors.',
				description: 'Flood sensors in **Pudong**.',
				expected_outcomes: null
			}
		]
	});
	const q = searchQuerySchema.parse({ q: 'flood' });
	const formatted = {
		summary: doc.summary,
		description: doc.description,
		summary_en: `Shanghai wants to pilot ${MARK_START}flood${MARK_END} sensors.`,
		description_en: doc.description_en
	};

	it('carries them as the postgres engine does: {language: {title, summary}}', () => {
		const hit = hitFromDocument({ ...doc, _formatted: formatted }, q, 'en');
		expect(hit.title).toBe('海绵城市雨水收集与内涝监测试点');
		expect(hit.language).toBe('zh');
		expect(hit.translations).toEqual({
			en: {
				title: 'Sponge city rainwater harvesting and flood sensor pilot',
				summary: 'Shanghai wants to pilot flood sensors.'
			}
		});
		// The same shape as a postgres hit of the same challenge (search_hit.translations).
		const fromRow = hitFromRow({
			...hit,
			city: hit.city,
			region: hit.region,
			translations: { en: hit.translations.en! }
		} as never);
		expect(fromRow.translations).toEqual(hit.translations);
	});

	it("makes the snippet from the texts shown: the version in the visitor's language", () => {
		const hit = hitFromDocument({ ...doc, _formatted: formatted }, q, 'en');
		expect(hit.snippet).toBe('Shanghai wants to pilot <mark>flood</mark> sensors.');
		expect(inLanguage(hit, hit.translations, 'en').title).toBe(
			'Sponge city rainwater harvesting and flood sensor pilot'
		);
	});

	it("and the original's without a version in it (never the English one on a Chinese page)", () => {
		expect(hitFromDocument({ ...doc, _formatted: formatted }, q, 'zh').snippet).toBeNull();
		expect(hitFromDocument({ ...doc, _formatted: formatted }, q).snippet).toBeNull();
	});

	it("highlights the original's texts and those of the visitor's language", () => {
		expect(highlightAttributes('zh')).toEqual([
			'summary',
			'description',
			'summary_zh',
			'description_zh'
		]);
		expect(highlightAttributes(undefined)).toEqual(['summary', 'description']);
		expect(highlightAttributes('pt')).toEqual(['summary', 'description']);
	});

	it('reads none from a document indexed before versions existed', () => {
		const old = { ...doc, title_en: undefined, summary_en: undefined } as never;
		expect(hitFromDocument(old, q, 'en').translations).toEqual({});
	});
});
