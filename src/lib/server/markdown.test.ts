import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '$lib/server/markdown';

describe('renderMarkdown', () => {
	it('renders ordinary Markdown', () => {
		const html = renderMarkdown('# Goal\n\nReduce **leaks** by 20%.\n\n- one\n- two');
		expect(html).toContain('<h3>Goal</h3>');
		expect(html).toContain('<strong>leaks</strong>');
		expect(html).toContain('<li>one</li>');
	});

	it('puts headings under the page’s h2 without skipping a level', () => {
		const html = renderMarkdown('## Background\n\ntext\n\n#### Detail\n\n## Scope\n\n###### Note');
		expect(html).toContain('<h3>Background</h3>');
		expect(html).toContain('<h4>Detail</h4>');
		expect(html).toContain('<h3>Scope</h3>');
		expect(html).toContain('<h4>Note</h4>'); // right after Scope (h3): one level down
		// A deeper heading first still comes right under the page's h2.
		expect(renderMarkdown('### A\n\n# B\n\n### C')).toMatch(
			/<h3>A<\/h3>[\s\S]*<h3>B<\/h3>[\s\S]*<h4>C<\/h4>/
		);
	});

	it('returns an empty string for empty input', () => {
		expect(renderMarkdown('')).toBe('');
		expect(renderMarkdown(null)).toBe('');
	});

	it('drops script tags and their content', () => {
		const html = renderMarkdown('Hello <script>alert(1)</script> world');
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toContain('alert(1)');
		expect(html).toContain('Hello');
	});

	it('removes javascript: and data: links but keeps the text', () => {
		const html = renderMarkdown(
			'[click](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c](data:text/html;base64,PHNjcmlwdD4=)'
		);
		expect(html).not.toMatch(/javascript:/i);
		expect(html).not.toMatch(/data:/i);
		expect(html).toContain('click');
	});

	it('strips event handler attributes such as img onerror', () => {
		const html = renderMarkdown(
			'<img src="x" onerror="alert(1)"> and <a href="/x" onclick="evil()">x</a>'
		);
		expect(html).not.toMatch(/onerror|onclick/i);
		expect(html).not.toContain('alert(1)');
	});

	it('drops images, so no third party learns who reads a challenge', () => {
		const html = renderMarkdown(
			'![pixel](https://tracker.example/p.gif) <img src="data:image/svg+xml,<svg/>"> text'
		);
		expect(html).not.toMatch(/<img|tracker\.example|data:/i);
		expect(html).toContain('text');
	});

	it('makes raw HTML iframes, styles, forms and objects inert', () => {
		const html = renderMarkdown(
			'<iframe src="https://evil.example"></iframe><style>body{display:none}</style><form action="/x"><input name="a"></form><object data="x"></object>'
		);
		expect(html).not.toMatch(/<iframe|<style|<form|<input|<object/i);
	});

	it('adds rel="nofollow noopener" to links and keeps them in the same tab', () => {
		const html = renderMarkdown(
			'[site](https://example.org) <a href="https://e.org" target="_blank">e</a>'
		);
		expect(html).toContain('<a href="https://example.org" rel="nofollow noopener">site</a>');
		expect(html).not.toContain('target=');
	});

	it('keeps mailto and relative links', () => {
		const html = renderMarkdown('[mail](mailto:a@b.org) [rel](/cities/lisbon)');
		expect(html).toContain('href="mailto:a@b.org"');
		expect(html).toContain('href="/cities/lisbon"');
	});
});
