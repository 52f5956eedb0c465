import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START, markdownToPlainText } from '$lib/server/search/document';
import { pickSnippet, SNIPPET_MAX, snippetHtml } from '$lib/server/search/snippet';

const mark = (w: string) => `${MARK_START}${w}${MARK_END}`;
const plain = (s: string) => s.replace(/[\uE000\uE001]/g, '');

describe('pickSnippet', () => {
	it('keeps a short sentence whole, from its first word', () => {
		const text = `Da Nang needs ${mark('flood')} sensors on the Han river. Typhoons flooded it.`;
		expect(pickSnippet(text)).toBe(`Da Nang needs ${mark('flood')} sensors on the Han river.`);
	});

	it('takes the list item that matched, never its neighbours', () => {
		const text = `Summary.\nRiver level sensors\n${mark('Flood')} forecast for 24 hours\nAlerts on Zalo`;
		expect(pickSnippet(text)).toBe(`${mark('Flood')} forecast for 24 hours`);
	});

	it('is null when nothing in summary or description matched', () => {
		expect(pickSnippet('No match here.')).toBeNull();
		expect(pickSnippet(null)).toBeNull();
		expect(snippetHtml('')).toBeNull();
	});

	it('cuts a long sentence at a word, with an ellipsis, and starts near a late match', () => {
		const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
		words[60] = mark('flood');
		const snippet = pickSnippet(words.join(' ') + '.')!;
		expect(snippet.startsWith('… ')).toBe(true);
		expect(snippet.endsWith(' …')).toBe(true);
		expect(snippet).toContain(mark('flood'));
		expect(plain(snippet).length).toBeLessThanOrEqual(SNIPPET_MAX);
	});

	it('splits Chinese sentences at 。 and cuts between characters', () => {
		const text = `上海市希望试点${mark('海绵城市')}设施。暴雨积水。`;
		expect(pickSnippet(text)).toBe(`上海市希望试点${mark('海绵城市')}设施。`);
		const long = '雨'.repeat(300) + mark('内涝') + '雨'.repeat(300);
		const cut = pickSnippet(long)!;
		expect(cut).toContain(mark('内涝'));
		expect(plain(cut).length).toBeLessThanOrEqual(SNIPPET_MAX);
	});

	it('escapes everything but the marks', () => {
		expect(snippetHtml(`Tom & ${mark('<b>')}`)).toBe('Tom &amp; <mark>&lt;b&gt;</mark>');
	});
});

// Property-style over the demo data: every summary and description of supabase/seed.sql, as the
// engines give them (Markdown stripped, one item per line), with each word in turn marked as the
// match. The snippet's text, without its ellipses, must be a run of whole words of the source.
describe('snippets of the demo texts', () => {
	const seed = readFileSync(new URL('../../../../supabase/seed.sql', import.meta.url), 'utf8');
	const texts = [...seed.matchAll(/'((?:[^']|'')*)'/g)]
		.map((m) => (m[1] ?? '').replace(/''/g, "'"))
		.filter((t) => t.length >= 80 && / /.test(t))
		.map((t) => markdownToPlainText(t.replace(/\\n/g, '\n')));

	it('never start or end inside a word', () => {
		expect(texts.length).toBeGreaterThan(50);
		let checked = 0;
		for (const text of texts) {
			const words = [...text.matchAll(/\S+/g)];
			for (let k = 0; k < words.length; k += 3) {
				const w = words[k]!;
				const at = w.index;
				const marked = text.slice(0, at) + mark(w[0]) + text.slice(at + w[0].length);
				const snippet = pickSnippet(marked);
				expect(snippet, w[0]).not.toBeNull();
				const body = plain(snippet!).replace(/^… /, '').replace(/ …$/, '');
				const source = text.replace(/[ \t]+/g, ' ');
				// Some occurrence of it in the source stands between spaces (or the text's ends).
				let bounded = false;
				for (let i = source.indexOf(body); i >= 0; i = source.indexOf(body, i + 1)) {
					const before = source[i - 1];
					const after = source[i + body.length];
					if (
						(before === undefined || /\s/.test(before)) &&
						(after === undefined || /\s/.test(after))
					)
						bounded = true;
				}
				expect(bounded, `inside a word: "${body}" of "${source}"`).toBe(true);
				expect(plain(snippet!).length).toBeLessThanOrEqual(SNIPPET_MAX);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(500);
	});
});
