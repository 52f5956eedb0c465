import { describe, expect, it } from 'vitest';
import {
	inLanguage,
	isVersionLanguage,
	titleInLanguage,
	versionsFromRows,
	withChallengeTitleIn
} from './versions';

const zhOriginal = {
	slug: 's',
	language: 'zh',
	title: '海绵城市雨水收集与内涝监测试点',
	summary: '上海市希望在浦东新区试点海绵城市。',
	description: '## 背景',
	expected_outcomes: '减少一半。'
};
const versions = versionsFromRows([
	{
		language: 'en',
		title: 'Sponge city pilot',
		summary: 'Shanghai wants to pilot sponge city works.',
		description: '## Background',
		expected_outcomes: null
	}
]);

describe('inLanguage', () => {
	it('shows the version in the visitor language, keeping the original language', () => {
		const shown = inLanguage(zhOriginal, versions, 'en');
		expect(shown).toMatchObject({
			language: 'en',
			original_language: 'zh',
			translated: true,
			title: 'Sponge city pilot',
			description: '## Background',
			// The version has none: the original's stay, marked with the original's language.
			expected_outcomes: '减少一半。',
			expected_outcomes_language: 'zh',
			slug: 's'
		});
	});

	it('shows the version’s expected outcomes, in its language, when it has them', () => {
		const withOutcomes = versionsFromRows([
			{ language: 'en', title: 'T', summary: 'S', description: 'D', expected_outcomes: 'Half.' }
		]);
		const shown = inLanguage(zhOriginal, withOutcomes, 'en');
		expect(shown.expected_outcomes).toBe('Half.');
		expect(shown.expected_outcomes_language).toBe('en');
	});

	it('shows the original, marked as such, when there is no version in that language', () => {
		const shown = inLanguage({ ...zhOriginal, language: 'pt-BR' }, versions, 'zh');
		expect(shown).toMatchObject({
			language: 'pt-BR',
			original_language: 'pt-BR',
			translated: false,
			title: zhOriginal.title
		});
	});

	it('shows the original when it is in the visitor language, whatever versions exist', () => {
		const shown = inLanguage(zhOriginal, { zh: { title: 'x', summary: 'y' } }, 'zh');
		expect(shown.translated).toBe(false);
		expect(shown.title).toBe(zhOriginal.title);
	});

	it('adds no description to a list hit that has none', () => {
		const hit = { language: 'zh', title: 't', summary: 's' };
		const shown = inLanguage(hit, versions, 'en');
		expect(shown.title).toBe('Sponge city pilot');
		expect('description' in shown).toBe(false);
	});

	it('knows the portal languages only', () => {
		expect(isVersionLanguage('en')).toBe(true);
		expect(isVersionLanguage('zh')).toBe(true);
		expect(isVersionLanguage('pt')).toBe(false);
	});
});

describe('titleInLanguage', () => {
	const row = {
		id: 'p1',
		challenge: {
			slug: 's',
			title: '老年人数字公共服务适老化改造',
			language: 'zh',
			versions: [{ language: 'en', title: 'Digital public services adapted for older residents' }]
		}
	};

	it('gives the title of the version in the reader language, with that language', () => {
		expect(withChallengeTitleIn(row, 'en')).toEqual({
			id: 'p1',
			challenge: {
				slug: 's',
				title: 'Digital public services adapted for older residents',
				language: 'en'
			}
		});
	});

	it('keeps the original where there is no version in that language', () => {
		expect(titleInLanguage({ ...row.challenge, versions: [] }, 'en')).toEqual({
			slug: 's',
			title: row.challenge.title,
			language: 'zh'
		});
		expect(titleInLanguage(row.challenge, 'zh').title).toBe(row.challenge.title);
	});

	it('leaves a challenge the reader may no longer read as null', () => {
		expect(withChallengeTitleIn({ id: 'p2', challenge: null }, 'en').challenge).toBeNull();
	});
});
