-- Clean snippets (issue 16, item 5). search_snippet no longer picks fragments (ts_headline's
-- fragments started and stopped inside sentences, "Da Nang" became "Nang", list items ran
-- together): it returns the whole plain text of summary and description (the first 2,000
-- characters; Markdown headings, list and quote markers, link targets and emphasis removed; one
-- list item or paragraph per line) with every match between the private-use characters U+E000
-- and U+E001, or null when nothing in it matches (the match was in the title or a place name).
-- The app picks the sentence or list item and escapes it (src/lib/server/search/snippet.ts), the
-- same code as for Meilisearch's highlights. A direct caller of search_challenges gets that
-- marked text, not HTML.

create or replace function private.search_snippet(summary text, description text, tsq tsquery)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
	select case when strpos(h.text, chr(57344)) > 0 then h.text end
	from (
		select ts_headline(
			'english'::regconfig,
			translate(left(concat_ws(E'\n', summary, regexp_replace(regexp_replace(regexp_replace(regexp_replace(
				left(description, 2000),
				'(^|\n)[ \t]*#+[^\n]*', '\1', 'g'),                      -- heading lines
				'\]\([^)]*\)', ']', 'g'),                                   -- link targets
				'(^|\n)[ \t]*(?:[-+*>]|[0-9]+[.)])[ \t]+', '\1', 'g'),      -- list and quote markers
				'[*`|[\]~]+', '', 'g')),                                     -- emphasis, code, tables
			2000), chr(57344) || chr(57345), ''),
			tsq,
			'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', HighlightAll=true'
		) as text
	) as h
$$;

comment on function private.search_snippet(text, text, tsquery) is
	'The text a search hit''s snippet is picked from: summary and description as plain lines (first 2,000 characters), every match of tsq between U+E000 and U+E001; null when none matches. Not HTML: the app escapes it (src/lib/server/search/snippet.ts).';
