import { describe, expect, it } from 'vitest';
import { dataError } from '$lib/server/errors';
import { challengeProblem, versionProblem } from './challenge-problems';

const check = (constraint: string) =>
	dataError(
		{
			code: '23514',
			message: `new row for relation "challenge_translations" violates check constraint "${constraint}"`
		},
		400
	);

describe('refused writes of a version in words', () => {
	it('puts a length the table refused next to its field', () => {
		expect(versionProblem(check('challenge_translations_summary_length'))).toEqual({
			key: null,
			text: 'Write a summary of 10 to 600 characters.',
			field: 'summary'
		});
		expect(versionProblem(check('challenge_translations_title_length')).field).toBe('title');
		expect(versionProblem(check('challenge_translations_description_length'))).toMatchObject({
			field: 'description',
			text: 'Write a description of at most 20000 characters.'
		});
		expect(versionProblem(check('challenge_translations_expected_outcomes_length'))).toMatchObject({
			field: 'expected_outcomes',
			text: 'Keep this to 5000 characters at most.'
		});
	});

	it('words the language, state and membership refusals above the form', () => {
		const refused = (message: string, code = 'PT422') =>
			versionProblem(dataError({ code, message }, 422));
		expect(refused('translation_is_original')).toEqual({
			key: 'translation_is_original',
			text: 'The challenge is written in this language: edit the challenge itself instead.',
			field: null
		});
		expect(refused('translation_language_unknown').text).toMatch(/portal's languages/);
		expect(refused('translation_unknown', 'PT404').text).toMatch(/^There is no version/);
		expect(refused('challenge_not_editable', 'PT409')).toMatchObject({
			key: 'challenge_not_editable',
			field: null
		});
		expect(refused('not_member', 'PT403')).toMatchObject({ key: 'not_member', field: null });
	});

	it('leaves an outage to the error page', () => {
		expect(() => versionProblem(dataError({ message: 'fetch failed' }, 0))).toThrow();
	});
});

describe('refused challenge edits in words', () => {
	it('puts a new language the challenge has a version in next to the language field', () => {
		expect(
			challengeProblem(dataError({ code: 'PT422', message: 'translation_is_original' }, 422))
		).toEqual({
			key: 'translation_is_original',
			text: "The challenge has a version in this language: remove that version (Versions in other languages, below) before making it the original's language.",
			field: 'language'
		});
	});
});
