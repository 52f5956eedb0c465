-- Exports of a keyword search in one query, and two limits on what one search may cost.
--
-- 1. search_challenge_ids(params, upcoming, max_ids): the ids of every public challenge a search
--    matches, in the search's order, without facets or snippets. The CSV, iCalendar and Atom
--    exports of a keyword search used to page through search_challenges() 50 hits at a time (up
--    to 500 calls, each counting every facet over every match, each a new cache entry that pushed
--    visitors' searches out of the cache): one anonymous request could cost hundreds of full
--    searches. Now it costs one query for the ids (no facets, never cached). `upcoming` keeps
--    only deadlines still ahead, in the database.
-- 2. The query is cut to 200 characters after it is normalised, not before: unaccent can turn one
--    character into three ("ﬃ" → "ffi"), and a 600-character word made the typo step's
--    levenshtein_less_equal() fail (limit 255), so the search failed.
-- 3. Snippets are cut from the first 2,000 characters of summary and description: ts_headline on
--    a 20 KB description full of matches took up to 100 ms, for each of up to 50 hits.
--
-- The parameters are read by one function, private.search_args(), for both entry points.

create type private.search_args as (
	q text,
	qnorm text,
	tsq tsquery,
	mode text,
	domain public.challenge_domain[],
	region text[],
	city text[],
	kind public.challenge_kind[],
	status public.challenge_status[],
	priority integer,
	sort text,
	max_rows integer,
	skip integer
);

comment on type private.search_args is 'The parameters of a list search, as search_challenges() and search_challenge_ids() read them.';

create function private.search_args(params jsonb)
returns private.search_args
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
	v_params jsonb := coalesce(params, '{}');
	v_priority public.priority_area[];
	a private.search_args;
begin
	-- A visitor's request stays small: the app never sends more than a 200-character query and
	-- 50 cities; anything far beyond that is refused before any work is done.
	if pg_column_size(v_params) > 16384 then
		raise exception 'search parameters too large' using errcode = '22023';
	end if;
	-- GET /rpc/search_challenges?params={…} (read-only, cacheable by HTTP) hands the object over
	-- as a JSON string: read the object inside it.
	if jsonb_typeof(v_params) = 'string' then
		v_params := (v_params #>> '{}')::jsonb;
	end if;
	-- Normalised first, then cut: what the typo step compares stays within its limits.
	a.q := left(btrim(regexp_replace(public.search_normalize(coalesce(v_params ->> 'q', '')), '\s+', ' ', 'g')), 200);
	a.sort := coalesce(v_params ->> 'sort', 'relevance');
	-- Parameters (unknown values are ignored: the app validates with searchQuerySchema first).
	select array_agg(distinct x::public.challenge_domain) into a.domain
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'domain') = 'array' then v_params -> 'domain' else '[]' end) as x
	where x = any (enum_range(null::public.challenge_domain)::text[]);
	select array_agg(distinct x) into a.region
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'region') = 'array' then v_params -> 'region' else '[]' end) as x;
	select array_agg(distinct x) into a.city
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'city') = 'array' then v_params -> 'city' else '[]' end) as x;
	select array_agg(distinct x::public.challenge_kind) into a.kind
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'kind') = 'array' then v_params -> 'kind' else '[]' end) as x
	where x = any (enum_range(null::public.challenge_kind)::text[]);
	select array_agg(distinct x::public.challenge_status) into a.status
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'status') = 'array' then v_params -> 'status' else '[]' end) as x
	where x = any (enum_range(null::public.challenge_status)::text[])
		and public.search_is_public(x::public.challenge_status);
	select array_agg(distinct x::public.priority_area) into v_priority
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'priority') = 'array' then v_params -> 'priority' else '[]' end) as x
	where x = any (enum_range(null::public.priority_area)::text[]);
	a.priority := case when v_priority is not null then public.search_priority_mask(v_priority) end;

	if a.sort not in ('relevance', 'deadline', 'newest') then
		a.sort := 'relevance';
	end if;
	-- Numbers that are not numbers count as missing (the app never sends them).
	a.max_rows := least(greatest(coalesce(
		case when v_params ->> 'limit' ~ '^-?[0-9]{1,9}$' then (v_params ->> 'limit')::integer end, 20), 1), 50);
	a.skip := least(greatest(coalesce(
		case when v_params ->> 'offset' ~ '^-?[0-9]{1,9}$' then (v_params ->> 'offset')::integer end, 0), 0), 25000);

	-- Keyword: full text first; a trigram match on title + summary when full text finds nothing
	-- (search_cached() decides that, and says which mode answered).
	if a.q = '' then
		a.mode := 'all';
	else
		a.qnorm := public.search_normalize(a.q);
		a.tsq := public.search_tsquery(a.q);
		a.mode := case when a.tsq is null then 'trigram' else 'fts' end;
	end if;
	return a;
end;
$$;

comment on function private.search_args(jsonb) is
	'Reads the params object of search_challenges() / search_challenge_ids(): filters (unknown values dropped, non-public statuses dropped), sort, limit ≤ 50, offset ≤ 25000, the normalised query cut to 200 characters, its tsquery and the first mode to try.';

create or replace function public.search_challenges(params jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
	a private.search_args := private.search_args(params);
	v_core jsonb;
	v_ids uuid[];
	v_cached jsonb;
begin
	-- Matching, facets and the page's ids: search_core(), or its cached answer while nothing it
	-- depends on has changed (20261129000400_search_cache.sql).
	v_cached := private.search_cached(
		a.tsq, a.qnorm, a.mode, a.domain, a.region, a.city, a.kind, a.status, a.priority,
		a.sort, a.max_rows, a.skip
	);
	v_core := v_cached -> 'core';

	-- The page's rows are read here, as the caller: RLS on challenges applies to every hit. (An id
	-- array, so the rows come from the primary key index whatever the estimates.)
	v_ids := array(select (e ->> 'id')::uuid from jsonb_array_elements(v_core -> 'page') as e);
	return jsonb_build_object(
		'total', (v_core ->> 'total')::integer,
		'hits', coalesce((
			select jsonb_agg(
				public.search_hit(
					c, ci, r,
					-- One line of text from the first 2,000 characters: the description's line
					-- breaks become spaces.
					case when a.tsq is null then null else regexp_replace(ts_headline(
						'english'::regconfig,
						public.search_escape_html(left(
							concat_ws(' ', c.summary, regexp_replace(regexp_replace(regexp_replace(regexp_replace(
								left(c.description, 2000),
								'(^|\n)[ \t]*#+[^\n]*', '\1', 'g'),          -- heading lines
								'\]\([^)]*\)', ']', 'g'),                       -- link targets
								'(^|\n)[ \t]*(?:[-+*>]|[0-9]+[.)])[ \t]+', '\1', 'g'), -- list and quote markers
								'[*`|[\]~]+', '', 'g')),                         -- emphasis, code, tables
							2000)
						),
						a.tsq,
						'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
					), '\s+', ' ', 'g') end,
					(v_core -> 'page' -> (p.ord - 1) ->> 'rank')::real
				)
				order by p.ord
			)
			from public.challenges c
			join public.cities ci on ci.id = c.city_id
			join public.regions r on r.slug = ci.region
			cross join lateral (select array_position(v_ids, c.id) as ord) p
			where c.id = any (v_ids) and public.search_is_public(c.status)
		), '[]'::jsonb),
		'facets', v_core -> 'facets',
		'mode', v_cached ->> 'mode'
	);
end;
$$;

-- The ids of every match, in the order search_core() pages them (no facets, no snippets).
create function private.search_ids(
	tsq tsquery,
	qnorm text,
	mode text,
	f_domain public.challenge_domain[],
	f_region text[],
	f_city text[],
	f_kind public.challenge_kind[],
	f_status public.challenge_status[],
	f_priority integer,
	sort text,
	upcoming boolean,
	max_rows integer
)
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
set jit = off
set max_parallel_workers_per_gather = 0
as $$
declare
	v_sql text;
	v_result uuid[];
begin
	max_rows := least(greatest(coalesce(max_rows, 25000), 1), 25000);
	if cardinality(f_region) > 20 or cardinality(f_city) > 50 then
		raise exception 'too many filter values' using errcode = '22023';
	end if;
	-- The list falls back to trigram similarity when full text matches nothing that passes the
	-- filters other than domain (search_cached(): no total, no domain facet). The same rule here,
	-- without counting anything.
	if mode = 'fts' and not exists (
		select 1 from public.search_docs d
		where d.search_vector @@ tsq
			and (f_region is null or d.region_slug = any (f_region))
			and (f_city is null or d.city_slug = any (f_city))
			and (f_kind is null or d.kind = any (f_kind))
			and (f_status is null or d.status = any (f_status))
			and (f_priority is null or (d.priority_mask & f_priority) <> 0)
	) then
		mode := 'trigram';
	end if;
	-- Match, rank and order as search_core() does (each filter passed as NULL drops out when the
	-- statement is planned with its values).
	v_sql := format(
		$sql$
		select array(
			select d.id
			from public.search_docs d
			where %s
				and ($3 is null or d.domain = any ($3))
				and ($4 is null or d.region_slug = any ($4))
				and ($5 is null or d.city_slug = any ($5))
				and ($6 is null or d.kind = any ($6))
				and ($7 is null or d.status = any ($7))
				and ($8 is null or (d.priority_mask & $8) <> 0)
				and (not $10 or d.deadline > now())
			order by %s
			limit $9
		)
		$sql$,
		case mode
			when 'fts' then 'd.search_vector @@ $1'
			when 'trigram' then '$2 operator(extensions.<%) d.search_text'
			else 'true'
		end,
		case
			when sort = 'newest' then 'd.published_at desc nulls last, d.id'
			when sort = 'deadline' or mode = 'all' then
				'(d.status <> ''open''::public.challenge_status), d.deadline, d.published_at desc nulls last, d.id'
			when mode = 'fts' then
				'ts_rank(''{0.1, 0.2, 0.4, 1.0}''::real[], d.rank_vector, $1) desc, (d.status <> ''open''::public.challenge_status), d.deadline, d.published_at desc nulls last, d.id'
			else
				'extensions.word_similarity($2, d.search_text) desc, (d.status <> ''open''::public.challenge_status), d.deadline, d.published_at desc nulls last, d.id'
		end
	);
	execute v_sql into v_result
	using tsq, qnorm, f_domain, f_region, f_city, f_kind, f_status, f_priority, max_rows, coalesce(upcoming, false);
	return v_result;
end;
$$;

comment on function private.search_ids(tsquery, text, text, public.challenge_domain[], text[], text[], public.challenge_kind[], public.challenge_status[], integer, text, boolean, integer) is
	'Ids of the public challenges a search matches (search_docs holds nothing else), in search_core()''s order, at most max_rows (≤ 25000; 25000 when null); upcoming keeps deadlines after now(); fts falls back to trigram as search_cached() does. SECURITY DEFINER for the same reason as search_core; returns ids only.';

create function public.search_challenge_ids(params jsonb, upcoming boolean default false, max_ids integer default 25000)
returns uuid[]
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
	a private.search_args := private.search_args(params);
begin
	return private.search_ids(
		a.tsq, a.qnorm, a.mode, a.domain, a.region, a.city, a.kind, a.status, a.priority,
		a.sort, upcoming, max_ids
	);
end;
$$;

comment on function public.search_challenge_ids(jsonb, boolean, integer) is
	'The ids of every public challenge a list search matches, in its order (params as search_challenges(); limit and offset ignored), at most max_ids (≤ 25000); upcoming: only deadlines still ahead. For exports: one query instead of a page of facets and snippets per 50 hits. The caller reads the rows under its own RLS.';

revoke all on function private.search_args(jsonb) from public;
grant execute on function private.search_args(jsonb) to anon, authenticated, service_role;
revoke all on function private.search_ids(tsquery, text, text, public.challenge_domain[], text[], text[], public.challenge_kind[], public.challenge_status[], integer, text, boolean, integer) from public;
grant execute on function private.search_ids(tsquery, text, text, public.challenge_domain[], text[], text[], public.challenge_kind[], public.challenge_status[], integer, text, boolean, integer) to anon, authenticated, service_role;
revoke all on function public.search_challenge_ids(jsonb, boolean, integer) from public;
grant execute on function public.search_challenge_ids(jsonb, boolean, integer) to anon, authenticated, service_role;
