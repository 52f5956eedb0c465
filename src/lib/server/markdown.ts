import DOMPurify from 'isomorphic-dompurify';
import { Marked, type Tokens, type TokensList } from 'marked';

/**
 * Markdown → sanitized HTML for challenge descriptions (written by city staff, read by everyone).
 * Only plain document tags survive; scripts, event handlers, styles, frames and forms are dropped,
 * links may only point to http(s), mailto, tel or relative addresses, and every link gets
 * rel="nofollow noopener". Headings sit under the page's h2 without gaps: the levels a text uses,
 * from its biggest, become h3, h4, h5, h6 (`## A` and `#### B` give h3 and h4), so a screen
 * reader's outline never skips a level.
 */
const marked = new Marked({ gfm: true, breaks: false });

/**
 * Gives every heading its level on the page (see above), in document order: the depths the text
 * uses map to 3, 4, 5, 6, and none goes more than one below the heading before it (`### A` then
 * `# B` then `### C` give h3, h3, h4). marked then renders `depth` as the level.
 */
function placeHeadings(tokens: TokensList): void {
	const headings: Tokens.Heading[] = [];
	marked.walkTokens(tokens, (t) => {
		if (t.type === 'heading') headings.push(t as Tokens.Heading);
	});
	const used = [...new Set(headings.map((h) => h.depth))].sort((a, b) => a - b);
	let last = 2; // the page's own h2 above the description
	for (const h of headings) {
		h.depth = Math.min(3 + used.indexOf(h.depth), 6, last + 1);
		last = h.depth;
	}
}

const ALLOWED_TAGS = [
	'p',
	'br',
	'hr',
	'h3',
	'h4',
	'h5',
	'h6',
	'ul',
	'ol',
	'li',
	'blockquote',
	'pre',
	'code',
	'em',
	'strong',
	'del',
	's',
	'a',
	'table',
	'thead',
	'tbody',
	'tr',
	'th',
	'td',
	'sup',
	'sub'
];
// No images: an author could embed a tracking pixel that reveals every reader's address.
const ALLOWED_ATTR = ['href', 'title', 'start', 'colspan', 'rowspan'];
/** http(s), mailto, tel, or a relative URL (no scheme at all). No javascript:, data:, vbscript:… */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z0-9+.-]+(?:[^a-z0-9+.\-:]|$))/i;

function addLinkRel(node: Element) {
	if (node.tagName === 'A' && node.hasAttribute('href')) {
		node.setAttribute('rel', 'nofollow noopener');
	}
}

export function renderMarkdown(source: string | null | undefined): string {
	if (!source) return '';
	const tokens = marked.lexer(source);
	placeHeadings(tokens);
	const html = marked.parser(tokens);
	DOMPurify.addHook('afterSanitizeAttributes', addLinkRel);
	try {
		return DOMPurify.sanitize(html, {
			ALLOWED_TAGS,
			ALLOWED_ATTR,
			ADD_ATTR: ['rel'],
			ALLOWED_URI_REGEXP,
			ALLOW_DATA_ATTR: false,
			ALLOW_ARIA_ATTR: false
		});
	} finally {
		DOMPurify.removeHook('afterSanitizeAttributes', addLinkRel);
	}
}
