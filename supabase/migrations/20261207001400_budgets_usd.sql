-- Budgets comparable (issue 16, item 7): every currency carries a rate to US dollars with its date,
-- so a budget in đồng and one in ringgit can be shown, filtered and sorted side by side.
--
-- * public.currency_rates: one rate per currency (usd_per_unit, as_of, note). Everyone reads it;
--   only migrations and the service role write it. The rates below are ILLUSTRATIVE (round
--   figures of late 2026 for the demo, not market quotes): a deployment replaces them.
-- * private.usd(amount, currency): the one conversion (amount × usd_per_unit, to the cent); null
--   without an amount or a rate. Computed columns on challenges give it to PostgREST readers
--   (select=*,budget_min_usd,budget_max_usd,budget_usd_as_of): the challenge page, city pages,
--   open data.
-- * The search documents carry the budget's range in USD (low = the lower end, or the only end
--   given; high = the upper end, or the only end given), refreshed when a challenge's budget or a
--   rate changes. The list filters on it (params min_usd / max_usd: the challenge's range overlaps
--   the asked one; a challenge without a budget or rate never matches) and sorts by it (sort
--   'budget': the largest upper end first, challenges without a budget last). Search hits carry
--   budget_min_usd / budget_max_usd / budget_usd_as_of for the cards and the API.
--
-- Redefined here, copied from their latest definitions with the budget added and nothing else
-- changed: private.search_docs_refresh (20261207000500), and from the baseline
-- private.challenges_search_after_update, private.search_args, private.search_order,
-- private.search_sources, private.search_ids, private.search_cached, private.search_hit.

-- ---------------------------------------------------------------------------------------------
-- Rates
-- ---------------------------------------------------------------------------------------------

create table public.currency_rates (
	currency char(3) primary key references public.currencies (code) on delete cascade,
	usd_per_unit numeric not null
		constraint currency_rates_usd_per_unit_positive check (usd_per_unit > 0),
	as_of date not null,
	note text
		constraint currency_rates_note_length check (char_length(note) <= 500)
);
alter table public.currency_rates enable row level security;
comment on table public.currency_rates is
	'How many US dollars one unit of a currency is worth, as of a date: what makes budgets comparable. The demo''s rates are illustrative.';
comment on column public.currency_rates.usd_per_unit is 'US dollars per one unit of the currency (> 0).';
comment on column public.currency_rates.as_of is 'The day the rate is for (shown beside every converted amount).';
comment on column public.currency_rates.note is 'Where the rate comes from, or that it is illustrative.';

create policy "Anyone can read currency rates" on public.currency_rates
	for select to anon, authenticated using ((select private.api_read_allowed()));

revoke all on table public.currency_rates from public, anon, authenticated;
grant select on table public.currency_rates to anon, authenticated;
grant all on table public.currency_rates to service_role;

insert into public.currency_rates (currency, usd_per_unit, as_of, note)
select v.code, v.rate, date '2026-12-01', 'Illustrative rate for the demo, not a market quote.'
from (values
	('USD', 1), ('EUR', 1.08), ('GBP', 1.27), ('CHF', 1.12), ('SEK', 0.095), ('NOK', 0.092),
	('DKK', 0.145), ('PLN', 0.25), ('CZK', 0.043), ('HUF', 0.0027), ('RON', 0.217), ('TRY', 0.029),
	('CNY', 0.138), ('HKD', 0.128), ('TWD', 0.031), ('JPY', 0.0067), ('KRW', 0.00072),
	('MYR', 0.22), ('THB', 0.029), ('SGD', 0.74), ('IDR', 0.000063), ('PHP', 0.0175),
	('VND', 0.0000395), ('INR', 0.012), ('PKR', 0.0036), ('BDT', 0.0083), ('LKR', 0.0034),
	('AED', 0.2723), ('SAR', 0.2667), ('QAR', 0.2747), ('ILS', 0.27), ('EGP', 0.02), ('MAD', 0.1),
	('ZAR', 0.055), ('KES', 0.0077), ('NGN', 0.00065), ('GHS', 0.065), ('RWF', 0.00073),
	('ETB', 0.0081), ('BRL', 0.18), ('MXN', 0.055), ('COP', 0.00025), ('CLP', 0.00105),
	('PEN', 0.27), ('ARS', 0.001), ('UYU', 0.025), ('CAD', 0.72), ('AUD', 0.65), ('NZD', 0.59)
) as v (code, rate)
join public.currencies c on c.code = v.code;

-- The one conversion. SECURITY DEFINER so that a per-row call (the computed columns below, read
-- for thousands of rows by the exports) does not run currency_rates' policy (and its read guard)
-- once per row; it returns only what that policy lets anyone read.
create function private.usd(amount numeric, currency text)
returns numeric
language sql
stable
security definer
set search_path = ''
as $$
	select round(usd.amount * r.usd_per_unit, 2)
	from public.currency_rates r
	where r.currency = usd.currency;
$$;
comment on function private.usd(numeric, text) is
	'amount × usd_per_unit of the currency, to the cent; null without an amount or a rate.';

create function private.usd_as_of(currency text)
returns date
language sql
stable
security definer
set search_path = ''
as $$
	select r.as_of from public.currency_rates r where r.currency = usd_as_of.currency;
$$;
comment on function private.usd_as_of(text) is 'The date of the currency''s rate to USD (null without one).';

revoke all on function private.usd(numeric, text) from public;
revoke all on function private.usd_as_of(text) from public;
grant execute on function private.usd(numeric, text) to anon, authenticated, service_role;
grant execute on function private.usd_as_of(text) to anon, authenticated, service_role;

-- The computed columns take their row unnamed: the type generator then lists them as columns of
-- challenges, so supabase-js selects of them are typed.
/** Computed column (PostgREST: select=*,budget_min_usd): the lower end of the budget in USD. */
create function public.budget_min_usd(public.challenges)
returns numeric
language sql
stable
set search_path = ''
as $$
	select private.usd($1.budget_min, $1.currency);
$$;
comment on function public.budget_min_usd(public.challenges) is
	'The budget''s lower end in US dollars at the currency''s rate (public.currency_rates); null without one.';

/** Computed column (PostgREST: select=*,budget_max_usd): the upper end of the budget in USD. */
create function public.budget_max_usd(public.challenges)
returns numeric
language sql
stable
set search_path = ''
as $$
	select private.usd($1.budget_max, $1.currency);
$$;
comment on function public.budget_max_usd(public.challenges) is
	'The budget''s upper end in US dollars at the currency''s rate (public.currency_rates); null without one.';

/** Computed column (PostgREST: select=*,budget_usd_as_of): the date of the rate used. */
create function public.budget_usd_as_of(public.challenges)
returns date
language sql
stable
set search_path = ''
as $$
	select case when coalesce($1.budget_min, $1.budget_max) is not null then private.usd_as_of($1.currency) end;
$$;
comment on function public.budget_usd_as_of(public.challenges) is
	'The date of the rate budget_min_usd and budget_max_usd use; null when the challenge states no budget or its currency has no rate.';

revoke all on function public.budget_min_usd(public.challenges) from public;
revoke all on function public.budget_max_usd(public.challenges) from public;
revoke all on function public.budget_usd_as_of(public.challenges) from public;
grant execute on function public.budget_min_usd(public.challenges) to anon, authenticated, service_role;
grant execute on function public.budget_max_usd(public.challenges) to anon, authenticated, service_role;
grant execute on function public.budget_usd_as_of(public.challenges) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Search documents: the budget in USD
-- ---------------------------------------------------------------------------------------------

alter table private.search_docs add column budget_usd_low numeric, add column budget_usd_high numeric;
comment on column private.search_docs.budget_usd_low is
	'The budget''s lower end (or its only end) in USD: the budget filter''s upper bound is compared with it.';
comment on column private.search_docs.budget_usd_high is
	'The budget''s upper end (or its only end) in USD: the budget filter''s lower bound and the budget sort read it.';
-- The budget order without keyword (largest first, none last, then the deadline order).
create index search_docs_budget_order_idx on private.search_docs
	(budget_usd_high desc nulls last, (status <> 'open'::public.challenge_status), deadline, published_at desc nulls last, id);

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
		),
		n.title || ' ' || n.summary,
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
			) as head
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

-- A changed budget or currency now refreshes the search document too.
create or replace function private.challenges_search_after_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	-- Search documents of rows whose searchable, facet or sort columns changed.
	perform private.search_docs_refresh(array(
		select n.id
		from new_rows n
		join old_rows o on o.id = n.id
		where (o.title, o.summary, o.description, o.expected_outcomes, o.priority_areas, o.domain, o.kind,
				o.status, o.city_id, o.deadline, o.published_at, o.budget_min, o.budget_max, o.currency)
			is distinct from (n.title, n.summary, n.description, n.expected_outcomes, n.priority_areas, n.domain, n.kind,
				n.status, n.city_id, n.deadline, n.published_at, n.budget_min, n.budget_max, n.currency)
		union all
		-- A changed primary key (never done by the app) leaves the old id behind: remove it too.
		select o.id from old_rows o where not exists (select 1 from new_rows n where n.id = o.id)
	));

	-- Words of titles and summaries that changed, or whose row became public or stopped being.
	perform private.search_lexicon_count(
		array(
			select concat_ws(' ', n.title, n.summary)
			from old_rows o join new_rows n on n.id = o.id
			where private.challenge_is_public(n.status)
				and (o.title, o.summary, private.challenge_is_public(o.status))
					is distinct from (n.title, n.summary, private.challenge_is_public(n.status))
		),
		array(
			select concat_ws(' ', o.title, o.summary)
			from old_rows o join new_rows n on n.id = o.id
			where private.challenge_is_public(o.status)
				and (o.title, o.summary, private.challenge_is_public(o.status))
					is distinct from (n.title, n.summary, private.challenge_is_public(n.status))
		)
	);

	-- Public rows are (re)sent whole (the index document also holds columns the search documents
	-- do not, such as the budget); rows that stopped being public, or changed id, are deleted.
	perform private.search_enqueue(array(select n.id from new_rows n where private.challenge_is_public(n.status)), 'upsert');
	perform private.search_enqueue(
		array(
			select n.id from new_rows n join old_rows o on o.id = n.id
			where not private.challenge_is_public(n.status) and private.challenge_is_public(o.status)
		),
		'delete'
	);
	perform private.search_enqueue(
		array(select o.id from old_rows o where not exists (select 1 from new_rows n where n.id = o.id)),
		'delete'
	);
	return null;
end;
$$;

-- A new or changed rate: the documents (and index documents) of that currency's challenges.
create function private.currency_rates_search_refresh()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_ids uuid[] := array(
		select c.id from public.challenges c
		where c.currency in (
			case when tg_op <> 'INSERT' then old.currency end,
			case when tg_op <> 'DELETE' then new.currency end
		)
		order by c.id
	);
begin
	perform private.search_docs_refresh(v_ids);
	perform private.search_enqueue(
		array(select c.id from public.challenges c where c.id = any (v_ids) and private.challenge_is_public(c.status)),
		'upsert'
	);
	return null;
end;
$$;
comment on function private.currency_rates_search_refresh() is
	'Trigger: a rate changed, so the USD budgets of that currency''s search and index documents are rewritten.';
revoke all on function private.currency_rates_search_refresh() from public;

create trigger currency_rates_search_refresh
	after insert or update or delete on public.currency_rates
	for each row execute function private.currency_rates_search_refresh();

-- The documents that exist already.
select private.search_docs_refresh(array(select d.id from private.search_docs d order by d.id));

-- ---------------------------------------------------------------------------------------------
-- The list search: min_usd, max_usd and sort 'budget'
-- ---------------------------------------------------------------------------------------------

alter type private.search_args add attribute budget_min numeric, add attribute budget_max numeric;
comment on type private.search_args is
	'A list search as the database reads it: normalised query and its tsquery, mode (fts, trigram or all), filters, sort, page, and the budget range in USD. Filters are null when not set; priority is a bit mask.';

create or replace function private.search_args(params jsonb)
returns private.search_args
language plpgsql
stable
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
	-- Normalised first, then cut: unaccent can turn one character into three ("ﬃ" → "ffi"), and
	-- the typo step's levenshtein_less_equal() fails on words over 255 characters.
	a.q := left(btrim(regexp_replace(private.search_normalize(coalesce(v_params ->> 'q', '')), '\s+', ' ', 'g')), 200);
	a.sort := coalesce(v_params ->> 'sort', 'relevance');
	-- Unknown values are dropped (the app validates with searchQuerySchema first, and answers 400).
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
	-- Only public statuses: asking for drafts finds nothing rather than an error.
	select array_agg(distinct x::public.challenge_status) into a.status
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'status') = 'array' then v_params -> 'status' else '[]' end) as x
	where x = any (enum_range(null::public.challenge_status)::text[])
		and private.challenge_is_public(x::public.challenge_status);
	select array_agg(distinct x::public.priority_area) into v_priority
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'priority') = 'array' then v_params -> 'priority' else '[]' end) as x
	where x = any (enum_range(null::public.priority_area)::text[]);
	a.priority := case when v_priority is not null then private.search_priority_mask(v_priority) end;

	if a.sort not in ('relevance', 'deadline', 'newest', 'budget') then
		a.sort := 'relevance';
	end if;
	-- Numbers that are not numbers count as missing (the app never sends them).
	a.max_rows := least(greatest(coalesce(
		case when v_params ->> 'limit' ~ '^-?[0-9]{1,9}$' then (v_params ->> 'limit')::integer end, 20), 1), 50);
	a.skip := least(greatest(coalesce(
		case when v_params ->> 'offset' ~ '^-?[0-9]{1,9}$' then (v_params ->> 'offset')::integer end, 0), 0), 25000);
	-- The budget range in USD: whole or to the cent, up to 15 digits; reversed ends are swapped.
	a.budget_min := case when v_params ->> 'min_usd' ~ '^[0-9]{1,15}(\.[0-9]{1,2})?$' then (v_params ->> 'min_usd')::numeric end;
	a.budget_max := case when v_params ->> 'max_usd' ~ '^[0-9]{1,15}(\.[0-9]{1,2})?$' then (v_params ->> 'max_usd')::numeric end;
	if a.budget_min > a.budget_max then
		select a.budget_max, a.budget_min into a.budget_min, a.budget_max;
	end if;

	-- Keyword: full text first; search_cached() falls back to trigram similarity on title and
	-- summary when full text finds nothing (and says which mode answered).
	if a.q = '' then
		a.mode := 'all';
	else
		a.qnorm := private.search_normalize(a.q);
		a.tsq := private.search_tsquery(a.q);
		a.mode := case when a.tsq is null then 'trigram' else 'fts' end;
	end if;
	return a;
end;
$$;

comment on function private.search_args(jsonb) is
	'Reads the params object of search_challenges() / search_challenge_ids(): filters (unknown values and non-public statuses dropped), sort, limit ≤ 50, offset ≤ 25000, the budget range in USD (min_usd, max_usd), the normalised query cut to 200 characters, its tsquery and the first mode to try.';

-- The budget filter on the given alias ('true' when none is set): the document's USD range
-- overlaps the asked one. The bounds are numerics read by search_args(), written as literals so
-- each search is planned with them.
create function private.search_budget(a private.search_args, alias text)
returns text
language sql
immutable
set search_path = ''
as $$
	select coalesce(nullif(concat_ws(' and ',
		case when a.budget_min is not null then format('%s.budget_usd_high >= %s', alias, a.budget_min) end,
		case when a.budget_max is not null then format('%s.budget_usd_low <= %s', alias, a.budget_max) end
	), ''), 'true');
$$;
revoke all on function private.search_budget(private.search_args, text) from public;

create or replace function private.search_order(a private.search_args, alias text, rank text)
returns text
language sql
immutable
set search_path = ''
as $$
	select case
		when a.sort = 'newest' then format('%1$s.published_at desc nulls last, %1$s.id', alias)
		when a.sort = 'budget' then
			format('%1$s.budget_usd_high desc nulls last, (%1$s.status <> ''open''::public.challenge_status), %1$s.deadline, %1$s.published_at desc nulls last, %1$s.id', alias)
		when a.sort = 'deadline' or a.mode = 'all' then
			format('(%1$s.status <> ''open''::public.challenge_status), %1$s.deadline, %1$s.published_at desc nulls last, %1$s.id', alias)
		else
			format('%2$s desc, (%1$s.status <> ''open''::public.challenge_status), %1$s.deadline, %1$s.published_at desc nulls last, %1$s.id', alias, rank)
	end;
$$;

create or replace function private.search_sources(
	a private.search_args,
	conditions text[],
	out base text,
	out groups text,
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
		page := format(
			'select d.id, null::real as rank from private.search_docs d where %s order by %s limit $9 offset $10',
			private.search_all_of(conditions, 'd'), private.search_order(a, 'd', null)
		);
		return;
	elsif a.mode = 'all' then
		-- No keyword, several priority areas or a budget range: count from a scan of the facet
		-- columns.
		base := format(
			'select d.city_slug, d.region_slug, d.domain, d.kind, d.status, d.priority_mask, %s as f_priority
			from private.search_docs d where %s and %s',
			coalesce(format(conditions[6], 'd'), 'true'), v_prefilter, v_budget
		);
		page := format(
			'select d.id, null::real as rank from private.search_docs d where %s and %s order by %s limit $9 offset $10',
			private.search_all_of(conditions, 'd'), v_budget, private.search_order(a, 'd', null)
		);
	else
		-- A keyword: the matches are computed once (materialized) and feed both the counts and the
		-- page; only rows passing every filter are ranked.
		base := format(
			'select d.id, d.city_slug, d.region_slug, d.domain, d.kind, d.status, d.priority_mask, d.deadline, d.published_at,
				d.budget_usd_high, %s as f_priority, case when %s then %s end as rank
			from private.search_docs d where %s and %s and %s',
			coalesce(format(conditions[6], 'd'), 'true'), private.search_all_of(conditions, 'd'),
			private.search_rank(a), private.search_match(a), v_prefilter, v_budget
		);
		page := format(
			'select b.id, b.rank from base b where %s order by %s limit $9 offset $10',
			private.search_all_of(conditions, 'b'), private.search_order(a, 'b', 'b.rank')
		);
	end if;
	groups := format(
		'select b.city_slug, b.region_slug, b.domain, b.kind, b.status, count(*) filter (where b.f_priority) as n, %s
		from base b
		group by b.city_slug, b.region_slug, b.domain, b.kind, b.status',
		(
			select string_agg(format('count(*) filter (where (b.priority_mask & %s) <> 0) as p%s', 1 << (i - 1), i), ', ')
			from generate_series(1, v_nprio) as i
		)
	);
end;
$$;

create or replace function private.search_ids(params jsonb, upcoming boolean, max_ids integer)
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
set jit = off
set max_parallel_workers_per_gather = 0
as $$
declare
	a private.search_args := private.search_args(params);
	v_conditions text[] := private.search_conditions(a);
	v_matched boolean;
	v_result uuid[];
begin
	max_ids := least(greatest(coalesce(max_ids, 25000), 1), 25000);
	if cardinality(a.region) > 20 or cardinality(a.city) > 50 then
		raise exception 'too many filter values' using errcode = '22023';
	end if;
	-- The list falls back to trigram similarity when full text matches nothing that passes the
	-- filters other than domain (search_cached(): no total, no domain facet). The same rule here,
	-- without counting anything.
	if a.mode = 'fts' then
		execute format(
			'select exists (select 1 from private.search_docs d where d.search_vector @@ $1 and %s and %s)',
			private.search_all_of(array[null, v_conditions[2], v_conditions[3], v_conditions[4], v_conditions[5], v_conditions[6]], 'd'),
			private.search_budget(a, 'd')
		)
		into v_matched
		using a.tsq, a.qnorm, a.domain, a.region, a.city, a.kind, a.status, a.priority;
		if not v_matched then
			a.mode := 'trigram';
		end if;
	end if;
	execute format(
		'select array(select d.id from private.search_docs d where %s and %s and %s and (not $10 or d.deadline > now()) order by %s limit $9)',
		private.search_match(a), private.search_all_of(v_conditions, 'd'), private.search_budget(a, 'd'),
		private.search_order(a, 'd', private.search_rank(a))
	)
	into v_result
	using a.tsq, a.qnorm, a.domain, a.region, a.city, a.kind, a.status, a.priority, max_ids, coalesce(upcoming, false);
	return v_result;
end;
$$;

create or replace function private.search_cached(params jsonb, out core jsonb, out mode text, out tsq tsquery)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	a private.search_args := private.search_args(params);
	-- Everything the answer depends on, the trigram mode's threshold included.
	v_key text := md5(jsonb_build_array(
		a.tsq::text, a.qnorm, a.mode, a.domain, a.region, a.city, a.kind, a.status, a.priority, a.sort,
		a.max_rows, a.skip, current_setting('pg_trgm.word_similarity_threshold', true),
		a.budget_min, a.budget_max
	)::text);
	-- A transaction that has written something may see its own uncommitted changes: it neither
	-- reads nor writes the cache. Nor does a read replica (an unlogged table cannot be read there).
	v_use boolean := pg_current_xact_id_if_assigned() is null and not pg_is_in_recovery();
	v_state private.search_state;
	v_cached jsonb;
begin
	tsq := a.tsq;
	-- The generation is read before anything is computed (see the top of this section).
	select * into v_state from private.search_state;
	v_use := v_use and v_state.cache_enabled;
	if v_use then
		select c.result into v_cached
		from private.search_cache c
		where c.key = v_key and c.generation = v_state.generation;
		if v_cached is not null then
			core := v_cached -> 'core';
			mode := v_cached ->> 'mode';
			return;
		end if;
	end if;

	<<attempt>>
	loop
		core := private.search_core(a);
		-- Full text found nothing at all (not even outside the filters): try trigram similarity.
		exit attempt when a.mode <> 'fts' or (core ->> 'total')::integer > 0
			or jsonb_array_length(core -> 'facets' -> 'domain') > 0;
		a.mode := 'trigram';
	end loop;
	mode := a.mode;

	-- Storing is best effort: whatever goes wrong (a lock timeout, a serialization failure), the
	-- visitor still gets the answer.
	if v_use and current_setting('transaction_read_only') <> 'on' then
		begin
			insert into private.search_cache as c (key, generation, result)
			values (v_key, v_state.generation, jsonb_build_object('core', core, 'mode', mode))
			on conflict (key) do update
				set generation = excluded.generation, result = excluded.result, created_at = now()
				where c.generation <= excluded.generation;
			-- Now and then, one session at a time: drop entries of older generations and all but
			-- the newest 5,000.
			if random() < 0.02 and pg_try_advisory_xact_lock(hashtext('private.search_cache cleanup')) then
				delete from private.search_cache c where c.generation < v_state.generation;
				delete from private.search_cache c
				where c.created_at < (
					select k.created_at from private.search_cache k order by k.created_at desc offset 5000 limit 1
				);
			end if;
		exception when others then
			raise log 'search cache not written: % (%)', sqlerrm, sqlstate;
		end;
	end if;
end;
$$;

-- Hits carry the budget in USD and the rate's date, for the cards and the JSON API (added at the
-- end of the type).
alter type public.search_hit add attribute budget_min_usd numeric, add attribute budget_max_usd numeric,
	add attribute budget_usd_as_of date;

create or replace function private.search_hit(
	c public.challenges,
	ci public.cities,
	r public.regions,
	snippet text,
	rank real
)
returns public.search_hit
language sql
stable
set search_path = ''
as $$
	select row(
		c.id, c.slug, c.kind, c.language, c.title, c.summary, c.domain, c.priority_areas, c.status,
		c.outcome, c.deadline, c.published_at,
		row(ci.slug, ci.name, ci.country)::public.search_hit_city,
		row(r.slug, r.name)::public.search_hit_region,
		c.budget_min, c.budget_max, c.currency, snippet, rank,
		public.budget_min_usd(c), public.budget_max_usd(c), public.budget_usd_as_of(c)
	)::public.search_hit;
$$;

comment on function public.search_challenges(jsonb) is
	'The list search. params: {q, domain[], region[], city[], kind[], status[], priority[], min_usd, max_usd, sort: relevance|deadline|newest|budget, limit ≤ 50, offset}. Public challenges only; each facet''s counts respect every other filter but not its own (the budget range narrows them all); snippets are HTML-escaped except <mark>. Matching, facets and the page''s ids come from private.search_cached(); the hits are read under the caller''s RLS. Volatile because a miss stores its answer in the cache.';
