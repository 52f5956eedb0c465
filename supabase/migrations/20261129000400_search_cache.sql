-- A result cache for the list search.
--
-- At 100k challenges a search for a common word ("water" matches one challenge in five) costs
-- tens of milliseconds, almost all of it in counting facets over every match. The list's busiest
-- searches repeat (the same words, the same facet clicks, the next page), and search documents
-- change seldom (a city publishing or editing a challenge). So search_challenges() keeps what
-- search_core() returned (ids, ranks, counts; never text) per normalised parameters, and an entry
-- is used only while nothing it depends on has changed:
--
-- * private.search_state.generation goes up, at the commit of every transaction that changes
--   search documents, the lexicon, the synonyms, or a city or region (their names are facet
--   labels). An entry is stored with
--   the generation read before it was computed, and read only when that is still the current one:
--   the next search after a commit never sees an older answer.
-- * The page's challenges are still read fresh, under the caller's RLS, on every request.
-- * The table is UNLOGGED (nothing to replicate or recover) and bounded: entries of older
--   generations and all but the newest 5,000 are dropped now and then.
-- * A read-only transaction (PostgREST answers GET /rpc in one) reads the cache but never writes.
--   A transaction that has already written something (it could see its own uncommitted changes)
--   and a read replica neither read nor write it. Failing to store an entry never fails a search.
-- * The key is computed inside the SECURITY DEFINER function from the arguments it computes the
--   result for, so nobody can store an answer that search_core() would not give.
--
-- private.search_state.cache_enabled turns it off (scripts/bench-search.mjs does, to measure
-- searches that miss).

create table private.search_state (
	id boolean primary key default true check (id),
	generation bigint not null default 0,
	cache_enabled boolean not null default true
);
insert into private.search_state default values;
alter table private.search_state enable row level security;

comment on table private.search_state is
	'One row: generation (bumped by every statement changing search_docs, search_lexicon or search_synonyms) and whether search_challenges() uses its cache.';

create unlogged table private.search_cache (
	key text primary key,
	generation bigint not null,
	result jsonb not null,
	created_at timestamptz not null default now()
);
create index search_cache_generation_idx on private.search_cache (generation);
create index search_cache_created_idx on private.search_cache (created_at);
alter table private.search_cache enable row level security;

comment on table private.search_cache is
	'search_core() results ({core, mode}) of recent searches, by md5 of the normalised parameters. Valid only for the generation stored with them. Reached only through private.search_cached().';

-- Neither table is reachable through the API (the private schema is not exposed) nor by the API
-- roles; only the SECURITY DEFINER functions below, run as their owner, read and write them.
revoke all on table private.search_state, private.search_cache from public, anon, authenticated, service_role;
create policy "Only the owner's functions use the search state" on private.search_state
	for all to service_role using (false) with check (false);
create policy "Only the owner's functions use the search cache" on private.search_cache
	for all to service_role using (false) with check (false);

-- The bump runs at COMMIT (a deferred constraint trigger), once per transaction: the writer holds
-- the generation row's lock only while committing, after every other lock it takes, so writers
-- of different challenges never wait for each other's open transactions and cannot deadlock on it.
create function private.search_state_bump()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	-- The flag names the transaction, so no session-wide setting can switch the bump off.
	if coalesce(current_setting('search.generation_bumped', true), '') <> pg_current_xact_id()::text then
		perform set_config('search.generation_bumped', pg_current_xact_id()::text, true);
		update private.search_state set generation = generation + 1;
	end if;
	return null;
end;
$$;

comment on function private.search_state_bump() is
	'Deferred trigger: something search results depend on changed, so every cached result is stale. Bumps private.search_state.generation once per transaction, at commit.';

create constraint trigger search_docs_bump_generation
	after insert or update or delete on public.search_docs
	deferrable initially deferred
	for each row execute function private.search_state_bump();
create constraint trigger search_lexicon_bump_generation
	after insert or update or delete on public.search_lexicon
	deferrable initially deferred
	for each row execute function private.search_state_bump();
create constraint trigger search_synonyms_bump_generation
	after insert or update or delete on public.search_synonyms
	deferrable initially deferred
	for each row execute function private.search_state_bump();
-- Region and city names are facet labels in cached results. (A city rename also rewrites its
-- documents; a region rename rewrites none.)
create constraint trigger regions_bump_search_generation
	after insert or update or delete on public.regions
	deferrable initially deferred
	for each row execute function private.search_state_bump();
create constraint trigger cities_bump_search_generation
	after insert or update or delete on public.cities
	deferrable initially deferred
	for each row execute function private.search_state_bump();
-- TRUNCATE has no row events: bump at once (nothing in the app truncates these tables).
create trigger search_docs_truncate_bump_generation
	after truncate on public.search_docs
	for each statement execute function private.search_state_bump();
create trigger search_lexicon_truncate_bump_generation
	after truncate on public.search_lexicon
	for each statement execute function private.search_state_bump();
create trigger search_synonyms_truncate_bump_generation
	after truncate on public.search_synonyms
	for each statement execute function private.search_state_bump();

-- search_core() with the trigram fallback, through the cache. The key is computed here from the
-- arguments, so an entry is always what search_core() returns for them: no caller can store
-- anything else. Returns {core, mode}.
create function private.search_cached(
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
volatile
security definer
set search_path = ''
as $$
declare
	-- Everything the answer depends on, the trigram mode's threshold included.
	v_key text := md5(jsonb_build_array(
		tsq::text, qnorm, mode, f_domain, f_region, f_city, f_kind, f_status, f_priority, sort, max_rows, skip,
		current_setting('pg_trgm.word_similarity_threshold', true)
	)::text);
	-- A transaction that has written something may see its own uncommitted changes: it neither
	-- reads nor writes the cache. Nor does a read replica (an unlogged table cannot be read there).
	v_use boolean := pg_current_xact_id_if_assigned() is null and not pg_is_in_recovery();
	v_state private.search_state;
	v_result jsonb;
	v_core jsonb;
begin
	-- The generation is read before anything is computed (see the top of this file).
	select * into v_state from private.search_state;
	v_use := v_use and v_state.cache_enabled;
	if v_use then
		select c.result into v_result
		from private.search_cache c
		where c.key = v_key and c.generation = v_state.generation;
		if v_result is not null then
			return v_result;
		end if;
	end if;

	<<attempt>>
	loop
		v_core := private.search_core(
			tsq, qnorm, mode, f_domain, f_region, f_city, f_kind, f_status, f_priority, sort, max_rows, skip
		);
		-- Full text found nothing at all (not even outside the filters): try trigram similarity.
		exit attempt when mode <> 'fts' or (v_core ->> 'total')::integer > 0
			or jsonb_array_length(v_core -> 'facets' -> 'domain') > 0;
		mode := 'trigram';
	end loop;
	v_result := jsonb_build_object('core', v_core, 'mode', mode);

	-- Storing is best effort: whatever goes wrong (a lock timeout, a serialization failure), the
	-- visitor still gets the answer.
	if v_use and current_setting('transaction_read_only') <> 'on' then
		begin
			insert into private.search_cache as c (key, generation, result)
			values (v_key, v_state.generation, v_result)
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
	return v_result;
end;
$$;

comment on function private.search_cached(tsquery, text, text, public.challenge_domain[], text[], text[], public.challenge_kind[], public.challenge_status[], integer, text, integer, integer) is
	'search_core() with the trigram fallback ({core, mode}), answered from private.search_cache while the generation it was computed at is current. SECURITY DEFINER (the cache is private); returns only what search_core() returns.';

revoke all on function private.search_state_bump() from public, anon, authenticated;
-- Visitors reach search_core() only through search_cached() now.
revoke execute on function private.search_core(tsquery, text, text, public.challenge_domain[], text[], text[], public.challenge_kind[], public.challenge_status[], integer, text, integer, integer) from anon, authenticated;
revoke all on function private.search_cached(tsquery, text, text, public.challenge_domain[], text[], text[], public.challenge_kind[], public.challenge_status[], integer, text, integer, integer) from public;
grant execute on function private.search_cached(tsquery, text, text, public.challenge_domain[], text[], text[], public.challenge_kind[], public.challenge_status[], integer, text, integer, integer) to anon, authenticated, service_role;

create or replace function public.search_challenges(params jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
	v_params jsonb := coalesce(params, '{}');
	v_q text;
	v_qnorm text;
	v_tsq tsquery;
	v_mode text;
	v_domain public.challenge_domain[];
	v_region text[];
	v_city text[];
	v_kind public.challenge_kind[];
	v_status public.challenge_status[];
	v_priority public.priority_area[];
	v_sort text;
	v_limit integer;
	v_offset integer;
	v_core jsonb;
	v_ids uuid[];
	v_cached jsonb;
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
	v_q := left(btrim(regexp_replace(coalesce(v_params ->> 'q', ''), '\s+', ' ', 'g')), 200);
	v_sort := coalesce(v_params ->> 'sort', 'relevance');
	-- Parameters (unknown values are ignored: the app validates with searchQuerySchema first).
	select array_agg(distinct x::public.challenge_domain) into v_domain
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'domain') = 'array' then v_params -> 'domain' else '[]' end) as x
	where x = any (enum_range(null::public.challenge_domain)::text[]);
	select array_agg(distinct x) into v_region
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'region') = 'array' then v_params -> 'region' else '[]' end) as x;
	select array_agg(distinct x) into v_city
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'city') = 'array' then v_params -> 'city' else '[]' end) as x;
	select array_agg(distinct x::public.challenge_kind) into v_kind
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'kind') = 'array' then v_params -> 'kind' else '[]' end) as x
	where x = any (enum_range(null::public.challenge_kind)::text[]);
	select array_agg(distinct x::public.challenge_status) into v_status
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'status') = 'array' then v_params -> 'status' else '[]' end) as x
	where x = any (enum_range(null::public.challenge_status)::text[])
		and public.search_is_public(x::public.challenge_status);
	select array_agg(distinct x::public.priority_area) into v_priority
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'priority') = 'array' then v_params -> 'priority' else '[]' end) as x
	where x = any (enum_range(null::public.priority_area)::text[]);

	if v_sort not in ('relevance', 'deadline', 'newest') then
		v_sort := 'relevance';
	end if;
	v_limit := least(greatest(coalesce((v_params ->> 'limit')::integer, 20), 1), 50);
	v_offset := least(greatest(coalesce((v_params ->> 'offset')::integer, 0), 0), 25000);

	-- Keyword: full text first; a trigram match on title + summary when full text finds nothing.
	if v_q = '' then
		v_mode := 'all';
	else
		v_qnorm := public.search_normalize(v_q);
		v_tsq := public.search_tsquery(v_q);
		v_mode := case when v_tsq is null then 'trigram' else 'fts' end;
	end if;

	-- Matching, facets and the page's ids: search_core(), or its cached answer while nothing it
	-- depends on has changed (20261129000400_search_cache.sql).
	v_cached := private.search_cached(
		v_tsq, v_qnorm, v_mode, v_domain, v_region, v_city, v_kind, v_status,
		case when v_priority is not null then public.search_priority_mask(v_priority) end,
		v_sort, v_limit, v_offset
	);
	v_core := v_cached -> 'core';
	v_mode := v_cached ->> 'mode';

	-- The page's rows are read here, as the caller: RLS on challenges applies to every hit. (An id
	-- array, so the rows come from the primary key index whatever the estimates.)
	v_ids := array(select (e ->> 'id')::uuid from jsonb_array_elements(v_core -> 'page') as e);
	return jsonb_build_object(
		'total', (v_core ->> 'total')::integer,
		'hits', coalesce((
			select jsonb_agg(
				public.search_hit(
					c, ci, r,
					-- One line of text: the description's line breaks become spaces.
					case when v_tsq is null then null else regexp_replace(ts_headline(
						'english'::regconfig,
						public.search_escape_html(
							concat_ws(' ', c.summary, regexp_replace(regexp_replace(regexp_replace(regexp_replace(
								c.description,
								'(^|\n)[ \t]*#+[^\n]*', '\1', 'g'),          -- heading lines
								'\]\([^)]*\)', ']', 'g'),                       -- link targets
								'(^|\n)[ \t]*(?:[-+*>]|[0-9]+[.)])[ \t]+', '\1', 'g'), -- list and quote markers
								'[*`|[\]~]+', '', 'g'))                          -- emphasis, code, tables
						),
						v_tsq,
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
		'mode', v_mode
	);
end;
$$;

comment on function public.search_challenges(jsonb) is
	'The list search. params: {q, domain[], region[], city[], kind[], status[], priority[], sort: relevance|deadline|newest, limit ≤ 50, offset}. Returns {total, hits, facets, mode}: public challenges only; each facet''s counts respect every other filter but not its own; snippets are HTML-escaped except <mark>. Matching, facets and the page''s ids come from search_core (or its cached answer while no search document has changed); the hits themselves are read under the caller''s RLS. Volatile because a miss stores its answer in private.search_cache.';
