import DOMPurify from 'isomorphic-dompurify';
import { Marked } from 'marked';

/**
 * Markdown → sanitized HTML for challenge descriptions (written by city staff, read by everyone).
 * Only plain document tags survive; scripts, event handlers, styles, frames and forms are dropped,
 * links may only point to http(s), mailto, tel or relative addresses, and every link gets
 * rel="nofollow noopener". Headings are shifted down two levels so they sit under the page's h2.
 */
const marked = new Marked({
	gfm: true,
	breaks: false,
	renderer: {
		heading({ tokens, depth }) {
			const level = Math.min(depth + 2, 6);
			return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
		}
	}
});

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
	const html = marked.parse(source, { async: false });
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
