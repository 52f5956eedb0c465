import { describe, expect, it } from 'vitest';
import { openTranslationsFromJson } from './export';

const zh = { title: '标题', summary: '摘要', description: '说明', expected_outcomes: null };
const en = { title: 'Title', summary: 'Summary', description: 'Body', expected_outcomes: 'Done' };

describe('openTranslationsFromJson', () => {
	it("keeps whole versions in the portal's languages, in the portal's order", () => {
		const out = openTranslationsFromJson({ zh, en });
		expect(out).toEqual({ en, zh });
		expect(Object.keys(out)).toEqual(['en', 'zh']);
	});

	it('drops other languages, versions missing a text and anything that is no object', () => {
		expect(openTranslationsFromJson({ fr: en })).toEqual({});
		expect(openTranslationsFromJson({ en: { title: 'Title', summary: 'Summary' } })).toEqual({});
		expect(openTranslationsFromJson({ en: { ...en, expected_outcomes: 3 } })).toEqual({});
		expect(openTranslationsFromJson({ en: null, zh })).toEqual({ zh });
		for (const json of [null, undefined, 'en', [en], 7]) {
			expect(openTranslationsFromJson(json)).toEqual({});
		}
	});
});
