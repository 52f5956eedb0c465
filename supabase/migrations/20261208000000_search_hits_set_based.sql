-- A search's hits read in one query (issue 17, item 4: search at 100k).
--
-- Every search answer, cached or computed, reads its page of hits. That cost ~4 ms for 20 hits
-- without a keyword and ~10 ms with one (in psql, as anon, at 100k: docs/performance.md), most of
-- it per hit, not per search:
--
-- * private.search_snippet computed ts_headline twice per hit: its outer query used the inner
--   query's column twice, and the planner pulled the inner query up, so `h.text` became two
--   copies of the whole ts_headline(...) call. It is now PL/pgSQL (each text marked once):
--   100 snippets of `flood` took 21.6 ms before, ~11 ms after.
-- * It also marks the summary alone first, and returns just that when the summary has a match:
--   the app shows the first sentence with a match (src/lib/server/search/snippet.ts), which is
--   then in the summary, so the description (and its four regular expressions) is only read when
--   the summary has none. Over 952 hits of 20 searches at 100k the sentence shown was the same
--   for every hit; 944 of them took the short way.
-- * private.search_hit ran once per hit, and with it, per hit, three SECURITY DEFINER budget
--   functions (one currency_rates lookup each) and a query of challenge_translations (its policy
--   evaluated again each time). private.search_hits reads a whole page at once: the rates and
--   every version in one join each, the policies once per search.
--
-- The hits are the same (same fields, same values, same order), read as the caller under RLS as
-- before, except a snippet's text: only the summary when the summary has a match (the sentence
-- the app shows is the same). search_challenges and similar_challenges are restated to use
-- search_hits; both search_hit functions go (nothing else calls them).

create or replace function private.search_snippet(summary text, description text, tsq tsquery)
returns text
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
declare
	v_options constant text := 'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', HighlightAll=true';
	-- The summary first: the app shows the first sentence that has a match, so when the summary
	-- has one, the description's text is never shown.
	v_text text := ts_headline(
		'english'::regconfig, translate(left(summary, 2000), chr(57344) || chr(57345), ''), tsq, v_options
	);
begin
	if strpos(v_text, chr(57344)) > 0 then
		return v_text;
	end if;
	v_text := ts_headline(
		'english'::regconfig,
		translate(left(concat_ws(E'\n', summary, regexp_replace(regexp_replace(regexp_replace(regexp_replace(
			left(description, 2000),
			'(^|\n)[ \t]*#+[^\n]*', '\1', 'g'),                      -- heading lines
			'\]\([^)]*\)', ']', 'g'),                                   -- link targets
			'(^|\n)[ \t]*(?:[-+*>]|[0-9]+[.)])[ \t]+', '\1', 'g'),      -- list and quote markers
			'[*`|[\]~]+', '', 'g')),                                     -- emphasis, code, tables
		2000), chr(57344) || chr(57345), ''),
		tsq,
		v_options
	);
	return case when strpos(v_text, chr(57344)) > 0 then v_text end;
end;
$$;

comment on function private.search_snippet(text, text, tsquery) is
	'The text a search hit''s snippet is picked from, every match of tsq between U+E000 and U+E001: the summary alone when it has a match (the app shows the first sentence with one), else summary and description as plain lines (first 2,000 characters); null when none matches. Not HTML: the app escapes it (src/lib/server/search/snippet.ts).';

-- The hits of a page: the public challenges among `ids`, in that order, read as the caller (RLS
-- on challenges, cities, regions, currency_rates and challenge_translations applies). ranks[i]
-- is the rank of ids[i]. With tsq, each hit's snippet is made from its version in `lang` when it
-- has one, else from the original's; translations holds every version's title and summary by
-- language, with whole_versions also description and expected_outcomes. Budgets in USD as
-- public.budget_min_usd/budget_max_usd/budget_usd_as_of give them.
create function private.search_hits(
	ids uuid[],
	ranks real[],
	tsq tsquery,
	lang text,
	whole_versions boolean
)
returns public.search_hit[]
language sql
stable
set search_path = ''
as $$
	select coalesce(array_agg(
		row(
			c.id, c.slug, c.kind, c.language, c.title, c.summary, c.domain, c.priority_areas, c.status,
			c.outcome, c.deadline, c.published_at,
			row(ci.slug, ci.name, ci.country)::public.search_hit_city,
			row(r.slug, r.name)::public.search_hit_region,
			c.budget_min, c.budget_max, c.currency,
			case when search_hits.tsq is not null then
				private.search_snippet(coalesce(t.summary, c.summary), coalesce(t.description, c.description), search_hits.tsq)
			end,
			search_hits.ranks[p.ord],
			-- As private.usd and private.usd_as_of: to the cent, null without an amount or a rate.
			round(c.budget_min * x.usd_per_unit, 2),
			round(c.budget_max * x.usd_per_unit, 2),
			case when coalesce(c.budget_min, c.budget_max) is not null then x.as_of end,
			coalesce(v.versions, '{}'::jsonb)
		)::public.search_hit
		order by p.ord
	), '{}')
	from unnest(search_hits.ids) with ordinality as p (id, ord)
	join public.challenges c on c.id = p.id
	join public.cities ci on ci.id = c.city_id
	join public.regions r on r.slug = ci.region
	left join public.currency_rates x on x.currency = c.currency
	-- The version the snippet is made from: the visitor's language, when it is not the original's.
	left join public.challenge_translations t
		on t.challenge_id = c.id and t.language = search_hits.lang and t.language <> c.language
	left join (
		select tv.challenge_id,
			jsonb_object_agg(
				tv.language,
				case when search_hits.whole_versions then
					jsonb_build_object('title', tv.title, 'summary', tv.summary, 'description', tv.description,
						'expected_outcomes', tv.expected_outcomes)
				else jsonb_build_object('title', tv.title, 'summary', tv.summary) end
			) as versions
		from public.challenge_translations tv
		where tv.challenge_id = any (search_hits.ids)
		group by tv.challenge_id
	) v on v.challenge_id = c.id
	where private.challenge_is_public(c.status);
$$;

revoke all on function private.search_hits(uuid[], real[], tsquery, text, boolean) from public;
grant execute on function private.search_hits(uuid[], real[], tsquery, text, boolean)
	to anon, authenticated, service_role;

create or replace function public.search_challenges(params jsonb)
returns public.search_result
language plpgsql
volatile
set search_path = ''
as $$
declare
	v_search record := private.search_cached(params);
	v_page jsonb := v_search.core -> 'page';
	-- search_cached() has read params already (as an object, or a JSON string holding one).
	v_whole boolean := coalesce((
		case jsonb_typeof(params)
			when 'string' then ((params #>> '{}')::jsonb) ->> 'versions'
			when 'object' then params ->> 'versions'
		end
	) = 'whole', false);
begin
	return row(
		(v_search.core ->> 'total')::integer,
		-- The page's rows are read as the caller: RLS on challenges applies to every hit.
		private.search_hits(
			array(select (e.value ->> 'id')::uuid from jsonb_array_elements(v_page) with ordinality as e (value, ord) order by e.ord),
			array(select (e.value ->> 'rank')::real from jsonb_array_elements(v_page) with ordinality as e (value, ord) order by e.ord),
			v_search.tsq,
			private.search_lang(params),
			v_whole
		),
		jsonb_populate_record(null::public.search_facets, v_search.core -> 'facets'),
		v_search.mode
	)::public.search_result;
end;
$$;

create or replace function public.similar_challenges(challenge_id uuid, max_results integer default 6)
returns setof public.search_hit
language sql
stable
set search_path = ''
as $$
	-- Read as the caller (RLS applies), by primary key, in the order of the scores.
	select (h.hits[i]).*
	from (
		select private.search_hits(
			array_agg(s.id order by s.score desc, s.id), array_agg(s.score order by s.score desc, s.id), null, null, false
		) as hits
		from private.search_similar(similar_challenges.challenge_id, similar_challenges.max_results) as s
	) h
	cross join lateral generate_subscripts(h.hits, 1) as i
	order by i;
$$;

drop function private.search_hit(public.challenges, public.cities, public.regions, text, real);
drop function private.search_hit(public.challenges, public.cities, public.regions, text, real, boolean);

comment on type public.search_hit is
	'One challenge as a search hit (search_challenges, similar_challenges; built by private.search_hits). title and summary are the original''s (in language); translations holds the versions'' title and summary by language ({} without any); the app shows the visitor''s.';
