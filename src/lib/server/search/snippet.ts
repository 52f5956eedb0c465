// The snippet of a search hit (issue 16, item 5), the same for both engines: each gives the whole
// plain text of summary and description (Markdown already stripped, one list item or paragraph per
// line) with every match between the private-use markers MARK_START and MARK_END; this picks the
// first sentence or list item that holds a match, whole when it is short, else a window of whole
// words around the first match, with an ellipsis where text was left out. Null when nothing in
// summary or description matched (the match was in the title or a place name): the card then
// shows the summary, not a cut of it.
import { MARK_END, MARK_START } from '$lib/server/search/document';
import { markedHtml } from '$lib/server/search/html';

/** At most this many visible characters (an ellipsis added where the text goes on). */
export const SNIPPET_MAX = 200;

const ELLIPSIS = '…';
const MARKERS = /[\uE000\uE001]/g;
// A CJK character: every boundary between two of them is a word boundary.
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/** Sentences of one line: after . ! ? followed by a space, and after 。！？ */
function sentences(line: string): string[] {
	return line
		.split(/(?<=[.!?])\s+(?=\S)|(?<=[。！？])/u)
		.map((s) => s.trim())
		.filter((s) => s.replace(MARKERS, '') !== '');
}

/** Whether a cut between text[i - 1] and text[i] falls between two words. */
function boundary(text: string, i: number): boolean {
	if (i <= 0 || i >= text.length) return true;
	const before = text.charAt(i - 1);
	const after = text.charAt(i);
	if (/\s/.test(before) || /\s/.test(after)) return true;
	return CJK.test(before) || CJK.test(after);
}

/** Visible length: the markers take no room. */
function visible(text: string): number {
	return text.replace(MARKERS, '').length;
}

/**
 * The index in `text` (which may hold markers) at the end of the last whole word that keeps the
 * visible length within `max`; never cuts inside a word unless one word alone is longer.
 */
function cutAt(text: string, max: number): number {
	let seen = 0;
	let last = -1;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === MARK_START || ch === MARK_END) continue;
		if (seen >= max) break;
		seen++;
		if (boundary(text, i + 1)) last = i + 1;
	}
	return last > 0 ? last : text.length;
}

/** The plain text with markers → the snippet, still with markers (null: no match in it). */
export function pickSnippet(marked: string | null | undefined, max = SNIPPET_MAX): string | null {
	if (!marked || !marked.includes(MARK_START)) return null;
	const units = marked
		.split(/\n+/)
		.map((line) => line.replace(/[ \t\r\f\v]+/g, ' ').trim())
		.flatMap(sentences);
	const unit = units.find((u) => u.includes(MARK_START));
	if (!unit) return null;
	if (visible(unit) <= max) return unit;

	// A long sentence: start at it when the match comes early, else a few words before the match.
	let start = 0;
	let lead = '';
	const first = unit.indexOf(MARK_START);
	if (visible(unit.slice(0, first)) > max * 0.5) {
		let i = first;
		let back = 0;
		while (i > 0 && (back < max * 0.25 || !boundary(unit, i))) {
			i--;
			if (unit[i] !== MARK_START && unit[i] !== MARK_END) back++;
		}
		start = i;
		lead = ELLIPSIS + ' ';
	}
	const rest = unit.slice(start).trimStart();
	const end = cutAt(rest, max - lead.length - 2);
	const body = rest.slice(0, end).trimEnd();
	const tail = end < rest.length ? ' ' + ELLIPSIS : '';
	// A cut inside a marked phrase closes it (markedHtml balances the tags).
	return lead + body + tail;
}

/** The snippet as HTML: escaped, with <mark> around the matches. */
export function snippetHtml(marked: string | null | undefined, max = SNIPPET_MAX): string | null {
	const picked = pickSnippet(marked, max);
	return picked === null ? null : markedHtml(picked);
}
