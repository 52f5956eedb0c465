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
		// Largest budget first, none last (budget_usd_sort is -1 then), ties in the deadline order.
		expect(sortFor(searchQuerySchema.parse({ sort: 'budget' }))).toEqual([
			'budget_usd_sort:desc',
			'deadline_sort:asc',
			'published_ts:desc',
			'id:asc'
		]);
	});
});

describe('snippetFrom', () => {
	const q = searchQuerySchema.parse({ q: 'flood' });
	it('takes the highlighted line of the description and escapes it', () => {
		expect(
			snippetFrom({ summary: 'plain', description: `a <b> ${MARK_START}flood${MARK_END}` }, q)
		).toBe('a &lt;b&gt; <mark>flood</mark>');
	});
	it('takes the list item that matched, not its neighbours', () => {
		expect(
			snippetFrom({ description: `First line\n\n  ${MARK_START}flood${MARK_END}\nthen more ` }, q)
		).toBe('<mark>flood</mark>');
	});
	it('uses the summary when it holds the first match', () => {
		expect(
			snippetFrom({ summary: `${MARK_START}Flood${MARK_END} & co`, description: 'x' }, q)
		).toBe('<mark>Flood</mark> &amp; co');
	});
	it('is null when neither matched (the match was in the title) or without a keyword', () => {
		expect(snippetFrom({ summary: 'Sensors', description: 'x' }, q)).toBeNull();
		expect(snippetFrom({ summary: 'x' }, searchQuerySchema.parse({}))).toBeNull();
	});
});
