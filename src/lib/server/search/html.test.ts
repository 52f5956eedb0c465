import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START } from '$lib/server/search/document';
import { escapeHtml, markedHtml } from '$lib/server/search/html';

describe('escapeHtml', () => {
	it('escapes the five HTML characters', () => {
		expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
			'&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;'
		);
	});
});

describe('markedHtml', () => {
	it('turns markers into <mark> and escapes the rest', () => {
		expect(markedHtml(`<b>${MARK_START}flood${MARK_END}</b> & "sensors"`)).toBe(
			'&lt;b&gt;<mark>flood</mark>&lt;/b&gt; &amp; &quot;sensors&quot;'
		);
	});
	it('never lets a highlighted script through', () => {
		const html = markedHtml(`${MARK_START}<script>alert(1)</script>${MARK_END}`);
		expect(html).toBe('<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>');
		expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
	});
	it('does not pass a literal <mark> from the text', () => {
		expect(markedHtml('<mark>not ours</mark>')).toBe('&lt;mark&gt;not ours&lt;/mark&gt;');
	});
	it('balances marks cut by cropping', () => {
		expect(markedHtml(`${MARK_START}flood sens`)).toBe('<mark>flood sens</mark>');
		expect(markedHtml(`ors${MARK_END} and more`)).toBe('ors and more');
		expect(markedHtml(`${MARK_START}${MARK_START}a${MARK_END}${MARK_END}`)).toBe('<mark>a</mark>');
	});
});
