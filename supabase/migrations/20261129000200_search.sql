-- Search for the Collaboration List: full-text + trigram search in Postgres (the always-there
-- engine), typo tolerance through a lexicon of known words, synonyms, shoppers' facets, and an
-- outbox that feeds the optional Meilisearch index (src/lib/server/search/outbox.ts).
--
-- What anonymous visitors can reach: search_challenges() and similar_challenges() (security
-- invoker: RLS on challenges applies, and both also filter on public statuses explicitly), and
-- read access to the lexicon and synonyms (built only from public challenges). The outbox and its
-- functions belong to service_role (the search worker) alone.

create schema if not exists extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists unaccent with schema extensions;
create extension if not exists fuzzystrmatch with schema extensions;

-- ---------------------------------------------------------------------------------------------
-- Text helpers
-- ---------------------------------------------------------------------------------------------

create function public.search_normalize(value text)
returns text
language sql
immutable
strict
parallel safe
security invoker
set search_path = ''
as $$
	select lower(extensions.unaccent('extensions.unaccent'::regdictionary, value));
$$;

comment on function public.search_normalize(text) is
	'Lower case without accents. IMMUTABLE wrapper around unaccent (which is only STABLE), so it may feed stored search columns.';

create function public.search_is_public(status public.challenge_status)
returns boolean
language sql
immutable
strict
parallel safe
security invoker
set search_path = ''
as $$
	select status not in ('draft'::public.challenge_status, 'withdrawn'::public.challenge_status);
$$;

comment on function public.search_is_public(public.challenge_status) is
	'The statuses a visitor may see; mirrors PUBLIC_STATUSES in schema.ts and the RLS policy on challenges.';

create function public.search_words(doc text)
returns setof text
language sql
immutable
parallel safe
security invoker
set search_path = ''
as $$
	select w
	from unnest(tsvector_to_array(to_tsvector(
		'simple'::regconfig,
		lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(doc, '')))
	))) as w
	where char_length(w) between 3 and 32 and w ~ '^[[:alnum:]]+$' and w !~ '^[0-9]+$';
$$;

comment on function public.search_words(text) is
	'Distinct unstemmed words of a text (one row each) (3–32 letters or digits, not all digits): the vocabulary feeding search_lexicon.';

create function public.search_escape_html(value text)
returns text
language sql
immutable
strict
parallel safe
security invoker
set search_path = ''
as $$
	select replace(replace(replace(replace(replace(value, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;');
$$;

comment on function public.search_escape_html(text) is
	'Escapes & < > " '' so that a snippet built from it may only contain the <mark> tags ts_headline adds.';

-- ---------------------------------------------------------------------------------------------
-- Search columns on challenges (maintained in the same transaction by a BEFORE trigger)
-- ---------------------------------------------------------------------------------------------

alter table public.challenges
	add column city_slug text,
	add column region_slug text,
	add column search_vector tsvector,
	add column search_text text;

comment on column public.challenges.city_slug is 'Copy of cities.slug (trigger-maintained) so search facets need no join.';
comment on column public.challenges.region_slug is 'Copy of cities.region (trigger-maintained) so search facets need no join.';
comment on column public.challenges.search_vector is
	'English full-text vector of unaccented text: title (A), summary (B), description and expected outcomes (C), city name, priority areas and domain (D).';
comment on column public.challenges.search_text is 'Unaccented lower-case title and summary, for trigram similarity.';

create function public.challenges_search_columns()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
	v_city_name text;
	v_title text;
	v_summary text;
begin
	select c.slug, c.region, c.name into new.city_slug, new.region_slug, v_city_name
	from public.cities c
	where c.id = new.city_id;

	-- Same as public.search_normalize(), spelled out to spare a function call per column.
	v_title := lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(new.title, '')));
	v_summary := lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(new.summary, '')));
	new.search_text := v_title || ' ' || v_summary;
	new.search_vector :=
		setweight(to_tsvector('english'::regconfig, v_title), 'A')
		|| setweight(to_tsvector('english'::regconfig, v_summary), 'B')
		|| setweight(
			to_tsvector(
				'english'::regconfig,
				lower(extensions.unaccent('extensions.unaccent'::regdictionary, concat_ws(' ', new.description, new.expected_outcomes)))
			),
			'C'
		)
		|| setweight(
			to_tsvector(
				'english'::regconfig,
				lower(extensions.unaccent(
					'extensions.unaccent'::regdictionary,
					concat_ws(' ', v_city_name, replace(array_to_string(new.priority_areas, ' '), '-', ' '), new.domain::text)
				))
			),
			'D'
		);
	return new;
end;
$$;

comment on function public.challenges_search_columns() is
	'Trigger: fills city_slug, region_slug, search_vector and search_text from the row and its city.';

create trigger challenges_search_columns
	before insert or update of title, summary, description, expected_outcomes, priority_areas, domain, city_id, city_slug, region_slug
	on public.challenges
	for each row execute function public.challenges_search_columns();

-- ---------------------------------------------------------------------------------------------
-- Lexicon (known words of public challenges, for typo correction and prefix completion)
-- ---------------------------------------------------------------------------------------------

create table public.search_lexicon (
	word text collate "C" primary key,
	ndoc integer not null
);
alter table public.search_lexicon enable row level security;

comment on table public.search_lexicon is
	'Words of public challenges with the number of challenges using them. Maintained by statement triggers on challenges; a query word that is not here is corrected to the most similar known words (pg_trgm).';

create policy "Anyone can read the search lexicon" on public.search_lexicon
	for select to anon, authenticated using (true);

create index search_lexicon_word_trgm_idx on public.search_lexicon using gin (word extensions.gin_trgm_ops);

-- ---------------------------------------------------------------------------------------------
-- Synonyms (the same groups as SYNONYM_GROUPS in src/lib/server/search/synonyms.ts)
-- ---------------------------------------------------------------------------------------------

create table public.search_synonyms (
	group_id integer not null,
	term text not null constraint search_synonyms_term_length check (char_length(term) between 1 and 100),
	phrase text generated always as (
		btrim(regexp_replace(public.search_normalize(term), '[^[:alnum:]]+', ' ', 'g'))
	) stored,
	primary key (group_id, term)
);
alter table public.search_synonyms enable row level security;

comment on table public.search_synonyms is
	'Groups of equivalent terms (ev = electric vehicle). Every term of a group finds the others. phrase is the term as query words.';

create policy "Anyone can read search synonyms" on public.search_synonyms
	for select to anon, authenticated using (true);

create index search_synonyms_phrase_idx on public.search_synonyms (phrase);

insert into public.search_synonyms (group_id, term)
select g.group_id, t.term
from (
	values
	(1, array['ev', 'electric vehicle']),
	(2, array['evs', 'electric vehicles']),
	(3, array['e-bike', 'ebike', 'electric bike']),
	(4, array['e-scooter', 'escooter', 'electric scooter']),
	(5, array['streetlight', 'street light']),
	(6, array['streetlights', 'street lights']),
	(7, array['iot', 'internet of things']),
	(8, array['ai', 'artificial intelligence']),
	(9, array['pv', 'photovoltaic']),
	(10, array['maas', 'mobility as a service']),
	(11, array['brt', 'bus rapid transit']),
	(12, array['ghg', 'greenhouse gas']),
	(13, array['wastewater', 'waste water']),
	(14, array['carsharing', 'car sharing']),
	(15, array['bicycle', 'bike']),
	(16, array['nbs', 'nature-based solutions'])
) as g (group_id, terms)
cross join lateral unnest(g.terms) as t (term);

-- ---------------------------------------------------------------------------------------------
-- Outbox for the Meilisearch index
-- ---------------------------------------------------------------------------------------------

create table public.search_outbox (
	id bigserial primary key,
	challenge_id uuid not null constraint search_outbox_challenge_unique unique,
	op text not null constraint search_outbox_op_valid check (op in ('upsert', 'delete')),
	enqueued_at timestamptz not null default now(),
	attempts integer not null default 0,
	next_attempt_at timestamptz not null default now(),
	last_error text,
	locked_until timestamptz,
	lease_id bigint
);
alter table public.search_outbox enable row level security;

comment on table public.search_outbox is
	'Pending changes for the Meilisearch index, one row per challenge (the latest op wins), written in the same transaction as the change. Only service_role (the search worker) reads it.';
comment on column public.search_outbox.id is 'Renumbered on every new event, so completing an older claim never deletes a newer event.';
comment on column public.search_outbox.lease_id is 'The id the row had when it was last claimed; complete_search_outbox releases re-enqueued rows by it.';

create policy "Service role manages the search outbox" on public.search_outbox
	for all to service_role using (true) with check (true);

create index search_outbox_due_idx on public.search_outbox (next_attempt_at, id);

create function public.search_enqueue(ids uuid[], operation text)
returns void
language sql
security definer
set search_path = ''
as $$
	insert into public.search_outbox as o (challenge_id, op)
	select distinct i, operation from unnest(ids) as i
	where i is not null
	order by 1
	on conflict (challenge_id) do update
		set op = excluded.op,
			id = nextval(pg_get_serial_sequence('public.search_outbox', 'id')),
			enqueued_at = now(),
			attempts = 0,
			next_attempt_at = now(),
			last_error = null;
$$;

comment on function public.search_enqueue(uuid[], text) is
	'Adds or replaces the pending index operation of each challenge (coalescing: the latest op wins).';

-- ---------------------------------------------------------------------------------------------
-- Statement triggers: lexicon counts and outbox, in the same transaction as the change
-- ---------------------------------------------------------------------------------------------

create function public.search_lexicon_apply(delta_words text[], delta_counts integer[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	insert into public.search_lexicon as l (word, ndoc)
	select d.word, d.n
	from unnest(delta_words, delta_counts) as d (word, n)
	where d.n <> 0
	order by d.word
	on conflict (word) do update set ndoc = l.ndoc + excluded.ndoc;
	delete from public.search_lexicon l where l.word = any (delta_words) and l.ndoc <= 0;
end;
$$;

comment on function public.search_lexicon_apply(text[], integer[]) is 'Adds signed per-word document counts to search_lexicon.';

create function public.challenges_search_after_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_words text[];
	v_counts integer[];
begin
	select array_agg(w order by w), array_agg(n order by w) into v_words, v_counts
	from (
		select w, count(*)::integer as n
		from new_rows r
		cross join lateral public.search_words(concat_ws(' ', r.title, r.summary, r.description, r.expected_outcomes)) as w
		where public.search_is_public(r.status)
		group by w
	) s;
	if v_words is not null then
		perform public.search_lexicon_apply(v_words, v_counts);
	end if;
	perform public.search_enqueue(array(select r.id from new_rows r where public.search_is_public(r.status)), 'upsert');
	return null;
end;
$$;

create function public.challenges_search_after_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_words text[];
	v_counts integer[];
begin
	with changed as (
		select o.title as o_title, o.summary as o_summary, o.description as o_description,
			o.expected_outcomes as o_outcomes, public.search_is_public(o.status) as o_public,
			n.title as n_title, n.summary as n_summary, n.description as n_description,
			n.expected_outcomes as n_outcomes, public.search_is_public(n.status) as n_public
		from old_rows o
		join new_rows n on n.id = o.id
		where (o.title, o.summary, o.description, o.expected_outcomes, public.search_is_public(o.status))
			is distinct from (n.title, n.summary, n.description, n.expected_outcomes, public.search_is_public(n.status))
	),
	delta as (
		select w, sum(d)::integer as n
		from (
			select w, 1 as d
			from changed c
			cross join lateral public.search_words(concat_ws(' ', c.n_title, c.n_summary, c.n_description, c.n_outcomes)) as w
			where c.n_public
			union all
			select w, -1
			from changed c
			cross join lateral public.search_words(concat_ws(' ', c.o_title, c.o_summary, c.o_description, c.o_outcomes)) as w
			where c.o_public
		) s
		group by w
		having sum(d) <> 0
	)
	select array_agg(w order by w), array_agg(n order by w) into v_words, v_counts from delta;
	if v_words is not null then
		perform public.search_lexicon_apply(v_words, v_counts);
	end if;

	perform public.search_enqueue(array(select n.id from new_rows n where public.search_is_public(n.status)), 'upsert');
	perform public.search_enqueue(
		array(
			select n.id from new_rows n join old_rows o on o.id = n.id
			where not public.search_is_public(n.status) and public.search_is_public(o.status)
		),
		'delete'
	);
	-- A changed primary key (never done by the app) leaves the old id behind: remove it too.
	perform public.search_enqueue(
		array(select o.id from old_rows o where not exists (select 1 from new_rows n where n.id = o.id)),
		'delete'
	);
	return null;
end;
$$;

create function public.challenges_search_after_delete()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_words text[];
	v_counts integer[];
begin
	select array_agg(w order by w), array_agg(-n order by w) into v_words, v_counts
	from (
		select w, count(*)::integer as n
		from old_rows r
		cross join lateral public.search_words(concat_ws(' ', r.title, r.summary, r.description, r.expected_outcomes)) as w
		where public.search_is_public(r.status)
		group by w
	) s;
	if v_words is not null then
		perform public.search_lexicon_apply(v_words, v_counts);
	end if;
	perform public.search_enqueue(array(select r.id from old_rows r where public.search_is_public(r.status)), 'delete');
	return null;
end;
$$;

comment on function public.challenges_search_after_insert() is 'Statement trigger: counts new public words, enqueues upserts.';
comment on function public.challenges_search_after_update() is
	'Statement trigger: adjusts word counts, enqueues an upsert for public rows and a delete for rows that stopped being public.';
comment on function public.challenges_search_after_delete() is 'Statement trigger: removes word counts, enqueues deletes.';

create trigger challenges_search_after_insert
	after insert on public.challenges
	referencing new table as new_rows
	for each statement execute function public.challenges_search_after_insert();

create trigger challenges_search_after_update
	after update on public.challenges
	referencing old table as old_rows new table as new_rows
	for each statement execute function public.challenges_search_after_update();

create trigger challenges_search_after_delete
	after delete on public.challenges
	referencing old table as old_rows
	for each statement execute function public.challenges_search_after_delete();

-- A city's slug, name or region lives in its challenges' search columns and index documents.
create function public.cities_search_sync()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if (new.slug, new.name, new.region, new.country) is distinct from (old.slug, old.name, old.region, old.country) then
		update public.challenges c
		set city_slug = new.slug, region_slug = new.region
		where c.city_id = new.id;
	end if;
	return null;
end;
$$;

comment on function public.cities_search_sync() is
	'Trigger: a renamed or moved city refreshes its challenges'' search columns (which enqueues their upserts).';

create trigger cities_search_sync
	after update on public.cities
	for each row execute function public.cities_search_sync();

create function public.regions_search_sync()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if new.name is distinct from old.name then
		perform public.search_enqueue(
			array(
				select c.id from public.challenges c
				where c.region_slug = new.slug and public.search_is_public(c.status)
			),
			'upsert'
		);
	end if;
	return null;
end;
$$;

comment on function public.regions_search_sync() is 'Trigger: a renamed region re-sends its public challenges to the index.';

create trigger regions_search_sync
	after update on public.regions
	for each row execute function public.regions_search_sync();

-- Backfill rows that existed before this migration (the trigger above fills the columns).
update public.challenges set city_slug = null;

-- ---------------------------------------------------------------------------------------------
-- Indexes for search
-- ---------------------------------------------------------------------------------------------

create index challenges_search_vector_idx on public.challenges using gin (search_vector);
create index challenges_search_text_trgm_idx on public.challenges using gin (search_text extensions.gin_trgm_ops);
create index challenges_region_slug_idx on public.challenges (region_slug);
create index challenges_city_slug_idx on public.challenges (city_slug);
-- Covers the broad (no keyword) search: every facet and sort column without visiting the heap.
create index challenges_search_facets_idx on public.challenges (status)
	include (id, domain, region_slug, city_slug, kind, priority_areas, deadline, published_at);
-- The two orders of a search without keyword, for public rows.
create index challenges_search_deadline_order_idx on public.challenges
	((status <> 'open'::public.challenge_status), deadline, published_at desc nulls last, id)
	where status in ('open', 'reviewing', 'shortlisted', 'awarded', 'closed');
create index challenges_search_newest_order_idx on public.challenges (published_at desc nulls last, id)
	where status in ('open', 'reviewing', 'shortlisted', 'awarded', 'closed');

-- ---------------------------------------------------------------------------------------------
-- Query parsing: typos, synonyms, prefix of the last word
-- ---------------------------------------------------------------------------------------------

create function public.search_tsquery(q text)
returns tsquery
language plpgsql
stable
parallel safe
security invoker
set search_path = ''
set client_min_messages = warning
as $$
declare
	v_tokens text[];
	v_n integer;
	v_i integer := 1;
	v_len integer;
	v_alts text[];
	v_word text;
	v_alt text;
	v_term tsquery;
	v_result tsquery;
begin
	v_tokens := array(
		select t.token
		from regexp_split_to_table(public.search_normalize(coalesce(q, '')), '[^[:alnum:]]+') with ordinality as t (token, n)
		where t.token <> ''
		order by t.n
		limit 12
	);
	v_n := coalesce(array_length(v_tokens, 1), 0);

	while v_i <= v_n loop
		v_len := 0;
		v_alts := null;
		-- The longest synonym phrase starting here (up to four words: "mobility as a service").
		for l in reverse least(4, v_n - v_i + 1)..1 loop
			select array_agg(distinct s2.phrase) into v_alts
			from public.search_synonyms s1
			join public.search_synonyms s2 on s2.group_id = s1.group_id
			where s1.phrase = array_to_string(v_tokens[v_i:v_i + l - 1], ' ');
			if v_alts is not null then
				v_len := l;
				exit;
			end if;
		end loop;

		if v_len > 0 then
			v_term := null;
			foreach v_alt in array v_alts loop
				v_term := case when v_term is null then phraseto_tsquery('english'::regconfig, v_alt)
					else v_term || phraseto_tsquery('english'::regconfig, v_alt) end;
			end loop;
			v_i := v_i + v_len;
		else
			v_word := v_tokens[v_i];
			v_term := plainto_tsquery('english'::regconfig, v_word);
			-- An unknown word: add the most similar known words ("moblity" → mobility).
			if char_length(v_word) >= 4 and v_word !~ '^[0-9]+$'
				and not exists (select 1 from public.search_lexicon l where l.word = v_word) then
				for v_alt in
					select l.word
					from public.search_lexicon l
					where l.word operator(extensions.%) v_word
						and (
							extensions.similarity(l.word, v_word) >= 0.45
							or extensions.levenshtein_less_equal(l.word, v_word, 2)
								<= case when char_length(v_word) >= 8 then 2 else 1 end
						)
					order by extensions.levenshtein_less_equal(l.word, v_word, 3),
						extensions.similarity(l.word, v_word) desc, l.ndoc desc, l.word
					limit 3
				loop
					v_term := v_term || plainto_tsquery('english'::regconfig, v_alt);
				end loop;
			end if;
			-- The last word may be unfinished (results as you type): complete it from known words.
			if v_i = v_n and char_length(v_word) >= 3 then
				for v_alt in
					select l.word
					from public.search_lexicon l
					where l.word like v_word || '%' and l.word <> v_word
					order by l.ndoc desc, l.word
					limit 5
				loop
					v_term := v_term || plainto_tsquery('english'::regconfig, v_alt);
				end loop;
			end if;
			v_i := v_i + 1;
		end if;

		if numnode(v_term) > 0 then
			v_result := case when v_result is null then v_term else v_result && v_term end;
		end if;
	end loop;
	return v_result;
end;
$$;

comment on function public.search_tsquery(text) is
	'Turns a visitor''s query into a tsquery: words ANDed; each word ORed with its synonyms, its corrections when unknown (pg_trgm candidates from search_lexicon, kept when similar enough or one or two edits away) and, for the last word, its completions. Null when nothing is searchable.';

-- ---------------------------------------------------------------------------------------------
-- The search RPC
-- ---------------------------------------------------------------------------------------------

create function public.search_matches(tsq tsquery, qnorm text, with_rank boolean default true)
returns table (
	id uuid,
	domain public.challenge_domain,
	region_slug text,
	city_slug text,
	kind public.challenge_kind,
	status public.challenge_status,
	priority_areas public.priority_area[],
	deadline timestamptz,
	published_at timestamptz,
	rank real
)
language sql
stable
security definer
set search_path = ''
as $$
	select c.id, c.domain, c.region_slug, c.city_slug, c.kind, c.status, c.priority_areas, c.deadline, c.published_at,
		case
			when not with_rank then null::real
			when tsq is not null then ts_rank_cd('{0.1, 0.2, 0.4, 1.0}'::real[], c.search_vector, tsq)
			else extensions.word_similarity(qnorm, c.search_text)
		end
	from public.challenges c
	where c.status in ('open', 'reviewing', 'shortlisted', 'awarded', 'closed')
		and (
			(tsq is not null and c.search_vector @@ tsq)
			or (tsq is null and qnorm is not null and qnorm operator(extensions.<%) c.search_text)
		);
$$;

comment on function public.search_matches(tsquery, text, boolean) is
	'Public challenges matching a tsquery (or, when it is null, trigram-similar to qnorm), with the columns facets and sorts need. SECURITY DEFINER only so the full-text and trigram GIN indexes can be used: under RLS, PostgreSQL will not use a non-leakproof operator such as @@ as an index condition. It filters on public statuses itself and returns no text.';

create function public.search_count_sql(active_facets text[], own_facet text)
returns text
language sql
immutable
parallel safe
security invoker
set search_path = ''
as $$
	select coalesce(
		'count(*) filter (where ' || string_agg('b.f_' || f, ' and ') || ')',
		'count(*)'
	)
	from unnest(active_facets) as f
	where own_facet is null or f <> own_facet;
$$;

comment on function public.search_count_sql(text[], text) is
	'SQL text of the count for one facet in search_challenges: rows passing every active filter but the facet''s own (all of them when own_facet is null).';

create function public.search_challenges(params jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
	v_params jsonb := coalesce(params, '{}');
	v_q text := left(btrim(regexp_replace(coalesce(v_params ->> 'q', ''), '\s+', ' ', 'g')), 200);
	v_qnorm text;
	v_tsq tsquery;
	v_mode text;
	v_domain public.challenge_domain[];
	v_region text[];
	v_city text[];
	v_kind public.challenge_kind[];
	v_status public.challenge_status[];
	v_priority public.priority_area[];
	v_sort text := coalesce(v_params ->> 'sort', 'relevance');
	v_limit integer;
	v_offset integer;
	v_f_domain text := 'true';
	v_f_region text := 'true';
	v_f_city text := 'true';
	v_f_kind text := 'true';
	v_f_status text := 'true';
	v_f_priority text := 'true';
	v_active text[];
	v_source text;
	v_rank text;
	v_order text;
	v_sql text;
	v_result jsonb;
begin
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

	if v_domain is not null then v_f_domain := 'c.domain = any ($3)'; end if;
	if v_region is not null then v_f_region := 'c.region_slug = any ($4)'; end if;
	if v_city is not null then v_f_city := 'c.city_slug = any ($5)'; end if;
	if v_kind is not null then v_f_kind := 'c.kind = any ($6)'; end if;
	if v_status is not null then v_f_status := 'c.status = any ($7)'; end if;
	if v_priority is not null then v_f_priority := 'c.priority_areas && $8'; end if;
	v_active := array_remove(array[
		case when v_domain is not null then 'domain' end,
		case when v_region is not null then 'region' end,
		case when v_city is not null then 'city' end,
		case when v_kind is not null then 'kind' end,
		case when v_status is not null then 'status' end,
		case when v_priority is not null then 'priority' end
	], null);

	-- Keyword: full text first; a trigram match on title + summary when full text finds nothing.
	if v_q = '' then
		v_mode := 'all';
	else
		v_qnorm := public.search_normalize(v_q);
		v_tsq := public.search_tsquery(v_q);
		v_mode := case when v_tsq is null then 'trigram' else 'fts' end;
	end if;

	<<attempt>>
	loop
		v_source := case v_mode
			when 'fts' then 'public.search_matches($1, null, ' || (v_sort = 'relevance')::text || ') as c'
			when 'trigram' then 'public.search_matches(null, $2, ' || (v_sort = 'relevance')::text || ') as c'
			else 'public.challenges as c'
		end;
		v_rank := case when v_mode = 'all' then 'null::real' else 'c.rank' end;
		-- Relevance ties (and relevance without a keyword) fall back to the deadline order:
		-- open challenges first, soonest deadline first, no deadline last.
		v_order := case
			when v_sort = 'newest' then 'b.published_at desc nulls last, b.id'
			when v_sort = 'deadline' or v_mode = 'all' then
				'(b.status <> ''open''::public.challenge_status), b.deadline nulls last, b.published_at desc nulls last, b.id'
			else 'b.rank desc, (b.status <> ''open''::public.challenge_status), b.deadline nulls last, b.published_at desc nulls last, b.id'
		end;

		-- One aggregate pass gives every facet and the total: a facet's counts take the rows that
		-- pass every active filter but its own. Keyword matches are computed once (materialized);
		-- without a keyword the facets come from an index-only scan and the page from a sort index.
		v_sql := format(
			$sql$
			with base as %1$s (
				select c.id, c.domain, c.region_slug, c.city_slug, c.kind, c.status, c.priority_areas,
					c.deadline, c.published_at, %2$s as rank,
					%3$s as f_domain, %4$s as f_region, %5$s as f_city, %6$s as f_kind, %7$s as f_status, %8$s as f_priority
				from %9$s
				where c.status in ('open', 'reviewing', 'shortlisted', 'awarded', 'closed')
					and %10$s
			),
			agg as (
				select grouping(b.domain) as g_domain, grouping(b.region_slug) as g_region,
					grouping(b.city_slug) as g_city, grouping(b.kind) as g_kind, grouping(b.status) as g_status,
					grouping(b.priority_areas) as g_priority,
					b.domain::text as domain, b.region_slug, b.city_slug, b.kind::text as kind, b.status::text as status,
					b.priority_areas,
					%11$s as n_domain, %12$s as n_region, %13$s as n_city, %14$s as n_kind, %15$s as n_status,
					%16$s as n_priority, %17$s as n_all
				from base b
				group by grouping sets ((b.domain), (b.region_slug), (b.city_slug), (b.kind), (b.status), (b.priority_areas), ())
			),
			facet_rows as (
				select 'domain' as facet, a.domain as value, a.n_domain as n from agg a where a.g_domain = 0
				union all
				select 'region', a.region_slug, a.n_region from agg a where a.g_region = 0
				union all
				select 'city', a.city_slug, a.n_city from agg a where a.g_city = 0
				union all
				select 'kind', a.kind, a.n_kind from agg a where a.g_kind = 0
				union all
				select 'status', a.status, a.n_status from agg a where a.g_status = 0
				union all
				select 'priority', p::text, sum(a.n_priority)
				from agg a
				cross join lateral unnest(a.priority_areas) as p
				where a.g_priority = 0
				group by p
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
			hits_page as (
				select b.id, b.rank, row_number() over () as ord
				from (
					select b.id, b.rank
					from base b
					where %18$s
					order by %19$s
					limit $9 offset $10
				) b
			)
			select jsonb_build_object(
				'total', coalesce((
					select a.n_all from agg a
					where a.g_domain = 1 and a.g_region = 1 and a.g_city = 1 and a.g_kind = 1 and a.g_status = 1 and a.g_priority = 1
				), 0),
				'hits', coalesce((
					select jsonb_agg(
						jsonb_build_object(
							'id', c.id,
							'slug', c.slug,
							'kind', c.kind,
							'title', c.title,
							'summary', c.summary,
							'domain', c.domain,
							'priority_areas', to_jsonb(c.priority_areas),
							'status', c.status,
							'deadline', c.deadline,
							'published_at', c.published_at,
							'city', jsonb_build_object('slug', ci.slug, 'name', ci.name, 'country', ci.country),
							'region', jsonb_build_object('slug', r.slug, 'name', r.name),
							'budget_min', c.budget_min,
							'budget_max', c.budget_max,
							'currency', c.currency,
							'snippet', case when $1 is null then null else ts_headline(
								'english'::regconfig,
								public.search_escape_html(
									concat_ws(' ', c.summary, regexp_replace(c.description, '[#*`|\[\]]+', '', 'g'))
								),
								$1,
								'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
							) end,
							'rank', p.rank
						)
						order by p.ord
					)
					from hits_page p
					join public.challenges c on c.id = p.id
					join public.cities ci on ci.id = c.city_id
					join public.regions r on r.slug = ci.region
				), '[]'::jsonb),
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
			case when v_mode = 'all' then 'not materialized' else 'materialized' end,
			v_rank, v_f_domain, v_f_region, v_f_city, v_f_kind, v_f_status, v_f_priority, v_source,
			-- Rows failing two filters or more count in no facet: leave them out early.
			case when cardinality(v_active) >= 2 then format(
				'(not (%s))::int + (not (%s))::int + (not (%s))::int + (not (%s))::int + (not (%s))::int + (not (%s))::int <= 1',
				v_f_domain, v_f_region, v_f_city, v_f_kind, v_f_status, v_f_priority
			) else 'true' end,
			public.search_count_sql(v_active, 'domain'),
			public.search_count_sql(v_active, 'region'),
			public.search_count_sql(v_active, 'city'),
			public.search_count_sql(v_active, 'kind'),
			public.search_count_sql(v_active, 'status'),
			public.search_count_sql(v_active, 'priority'),
			public.search_count_sql(v_active, null),
			coalesce((select string_agg('b.f_' || x, ' and ') from unnest(v_active) as x), 'true'),
			v_order
		);

		execute v_sql into v_result
		using v_tsq, v_qnorm, v_domain, v_region, v_city, v_kind, v_status, v_priority, v_limit, v_offset;

		-- Full text found nothing at all (not even outside the filters): try trigram similarity.
		exit attempt when v_mode <> 'fts' or (v_result ->> 'total')::integer > 0
			or jsonb_array_length(v_result -> 'facets' -> 'domain') > 0;
		v_mode := 'trigram';
	end loop;

	return v_result || jsonb_build_object('mode', v_mode);
end;
$$;

comment on function public.search_challenges(jsonb) is
	'The list search. params: {q, domain[], region[], city[], kind[], status[], priority[], sort: relevance|deadline|newest, limit ≤ 50, offset}. Returns {total, hits, facets, mode}: public challenges only; each facet''s counts respect every other filter but not its own; snippets are HTML-escaped except <mark>.';

-- ---------------------------------------------------------------------------------------------
-- The same problem in other cities
-- ---------------------------------------------------------------------------------------------

create function public.similar_challenges(challenge_id uuid, max_results integer default 6)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
	-- Candidates share at least two title words with the challenge (or one, for a one-word title).
	with source as (
		select s.id, s.city_id, s.domain,
			(
				select to_tsquery('simple'::regconfig, coalesce(
					string_agg(format('(%s & %s)', quote_literal(w1.w), quote_literal(w2.w)), ' | '),
					(select quote_literal(min(w)) from unnest(tsvector_to_array(ts_filter(s.search_vector, '{a}'))) as w)
				))
				from (select w from unnest(tsvector_to_array(ts_filter(s.search_vector, '{a}'))) as w limit 10) as w1
				join (select w from unnest(tsvector_to_array(ts_filter(s.search_vector, '{a}'))) as w limit 10) as w2
					on w1.w < w2.w
			) as terms
		from public.challenges s
		where s.id = similar_challenges.challenge_id
			and s.status in ('open', 'reviewing', 'shortlisted', 'awarded', 'closed')
	),
	ranked as (
		select m.id, (m.rank + case when m.domain = src.domain then 0.2 else 0 end)::real as score
		from source src
		cross join lateral public.search_matches(src.terms, null, true) as m
		join public.cities ci on ci.slug = m.city_slug
		where ci.id <> src.city_id
		order by score desc, m.id
		limit least(greatest(coalesce(similar_challenges.max_results, 6), 1), 24)
	)
	select coalesce(jsonb_agg(
		jsonb_build_object(
			'id', c.id,
			'slug', c.slug,
			'kind', c.kind,
			'title', c.title,
			'summary', c.summary,
			'domain', c.domain,
			'priority_areas', to_jsonb(c.priority_areas),
			'status', c.status,
			'deadline', c.deadline,
			'published_at', c.published_at,
			'city', jsonb_build_object('slug', ci.slug, 'name', ci.name, 'country', ci.country),
			'region', jsonb_build_object('slug', r.slug, 'name', r.name),
			'budget_min', c.budget_min,
			'budget_max', c.budget_max,
			'currency', c.currency,
			'snippet', null,
			'rank', x.score
		)
		order by x.score desc, c.id
	), '[]'::jsonb)
	from ranked x
	join public.challenges c on c.id = x.id
	join public.cities ci on ci.id = c.city_id
	join public.regions r on r.slug = ci.region;
$$;

comment on function public.similar_challenges(uuid, integer) is
	'Public challenges of other cities sharing title words with the given public one (two or more), ranked by text overlap with a boost for the same domain. Returns a JSON array of search hits.';

-- ---------------------------------------------------------------------------------------------
-- Worker functions (service_role only)
-- ---------------------------------------------------------------------------------------------

create function public.claim_search_outbox(batch integer default 100, lease_seconds integer default 60)
returns table (id bigint, challenge_id uuid, op text, attempts integer)
language sql
volatile
security invoker
set search_path = ''
as $$
	with picked as (
		select o.id
		from public.search_outbox o
		where o.next_attempt_at <= now()
			and (o.locked_until is null or o.locked_until < now())
		order by o.next_attempt_at, o.id
		limit least(greatest(coalesce(batch, 100), 1), 1000)
		for update skip locked
	)
	update public.search_outbox o
	set attempts = o.attempts + 1,
		locked_until = now() + make_interval(secs => greatest(coalesce(lease_seconds, 60), 1)),
		lease_id = o.id
	from picked
	where o.id = picked.id
	returning o.id, o.challenge_id, o.op, o.attempts;
$$;

comment on function public.claim_search_outbox(integer, integer) is
	'Takes up to batch due outbox rows no one else holds (FOR UPDATE SKIP LOCKED), leases them for lease_seconds and counts the attempt.';

create function public.complete_search_outbox(ids bigint[])
returns integer
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
	v_done integer;
begin
	delete from public.search_outbox o where o.id = any (ids);
	get diagnostics v_done = row_count;
	-- Rows that got a newer event while claimed keep it, and become claimable again now.
	update public.search_outbox o set locked_until = null where o.lease_id = any (ids);
	return v_done;
end;
$$;

comment on function public.complete_search_outbox(bigint[]) is
	'Removes the given claimed rows (a row re-enqueued since its claim has a new id and stays). Returns how many were removed.';

create function public.fail_search_outbox(id bigint, error text)
returns timestamptz
language sql
volatile
security invoker
set search_path = ''
as $$
	update public.search_outbox o
	set last_error = left(fail_search_outbox.error, 2000),
		locked_until = null,
		next_attempt_at = now() + least(
			make_interval(secs => 5 * power(2, greatest(o.attempts - 1, 0))::double precision),
			interval '1 hour'
		)
	where o.id = fail_search_outbox.id
	returning o.next_attempt_at;
$$;

comment on function public.fail_search_outbox(bigint, text) is
	'Records a failed attempt and schedules the next one with exponential backoff (5 s, 10 s, 20 s … at most 1 h).';

-- ---------------------------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------------------------

revoke all on table public.search_lexicon, public.search_synonyms, public.search_outbox from public, anon, authenticated;
grant select on table public.search_lexicon, public.search_synonyms to anon, authenticated;
grant all on table public.search_lexicon, public.search_synonyms, public.search_outbox to service_role;
revoke all on sequence public.search_outbox_id_seq from public, anon, authenticated;
grant usage, select on sequence public.search_outbox_id_seq to service_role;

-- Helpers the visitor-facing functions call (harmless, read-only).
revoke all on function public.search_normalize(text) from public;
revoke all on function public.search_is_public(public.challenge_status) from public;
revoke all on function public.search_words(text) from public;
revoke all on function public.search_escape_html(text) from public;
revoke all on function public.search_tsquery(text) from public;
revoke all on function public.search_count_sql(text[], text) from public;
revoke all on function public.search_matches(tsquery, text, boolean) from public;
grant execute on function public.search_normalize(text) to anon, authenticated, service_role;
grant execute on function public.search_is_public(public.challenge_status) to anon, authenticated, service_role;
grant execute on function public.search_words(text) to anon, authenticated, service_role;
grant execute on function public.search_escape_html(text) to anon, authenticated, service_role;
grant execute on function public.search_tsquery(text) to anon, authenticated, service_role;
grant execute on function public.search_count_sql(text[], text) to anon, authenticated, service_role;
grant execute on function public.search_matches(tsquery, text, boolean) to anon, authenticated, service_role;

revoke all on function public.search_challenges(jsonb) from public;
revoke all on function public.similar_challenges(uuid, integer) from public;
grant execute on function public.search_challenges(jsonb) to anon, authenticated, service_role;
grant execute on function public.similar_challenges(uuid, integer) to anon, authenticated, service_role;

-- Trigger functions and the worker's functions: never callable through the API by visitors.
revoke all on function public.challenges_search_columns() from public, anon, authenticated;
revoke all on function public.challenges_search_after_insert() from public, anon, authenticated;
revoke all on function public.challenges_search_after_update() from public, anon, authenticated;
revoke all on function public.challenges_search_after_delete() from public, anon, authenticated;
revoke all on function public.cities_search_sync() from public, anon, authenticated;
revoke all on function public.regions_search_sync() from public, anon, authenticated;
revoke all on function public.search_enqueue(uuid[], text) from public, anon, authenticated;
revoke all on function public.search_lexicon_apply(text[], integer[]) from public, anon, authenticated;
revoke all on function public.claim_search_outbox(integer, integer) from public, anon, authenticated;
revoke all on function public.complete_search_outbox(bigint[]) from public, anon, authenticated;
revoke all on function public.fail_search_outbox(bigint, text) from public, anon, authenticated;
grant execute on function public.challenges_search_columns() to service_role;
grant execute on function public.challenges_search_after_insert() to service_role;
grant execute on function public.challenges_search_after_update() to service_role;
grant execute on function public.challenges_search_after_delete() to service_role;
grant execute on function public.cities_search_sync() to service_role;
grant execute on function public.regions_search_sync() to service_role;
grant execute on function public.search_enqueue(uuid[], text) to service_role;
grant execute on function public.search_lexicon_apply(text[], integer[]) to service_role;
grant execute on function public.claim_search_outbox(integer, integer) to service_role;
grant execute on function public.complete_search_outbox(bigint[]) to service_role;
grant execute on function public.fail_search_outbox(bigint, text) to service_role;
