import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION_LIMITS, versionFormSchema } from './version-form';
import { versionLanguagesFor } from './versions';

const valid = {
	language: 'zh',
	title: '  韩江洪水传感器  ',
	summary: '  在低洼街道预警山洪的传感器网络。 ',
	description: '## 背景\n\n街道很快被淹。',
	expected_outcomes: ''
};

/** The messages of a failed parse, by path. */
function issues(original: string, input: Record<string, unknown>) {
	const r = versionFormSchema(original).safeParse(input);
	expect(r.success).toBe(false);
	return r.success
		? {}
		: Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('the version form', () => {
	it('accepts a complete version and trims every text', () => {
		const r = versionFormSchema('en').safeParse({ ...valid, expected_outcomes: '  A pilot. ' });
		expect(r.success).toBe(true);
		if (!r.success) return;
		expect(r.data).toEqual({
			language: 'zh',
			title: '韩江洪水传感器',
			summary: '在低洼街道预警山洪的传感器网络。',
			description: '## 背景\n\n街道很快被淹。',
			expected_outcomes: 'A pilot.'
		});
	});

	it('expected outcomes are optional', () => {
		const { expected_outcomes: _, ...rest } = valid;
		expect(versionFormSchema('en').safeParse(rest).success).toBe(true);
	});

	it('is in a portal language other than the original', () => {
		expect(Object.keys(issues('zh', valid))).toEqual(['language']);
		expect(Object.keys(issues('en', { ...valid, language: 'fr' }))).toEqual(['language']);
		expect(Object.keys(issues('en', { ...valid, language: '' }))).toEqual(['language']);
		expect(Object.keys(issues('en', { ...valid, language: 'ZH-cn' }))).toEqual(['language']);
		// A challenge written in another language may have a version in each portal language.
		expect(versionFormSchema('es').safeParse(valid).success).toBe(true);
		expect(versionFormSchema('es').safeParse({ ...valid, language: 'en' }).success).toBe(true);
	});

	it('holds the lengths after trimming', () => {
		const { min, max } = VERSION_LIMITS.title;
		expect(Object.keys(issues('en', { ...valid, title: ` ${'a'.repeat(min - 1)}   ` }))).toEqual([
			'title'
		]);
		expect(Object.keys(issues('en', { ...valid, title: 'a'.repeat(max + 1) }))).toEqual(['title']);
		expect(versionFormSchema('en').safeParse({ ...valid, title: 'a'.repeat(max) }).success).toBe(
			true
		);
		const s = VERSION_LIMITS.summary;
		expect(
			Object.keys(issues('en', { ...valid, summary: `  ${'字'.repeat(s.min - 1)}  ` }))
		).toEqual(['summary']);
		expect(Object.keys(issues('en', { ...valid, summary: 'a'.repeat(s.max + 1) }))).toEqual([
			'summary'
		]);
		expect(Object.keys(issues('en', { ...valid, description: ' \n ' }))).toEqual(['description']);
		expect(
			Object.keys(
				issues('en', { ...valid, description: 'a'.repeat(VERSION_LIMITS.description.max + 1) })
			)
		).toEqual(['description']);
		expect(
			Object.keys(
				issues('en', {
					...valid,
					expected_outcomes: 'a'.repeat(VERSION_LIMITS.expectedOutcomes + 1)
				})
			)
		).toEqual(['expected_outcomes']);
	});

	it('says which length a field needs', () => {
		expect(issues('en', { ...valid, summary: 'Too short' }).summary).toBe(
			'Write a summary of 10 to 600 characters.'
		);
	});

	it('offers a form for each portal language but the original', () => {
		expect(versionLanguagesFor('en')).toEqual(['zh']);
		expect(versionLanguagesFor('zh')).toEqual(['en']);
		expect(versionLanguagesFor('pt-BR')).toEqual(['en', 'zh']);
	});

	it("mirrors the table's limits", () => {
		const sql = readFileSync(
			'supabase/migrations/20261207001600_challenge_translations.sql',
			'utf8'
		);
		const { title, summary, description, expectedOutcomes } = VERSION_LIMITS;
		expect(sql).toContain(`char_length(btrim(title)) between ${title.min} and ${title.max}`);
		expect(sql).toContain(`char_length(btrim(summary)) between ${summary.min} and ${summary.max}`);
		expect(sql).toContain(
			`char_length(btrim(description)) between ${description.min} and ${description.max}`
		);
		expect(sql).toContain(`char_length(expected_outcomes) <= ${expectedOutcomes}`);
		expect(sql).toContain(`check (language in ('en', 'zh'))`);
	});
});
