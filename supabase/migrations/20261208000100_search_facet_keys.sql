-- A keyword search counts its matches by one integer per row (issue 17, item 4: search at 100k).
--
-- A keyword search groups every match by city, region, domain, kind and status for the facet
-- counts, and counts the priority areas of every match with eight filtered counts. At 100k
-- (`moblity`: 27,378 matches) hashing five columns, two of them text, took ~5.5 ms of the
-- search and the eight counts ~3 ms (docs/performance.md). Now:
--
-- * Each search document carries facet_key: the number of its (city, region, domain, kind,
--   status) combination in search_facet_keys, set by a trigger whenever those columns are
--   written. A search groups its matches by that one integer and names the groups afterwards
--   (a few thousand rows at most, against the matches' tens of thousands), and `base` carries
--   the key instead of the five columns.
-- * The priority counts come from one group per combination of priority areas (priority_mask)
--   among the matches in the priority facet's scope (for a keyword search written as the facet
--   keys that pass it), also when a search without keyword scans every document (several
--   priority areas or a budget range), which still groups by the five columns: reaching
--   facet_key, the row's last column, for every document cost more than it saved there.
--
-- Measured in psql, each variant alternated with the old body, medians of 21 (ms): `moblity`
-- 50.6 → 46.7, `smart goverance` 42.0 → 39.4, `parking` 28.6 → 27.2, `water` in utilities
-- challenges 40.1 → 38.9; a small keyword search with two filters 20.1 → 21.5 (docs/performance.md).
--
-- Answers are the same (same totals, counts and pages: 36 searches at 100k compared, listed in
-- docs/performance.md). search_sources builds the priority query whole, scope included, so
-- search_core no longer appends the scope to it; both are restated from 20261207002300 with these
-- changes, and search_docs_refresh from 20261207001700 (new combinations' keys, sorted, first).

create table private.search_facet_keys (
	key integer generated always as identity primary key,
	city_slug text not null,
	region_slug text not null,
	domain public.challenge_domain not null,
	kind public.challenge_kind not null,
	status public.challenge_status not null,
	unique (city_slug, region_slug, domain, kind, status)
);
alter table private.search_facet_keys enable row level security;
revoke all on table private.search_facet_keys from public, anon, authenticated, service_role;

comment on table private.search_facet_keys is
	'One number per (city, region, domain, kind, status) a search document has had: what a keyword search groups its matches by (search_docs.facet_key). Rows are only added; a key never changes meaning.';

alter table private.search_docs add column facet_key integer;
comment on column private.search_docs.facet_key is
	'search_facet_keys.key of the document''s city, region, domain, kind and status; set by the search_docs_facet_key trigger.';

create function private.search_docs_facet_key()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	-- Read the key; a combination seen for the first time is added, then read (twice at most:
	-- after the insert, the row is ours or another transaction's that has committed).
	for attempt in 1..2 loop
		new.facet_key := (
			select k.key from private.search_facet_keys k
			where k.city_slug = new.city_slug and k.region_slug = new.region_slug
				and k.domain = new.domain and k.kind = new.kind and k.status = new.status
		);
		exit when new.facet_key is not null or attempt = 2;
		insert into private.search_facet_keys (city_slug, region_slug, domain, kind, status)
		values (new.city_slug, new.region_slug, new.domain, new.kind, new.status)
		on conflict (city_slug, region_slug, domain, kind, status) do nothing;
	end loop;
	return new;
end;
$$;
revoke all on function private.search_docs_facet_key() from public;

create trigger search_docs_facet_key
	before insert or update of city_slug, region_slug, domain, kind, status on private.search_docs
	for each row execute function private.search_docs_facet_key();

-- search_docs_refresh, restated from 20261207001700 with one step added: the facet keys of new
-- combinations, sorted, before the documents are written.
create or replace function private.search_docs_refresh(ids uuid[])
returns void
language plpgsql
set search_path = ''
as $$
begin
	perform private.search_facet_counts_apply(-1, ids);
	delete from private.search_docs d
	where d.id = any (ids)
		and not exists (
			select 1 from public.challenges c where c.id = d.id and private.challenge_is_public(c.status)
		);

	-- The combinations no document had yet get their facet keys here, in one sorted insert, before
	-- the documents: two refreshes adding the same new combinations then wait for each other in
	-- the same order, never in a cycle (the trigger alone would add them one by one in document
	-- order). The trigger still sets each document's key.
	insert into private.search_facet_keys (city_slug, region_slug, domain, kind, status)
	select distinct ci.slug, ci.region, c.domain, c.kind, c.status
	from public.challenges c
	join public.cities ci on ci.id = c.city_id
	where c.id = any (ids) and private.challenge_is_public(c.status)
		and not exists (
			select 1 from private.search_facet_keys k
			where k.city_slug = ci.slug and k.region_slug = ci.region
				and k.domain = c.domain and k.kind = c.kind and k.status = c.status
		)
	order by 1, 2, 3, 4, 5
	on conflict (city_slug, region_slug, domain, kind, status) do nothing;

	insert into private.search_docs as d (
		id, city_id, city_slug, region_slug, domain, kind, status, priority_mask, deadline, published_at,
		rank_vector, search_vector, search_text, budget_usd_low, budget_usd_high
	)
	select c.id, c.city_id, ci.slug, ci.region, c.domain, c.kind, c.status,
		private.search_priority_mask(c.priority_areas), c.deadline, c.published_at,
		v.head,
		v.head || setweight(
			to_tsvector(
				'english'::regconfig,
				private.cjk_bigrams(lower(extensions.unaccent('extensions.unaccent'::regdictionary, concat_ws(' ', c.description, c.expected_outcomes))))
			),
			'C'
		) || setweight(to_tsvector('english'::regconfig, private.cjk_bigrams(coalesce(tr.rest, ''))), 'C'),
		concat_ws(' ', n.title, n.summary, tr.titles, tr.summaries),
		private.usd(coalesce(c.budget_min, c.budget_max), c.currency),
		private.usd(coalesce(c.budget_max, c.budget_min), c.currency)
	from public.challenges c
	join public.cities ci on ci.id = c.city_id
	join public.regions r on r.slug = ci.region
	left join public.countries co on co.code = ci.country
	cross join lateral (
		select lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(c.title, ''))) as title,
			lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(c.summary, ''))) as summary
	) n
	-- The versions' texts, each kind together (at most two versions: en and zh). Null without any.
	cross join lateral (
		select
			string_agg(lower(extensions.unaccent('extensions.unaccent'::regdictionary, t.title)), ' ' order by t.language) as titles,
			string_agg(lower(extensions.unaccent('extensions.unaccent'::regdictionary, t.summary)), ' ' order by t.language) as summaries,
			string_agg(
				lower(extensions.unaccent('extensions.unaccent'::regdictionary, concat_ws(' ', t.description, t.expected_outcomes))),
				' ' order by t.language
			) as rest
		from public.challenge_translations t
		where t.challenge_id = c.id
	) tr
	cross join lateral (
		-- Place names make a challenge findable by where it is ("flood Vietnam", "Southeast Asia",
		-- "岘港" for Da Nang on the Chinese pages).
		select setweight(to_tsvector('english'::regconfig, private.cjk_bigrams(n.title)), 'A')
			|| setweight(to_tsvector('english'::regconfig, private.cjk_bigrams(n.summary)), 'B')
			|| setweight(
				to_tsvector(
					'english'::regconfig,
					private.cjk_bigrams(lower(extensions.unaccent(
						'extensions.unaccent'::regdictionary,
						concat_ws(' ', ci.name, ci.name_zh, co.name, r.name, replace(array_to_string(c.priority_areas, ' '), '-', ' '), c.domain::text)
					)))
				),
				'D'
			)
			-- The versions' titles and summaries weigh as the original's.
			|| setweight(to_tsvector('english'::regconfig, private.cjk_bigrams(coalesce(tr.titles, ''))), 'A')
			|| setweight(to_tsvector('english'::regconfig, private.cjk_bigrams(coalesce(tr.summaries, ''))), 'B') as head
	) v
	where c.id = any (ids) and private.challenge_is_public(c.status)
	order by c.id
	on conflict (id) do update set
		city_id = excluded.city_id,
		city_slug = excluded.city_slug,
		region_slug = excluded.region_slug,
		domain = excluded.domain,
		kind = excluded.kind,
		status = excluded.status,
		priority_mask = excluded.priority_mask,
		deadline = excluded.deadline,
		published_at = excluded.published_at,
		rank_vector = excluded.rank_vector,
		search_vector = excluded.search_vector,
		search_text = excluded.search_text,
		budget_usd_low = excluded.budget_usd_low,
		budget_usd_high = excluded.budget_usd_high;
	perform private.search_facet_counts_apply(1, ids);
end;
$$;

-- The documents that exist already.
insert into private.search_facet_keys (city_slug, region_slug, domain, kind, status)
select distinct d.city_slug, d.region_slug, d.domain, d.kind, d.status
from private.search_docs d
order by d.city_slug, d.region_slug, d.domain, d.kind, d.status;
update private.search_docs d set facet_key = k.key
from private.search_facet_keys k
where k.city_slug = d.city_slug and k.region_slug = d.region_slug
	and k.domain = d.domain and k.kind = d.kind and k.status = d.status;
-- The update queued search_docs' deferred trigger (a new cache generation); run it now, as
-- ALTER TABLE refuses a table with pending trigger events.
set constraints all immediate;
alter table private.search_docs alter column facet_key set not null;

-- Where the facet counts and the page come from: `base` (the rows to count), `groups` (counts per
-- city, region, domain, kind and status), `priority` (a one-row query of `counts`, one per
-- priority area, in the priority facet's scope) and `page` (ids and ranks of the requested page).
create or replace function private.search_sources(
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
	-- Every filter, and the priority facet's scope (every filter but the priority one, on alias g).
	v_all text := private.search_all_of(conditions, 'd');
	v_scope text := (private.search_facet_scopes(conditions))[6];
	v_in_scope text;
	-- A group's count: its rows, or with a priority filter those in the chosen areas.
	v_count text := case when v_flag <> '' then 'count(*) filter (where b.f_priority)' else 'count(*)' end;
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
			'select array[%s] as counts from groups g where %s',
			(select string_agg(format('sum(g.p%s)', i), ', ' order by i) from generate_series(1, v_nprio) as i),
			v_scope
		);
		page := format(
			'select d.id, null::real as rank from private.search_docs d where %s order by %s limit $9 offset $10',
			v_all, private.search_order(a, 'd', null)
		);
		return;
	elsif a.mode = 'all' then
		-- No keyword, several priority areas or a budget range: count from a scan of the facet
		-- columns. (Scanning every document, reading its facet columns costs less than reaching
		-- facet_key, the row's last column.)
		base := format(
			'select d.city_slug, d.region_slug, d.domain, d.kind, d.status, d.priority_mask%s
			from private.search_docs d where %s and %s',
			v_flag, v_prefilter, v_budget
		);
		groups := format(
			'select b.city_slug, b.region_slug, b.domain, b.kind, b.status, %s as n
			from base b
			group by b.city_slug, b.region_slug, b.domain, b.kind, b.status',
			v_count
		);
		v_in_scope := format(' where %s', v_scope);
		page := format(
			'select d.id, null::real as rank from private.search_docs d where %s and %s order by %s limit $9 offset $10',
			v_all, v_budget, private.search_order(a, 'd', null)
		);
	else
		-- A keyword: the matches are computed once (materialized) and feed both the counts and the
		-- page; only rows passing every filter are ranked (f_all: they are the page's rows).
		base := format(
			'select d.id, d.facet_key, d.priority_mask, d.status, d.deadline, d.published_at%s%s%s,
				case when %s then %s end as rank
			from private.search_docs d where %s and %s and %s',
			case when a.sort = 'budget' then ', d.budget_usd_high' else '' end, v_flag,
			case when v_all <> 'true' then format(', %s as f_all', v_all) else '' end,
			v_all, private.search_rank(a), private.search_match(a),
			v_prefilter, v_budget
		);
		page := format(
			'select b.id, b.rank from base b where %s order by %s limit $9 offset $10',
			case when v_all <> 'true' then 'b.f_all' else 'true' end, private.search_order(a, 'b', 'b.rank')
		);
		-- Counted by one integer per row, then named: a few thousand groups at most.
		groups := format(
			'select k.city_slug, k.region_slug, k.domain, k.kind, k.status, x.n
			from (select b.facet_key, %s as n from base b group by b.facet_key) x
			join private.search_facet_keys k on k.key = x.facet_key',
			v_count
		);
		-- The priority facet's scope as the facet keys that pass it.
		v_in_scope := case when v_scope <> 'true' then
			format(' where g.facet_key in (select g.key from private.search_facet_keys g where %s)', v_scope)
		else '' end;
	end if;
	-- One group per combination of priority areas among the rows in the priority facet's scope,
	-- each area's count summed from the groups that have it.
	priority := format(
		'select array[%s] as counts from (select g.priority_mask, count(*) as n from base g%s group by g.priority_mask) m',
		(
			select string_agg(format('coalesce(sum(m.n) filter (where (m.priority_mask & %s) <> 0), 0)', 1 << (i - 1)), ', ' order by i)
			from generate_series(1, v_nprio) as i
		),
		v_in_scope
	);
end;
$$;

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
			from (%3$s) s
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
