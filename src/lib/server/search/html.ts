import { MARK_END, MARK_START } from '$lib/server/search/document';

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Turns text carrying Meilisearch's private-use highlight markers into safe HTML: everything is
 * escaped, then the markers become balanced <mark>…</mark> (Meilisearch itself escapes nothing).
 */
export function markedHtml(text: string): string {
	let open = false;
	let out = '';
	for (const part of escapeHtml(text).split(/([\uE000\uE001])/)) {
		if (part === MARK_START) {
			if (!open) out += '<mark>';
			open = true;
		} else if (part === MARK_END) {
			if (open) out += '</mark>';
			open = false;
		} else {
			out += part;
		}
	}
	return open ? `${out}</mark>` : out;
}
