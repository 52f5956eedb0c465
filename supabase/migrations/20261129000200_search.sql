-- Search for the Collaboration List: full-text + trigram search in Postgres (the always-there
-- engine), typo tolerance through a lexicon of known words, synonyms, shoppers' facets, and an
-- outbox that feeds the optional Meilisearch index (src/lib/server/search/outbox.ts).
--
-- What search reads: search_docs, a narrow copy of every public challenge (facet and sort columns,
-- a small ranking vector, the full-text vector out of line, trigram text), kept by statement
-- triggers in the same transaction as the change. Matching, ranking and facet counting happen
-- there; the wide challenge rows are read only for the page of hits.
--
-- What anonymous visitors can reach: search_challenges() and similar_challenges() (security
-- invoker: the hits are read from challenges under RLS, and both also filter on public statuses
-- explicitly); the SECURITY DEFINER helpers they call (search_core, search_similar) return only
-- ids, ranks and counts of public challenges; read access to the lexicon (words of public titles
-- and summaries) and synonyms. search_docs, the outbox and its functions belong to service_role.

create schema if not exists extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists unaccent with schema extensions;
create extension if not exists fuzzystrmatch with schema extensions;

-- Helpers that run with the owner's rights live in a schema the API does not expose: visitors
-- reach them only through search_challenges() and similar_challenges().
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

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

create function public.search_priority_mask(areas public.priority_area[])
returns integer
language sql
stable
parallel safe
security invoker
set search_path = ''
as $$
	select coalesce(sum(distinct 1 << (array_position(enum_range(null::public.priority_area), p) - 1)), 0)::integer
	from unnest(areas) as p;
$$;

comment on function public.search_priority_mask(public.priority_area[]) is
	'Priority areas as a bit mask (bit i = the i-th value of the priority_area enum), so facets can count them without arrays.';

-- ---------------------------------------------------------------------------------------------
-- Search documents: a narrow copy of every PUBLIC challenge, kept by statement triggers on
-- challenges in the same transaction. Searches read matches, facets and sort keys from here and
-- fetch the wide challenge rows (through RLS) only for the page of hits.
-- ---------------------------------------------------------------------------------------------

create table public.search_docs (
	id uuid primary key,
	city_id uuid not null,
	city_slug text not null,
	region_slug text not null,
	domain public.challenge_domain not null,
	kind public.challenge_kind not null,
	status public.challenge_status not null,
	priority_mask integer not null,
	deadline timestamptz,
	published_at timestamptz,
	rank_vector tsvector not null,
	search_vector tsvector not null,
	search_text text not null
) with (toast_tuple_target = 128, fillfactor = 90);
-- The full vector (~1 KB) goes out of line so a row stays small: scans for facets and the ranking
-- (which uses the small rank_vector) never read it; only phrase rechecks and similar_challenges do.
alter table public.search_docs alter column rank_vector set storage main;
alter table public.search_docs alter column search_text set storage main;
alter table public.search_docs enable row level security;

comment on table public.search_docs is
	'What search needs of each public challenge (never drafts or withdrawn), maintained by statement triggers on challenges and cities. Read only by SECURITY DEFINER search functions; visitors have no access.';
comment on column public.search_docs.rank_vector is
	'English vector of unaccented title (A), summary (B), city name, priority areas and domain (D): what relevance is ranked on.';
comment on column public.search_docs.search_vector is
	'rank_vector plus description and expected outcomes (C): what a keyword is matched against.';
comment on column public.search_docs.search_text is 'Unaccented lower-case title and summary, for trigram similarity.';
comment on column public.search_docs.priority_mask is 'search_priority_mask(priority_areas).';

create policy "Service role reads search documents" on public.search_docs
	for select to service_role using (true);

-- Facet counts of all search documents, by city, domain, kind and status (p: per priority area,
-- in enum order), so a search without keyword needs no scan of the documents.
create table public.search_facet_counts (
	city_slug text not null,
	region_slug text not null,
	domain public.challenge_domain not null,
	kind public.challenge_kind not null,
	status public.challenge_status not null,
	n integer not null,
	p integer[] not null,
	primary key (city_slug, region_slug, domain, kind, status)
);
alter table public.search_facet_counts enable row level security;

comment on table public.search_facet_counts is
	'Number of search documents per city, region, domain, kind and status (n), and per priority area (p, in priority_area enum order). Kept by search_docs_refresh in the same transaction; read by search_core for searches without keyword.';

create policy "Service role reads search facet counts" on public.search_facet_counts
	for select to service_role using (true);

create function public.search_facet_counts_apply(sign integer, ids uuid[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	insert into public.search_facet_counts as f (city_slug, region_slug, domain, kind, status, n, p)
	select k.city_slug, k.region_slug, k.domain, k.kind, k.status, sign * max(k.n), array_agg(sign * k.c order by k.i)
	from (
		select d.city_slug, d.region_slug, d.domain, d.kind, d.status, b.i,
			count(*)::integer as n,
			count(*) filter (where (d.priority_mask >> (b.i - 1)) & 1 = 1)::integer as c
		from public.search_docs d
		cross join generate_series(1, cardinality(enum_range(null::public.priority_area))) as b (i)
		where d.id = any (ids)
		group by d.city_slug, d.region_slug, d.domain, d.kind, d.status, b.i
	) k
	group by k.city_slug, k.region_slug, k.domain, k.kind, k.status
	order by k.city_slug, k.region_slug, k.domain, k.kind, k.status
	on conflict (city_slug, region_slug, domain, kind, status) do update
		set n = f.n + excluded.n,
			p = array(select a + b from unnest(f.p, excluded.p) as u (a, b));
	if sign < 0 then
		delete from public.search_facet_counts f where f.n <= 0;
	end if;
end;
$$;

comment on function public.search_facet_counts_apply(integer, uuid[]) is
	'Adds (sign 1) or removes (sign -1) the current search documents of the given challenges to search_facet_counts.';

create function public.search_docs_refresh(ids uuid[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform public.search_facet_counts_apply(-1, ids);
	delete from public.search_docs d
	where d.id = any (ids)
		and not exists (
			select 1 from public.challenges c where c.id = d.id and public.search_is_public(c.status)
		);

	insert into public.search_docs as d (
		id, city_id, city_slug, region_slug, domain, kind, status, priority_mask, deadline, published_at,
		rank_vector, search_vector, search_text
	)
	select c.id, c.city_id, ci.slug, ci.region, c.domain, c.kind, c.status,
		public.search_priority_mask(c.priority_areas), c.deadline, c.published_at,
		v.head,
		v.head || setweight(
			to_tsvector(
				'english'::regconfig,
				lower(extensions.unaccent('extensions.unaccent'::regdictionary, concat_ws(' ', c.description, c.expected_outcomes)))
			),
			'C'
		),
		n.title || ' ' || n.summary
	from public.challenges c
	join public.cities ci on ci.id = c.city_id
	cross join lateral (
		select lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(c.title, ''))) as title,
			lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(c.summary, ''))) as summary
	) n
	cross join lateral (
		select setweight(to_tsvector('english'::regconfig, n.title), 'A')
			|| setweight(to_tsvector('english'::regconfig, n.summary), 'B')
			|| setweight(
				to_tsvector(
					'english'::regconfig,
					lower(extensions.unaccent(
						'extensions.unaccent'::regdictionary,
						concat_ws(' ', ci.name, replace(array_to_string(c.priority_areas, ' '), '-', ' '), c.domain::text)
					))
				),
				'D'
			) as head
	) v
	where c.id = any (ids) and public.search_is_public(c.status)
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
		search_text = excluded.search_text;
	perform public.search_facet_counts_apply(1, ids);
end;
$$;

comment on function public.search_docs_refresh(uuid[]) is
	'Rebuilds the search documents of the given challenges from their rows: public ones are (re)written, the others removed.';

-- ---------------------------------------------------------------------------------------------
-- Lexicon (known words of public challenges, for typo correction and prefix completion)
-- ---------------------------------------------------------------------------------------------

create table public.search_lexicon (
	word text collate "C" primary key,
	ndoc integer not null
);
alter table public.search_lexicon enable row level security;

comment on table public.search_lexicon is
	'Words of the titles and summaries of public challenges, with the number of challenges using them. Maintained by statement triggers on challenges; a query word that is not here is corrected to the most similar known words (pg_trgm).';

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
-- Statement triggers: search documents, lexicon counts and outbox, in the same transaction
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
	v_ids uuid[];
begin
	v_ids := array(select r.id from new_rows r where public.search_is_public(r.status) order by r.id);
	if cardinality(v_ids) = 0 then
		return null;
	end if;
	perform public.search_docs_refresh(v_ids);
	select array_agg(w order by w), array_agg(n order by w) into v_words, v_counts
	from (
		select w, count(*)::integer as n
		from new_rows r
		cross join lateral public.search_words(concat_ws(' ', r.title, r.summary)) as w
		where public.search_is_public(r.status)
		group by w
	) s;
	if v_words is not null then
		perform public.search_lexicon_apply(v_words, v_counts);
	end if;
	perform public.search_enqueue(v_ids, 'upsert');
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
	-- Search documents of rows whose searchable, facet or sort columns changed.
	perform public.search_docs_refresh(array(
		select n.id
		from new_rows n
		join old_rows o on o.id = n.id
		where (o.title, o.summary, o.description, o.expected_outcomes, o.priority_areas, o.domain, o.kind,
				o.status, o.city_id, o.deadline, o.published_at)
			is distinct from (n.title, n.summary, n.description, n.expected_outcomes, n.priority_areas, n.domain, n.kind,
				n.status, n.city_id, n.deadline, n.published_at)
		union all
		-- A changed primary key (never done by the app) leaves the old id behind: remove it too.
		select o.id from old_rows o where not exists (select 1 from new_rows n where n.id = o.id)
	));

	with changed as (
		select o.title as o_title, o.summary as o_summary, public.search_is_public(o.status) as o_public,
			n.title as n_title, n.summary as n_summary, public.search_is_public(n.status) as n_public
		from old_rows o
		join new_rows n on n.id = o.id
		where (o.title, o.summary, public.search_is_public(o.status))
			is distinct from (n.title, n.summary, public.search_is_public(n.status))
	),
	delta as (
		select w, sum(d)::integer as n
		from (
			select w, 1 as d
			from changed c
			cross join lateral public.search_words(concat_ws(' ', c.n_title, c.n_summary)) as w
			where c.n_public
			union all
			select w, -1
			from changed c
			cross join lateral public.search_words(concat_ws(' ', c.o_title, c.o_summary)) as w
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
	perform public.search_docs_refresh(array(select r.id from old_rows r order by r.id));
	select array_agg(w order by w), array_agg(-n order by w) into v_words, v_counts
	from (
		select w, count(*)::integer as n
		from old_rows r
		cross join lateral public.search_words(concat_ws(' ', r.title, r.summary)) as w
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

comment on function public.challenges_search_after_insert() is
	'Statement trigger: writes the search documents of new public rows, counts their title and summary words, enqueues upserts.';
comment on function public.challenges_search_after_update() is
	'Statement trigger: refreshes changed search documents, adjusts word counts, enqueues an upsert for public rows and a delete for rows that stopped being public.';
comment on function public.challenges_search_after_delete() is
	'Statement trigger: removes search documents and word counts, enqueues deletes.';

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

-- A city's slug, name or region lives in its challenges' search documents and index documents.
create function public.cities_search_sync()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_ids uuid[];
begin
	if (new.slug, new.name, new.region, new.country) is distinct from (old.slug, old.name, old.region, old.country) then
		v_ids := array(select c.id from public.challenges c where c.city_id = new.id order by c.id);
		perform public.search_docs_refresh(v_ids);
		perform public.search_enqueue(
			array(select c.id from public.challenges c where c.id = any (v_ids) and public.search_is_public(c.status)),
			'upsert'
		);
	end if;
	return null;
end;
$$;

comment on function public.cities_search_sync() is
	'Trigger: a renamed or moved city refreshes its challenges'' search documents and re-sends them to the index.';

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
			array(select d.id from public.search_docs d where d.region_slug = new.slug),
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

-- Documents and words of rows that existed before this migration.
select public.search_docs_refresh(array(select c.id from public.challenges c));
select public.search_lexicon_apply(array_agg(s.w order by s.w), array_agg(s.n order by s.w))
from (
	select w, count(*)::integer as n
	from public.challenges c
	cross join lateral public.search_words(concat_ws(' ', c.title, c.summary)) as w
	where public.search_is_public(c.status)
	group by w
) s
having count(*) > 0;

-- ---------------------------------------------------------------------------------------------
-- Indexes for search
-- ---------------------------------------------------------------------------------------------

create index search_docs_vector_idx on public.search_docs using gin (search_vector);
create index search_docs_text_trgm_idx on public.search_docs using gin (search_text extensions.gin_trgm_ops);
-- Facet counts without a keyword: an index-only scan of the facet columns.
create index search_docs_facets_idx on public.search_docs (status)
	include (domain, kind, region_slug, city_slug, priority_mask);
-- The two orders of a search without keyword.
create index search_docs_deadline_order_idx on public.search_docs
	((status <> 'open'::public.challenge_status), deadline, published_at desc nulls last, id);
create index search_docs_newest_order_idx on public.search_docs (published_at desc nulls last, id);

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
					-- Skip alternatives with the same stem as what the term already has (flooding → flood).
					if not v_term @> plainto_tsquery('english'::regconfig, v_alt) then
						v_term := v_term || plainto_tsquery('english'::regconfig, v_alt);
					end if;
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
					-- Skip alternatives with the same stem as what the term already has (flooding → flood).
					if not v_term @> plainto_tsquery('english'::regconfig, v_alt) then
						v_term := v_term || plainto_tsquery('english'::regconfig, v_alt);
					end if;
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

create function private.search_core(
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
		when mode = 'fts' then 'ts_rank_cd(''{0.1, 0.2, 0.4, 1.0}''::real[], d.rank_vector, $1)'
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

-- One search hit as JSON (the SearchHit shape in src/lib/domain/challenges/schema.ts), shared by
-- search_challenges() and similar_challenges(). The caller reads the rows under its own RLS.
create function public.search_hit(
	c public.challenges,
	ci public.cities,
	r public.regions,
	snippet text,
	rank real
)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
	select jsonb_build_object(
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
		'snippet', snippet,
		'rank', rank
	);
$$;

revoke all on function public.search_hit(public.challenges, public.cities, public.regions, text, real) from public;
grant execute on function public.search_hit(public.challenges, public.cities, public.regions, text, real) to anon, authenticated, service_role;

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
	v_core jsonb;
	v_ids uuid[];
begin
	-- A visitor's request stays small: the app never sends more than a 200-character query and
	-- 50 cities; anything far beyond that is refused before any work is done.
	if pg_column_size(v_params) > 16384 then
		raise exception 'search parameters too large' using errcode = '22023';
	end if;
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

	<<attempt>>
	loop
		v_core := private.search_core(
			v_tsq, v_qnorm, v_mode, v_domain, v_region, v_city, v_kind, v_status,
			case when v_priority is not null then public.search_priority_mask(v_priority) end,
			v_sort, v_limit, v_offset
		);
		-- Full text found nothing at all (not even outside the filters): try trigram similarity.
		exit attempt when v_mode <> 'fts' or (v_core ->> 'total')::integer > 0
			or jsonb_array_length(v_core -> 'facets' -> 'domain') > 0;
		v_mode := 'trigram';
	end loop;

	-- The page's rows are read here, as the caller: RLS on challenges applies to every hit. (An id
	-- array, so the rows come from the primary key index whatever the estimates.)
	v_ids := array(select (e ->> 'id')::uuid from jsonb_array_elements(v_core -> 'page') as e);
	return jsonb_build_object(
		'total', (v_core ->> 'total')::integer,
		'hits', coalesce((
			select jsonb_agg(
				public.search_hit(
					c, ci, r,
					case when v_tsq is null then null else ts_headline(
						'english'::regconfig,
						public.search_escape_html(
							concat_ws(' ', c.summary, regexp_replace(c.description, '[#*`|\[\]]+', '', 'g'))
						),
						v_tsq,
						'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
					) end,
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
	'The list search. params: {q, domain[], region[], city[], kind[], status[], priority[], sort: relevance|deadline|newest, limit ≤ 50, offset}. Returns {total, hits, facets, mode}: public challenges only; each facet''s counts respect every other filter but not its own; snippets are HTML-escaped except <mark>. Matching, facets and the page''s ids come from search_core; the hits themselves are read under the caller''s RLS.';

-- ---------------------------------------------------------------------------------------------
-- The same problem in other cities
-- ---------------------------------------------------------------------------------------------

create function private.search_similar(challenge_id uuid, max_results integer)
returns table (id uuid, score real)
language sql
stable
security definer
set search_path = ''
set jit = off
as $$
	-- Candidates share at least two title words with the challenge (or one, for a one-word title).
	with source as (
		select s.id, s.city_id, s.domain,
			(
				select to_tsquery('simple'::regconfig, coalesce(
					string_agg(format('(%s & %s)', quote_literal(w1.w), quote_literal(w2.w)), ' | '),
					(select quote_literal(min(w)) from unnest(tsvector_to_array(ts_filter(s.rank_vector, '{a}'))) as w)
				))
				from (select w from unnest(tsvector_to_array(ts_filter(s.rank_vector, '{a}'))) as w limit 10) as w1
				join (select w from unnest(tsvector_to_array(ts_filter(s.rank_vector, '{a}'))) as w limit 10) as w2
					on w1.w < w2.w
			) as terms
		from public.search_docs s
		where s.id = search_similar.challenge_id
	)
	select d.id, (ts_rank_cd('{0.1, 0.2, 0.4, 1.0}'::real[], d.rank_vector, src.terms) + case when d.domain = src.domain then 0.2 else 0 end)::real as score
	from source src
	join public.search_docs d on d.search_vector @@ src.terms and d.city_id <> src.city_id
	order by score desc, d.id
	limit least(greatest(coalesce(search_similar.max_results, 6), 1), 24);
$$;

comment on function private.search_similar(uuid, integer) is
	'Ids and scores of public challenges of other cities sharing title words with the given public one. SECURITY DEFINER (reads search_docs); returns no text.';

create function public.similar_challenges(challenge_id uuid, max_results integer default 6)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
	v_ids uuid[];
	v_scores real[];
begin
	select array_agg(x.id order by x.score desc, x.id), array_agg(x.score order by x.score desc, x.id)
	into v_ids, v_scores
	from private.search_similar(similar_challenges.challenge_id, similar_challenges.max_results) as x;
	if v_ids is null then
		return '[]'::jsonb;
	end if;
	-- Read as the caller (RLS applies), by primary key.
	return (
		select coalesce(jsonb_agg(
			public.search_hit(c, ci, r, null, v_scores[p.ord]::real)
			order by p.ord
		), '[]'::jsonb)
		from public.challenges c
		join public.cities ci on ci.id = c.city_id
		join public.regions r on r.slug = ci.region
		cross join lateral (select array_position(v_ids, c.id) as ord) p
		where c.id = any (v_ids) and public.search_is_public(c.status)
	);
end;
$$;

comment on function public.similar_challenges(uuid, integer) is
	'Public challenges of other cities sharing title words with the given public one (two or more), ranked by text overlap with a boost for the same domain. Returns a JSON array of search hits (read under the caller''s RLS).';

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

-- Grants
-- ---------------------------------------------------------------------------------------------

revoke all on table public.search_lexicon, public.search_synonyms, public.search_outbox, public.search_docs, public.search_facet_counts from public, anon, authenticated;
grant select on table public.search_lexicon, public.search_synonyms to anon, authenticated;
grant all on table public.search_lexicon, public.search_synonyms, public.search_outbox to service_role;
grant select on table public.search_docs, public.search_facet_counts to service_role;
revoke all on sequence public.search_outbox_id_seq from public, anon, authenticated;
grant usage, select on sequence public.search_outbox_id_seq to service_role;

-- Helpers the visitor-facing functions call (harmless, read-only).
revoke all on function public.search_normalize(text) from public;
revoke all on function public.search_is_public(public.challenge_status) from public;
revoke all on function public.search_words(text) from public;
revoke all on function public.search_escape_html(text) from public;
revoke all on function public.search_tsquery(text) from public;
revoke all on function public.search_priority_mask(public.priority_area[]) from public;
revoke all on function private.search_core(tsquery, text, text, public.challenge_domain[], text[], text[], public.challenge_kind[], public.challenge_status[], integer, text, integer, integer) from public;
revoke all on function private.search_similar(uuid, integer) from public;
grant execute on function public.search_normalize(text) to anon, authenticated, service_role;
grant execute on function public.search_is_public(public.challenge_status) to anon, authenticated, service_role;
grant execute on function public.search_words(text) to anon, authenticated, service_role;
grant execute on function public.search_escape_html(text) to anon, authenticated, service_role;
grant execute on function public.search_tsquery(text) to anon, authenticated, service_role;
grant execute on function public.search_priority_mask(public.priority_area[]) to anon, authenticated, service_role;
-- SECURITY DEFINER, but they return only ids, ranks and counts of public challenges.
grant execute on function private.search_core(tsquery, text, text, public.challenge_domain[], text[], text[], public.challenge_kind[], public.challenge_status[], integer, text, integer, integer) to anon, authenticated, service_role;
grant execute on function private.search_similar(uuid, integer) to anon, authenticated, service_role;

revoke all on function public.search_challenges(jsonb) from public;
revoke all on function public.similar_challenges(uuid, integer) from public;
grant execute on function public.search_challenges(jsonb) to anon, authenticated, service_role;
grant execute on function public.similar_challenges(uuid, integer) to anon, authenticated, service_role;

-- Trigger functions and the worker's functions: never callable through the API by visitors.
revoke all on function public.search_docs_refresh(uuid[]) from public, anon, authenticated;
revoke all on function public.search_facet_counts_apply(integer, uuid[]) from public, anon, authenticated;
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
grant execute on function public.search_docs_refresh(uuid[]) to service_role;
grant execute on function public.search_facet_counts_apply(integer, uuid[]) to service_role;
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
