import { describe, expect, it } from 'vitest';
import { pageTexts } from './texts';

const chinese = {
	language: 'zh',
	title: '海绵城市雨水收集与内涝传感器试点',
	summary: '上海市希望在浦东新区试点海绵城市雨水收集和内涝传感器。',
	description: '## 背景',
	expected_outcomes: '提前30分钟发布预警。'
};
const english = {
	title: 'Sponge city rainwater harvesting and flood sensor pilot',
	summary: 'Shanghai wants to pilot sponge city rainwater harvesting.',
	description: '## Background',
	expected_outcomes: null
};

describe('pageTexts', () => {
	it("shows the version in the page's language, with the translated note", () => {
		const { texts, note } = pageTexts(chinese, { en: english }, 'en', false);
		expect(note).toBe('translated');
		expect(texts).toMatchObject({
			...english,
			// The version has no expected outcomes: the original's stay, in its language.
			expected_outcomes: chinese.expected_outcomes,
			expected_outcomes_language: 'zh',
			language: 'en',
			original_language: 'zh',
			translated: true
		});
	});

	it('shows the original when asked, with the note that leads back to the version', () => {
		const { texts, note } = pageTexts(chinese, { en: english }, 'en', true);
		expect(note).toBe('original');
		expect(texts).toMatchObject({ ...chinese, original_language: 'zh', translated: false });
	});

	it("says so when there is no version in the page's language", () => {
		const { texts, note } = pageTexts(chinese, {}, 'en', false);
		expect(note).toBe('untranslated');
		expect(texts.title).toBe(chinese.title);
		expect(texts.language).toBe('zh');
		// Asking for the original changes nothing: it is what is shown.
		expect(pageTexts(chinese, { en: english }, 'zh', true).note).toBeNull();
		expect(pageTexts(chinese, {}, 'en', true).note).toBe('untranslated');
	});

	it("says nothing when the original is in the page's language", () => {
		const { texts, note } = pageTexts(chinese, { en: english }, 'zh', false);
		expect(note).toBeNull();
		expect(texts.title).toBe(chinese.title);
		expect(texts.translated).toBe(false);
	});
});
