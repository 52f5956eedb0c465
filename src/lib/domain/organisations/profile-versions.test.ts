import { describe, expect, it } from 'vitest';
import { versionLanguagesFor } from '$lib/domain/challenges/versions';
import { profileInLanguage } from './profile-versions';

const zhOriginal = { profile: '统筹推进上海市城市数字化转型。', profile_language: 'zh' };
const enVersion = [{ language: 'en', profile: 'Coordinates the digital transformation.' }];

describe('profileInLanguage', () => {
	it('shows the version in the visitor language, keeping the original language', () => {
		expect(profileInLanguage(zhOriginal, enVersion, 'en')).toEqual({
			text: 'Coordinates the digital transformation.',
			language: 'en',
			original_language: 'zh',
			translated: true,
			foreign: false
		});
	});

	it('shows the original, unmarked, to visitors of its language', () => {
		expect(profileInLanguage(zhOriginal, enVersion, 'zh')).toEqual({
			text: '统筹推进上海市城市数字化转型。',
			language: 'zh',
			original_language: 'zh',
			translated: false,
			foreign: false
		});
	});

	it('shows the original, marked foreign, when there is no version in the visitor language', () => {
		const shown = profileInLanguage({ profile: 'Kuala Lumpur', profile_language: 'ms' }, [], 'zh');
		expect(shown).toMatchObject({ text: 'Kuala Lumpur', language: 'ms', foreign: true });
	});

	it('ignores a version in the original language', () => {
		const shown = profileInLanguage(zhOriginal, [{ language: 'zh', profile: 'x' }], 'zh');
		expect(shown.text).toBe(zhOriginal.profile);
		expect(shown.translated).toBe(false);
	});

	it('has no text when there is neither original nor version, and notes nothing', () => {
		expect(profileInLanguage({ profile: null, profile_language: 'en' }, null, 'zh')).toMatchObject({
			text: null,
			foreign: false
		});
		expect(profileInLanguage({ profile: '', profile_language: 'en' }, [], 'zh').text).toBeNull();
	});

	it('shows a version even when the original is empty', () => {
		const shown = profileInLanguage(
			{ profile: null, profile_language: 'en' },
			[{ language: 'zh', profile: '简介' }],
			'zh'
		);
		expect(shown).toMatchObject({ text: '简介', translated: true });
	});
});

describe('versionLanguagesFor', () => {
	it('offers the portal languages other than the original', () => {
		expect(versionLanguagesFor('en')).toEqual(['zh']);
		expect(versionLanguagesFor('zh')).toEqual(['en']);
		expect(versionLanguagesFor('ms')).toEqual(['en', 'zh']);
	});
});
