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
/** Heading depth in the Markdown → level on the page, for the text being rendered. */
let headingLevels = new Map<number, number>();
/** The level of the heading rendered last (2: the page's own h2 above the description). */
let lastLevel = 2;

const marked = new Marked({
	gfm: true,
	breaks: false,
	renderer: {
		heading({ tokens, depth }) {
			// Never deeper than one below the heading before it (`### A` then `# B` then `### C`).
			const level = Math.min(headingLevels.get(depth) ?? 6, lastLevel + 1);
			lastLevel = level;
			return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
		}
	}
});

function headingLevelsOf(tokens: TokensList): Map<number, number> {
	const depths = new Set<number>();
	marked.walkTokens(tokens, (t) => {
		if (t.type === 'heading') depths.add((t as Tokens.Heading).depth);
	});
	return new Map([...depths].sort((a, b) => a - b).map((d, i) => [d, Math.min(3 + i, 6)]));
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
	headingLevels = headingLevelsOf(tokens);
	lastLevel = 2;
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
