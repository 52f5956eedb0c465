-- Faster keyword search on large lists (issue: the Collaboration List, 100k-challenge target).
--
-- A keyword search reads, for every matching search document, its facet keys and its small
-- ranking vector. Those rows used to be ~1.5 KB because the full match vector (~1.3 KB) and the
-- trigram text stayed inline: PostgreSQL moves values out of line only when a row is over
-- ~2 KB (TOAST_TUPLE_THRESHOLD; toast_tuple_target can lower the size it shrinks a row to, not
-- the size that starts it). So a common word touched most of the table's pages.
--
-- Now every row carries `row_pad`, 2 KB of spaces that compress to a few bytes: it starts
-- TOAST on every insert and update, which then moves the match vector and the trigram text
-- (storage external) out of line, down to toast_tuple_target (128 B). The ranking vector stays
-- inline and uncompressed (storage plain), so ranking never decompresses anything. A row is now
-- ~600 B: on 100k challenges the heap shrinks from 142 MB to 56 MB.
--
-- Also: indexes on city and region for selective filters without a keyword (a city with few
-- challenges was found by walking the whole deadline-order index), and ts_rank instead of
-- ts_rank_cd for relevance (same weights; ~0.2 µs per ranked row instead of ~1.1 µs here).

alter table public.search_docs add column row_pad text not null default repeat(' ', 2048);
alter table public.search_docs alter column rank_vector set storage plain;
alter table public.search_docs alter column search_vector set storage external;
alter table public.search_docs alter column search_text set storage external;
-- Once TOAST runs it shrinks the row towards toast_tuple_target (128 B), which the inline ranking
-- vector keeps it from reaching: every extended value over ~24 B would go out of line too. Main
-- keeps the pad (compressed, ~35 B) and the slugs that facets group by in the row.
alter table public.search_docs alter column row_pad set storage main;
alter table public.search_docs alter column city_slug set storage main;
alter table public.search_docs alter column region_slug set storage main;

comment on column public.search_docs.row_pad is
	'2 KB of spaces (~35 bytes once compressed, kept in the row): makes PostgreSQL TOAST every row, so search_vector and search_text go out of line and the row stays small. Never read.';

-- Rewrite the existing rows in the new layout (a fresh copy of rank_vector, so none stays compressed).
update public.search_docs set row_pad = repeat(' ', 2048), rank_vector = rank_vector || ''::tsvector;

create index search_docs_city_idx on public.search_docs (city_slug);
create index search_docs_region_idx on public.search_docs (region_slug);

create or replace function private.search_core(
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
	max_rows integer,
	skip integer
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
set jit = off
set max_parallel_workers_per_gather = 0
as $$
declare
	v_facets constant text[] := array['domain', 'region', 'city', 'kind', 'status', 'priority'];
	v_cond text[] := array[
		case when f_domain is not null then '%1$s.domain = any ($3)' end,
		case when f_region is not null then '%1$s.region_slug = any ($4)' end,
		case when f_city is not null then '%1$s.city_slug = any ($5)' end,
		case when f_kind is not null then '%1$s.kind = any ($6)' end,
		case when f_status is not null then '%1$s.status = any ($7)' end,
		case when f_priority is not null then '(%1$s.priority_mask & $8) <> 0' end
	];
	v_nprio integer := cardinality(enum_range(null::public.priority_area));
	v_where_g text[] := '{}';
	v_all_d text;
	v_all_b text;
	v_at_most_one text := 'true';
	v_match text;
	v_rank text;
	v_order text;
	v_pcounts text;
	v_pcols text;
	v_page text;
	v_base text;
	v_groups text;
	v_sql text;
	v_result jsonb;
begin
	-- Callable only from search_challenges(), which clamps these already; clamp again anyway.
	max_rows := least(greatest(coalesce(max_rows, 20), 1), 50);
	skip := least(greatest(coalesce(skip, 0), 0), 25000);
	if cardinality(f_region) > 20 or cardinality(f_city) > 50 then
		raise exception 'too many filter values' using errcode = '22023';
	end if;
	-- Per facet: the active filters but its own, on a row of `groups` (the priority filter is
	-- already in the group counts n; the priority facet's own counts p1…pN leave it out).
	for i in 1..6 loop
		v_where_g := v_where_g || coalesce((
			select string_agg(format(v_cond[j], 'g'), ' and ')
			from generate_series(1, 5) as j
			where j <> i and v_cond[j] is not null
		), 'true');
	end loop;
	v_all_d := coalesce((select string_agg(format(c, 'd'), ' and ') from unnest(v_cond) as c where c is not null), 'true');
	v_all_b := coalesce((select string_agg(format(c, 'b'), ' and ') from unnest(v_cond) as c where c is not null), 'true');
	-- Rows failing two filters or more count in no facet: leave them out early.
	if (select count(*) from unnest(v_cond) as c where c is not null) >= 2 then
		v_at_most_one := (
			select string_agg(format('(not coalesce(' || c || ', false))::int', 'd'), ' + ')
			from unnest(v_cond) as c where c is not null
		) || ' <= 1';
	end if;
	v_pcounts := (
		select string_agg(format('count(*) filter (where (b.priority_mask & %s) <> 0) as p%s', 1 << (i - 1), i), ', ')
		from generate_series(1, v_nprio) as i
	);
	v_pcols := (select string_agg(format('sum(g.p%s)', i), ', ' order by i) from generate_series(1, v_nprio) as i);

	v_match := case mode
		when 'fts' then 'd.search_vector @@ $1'
		when 'trigram' then '$2 operator(extensions.<%) d.search_text'
		else 'true'
	end;
	v_rank := case
		when mode = 'all' or sort <> 'relevance' then 'null::real'
		when mode = 'fts' then 'ts_rank(''{0.1, 0.2, 0.4, 1.0}''::real[], d.rank_vector, $1)'
		else 'extensions.word_similarity($2, d.search_text)'
	end;
	-- Relevance ties (and relevance without a keyword) fall back to the deadline order:
	-- open challenges first, soonest deadline first, no deadline last.
	v_order := case
		when sort = 'newest' then '%1$s.published_at desc nulls last, %1$s.id'
		when sort = 'deadline' or mode = 'all' then
			'(%1$s.status <> ''open''::public.challenge_status), %1$s.deadline, %1$s.published_at desc nulls last, %1$s.id'
		else '%1$s.rank desc, (%1$s.status <> ''open''::public.challenge_status), %1$s.deadline, %1$s.published_at desc nulls last, %1$s.id'
	end;

	if mode = 'all' and (f_priority is null or (f_priority & (f_priority - 1)) = 0) then
		-- No keyword and at most one priority area: facets from the precomputed counts (with one
		-- priority area, a group's rows passing that filter are its count for the area).
		v_groups := format(
			'select f.city_slug, f.region_slug, f.domain, f.kind, f.status, %s as n, %s from public.search_facet_counts f',
			case when f_priority is null then 'f.n'
				else format('f.p[%s]', (select i from generate_series(1, v_nprio) as i where f_priority = 1 << (i - 1))) end,
			(select string_agg(format('f.p[%s] as p%s', i, i), ', ' order by i) from generate_series(1, v_nprio) as i)
		);
		v_page := format(
			'select d.id, null::real as rank from public.search_docs d where %s order by %s limit $9 offset $10',
			v_all_d, format(v_order, 'd')
		);
	elsif mode = 'all' then
		-- Facets from an index-only scan; the page from an order index.
		v_base := format(
			'select d.city_slug, d.region_slug, d.domain, d.kind, d.status, d.priority_mask, %s as f_priority
			from public.search_docs d where %s',
			coalesce(format(v_cond[6], 'd'), 'true'), v_at_most_one
		);
		v_page := format(
			'select d.id, null::real as rank from public.search_docs d where %s order by %s limit $9 offset $10',
			v_all_d, format(v_order, 'd')
		);
	else
		-- Keyword matches are computed once (materialized); only rows passing every filter are ranked.
		v_base := format(
			'select d.id, d.city_slug, d.region_slug, d.domain, d.kind, d.status, d.priority_mask, d.deadline, d.published_at,
				%s as f_priority, case when %s then %s end as rank
			from public.search_docs d where %s and %s',
			coalesce(format(v_cond[6], 'd'), 'true'), v_all_d, v_rank, v_match, v_at_most_one
		);
		v_page := format(
			'select b.id, b.rank from base b where %s order by %s limit $9 offset $10',
			v_all_b, format(v_order, 'b')
		);
	end if;

	if v_groups is null then
		v_groups := format(
			'select b.city_slug, b.region_slug, b.domain, b.kind, b.status, count(*) filter (where b.f_priority) as n, %s
			from base b
			group by b.city_slug, b.region_slug, b.domain, b.kind, b.status',
			v_pcounts
		);
	else
		v_base := 'select 1';
	end if;

	v_sql := format(
		$sql$
		with base as materialized (%1$s),
		groups as materialized (%2$s),
		facet_rows as (
			select 'domain' as facet, g.domain::text as value, sum(g.n) as n from groups g where %4$s group by g.domain
			union all
			select 'region', g.region_slug, sum(g.n) from groups g where %5$s group by g.region_slug
			union all
			select 'city', g.city_slug, sum(g.n) from groups g where %6$s group by g.city_slug
			union all
			select 'kind', g.kind::text, sum(g.n) from groups g where %7$s group by g.kind
			union all
			select 'status', g.status::text, sum(g.n) from groups g where %8$s group by g.status
			union all
			select 'priority', e.value::text, x.n
			from (select array[%3$s] as counts from groups g where %9$s) s
			cross join lateral unnest(s.counts) with ordinality as x (n, i)
			join unnest(enum_range(null::public.priority_area)) with ordinality as e (value, i) on e.i = x.i
		),
		facet_ranked as (
			select f.facet, f.value, f.n,
				coalesce(case f.facet when 'region' then r.name when 'city' then ci.name end, f.value) as label,
				row_number() over (partition by f.facet order by f.n desc, f.value) as pos
			from facet_rows f
			left join public.regions r on f.facet = 'region' and r.slug = f.value
			left join public.cities ci on f.facet = 'city' and ci.slug = f.value
			where f.n > 0 and f.value is not null
		),
		page as (
			select p.id, p.rank, row_number() over () as ord from (%10$s) p
		)
		select jsonb_build_object(
			'total', (select coalesce(sum(g.n), 0)::bigint from groups g where %9$s),
			'page', coalesce((select jsonb_agg(jsonb_build_object('id', p.id, 'rank', p.rank) order by p.ord) from page p), '[]'::jsonb),
			'facets', '{"domain": [], "region": [], "city": [], "kind": [], "status": [], "priority": []}'::jsonb
				|| coalesce((
					select jsonb_object_agg(g.facet, g.vals)
					from (
						select f.facet,
							jsonb_agg(jsonb_build_object('value', f.value, 'label', f.label, 'count', f.n) order by f.n desc, f.label, f.value) as vals
						from facet_ranked f
						where f.pos <= 100
						group by f.facet
					) g
				), '{}'::jsonb)
		)
		$sql$,
		v_base, v_groups, v_pcols,
		v_where_g[1], v_where_g[2], v_where_g[3], v_where_g[4], v_where_g[5], v_where_g[6],
		v_page
	);

	execute v_sql into v_result
	using tsq, qnorm, f_domain, f_region, f_city, f_kind, f_status, f_priority, max_rows, skip;
	return v_result;
end;
$$;

comment on function private.search_core(tsquery, text, text, public.challenge_domain[], text[], text[], public.challenge_kind[], public.challenge_status[], integer, text, integer, integer) is
	'The heavy part of search_challenges, over search_docs (public challenges only): {total, facets, page: [{id, rank}]}. mode is fts (match tsq), trigram (similar to qnorm) or all. SECURITY DEFINER because visitors have no access to search_docs (and, under RLS, PostgreSQL will not use a non-leakproof operator such as @@ as an index condition); it returns only ids, ranks and facet counts of public challenges, never text.';
