import { describe, expect, it } from 'vitest';
import { searchQuerySchema } from '$lib/domain/challenges/search-query';
import { MARK_END, MARK_START } from '$lib/server/search/document';
import { snippetFrom, sortFor } from '$lib/server/search/meilisearch';

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
	});
});

describe('snippetFrom', () => {
	const q = searchQuerySchema.parse({ q: 'flood' });
	it('prefers a highlighted description and escapes it', () => {
		expect(
			snippetFrom({ summary: 'plain', description: `a <b> ${MARK_START}flood${MARK_END}` }, q)
		).toBe('a &lt;b&gt; <mark>flood</mark>');
	});
	it('is one line of text', () => {
		expect(
			snippetFrom({ description: `First line\n\n  ${MARK_START}flood${MARK_END}\nthen more ` }, q)
		).toBe('First line <mark>flood</mark> then more');
	});
	it('uses the summary when the description has no match', () => {
		expect(
			snippetFrom({ summary: `${MARK_START}Flood${MARK_END} & co`, description: 'x' }, q)
		).toBe('<mark>Flood</mark> &amp; co');
	});
	it('is null without a keyword', () => {
		expect(snippetFrom({ summary: 'x' }, searchQuerySchema.parse({}))).toBeNull();
	});
});
