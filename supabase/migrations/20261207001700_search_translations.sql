-- Search finds a challenge in every language it is written in (issue 16, item 1;
-- docs/search.md#languages). A challenge's versions (public.challenge_translations,
-- 20261207001600) are indexed with its original, in the same places and weights: titles A,
-- summaries B, descriptions and expected outcomes C, through the same unaccent + cjk_bigrams
-- pipeline; their title and summary words are in the typo lexicon. Shanghai's Chinese sponge-city
-- challenge is found by "flood" on the English pages, Da Nang's by 洪水 on the Chinese ones.
--
-- Hits carry the versions' titles and summaries (search_hit.translations), so the app shows each
-- hit in the visitor's language (src/lib/domain/challenges/versions.ts). search_challenges takes
-- the visitor's language (params.lang) only to make the snippet from the texts shown, so a snippet
-- never mixes languages with its title; it is not part of the cache key (no id, rank or count
-- depends on it). "The same problem in other cities" (search_similar) pairs the words of each
-- title, the original's and each version's, so the Chinese sponge-city challenge finds the
-- English flood-sensor ones (tests/fixtures/twins.json has it now).
--
-- Row size: the versions go into the vectors and the trigram text, which are out of line
-- already (see private.search_docs in the baseline); no column is added to search_docs.
--
-- Restated here: search_docs_refresh, challenges_search_after_update and _after_delete (the
-- versions' words count while their challenge is public), search_args (lang), search_challenges
-- (snippet from the texts shown), search_hit (translations), search_similar. Every document is
-- rebuilt at the end.

-- ---------------------------------------------------------------------------------------------
-- Search documents: every version
-- ---------------------------------------------------------------------------------------------

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

comment on column private.search_docs.rank_vector is
	'English vector of unaccented titles (A) and summaries (B), the original''s and its versions'', place names (city, also in Chinese, country, region), priority areas and domain (D): what relevance is ranked on.';
comment on column private.search_docs.search_vector is
	'rank_vector plus descriptions and expected outcomes, the original''s and its versions'' (C): what a keyword is matched against.';
comment on column private.search_docs.search_text is
	'Unaccented lower-case titles and summaries (the original''s, then its versions''), for trigram similarity.';

-- ---------------------------------------------------------------------------------------------
-- Keeping them in step: a version changes its challenge's documents, words and index document
-- ---------------------------------------------------------------------------------------------

-- The texts a challenge's versions add to the lexicon (one per version).
create function private.search_version_words(ids uuid[])
returns text[]
language sql
stable
set search_path = ''
as $$
	select coalesce(array_agg(concat_ws(' ', t.title, t.summary) order by t.challenge_id, t.language), '{}')
	from public.challenge_translations t
	where t.challenge_id = any (ids);
$$;
comment on function private.search_version_words(uuid[]) is
	'Title and summary of every version of the given challenges, one text each: what they add to search_lexicon while public.';
revoke all on function private.search_version_words(uuid[]) from public;

-- As 20261207001400, and a challenge that becomes public (or stops being) counts its versions'
-- words in (or out) with its own.
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

	-- Words of titles and summaries that changed, or whose row became public or stopped being
	-- (with its versions' words then).
	perform private.search_lexicon_count(
		array(
			select concat_ws(' ', n.title, n.summary)
			from old_rows o join new_rows n on n.id = o.id
			where private.challenge_is_public(n.status)
				and (o.title, o.summary, private.challenge_is_public(o.status))
					is distinct from (n.title, n.summary, private.challenge_is_public(n.status))
		) || private.search_version_words(array(
			select n.id from old_rows o join new_rows n on n.id = o.id
			where private.challenge_is_public(n.status) and not private.challenge_is_public(o.status)
		)),
		array(
			select concat_ws(' ', o.title, o.summary)
			from old_rows o join new_rows n on n.id = o.id
			where private.challenge_is_public(o.status)
				and (o.title, o.summary, private.challenge_is_public(o.status))
					is distinct from (n.title, n.summary, private.challenge_is_public(n.status))
		) || private.search_version_words(array(
			select n.id from old_rows o join new_rows n on n.id = o.id
			where private.challenge_is_public(o.status) and not private.challenge_is_public(n.status)
		))
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

-- A deleted public challenge takes its versions with it, but the cascade's triggers fire after
-- the challenge's own statement trigger, which has removed its search document by then: that
-- trigger leaves the ids here (a transaction-local setting naming its transaction, as
-- search_state_bump's flag), so the versions' words are counted out all the same.
create function private.search_deleted_public(added uuid[] default '{}')
returns uuid[]
language plpgsql
set search_path = ''
as $$
declare
	v_setting text := coalesce(current_setting('search.deleted_public', true), '');
	v_xact text := pg_current_xact_id()::text;
	v_ids uuid[] := case
		when split_part(v_setting, ':', 1) = v_xact then
			coalesce(string_to_array(nullif(split_part(v_setting, ':', 2), ''), ',')::uuid[], '{}')
		else '{}'
	end;
begin
	if cardinality(added) > 0 then
		v_ids := v_ids || added;
		perform set_config('search.deleted_public', v_xact || ':' || array_to_string(v_ids, ','), true);
	end if;
	return v_ids;
end;
$$;
comment on function private.search_deleted_public(uuid[]) is
	'The public challenges deleted so far in this transaction (adding `added`): their versions, deleted by the cascade afterwards, still count out of search_lexicon.';
revoke all on function private.search_deleted_public(uuid[]) from public;

-- As the baseline's, and the deleted public rows are noted for their versions' trigger.
create or replace function private.challenges_search_after_delete()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.search_deleted_public(array(select r.id from old_rows r where private.challenge_is_public(r.status)));
	perform private.search_docs_refresh(array(select r.id from old_rows r order by r.id));
	perform private.search_lexicon_count(
		'{}',
		array(select concat_ws(' ', r.title, r.summary) from old_rows r where private.challenge_is_public(r.status))
	);
	-- A delete replaces whatever was pending for the row. (A row that was not public has no
	-- document in the index: its last public change, if any, already queued a delete.)
	perform private.search_enqueue(array(select r.id from old_rows r where private.challenge_is_public(r.status)), 'delete');
	return null;
end;
$$;

-- One function for the three statement triggers on challenge_translations (a trigger with
-- transition tables has one event). A version's words count while its challenge is public, that is
-- while it has a search document, or when it goes with its deleted public challenge.
create function private.challenge_translations_search_sync()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_added text[] := '{}';
	v_removed text[] := '{}';
	v_ids uuid[] := '{}';
begin
	if tg_op in ('INSERT', 'UPDATE') then
		select coalesce(array_agg(concat_ws(' ', n.title, n.summary)) filter (
				where exists (select 1 from private.search_docs d where d.id = n.challenge_id)), '{}'),
			coalesce(array_agg(n.challenge_id), '{}')
		into v_added, v_ids
		from new_rows n;
	end if;
	if tg_op in ('UPDATE', 'DELETE') then
		select coalesce(array_agg(concat_ws(' ', o.title, o.summary)) filter (
				where exists (select 1 from private.search_docs d where d.id = o.challenge_id)
					or o.challenge_id = any (private.search_deleted_public())), '{}'),
			v_ids || coalesce(array_agg(o.challenge_id), '{}')
		into v_removed, v_ids
		from old_rows o;
	end if;
	v_ids := array(select distinct i from unnest(v_ids) as i order by i);
	perform private.search_lexicon_count(v_added, v_removed);
	perform private.search_docs_refresh(v_ids);
	perform private.search_enqueue(
		array(select c.id from public.challenges c where c.id = any (v_ids) and private.challenge_is_public(c.status)),
		'upsert'
	);
	return null;
end;
$$;
comment on function private.challenge_translations_search_sync() is
	'Statement trigger on challenge_translations: refreshes the search documents of the challenges whose versions changed, counts the versions'' title and summary words in and out (while public), enqueues an index upsert of the public ones.';
revoke all on function private.challenge_translations_search_sync() from public;

create trigger challenge_translations_search_after_insert
	after insert on public.challenge_translations
	referencing new table as new_rows
	for each statement execute function private.challenge_translations_search_sync();
create trigger challenge_translations_search_after_update
	after update on public.challenge_translations
	referencing old table as old_rows new table as new_rows
	for each statement execute function private.challenge_translations_search_sync();
create trigger challenge_translations_search_after_delete
	after delete on public.challenge_translations
	referencing old table as old_rows
	for each statement execute function private.challenge_translations_search_sync();

-- ---------------------------------------------------------------------------------------------
-- The list search: the visitor's language
-- ---------------------------------------------------------------------------------------------

/** The visitor's language of a search's params (lang): a portal language, else null. */
create function private.search_lang(params jsonb)
returns text
language sql
immutable
set search_path = ''
as $$
	select case when l in ('en', 'zh') then l end
	from (
		select case jsonb_typeof(params)
			-- GET /rpc/search_challenges?params={…} hands the object over as a JSON string.
			when 'string' then ((params #>> '{}')::jsonb) ->> 'lang'
			when 'object' then params ->> 'lang'
		end as l
	) p;
$$;
comment on function private.search_lang(jsonb) is
	'The visitor''s language in a search''s params (lang): en or zh, else null (unknown values are dropped, as the other params'').';
revoke all on function private.search_lang(jsonb) from public;
grant execute on function private.search_lang(jsonb) to anon, authenticated, service_role;

alter type private.search_args add attribute lang text;
comment on type private.search_args is
	'A list search as the database reads it: normalised query and its tsquery, mode (fts, trigram or all), filters, sort, page, the budget range in USD and the visitor''s language (lang, for snippets only: never part of the cache key). Filters are null when not set; priority is a bit mask.';

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
	-- The visitor's language: which texts the hits' snippets are made from (not part of the cache
	-- key: it changes no id, rank or count).
	a.lang := private.search_lang(v_params);

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
	'Reads the params object of search_challenges() / search_challenge_ids(): filters (unknown values and non-public statuses dropped), sort, limit ≤ 50, offset ≤ 25000, the budget range in USD (min_usd, max_usd), the visitor''s language (lang: en or zh, else none), the normalised query cut to 200 characters, its tsquery and the first mode to try.';

-- ---------------------------------------------------------------------------------------------
-- Hits: the versions, and the snippet from the texts shown
-- ---------------------------------------------------------------------------------------------

-- Added at the end of the type: {"en": {"title", "summary"}, …}, {} without versions.
alter type public.search_hit add attribute translations jsonb;
comment on type public.search_hit is
	'One challenge as a search hit (search_challenges, similar_challenges). title and summary are the original''s (in language); translations holds the versions'' title and summary by language ({} without any); the app shows the visitor''s.';

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
		public.budget_min_usd(c), public.budget_max_usd(c), public.budget_usd_as_of(c),
		-- Read as the caller, by primary key (RLS: with their challenge).
		coalesce((
			select jsonb_object_agg(t.language, jsonb_build_object('title', t.title, 'summary', t.summary))
			from public.challenge_translations t
			where t.challenge_id = c.id
		), '{}'::jsonb)
	)::public.search_hit;
$$;

create or replace function public.search_challenges(params jsonb)
returns public.search_result
language plpgsql
volatile
set search_path = ''
as $$
declare
	v_search record := private.search_cached(params);
	v_page jsonb := v_search.core -> 'page';
	-- An id array, so the rows come from the primary key index whatever the estimates.
	v_ids uuid[] := array(select (e ->> 'id')::uuid from jsonb_array_elements(v_page) as e);
	v_lang text := private.search_lang(params);
begin
	return row(
		(v_search.core ->> 'total')::integer,
		-- The page's rows are read here, as the caller: RLS on challenges applies to every hit.
		coalesce((
			select array_agg(
				private.search_hit(
					c, ci, r,
					-- From the texts the visitor will see: the version in their language, else the original.
					case when v_search.tsq is not null then
						private.search_snippet(coalesce(t.summary, c.summary), coalesce(t.description, c.description), v_search.tsq)
					end,
					(v_page -> (p.ord - 1) ->> 'rank')::real
				)
				order by p.ord
			)
			from public.challenges c
			join public.cities ci on ci.id = c.city_id
			join public.regions r on r.slug = ci.region
			left join public.challenge_translations t
				on t.challenge_id = c.id and t.language = v_lang and t.language <> c.language
			cross join lateral (select array_position(v_ids, c.id) as ord) p
			where c.id = any (v_ids) and private.challenge_is_public(c.status)
		), '{}'),
		jsonb_populate_record(null::public.search_facets, v_search.core -> 'facets'),
		v_search.mode
	)::public.search_result;
end;
$$;

comment on function public.search_challenges(jsonb) is
	'The list search. params: {q, domain[], region[], city[], kind[], status[], priority[], min_usd, max_usd, sort: relevance|deadline|newest|budget, limit ≤ 50, offset, lang: en|zh}. Public challenges only, found by their original''s texts and every version''s; each facet''s counts respect every other filter but not its own (the budget range narrows them all); hits carry their versions (translations); the snippet is made from the texts in lang when the challenge has a version in it, else from the original''s (U+E000/U+E001 around matches). Matching, facets and the page''s ids come from private.search_cached() (lang is not part of its key); the hits are read under the caller''s RLS. Volatile because a miss stores its answer in the cache.';

-- ---------------------------------------------------------------------------------------------
-- The same problem in other cities: every title
-- ---------------------------------------------------------------------------------------------

-- As 20261207000700, with the pairs taken from each title separately (the original's and each
-- version's), so a Chinese challenge with an English version finds English twins by its English
-- title's words; a candidate's relevance is its best over those titles (a Chinese title's bigrams
-- do not outweigh an English title's words).
create or replace function private.search_similar(challenge_id uuid, max_results integer)
returns table (id uuid, score real)
language sql
stable
security definer
set search_path = ''
set jit = off
as $$
	-- Materialized: inlined, its query terms would be built again for every candidate.
	with source as materialized (
		select s.id, s.city_id, s.domain,
			-- Candidates: pairs from the first ten words of the title, from the index on the title
			-- and summary part of rank_vector (exact, never rechecked).
			(
				select coalesce(
					string_agg(format('(%s & %s)', w1, w2), ' | '),
					w.quoted[1]
				)::tsquery
				from unnest(w.quoted[1:10]) as w1
				join unnest(w.quoted[1:10]) as w2 on w1 < w2
			) as pairs,
			-- Scoring: any of them, weighted by where the candidate has it.
			array_to_string(w.quoted, ' | ')::tsquery as any_word
		from private.search_docs s
		join public.challenges c on c.id = s.id
		cross join lateral (
			select c.title
			union all
			select t.title from public.challenge_translations t where t.challenge_id = c.id
		) x
		-- The title's lexemes in title order (as search_docs_refresh indexes it), quoted for
		-- tsquery input as they are: to_tsquery would parse them again ('e-bik' → 'e-bik' <-> 'e'
		-- <-> 'bik', which no document has).
		cross join lateral (
			select array(
				select '''' || replace(replace(l.lexeme, '\', '\\'), '''', '''''') || ''''
				from unnest(to_tsvector('english'::regconfig, private.cjk_bigrams(private.search_normalize(x.title)))) as l
				order by l.positions[1], l.lexeme
			) as quoted
		) w
		where s.id = search_similar.challenge_id and cardinality(w.quoted) > 0
	)
	select r.id, r.score
	from (
		select d.id,
			m.rel,
			max(m.rel) over () as best,
			(
				m.rel
				+ case when d.status = 'open'::public.challenge_status and (d.deadline is null or d.deadline > now()) then 0.1 else 0 end
			)::real as score
		from (
			select d.id, max(ts_rank('{0.1, 0.2, 0.4, 1.0}'::real[], d.rank_vector, src.any_word)) as rel
			from source src
			join private.search_docs d
				on ts_filter(d.rank_vector, '{a,b}') @@ src.pairs and d.city_id <> src.city_id
			-- A twin works on the same need in the same domain (EV charging is not food-waste
			-- composting, however many words they share).
			where d.domain = src.domain
			group by d.id
		) m
		join private.search_docs d on d.id = m.id
	) r
	-- Fewer rather than padding: only candidates about as close as the closest one.
	where r.rel >= 0.45 * r.best
	order by r.score desc, r.id
	limit least(greatest(coalesce(search_similar.max_results, 6), 1), 24);
$$;

comment on function private.search_similar(uuid, integer) is
	'Ids and scores of public challenges of other cities in the same domain sharing words of one of the given public challenge''s titles (its original''s or a version''s), only those at least 0.45 as relevant as the closest. SECURITY DEFINER (reads search_docs and the challenge''s versions); returns no text.';

comment on function public.similar_challenges(uuid, integer) is
	'Twins of a public challenge in other cities: same domain, two or more words of one of its titles (the original''s or a version''s) in their own titles or summaries (any version), and about as close as the closest one; ranked by where they have the words (title over summary over the rest), with a boost for being open to proposals (read under the caller''s RLS). Each hit carries its versions (translations).';

-- ---------------------------------------------------------------------------------------------
-- The documents and words that exist already
-- ---------------------------------------------------------------------------------------------

select private.search_docs_refresh(array(select d.id from private.search_docs d order by d.id));
select private.search_lexicon_count(
	private.search_version_words(array(select d.id from private.search_docs d order by d.id)),
	'{}'
);
