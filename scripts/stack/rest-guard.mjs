// What the gateway refuses to pass to PostgREST for anonymous callers, read from the query string
// alone (PostgREST 12 does not hand its query string to SQL, so a `db-pre-request` function cannot
// see filters or embeds):
// - regular-expression filters (`match`, `imatch`, with `not.` and the `(any)`/`(all)` quantifiers,
//   also inside `or=(…)` / `and=(…)` logic trees): a pattern with back-references runs until the
//   statement timeout, and a dozen at once hold PostgREST's whole connection pool;
// - embeds inside embeds in `select`: `max-rows` caps the top level only, so
//   `currencies(challenges(*,currencies(challenges(*))))` multiplies rows at every level (a 150-byte
//   URL answered 32.6 MB).
// Each refusal is a 400 in PostgREST's error shape (code, details, hint, message).

/** Query parameters PostgREST reads as something other than a filter (also after `embed.`). */
const NOT_FILTERS = new Set(['select', 'order', 'limit', 'offset', 'columns', 'on_conflict']);

/** PostgREST 12's filter operators. */
const OPERATORS = new Set([
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'like',
	'ilike',
	'match',
	'imatch',
	'in',
	'is',
	'isdistinct',
	'fts',
	'plfts',
	'phfts',
	'wfts',
	'cs',
	'cd',
	'ov',
	'sl',
	'sr',
	'nxr',
	'nxl',
	'adj'
]);

/** The operators that run a regular expression. */
export const REGEX_OPERATORS = new Set(['match', 'imatch']);

/** How deep an anonymous caller may embed: `a(b)` is depth 1, `a(b(c))` depth 2. */
export const MAX_ANON_EMBED_DEPTH = 1;

export class GuardSyntaxError extends Error {}

/** `like(any)` → `like`; anything else unchanged. */
function bareOperator(token) {
	return token.replace(/\((?:any|all)\)$/, '');
}

/**
 * Splits `text` at each top-level `separator`, leaving alone what sits inside double quotes
 * (PostgREST's quoting, with backslash escapes) and inside () or {} (lists, nested trees, arrays).
 * Throws GuardSyntaxError on unbalanced brackets or an unterminated quote: PostgREST would read
 * such a tree differently or not at all, and for an anonymous caller the gateway refuses it.
 */
export function splitTopLevel(text, separator) {
	const parts = [];
	const closing = [];
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') {
			i = endOfQuote(text, i);
		} else if (c === '(' || c === '{') {
			closing.push(c === '(' ? ')' : '}');
		} else if (c === ')' || c === '}') {
			if (closing.pop() !== c) throw new GuardSyntaxError(`unbalanced "${c}"`);
		} else if (c === separator && closing.length === 0) {
			parts.push(text.slice(start, i));
			start = i + 1;
		}
	}
	if (closing.length) throw new GuardSyntaxError(`missing "${closing.at(-1)}"`);
	parts.push(text.slice(start));
	return parts;
}

/** The index of the quote that closes the one at `open`. */
function endOfQuote(text, open) {
	for (let i = open + 1; i < text.length; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === '"') return i;
	}
	throw new GuardSyntaxError('unterminated quote');
}

/** The operator of a plain filter's value: `not.imatch(any).{…}` → `imatch`. */
export function filterOperator(value) {
	const [first = '', second = ''] = value.split('.', 2);
	return bareOperator(first === 'not' ? second : first);
}

/**
 * The operator of one condition inside a logic tree, `field.op.value` or `field.not.op.value`,
 * where the field may be a path (`embed.column`, `data->>key`) or quoted: the first segment after
 * the field that names an operator (or `not`). Null when there is none (PostgREST refuses those).
 */
function conditionOperator(condition) {
	// Only the field may be quoted before the operator; what follows the operator is its value,
	// which is not read at all.
	let start = 0;
	let first = true;
	for (let i = 0; i <= condition.length; i++) {
		if (condition[i] === '"') {
			i = endOfQuote(condition, i);
		} else if (i === condition.length || condition[i] === '.') {
			const token = bareOperator(condition.slice(start, i).trim());
			start = i + 1;
			if (!first && OPERATORS.has(token)) return token;
			first = false;
		}
	}
	return null;
}

/** Every operator used in a logic tree's value, `(a.eq.1,or(b.match.x,not.and(c.imatch.y)))`. */
export function logicTreeOperators(value) {
	const trimmed = value.trim();
	if (!trimmed.startsWith('(') || !trimmed.endsWith(')')) {
		throw new GuardSyntaxError('a logic tree is written (condition,condition,…)');
	}
	const operators = [];
	for (const part of splitTopLevel(trimmed.slice(1, -1), ',')) {
		const term = part.trim();
		const nested = /^(?:not\.)?(?:and|or)(\(.*\))$/s.exec(term);
		if (nested) {
			operators.push(...logicTreeOperators(nested[1]));
			continue;
		}
		const op = conditionOperator(term);
		if (op === null) throw new GuardSyntaxError(`no operator in "${term}"`);
		operators.push(op);
	}
	return operators;
}

/** Aggregates look like embeds with nothing inside: `count()`, `amount.sum()`, `n:count()`. */
function isAggregate(head) {
	const name = head.replace(/^[^:]*:(?!:)/, '').trim();
	return name === 'count' || /\.(?:count|sum|avg|min|max)$/.test(name);
}

/**
 * How deeply PostgREST's `select` embeds resources: 0 for columns only, 1 for `cities(name)`,
 * 2 for `cities(regions(name))`. Reads the whole syntax: aliases (`city:cities(…)`), spreads
 * (`...cities(…)`), hints and joins (`cities!fk(…)`, `cities!inner(…)`), empty embeds (`cities()`),
 * casts, JSON paths and quoted names; aggregates (`count()`, `amount.sum()`) are not embeds.
 * Throws GuardSyntaxError when the parentheses do not balance.
 */
export function selectEmbedDepth(select) {
	const { depth, end } = readList(select, 0);
	if (end < select.length) throw new GuardSyntaxError(`unexpected ")" at ${end}`);
	return depth;
}

/** Reads items from `from` up to an unmatched ")" or the end; the deepest embed and where it stopped. */
function readList(text, from) {
	let depth = 0;
	let itemStart = from;
	let i = from;
	while (i < text.length) {
		const c = text[i];
		if (c === '"') {
			i = endOfQuote(text, i) + 1;
		} else if (c === ',') {
			itemStart = ++i;
		} else if (c === ')') {
			return { depth, end: i };
		} else if (c === '(') {
			const head = text.slice(itemStart, i);
			const inner = readList(text, i + 1);
			if (inner.end >= text.length) throw new GuardSyntaxError(`missing ")" after "${head}"`);
			const empty = text.slice(i + 1, inner.end).trim() === '';
			if (!(empty && isAggregate(head))) depth = Math.max(depth, inner.depth + 1);
			i = inner.end + 1;
		} else {
			i++;
		}
	}
	return { depth, end: i };
}

/**
 * A query string's parameters as PostgREST reads them (Haskell's http-types): separated by `&`
 * *and* `;` (`?select=id;description=match.x` is two parameters to PostgREST, one to
 * URLSearchParams), `+` read as a space, percent-escapes decoded (`%3B` is a literal `;`).
 */
export function postgrestParams(search) {
	return new URLSearchParams(search.replace(/^\?/, '').replaceAll(';', '&'));
}

function refusal(code, message, details, hint) {
	return { status: 400, body: { code, details, hint, message } };
}

const short = (text) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

/**
 * What an anonymous caller may not ask PostgREST for: null when the query is fine, else the 400
 * answer. `params` as postgrestParams() reads them from the query string PostgREST will get.
 */
export function anonRefusal(params) {
	for (const [key, value] of params) {
		const segments = key.split('.');
		const last = segments.at(-1) ?? '';
		try {
			if (last === 'select') {
				const depth = selectEmbedDepth(value);
				if (depth > MAX_ANON_EMBED_DEPTH) {
					return refusal(
						'embed_too_deep',
						`Embedding a resource inside an embedded resource is not available without signing in (this select embeds ${depth} levels deep; 1 is allowed)`,
						`select=${short(value)}`,
						'Embed each related table directly from the one you query, or make a second request for the deeper one.'
					);
				}
				continue;
			}
			if (NOT_FILTERS.has(last)) continue;
			const logic = last === 'and' || last === 'or';
			const operators = logic ? logicTreeOperators(value) : [filterOperator(value)];
			const regex = operators.find((op) => REGEX_OPERATORS.has(op));
			if (regex) {
				return refusal(
					'regex_filter_refused',
					`Regular-expression filters (match, imatch) are not available without signing in`,
					`${key}=${short(value)}`,
					'Filter with eq, in, like/ilike (with * as the wildcard) or full-text search (fts) instead.'
				);
			}
		} catch (e) {
			if (!(e instanceof GuardSyntaxError)) throw e;
			return refusal(
				'query_unparsable',
				`The gateway could not read the ${last === 'select' ? 'select' : 'filter'} "${key}": ${e.message}`,
				`${key}=${short(value)}`,
				'Check the parentheses and double quotes against PostgREST’s syntax.'
			);
		}
	}
	return null;
}
