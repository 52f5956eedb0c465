import { describe, expect, it } from 'vitest';
import {
	MAX_DIRECTORY_PAGE,
	MAX_NAME_QUERY_LENGTH,
	describeDirectoryProblems,
	parseDirectoryParams,
	toDirectoryParams
} from '$lib/domain/organisations/schema';

const params = (qs: string) => new URLSearchParams(qs);
const parse = (qs: string) => parseDirectoryParams(params(qs));

describe('vendor directory parameters', () => {
	it('defaults to every vendor on page 1', () => {
		const r = parse('');
		expect(r.success && r.data).toEqual({ q: '', domain: [], country: null, page: 1 });
	});

	it('refuses an unknown domain with a message naming it and the allowed values', () => {
		const r = parse('domain=mobility&domain=space');
		expect(r.success).toBe(false);
		if (r.success) return;
		expect(r.error.issues[0]?.path[0]).toBe('domain');
		expect(describeDirectoryProblems(params('domain=mobility&domain=space'), r.error)).toBe(
			'domain: "space" is not one of technologies, mobility, environment, utilities'
		);
	});

	it('accepts repeated keys and comma lists, deduplicated', () => {
		const r = parse('domain=utilities,mobility&domain=utilities');
		expect(r.success && r.data.domain).toEqual(['utilities', 'mobility']);
	});

	it('upper-cases a country code and refuses anything but two letters', () => {
		const ok = parse('country=%20my%20');
		expect(ok.success && ok.data.country).toBe('MY');
		expect(parse('country=').success && parse('country=').data?.country).toBe(null);
		const bad = parse('country=Malaysia');
		expect(bad.success).toBe(false);
		if (bad.success) return;
		expect(describeDirectoryProblems(params('country=Malaysia'), bad.error)).toMatch(
			/^country: must be a two-letter ISO 3166 country code/
		);
	});

	it('cuts a long name search and removes control characters', () => {
		const long = parse(`q=${'a'.repeat(5000)}`);
		expect(long.success && long.data.q.length).toBe(MAX_NAME_QUERY_LENGTH);
		const nul = parse('q=%20Flood%00Watch%20');
		expect(nul.success && nul.data.q).toBe('Flood Watch');
	});

	it('clamps the page, refuses one that is not a number', () => {
		expect(parse('page=-3').success && parse('page=-3').data?.page).toBe(1);
		const far = parse('page=99999');
		expect(far.success && far.data.page).toBe(MAX_DIRECTORY_PAGE);
		expect(parse('page=abc').success).toBe(false);
	});

	it('round-trips through the canonical URL', () => {
		const r = parse('page=2&country=se&domain=utilities,technologies&q=grid');
		expect(r.success).toBe(true);
		if (!r.success) return;
		const url = toDirectoryParams(r.data).toString();
		expect(url).toBe('q=grid&domain=technologies&domain=utilities&country=SE&page=2');
		const again = parseDirectoryParams(new URLSearchParams(url));
		expect(again.success && toDirectoryParams(again.data).toString()).toBe(url);
		expect(toDirectoryParams({ q: '', domain: [], country: null, page: 1 }).toString()).toBe('');
	});
});
