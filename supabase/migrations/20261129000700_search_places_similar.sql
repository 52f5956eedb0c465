-- Search by place, a steadier prefix completion, and better "same problem in other cities".
--
-- 1. A vendor searching "flood Vietnam" or "Southeast Asia" found nothing: only the city's name
--    was in a challenge's search document. Now the country's and the region's English names are
--    there too (weight D, like the city). public.countries holds ISO 3166-1 names (English, as
--    Intl.DisplayNames gives them); a renamed region or country refreshes its challenges'
--    documents, as a renamed city already did.
-- 2. A last word that is itself a known word is completed only with its own endings (up to two
--    more letters): "bus" finds "buses" but no longer "business" (which it ranked first), while
--    "sens" still finds "sensors".
-- 3. Facets list up to 500 values each (search_core), so every city can be chosen.
-- 5. City names in Chinese (cities.name_zh, "上海" for Shanghai): shown on the portal's Chinese
--    pages, and in the search documents with the other place names, so a visitor of the Chinese
--    pages finds a city's challenges by the name the pages show. A new or changed one refreshes the
--    city's documents.
-- 4. Similar challenges: ranked by how many of the challenge's title words a candidate has, and
--    where (title over summary over the rest), with a boost for the same domain and for being
--    open to proposals; a candidate needs two of those words in its own title or summary (one for
--    a one-word title), not merely in its description or its place names ("Southeast Asia" in a
--    title would bring every challenge of the region), so candidates come from a new index on
--    those parts of rank_vector (ts_filter to weights A and B), exact, never rechecked. The query
--    terms are built once (a materialized CTE), not again for every candidate as the inlined CTE
--    did. At 100k challenges a challenge page's list took 2–10 s before (past visitors' 3 s
--    statement timeout); see npm run bench:similar.

create table public.countries (
	code char(2) primary key constraint countries_code_format check (code ~ '^[A-Z]{2}$'),
	name text not null constraint countries_name_length check (char_length(name) between 1 and 100)
);
alter table public.countries enable row level security;

comment on table public.countries is
	'ISO 3166-1 alpha-2 codes with their English names (reference data; written only by migrations and the service role). Their names make a challenge findable by its country.';

-- Reference data, like regions and currencies: everyone reads it, nobody but the owner writes it.
create policy "Anyone can read countries" on public.countries
	for select to anon, authenticated using (true);
revoke all on table public.countries from anon, authenticated;
grant select on table public.countries to anon, authenticated;
grant all on table public.countries to service_role;

insert into public.countries (code, name) values
	('AC', 'Ascension Island'), ('AD', 'Andorra'), ('AE', 'United Arab Emirates'),
	('AF', 'Afghanistan'), ('AG', 'Antigua & Barbuda'), ('AI', 'Anguilla'), ('AL', 'Albania'),
	('AM', 'Armenia'), ('AO', 'Angola'), ('AQ', 'Antarctica'), ('AR', 'Argentina'),
	('AS', 'American Samoa'), ('AT', 'Austria'), ('AU', 'Australia'), ('AW', 'Aruba'),
	('AX', 'Åland Islands'), ('AZ', 'Azerbaijan'), ('BA', 'Bosnia & Herzegovina'),
	('BB', 'Barbados'), ('BD', 'Bangladesh'), ('BE', 'Belgium'), ('BF', 'Burkina Faso'),
	('BG', 'Bulgaria'), ('BH', 'Bahrain'), ('BI', 'Burundi'), ('BJ', 'Benin'),
	('BL', 'St. Barthélemy'), ('BM', 'Bermuda'), ('BN', 'Brunei'), ('BO', 'Bolivia'),
	('BQ', 'Caribbean Netherlands'), ('BR', 'Brazil'), ('BS', 'Bahamas'), ('BT', 'Bhutan'),
	('BV', 'Bouvet Island'), ('BW', 'Botswana'), ('BY', 'Belarus'), ('BZ', 'Belize'),
	('CA', 'Canada'), ('CC', 'Cocos (Keeling) Islands'), ('CD', 'Congo - Kinshasa'),
	('CF', 'Central African Republic'), ('CG', 'Congo - Brazzaville'), ('CH', 'Switzerland'),
	('CI', 'Côte d’Ivoire'), ('CK', 'Cook Islands'), ('CL', 'Chile'), ('CM', 'Cameroon'),
	('CN', 'China'), ('CO', 'Colombia'), ('CP', 'Clipperton Island'), ('CQ', 'Sark'),
	('CR', 'Costa Rica'), ('CU', 'Cuba'), ('CV', 'Cape Verde'), ('CW', 'Curaçao'),
	('CX', 'Christmas Island'), ('CY', 'Cyprus'), ('CZ', 'Czechia'), ('DE', 'Germany'),
	('DG', 'Diego Garcia'), ('DJ', 'Djibouti'), ('DK', 'Denmark'), ('DM', 'Dominica'),
	('DO', 'Dominican Republic'), ('DZ', 'Algeria'), ('EA', 'Ceuta & Melilla'), ('EC', 'Ecuador'),
	('EE', 'Estonia'), ('EG', 'Egypt'), ('EH', 'Western Sahara'), ('ER', 'Eritrea'),
	('ES', 'Spain'), ('ET', 'Ethiopia'), ('FI', 'Finland'), ('FJ', 'Fiji'),
	('FK', 'Falkland Islands'), ('FM', 'Micronesia'), ('FO', 'Faroe Islands'), ('FR', 'France'),
	('GA', 'Gabon'), ('GB', 'United Kingdom'), ('GD', 'Grenada'), ('GE', 'Georgia'),
	('GF', 'French Guiana'), ('GG', 'Guernsey'), ('GH', 'Ghana'), ('GI', 'Gibraltar'),
	('GL', 'Greenland'), ('GM', 'Gambia'), ('GN', 'Guinea'), ('GP', 'Guadeloupe'),
	('GQ', 'Equatorial Guinea'), ('GR', 'Greece'), ('GS', 'South Georgia & South Sandwich Islands'),
	('GT', 'Guatemala'), ('GU', 'Guam'), ('GW', 'Guinea-Bissau'), ('GY', 'Guyana'),
	('HK', 'Hong Kong SAR China'), ('HM', 'Heard & McDonald Islands'), ('HN', 'Honduras'),
	('HR', 'Croatia'), ('HT', 'Haiti'), ('HU', 'Hungary'), ('IC', 'Canary Islands'),
	('ID', 'Indonesia'), ('IE', 'Ireland'), ('IL', 'Israel'), ('IM', 'Isle of Man'),
	('IN', 'India'), ('IO', 'British Indian Ocean Territory'), ('IQ', 'Iraq'), ('IR', 'Iran'),
	('IS', 'Iceland'), ('IT', 'Italy'), ('JE', 'Jersey'), ('JM', 'Jamaica'), ('JO', 'Jordan'),
	('JP', 'Japan'), ('KE', 'Kenya'), ('KG', 'Kyrgyzstan'), ('KH', 'Cambodia'), ('KI', 'Kiribati'),
	('KM', 'Comoros'), ('KN', 'St. Kitts & Nevis'), ('KP', 'North Korea'), ('KR', 'South Korea'),
	('KW', 'Kuwait'), ('KY', 'Cayman Islands'), ('KZ', 'Kazakhstan'), ('LA', 'Laos'),
	('LB', 'Lebanon'), ('LC', 'St. Lucia'), ('LI', 'Liechtenstein'), ('LK', 'Sri Lanka'),
	('LR', 'Liberia'), ('LS', 'Lesotho'), ('LT', 'Lithuania'), ('LU', 'Luxembourg'),
	('LV', 'Latvia'), ('LY', 'Libya'), ('MA', 'Morocco'), ('MC', 'Monaco'), ('MD', 'Moldova'),
	('ME', 'Montenegro'), ('MF', 'St. Martin'), ('MG', 'Madagascar'), ('MH', 'Marshall Islands'),
	('MK', 'North Macedonia'), ('ML', 'Mali'), ('MM', 'Myanmar (Burma)'), ('MN', 'Mongolia'),
	('MO', 'Macao SAR China'), ('MP', 'Northern Mariana Islands'), ('MQ', 'Martinique'),
	('MR', 'Mauritania'), ('MS', 'Montserrat'), ('MT', 'Malta'), ('MU', 'Mauritius'),
	('MV', 'Maldives'), ('MW', 'Malawi'), ('MX', 'Mexico'), ('MY', 'Malaysia'),
	('MZ', 'Mozambique'), ('NA', 'Namibia'), ('NC', 'New Caledonia'), ('NE', 'Niger'),
	('NF', 'Norfolk Island'), ('NG', 'Nigeria'), ('NI', 'Nicaragua'), ('NL', 'Netherlands'),
	('NO', 'Norway'), ('NP', 'Nepal'), ('NR', 'Nauru'), ('NU', 'Niue'), ('NZ', 'New Zealand'),
	('OM', 'Oman'), ('PA', 'Panama'), ('PE', 'Peru'), ('PF', 'French Polynesia'),
	('PG', 'Papua New Guinea'), ('PH', 'Philippines'), ('PK', 'Pakistan'), ('PL', 'Poland'),
	('PM', 'St. Pierre & Miquelon'), ('PN', 'Pitcairn Islands'), ('PR', 'Puerto Rico'),
	('PS', 'Palestinian Territories'), ('PT', 'Portugal'), ('PW', 'Palau'), ('PY', 'Paraguay'),
	('QA', 'Qatar'), ('RE', 'Réunion'), ('RO', 'Romania'), ('RS', 'Serbia'), ('RU', 'Russia'),
	('RW', 'Rwanda'), ('SA', 'Saudi Arabia'), ('SB', 'Solomon Islands'), ('SC', 'Seychelles'),
	('SD', 'Sudan'), ('SE', 'Sweden'), ('SG', 'Singapore'), ('SH', 'St. Helena'),
	('SI', 'Slovenia'), ('SJ', 'Svalbard & Jan Mayen'), ('SK', 'Slovakia'), ('SL', 'Sierra Leone'),
	('SM', 'San Marino'), ('SN', 'Senegal'), ('SO', 'Somalia'), ('SR', 'Suriname'),
	('SS', 'South Sudan'), ('ST', 'São Tomé & Príncipe'), ('SV', 'El Salvador'),
	('SX', 'Sint Maarten'), ('SY', 'Syria'), ('SZ', 'Eswatini'), ('TA', 'Tristan da Cunha'),
	('TC', 'Turks & Caicos Islands'), ('TD', 'Chad'), ('TF', 'French Southern Territories'),
	('TG', 'Togo'), ('TH', 'Thailand'), ('TJ', 'Tajikistan'), ('TK', 'Tokelau'),
	('TL', 'Timor-Leste'), ('TM', 'Turkmenistan'), ('TN', 'Tunisia'), ('TO', 'Tonga'),
	('TR', 'Türkiye'), ('TT', 'Trinidad & Tobago'), ('TV', 'Tuvalu'), ('TW', 'Taiwan'),
	('TZ', 'Tanzania'), ('UA', 'Ukraine'), ('UG', 'Uganda'),
	('UM', 'U.S. Outlying Islands'), ('US', 'United States'), ('UY', 'Uruguay'),
	('UZ', 'Uzbekistan'), ('VA', 'Vatican City'), ('VC', 'St. Vincent & Grenadines'),
	('VE', 'Venezuela'), ('VG', 'British Virgin Islands'), ('VI', 'U.S. Virgin Islands'),
	('VN', 'Vietnam'), ('VU', 'Vanuatu'), ('WF', 'Wallis & Futuna'), ('WS', 'Samoa'),
	('XK', 'Kosovo'), ('YE', 'Yemen'), ('YT', 'Mayotte'), ('ZA', 'South Africa'), ('ZM', 'Zambia'),
	('ZW', 'Zimbabwe');

-- City names in Chinese, for the portal's Chinese pages ("上海", not "Shanghai"). Optional: a city
-- without one shows its own name. Read like every other column of cities (public reference data
-- under the existing RLS policy and grants).
alter table public.cities
	add column name_zh text
		constraint cities_name_zh_length check (name_zh is null or char_length(btrim(name_zh)) between 1 and 100);

comment on column public.cities.name_zh is
	'The city''s name in Chinese, shown on the Chinese pages and searchable with its other names; null: show name.';

create or replace function public.search_docs_refresh(ids uuid[])
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
	join public.regions r on r.slug = ci.region
	left join public.countries co on co.code = ci.country
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
						concat_ws(' ', ci.name, ci.name_zh, co.name, r.name, replace(array_to_string(c.priority_areas, ' '), '-', ' '), c.domain::text)
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
	'Rebuilds the search documents of the given challenges from their rows: public ones are (re)written, the others removed. Weight D holds the city (also in Chinese), country and region names, priority areas and domain.';

-- What every rename of a place does to its challenges: refresh their search documents and re-send
-- the public ones to the index.
create function private.search_resync(ids uuid[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform public.search_docs_refresh(ids);
	perform public.search_enqueue(
		array(select c.id from public.challenges c where c.id = any (ids) and public.search_is_public(c.status)),
		'upsert'
	);
end;
$$;

comment on function private.search_resync(uuid[]) is
	'Refreshes the search documents of the given challenges and re-sends the public ones to the index (the triggers on cities, regions and countries).';

revoke all on function private.search_resync(uuid[]) from public, anon, authenticated;

-- A region's or country's name is now in its challenges' search documents: refresh them (and
-- re-send them to the index) when it changes, as cities_search_sync() does for a city. One
-- trigger function for both tables.
create function public.places_search_sync()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_key text := to_jsonb(new) ->> case tg_table_name when 'regions' then 'slug' else 'code' end;
	v_ids uuid[];
begin
	if tg_op = 'INSERT' or new.name is distinct from old.name then
		v_ids := array(
			select c.id from public.challenges c join public.cities ci on ci.id = c.city_id
			where case tg_table_name when 'regions' then ci.region else ci.country::text end = v_key
			order by c.id
		);
		perform private.search_resync(v_ids);
	end if;
	return null;
end;
$$;

comment on function public.places_search_sync() is
	'Trigger on regions and countries: a renamed (or newly added) one refreshes its challenges'' search documents and re-sends the public ones to the index.';

revoke all on function public.places_search_sync() from public, anon, authenticated;

drop trigger regions_search_sync on public.regions;
drop function public.regions_search_sync();
create trigger regions_search_sync
	after update on public.regions
	for each row execute function public.places_search_sync();
create trigger countries_search_sync
	after insert or update on public.countries
	for each row execute function public.places_search_sync();

-- A city's Chinese name is in its challenges' documents too: the city trigger watches it with the
-- city's other names.
create or replace function public.cities_search_sync()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_ids uuid[];
begin
	if (new.slug, new.name, new.name_zh, new.region, new.country)
		is distinct from (old.slug, old.name, old.name_zh, old.region, old.country) then
		v_ids := array(select c.id from public.challenges c where c.city_id = new.id order by c.id);
		perform private.search_resync(v_ids);
	end if;
	return null;
end;
$$;

-- Prefix completion of the last word only for a word that is not known as it stands.
create or replace function public.search_tsquery(q text)
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
	v_known boolean;
	v_alt text;
	v_term tsquery;
	v_result tsquery;
begin
	-- The list reads the first 200 characters of a query once normalised (search_args); so does
	-- this, when it is called directly through the API: a visitor's RPC with a 600 KB query ran
	-- into the statement timeout and held a database connection for 3 s.
	v_tokens := array(
		select t.token
		from regexp_split_to_table(
			left(public.search_normalize(left(coalesce(q, ''), 400)), 200), '[^[:alnum:]]+'
		) with ordinality as t (token, n)
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
			v_known := exists (select 1 from public.search_lexicon l where l.word = v_word);
			-- An unknown word: add the most similar known words ("moblity" → mobility).
			if char_length(v_word) >= 4 and v_word !~ '^[0-9]+$' and not v_known then
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
			-- A known word is only given its own endings ("bus" → buses, not business).
			if v_i = v_n and char_length(v_word) >= 3 then
				for v_alt in
					select l.word
					from public.search_lexicon l
					where l.word like v_word || '%' and l.word <> v_word
						and (not v_known or char_length(l.word) <= char_length(v_word) + 2)
					order by l.ndoc desc, l.word
					limit 5
				loop
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

-- Up to 500 values per facet (was 100): the list's "List all N" must reach every city of a large
-- list (216 in the 100k benchmark). Only the facet_ranked cut changes; the page shows the 12
-- busiest values of each facet unless asked for all of one.
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
						where f.pos <= 500
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

-- Similar challenges look for candidates by the words of their own titles and summaries only
-- (rank_vector's weights A and B): exact from this index, so no candidate is rechecked.
create index search_docs_title_summary_idx on public.search_docs
	using gin (ts_filter(rank_vector, '{a,b}'));

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
			-- Candidates: two of the title's words in their own title or summary (one word for a
			-- one-word title), from the index on those parts of rank_vector. Not merely in their
			-- place names: "Southeast Asia" in a title would otherwise bring every challenge of the
			-- region, and their boosts would push the real matches out.
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
		from public.search_docs s
		-- The title's lexemes in title order (pairs come from the first ten of a long title),
		-- quoted for tsquery input as they are: to_tsquery would parse them again
		-- ('e-bik' → 'e-bik' <-> 'e' <-> 'bik', which no document has).
		cross join lateral (
			select array(
				select '''' || replace(replace(t.lexeme, '\', '\\'), '''', '''''') || ''''
				from unnest(ts_filter(s.rank_vector, '{a}')) as t
				order by t.positions[1], t.lexeme
			) as quoted
		) w
		where s.id = search_similar.challenge_id and cardinality(w.quoted) > 0
	)
	select d.id,
		(
			ts_rank('{0.1, 0.2, 0.4, 1.0}'::real[], d.rank_vector, src.any_word)
			+ case when d.domain = src.domain then 0.1 else 0 end
			+ case when d.status = 'open'::public.challenge_status and (d.deadline is null or d.deadline > now()) then 0.1 else 0 end
		)::real as score
	from source src
	join public.search_docs d
		on ts_filter(d.rank_vector, '{a,b}') @@ src.pairs and d.city_id <> src.city_id
	order by score desc, d.id
	limit least(greatest(coalesce(search_similar.max_results, 6), 1), 24);
$$;

comment on function public.similar_challenges(uuid, integer) is
	'Public challenges of other cities with two or more of the given public challenge''s title words in their own title or summary, ranked by where they have them (title over summary over the rest), with a boost for the same domain and for being open to proposals. Returns a JSON array of search hits (read under the caller''s RLS).';

-- Every existing document gets its country and region names.
select public.search_docs_refresh(array(select c.id from public.challenges c order by c.id));
