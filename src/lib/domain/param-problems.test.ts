import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { parseSearchParams } from '$lib/domain/challenges/search-query';
import { describeParamProblems } from '$lib/domain/param-problems';

const originalGetLocale = getLocale;
afterEach(() => overwriteGetLocale(originalGetLocale));

function problems(query: string): string {
	const params = new URLSearchParams(query);
	const parsed = parseSearchParams(params);
	expect(parsed.success).toBe(false);
	return parsed.success ? '' : describeParamProblems(params, parsed.error.issues);
}

describe('describeParamProblems', () => {
	it('names an unknown value and what is allowed', () => {
		expect(problems('domain=mobility,space')).toBe(
			'domain: "space" is not one of technologies, mobility, environment, utilities'
		);
	});

	it('says a page must be a whole number, not what the validation library says', () => {
		expect(problems('page=abc')).toBe('page: must be a whole number, such as 2');
		expect(problems('page=1.5')).toBe('page: must be a whole number, such as 2');
		expect(problems('limit=ten')).toBe('limit: must be a whole number, such as 2');
	});

	it('explains a malformed city and too many values', () => {
		expect(problems('city=Not%20A%20Slug')).toBe(
			'city: must be a city’s short name from its address, such as sepang'
		);
		expect(problems('domain=mobility,mobility,mobility,mobility,mobility')).toBe(
			'domain: too many values'
		);
	});

	it('answers in the visitor’s language', () => {
		overwriteGetLocale(() => 'zh');
		expect(problems('page=abc')).toBe('page：必须是整数，例如 2');
		expect(problems('city=Bad!')).toBe('city：必须是城市地址中的简称，例如 sepang');
		expect(problems('kind=idea')).toBe('kind：“idea”不是可用的值（challenge, opportunity）');
	});
});
