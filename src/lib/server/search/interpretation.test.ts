import { describe, expect, it } from 'vitest';
import {
	correctedQuery,
	isExactQuery,
	NO_INTERPRETATION,
	shownInterpretation
} from '$lib/server/search/interpretation';

describe('shownInterpretation', () => {
	it('keeps real corrections and drops completions of the word being typed', () => {
		expect(
			shownInterpretation({
				corrections: [
					{ word: 'moblity', to: ['mobility'] },
					{ word: 'sens', to: ['sensor'] }
				],
				synonyms: [{ words: 'ev', also: ['electric vehicle'] }]
			})
		).toEqual({
			corrections: [{ word: 'moblity', to: ['mobility'] }],
			synonyms: [{ words: 'ev', also: ['electric vehicle'] }]
		});
	});
	it('says nothing about an answer it does not understand', () => {
		expect(shownInterpretation(null)).toEqual(NO_INTERPRETATION);
		expect(shownInterpretation({ corrections: 'x' })).toEqual(NO_INTERPRETATION);
	});
});

describe('correctedQuery', () => {
	it('replaces each corrected word, keeping the others and their spacing', () => {
		const i = { corrections: [{ word: 'flod', to: ['flood'] }], synonyms: [] };
		expect(correctedQuery('Flod  sensors', i)).toBe('flood  sensors');
		expect(correctedQuery('sensors', i)).toBeNull();
		expect(correctedQuery('flod', NO_INTERPRETATION)).toBeNull();
	});
});

describe('isExactQuery', () => {
	it('is a query in double quotes', () => {
		expect(isExactQuery(' "moblity"')).toBe(true);
		expect(isExactQuery('moblity')).toBe(false);
	});
});
