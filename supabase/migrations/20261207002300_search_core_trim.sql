-- A computed list search does less per matching row (issue 17, item 4: search at 100k).
--
-- A keyword search reads every matching row once into `base` (materialized), groups it for the
-- facet counts and sorts it for the page. Measured at 100k (`moblity`, 27,378 matches, in psql,
-- each variant alternated with the old body: docs/performance.md), most of the time goes to
-- copying the matching rows into `base` and to the grouping, not to finding them. Two things
-- are dropped from that per-row work, with the same answers (same total, counts and page):
--
-- * The priority facet's counts are no longer eight `count(*) filter (...)` columns of every
--   group (each evaluated for every row as it is hashed into its group), but one aggregate over
--   `base` in the priority facet's scope (every filter but the priority one). With the counts
--   kept in search_facet_counts (no keyword), they still come from the groups.
-- * `base` carries only the columns something reads: the budget only for sort=budget, and the
--   row's "passes the priority filter" flag only when there is a priority filter.
--
-- search_sources() gains an out parameter (`priority`: where the priority counts come from), so
-- it is dropped and made again; search_core() is restated from the baseline with that change.

drop function private.search_sources(private.search_args, text[]);

-- Where the facet counts and the page come from: `base` (the rows to count), `groups` (counts per
-- city, region, domain, kind and status), `priority` (a one-row query of `counts`, one per
-- priority area, over alias g; search_core() adds the priority facet's scope as its where clause)
-- and `page` (ids and ranks of the requested page).
create function private.search_sources(
	a private.search_args,
	conditions text[],
	out base text,
	out groups text,
	out priority text,
	out page text
)
language plpgsql
stable
set search_path = ''
as $$
declare
	v_nprio integer := cardinality(enum_range(null::public.priority_area));
	v_prefilter text := 'true';
	-- The budget range is no facet: it narrows every count and the page alike.
	v_budget text := private.search_budget(a, 'd');
	-- Only with a priority filter does a row's count depend on its priority areas.
	v_flag text := case when conditions[6] is not null then format(', %s as f_priority', format(conditions[6], 'd')) else '' end;
begin
	-- A row failing two filters or more counts in no facet (each facet ignores only its own
	-- filter): leave it out before anything is grouped.
	if (select count(*) from unnest(conditions) as c where c is not null) >= 2 then
		v_prefilter := (
			select string_agg(format('(not coalesce(' || c || ', false))::int', 'd'), ' + ')
			from unnest(conditions) as c where c is not null
		) || ' <= 1';
	end if;

	if a.mode = 'all' and v_budget = 'true' and (a.priority is null or (a.priority & (a.priority - 1)) = 0) then
		-- No keyword, no budget range and at most one priority area: the counts are kept up to
		-- date in search_facet_counts (with one area, a group's rows in that area are its count
		-- for it), and the page comes from an order index.
		base := 'select 1';
		groups := format(
			'select f.city_slug, f.region_slug, f.domain, f.kind, f.status, %s as n, %s from private.search_facet_counts f',
			case when a.priority is null then 'f.n'
				else format('f.p[%s]', (select i from generate_series(1, v_nprio) as i where a.priority = 1 << (i - 1))) end,
			(select string_agg(format('f.p[%s] as p%s', i, i), ', ' order by i) from generate_series(1, v_nprio) as i)
		);
		priority := format(
			'select array[%s] as counts from groups g',
			(select string_agg(format('sum(g.p%s)', i), ', ' order by i) from generate_series(1, v_nprio) as i)
		);
		page := format(
			'select d.id, null::real as rank from private.search_docs d where %s order by %s limit $9 offset $10',
			private.search_all_of(conditions, 'd'), private.search_order(a, 'd', null)
		);
		return;
	elsif a.mode = 'all' then
		-- No keyword, several priority areas or a budget range: count from a scan of the facet
		-- columns.
		base := format(
			'select d.city_slug, d.region_slug, d.domain, d.kind, d.status, d.priority_mask%s
			from private.search_docs d where %s and %s',
			v_flag, v_prefilter, v_budget
		);
		page := format(
			'select d.id, null::real as rank from private.search_docs d where %s and %s order by %s limit $9 offset $10',
			private.search_all_of(conditions, 'd'), v_budget, private.search_order(a, 'd', null)
		);
	else
		-- A keyword: the matches are computed once (materialized) and feed both the counts and the
		-- page; only rows passing every filter are ranked.
		base := format(
			'select d.id, d.city_slug, d.region_slug, d.domain, d.kind, d.status, d.priority_mask, d.deadline, d.published_at%s%s,
				case when %s then %s end as rank
			from private.search_docs d where %s and %s and %s',
			case when a.sort = 'budget' then ', d.budget_usd_high' else '' end, v_flag,
			private.search_all_of(conditions, 'd'), private.search_rank(a), private.search_match(a),
			v_prefilter, v_budget
		);
		page := format(
			'select b.id, b.rank from base b where %s order by %s limit $9 offset $10',
			private.search_all_of(conditions, 'b'), private.search_order(a, 'b', 'b.rank')
		);
	end if;
	groups := format(
		'select b.city_slug, b.region_slug, b.domain, b.kind, b.status, %s as n
		from base b
		group by b.city_slug, b.region_slug, b.domain, b.kind, b.status',
		case when v_flag <> '' then 'count(*) filter (where b.f_priority)' else 'count(*)' end
	);
	priority := format(
		'select array[%s] as counts from base g',
		(
			select string_agg(format('count(*) filter (where (g.priority_mask & %s) <> 0)', 1 << (i - 1)), ', ' order by i)
			from generate_series(1, v_nprio) as i
		)
	);
end;
$$;

revoke all on function private.search_sources(private.search_args, text[]) from public;

-- The whole search in one statement: the counts per facet (each in its own scope), the total,
-- and the page. A facet lists its 500 busiest values (every city of a large list: 216 in the
-- 100k benchmark); the page shows 12 of each unless asked for all of one.
create or replace function private.search_core(a private.search_args)
returns jsonb
language plpgsql
stable
set search_path = ''
set jit = off
set max_parallel_workers_per_gather = 0
as $$
declare
	v_conditions text[] := private.search_conditions(a);
	v_scopes text[] := private.search_facet_scopes(v_conditions);
	v_sources record;
	v_result jsonb;
begin
	-- search_args() clamps these already; so does every other caller, and again here.
	a.max_rows := least(greatest(coalesce(a.max_rows, 20), 1), 50);
	a.skip := least(greatest(coalesce(a.skip, 0), 0), 25000);
	if cardinality(a.region) > 20 or cardinality(a.city) > 50 then
		raise exception 'too many filter values' using errcode = '22023';
	end if;
	v_sources := private.search_sources(a, v_conditions);

	execute format(
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
			from (%3$s where %9$s) s
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
						where f.pos <= 500
						group by f.facet
					) g
				), '{}'::jsonb)
		)
		$sql$,
		v_sources.base, v_sources.groups, v_sources.priority,
		v_scopes[1], v_scopes[2], v_scopes[3], v_scopes[4], v_scopes[5], v_scopes[6],
		v_sources.page
	)
	into v_result
	using a.tsq, a.qnorm, a.domain, a.region, a.city, a.kind, a.status, a.priority, a.max_rows, a.skip;
	return v_result;
end;
$$;
