-- Search by place, a steadier prefix completion, and better "same problem in other cities".
--
-- 1. A vendor searching "flood Vietnam" or "Southeast Asia" found nothing: only the city's name
--    was in a challenge's search document. Now the country's and the region's English names are
--    there too (weight D, like the city). public.countries holds ISO 3166-1 names (English, as
--    Intl.DisplayNames gives them); a renamed region or country refreshes its challenges'
--    documents, as a renamed city already did.
-- 2. The last word is completed as a prefix only when it is not itself a known word: "bus" no
--    longer also searches "business" (and ranks it first), while "sens" still finds "sensors".
-- 3. Similar challenges: ranked by how many of the challenge's title words a candidate has, and
--    where (title over summary over the rest), with a boost for the same domain and for being
--    open to proposals; a candidate needs two of those words in its own title or summary (one for
--    a one-word title), not merely somewhere in its description, so candidates come from a new
--    index on rank_vector. The query terms are built once (a materialized CTE), not again for
--    every candidate as the inlined CTE did. At 100k challenges a challenge page's list took
--    2–10 s before (past visitors' 3 s statement timeout); see npm run bench:similar.

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
						concat_ws(' ', ci.name, co.name, r.name, replace(array_to_string(c.priority_areas, ' '), '-', ' '), c.domain::text)
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
	'Rebuilds the search documents of the given challenges from their rows: public ones are (re)written, the others removed. Weight D holds the city, country and region names, priority areas and domain.';

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
	if new.name is distinct from old.name then
		v_ids := array(
			select c.id from public.challenges c join public.cities ci on ci.id = c.city_id
			where case tg_table_name when 'regions' then ci.region else ci.country::text end = v_key
			order by c.id
		);
		perform public.search_docs_refresh(v_ids);
		perform public.search_enqueue(
			array(select c.id from public.challenges c where c.id = any (v_ids) and public.search_is_public(c.status)),
			'upsert'
		);
	end if;
	return null;
end;
$$;

comment on function public.places_search_sync() is
	'Trigger on regions and countries: a renamed one refreshes its challenges'' search documents and re-sends the public ones to the index.';

revoke all on function public.places_search_sync() from public, anon, authenticated;

drop trigger regions_search_sync on public.regions;
drop function public.regions_search_sync();
create trigger regions_search_sync
	after update on public.regions
	for each row execute function public.places_search_sync();
create trigger countries_search_sync
	after update on public.countries
	for each row execute function public.places_search_sync();

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
			-- The last word may be unfinished (results as you type): complete it from known words,
			-- unless it is a known word already ("bus" is not the start of "business").
			if v_i = v_n and char_length(v_word) >= 3 and not v_known then
				for v_alt in
					select l.word
					from public.search_lexicon l
					where l.word like v_word || '%' and l.word <> v_word
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

-- Similar challenges look for candidates among titles, summaries and places only.
create index search_docs_rank_vector_idx on public.search_docs using gin (rank_vector);

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
		select s.id, s.city_id, s.domain, w.words,
			-- Candidates: two of the title's words in title, summary or place (one, for a one-word
			-- title), from the index on rank_vector.
			(
				select to_tsquery('simple'::regconfig, coalesce(
					string_agg(format('(%s & %s)', quote_literal(w1), quote_literal(w2)), ' | '),
					quote_literal(w.words[1])
				))
				from unnest(w.words[1:10]) as w1
				join unnest(w.words[1:10]) as w2 on w1 < w2
			) as pairs,
			-- Scoring: any of them, weighted by where the candidate has it.
			to_tsquery('simple'::regconfig, (select string_agg(quote_literal(x), ' | ') from unnest(w.words) as x)) as any_word
		from public.search_docs s
		cross join lateral (select tsvector_to_array(ts_filter(s.rank_vector, '{a}')) as words) w
		where s.id = search_similar.challenge_id and cardinality(w.words) > 0
	),
	scored as (
		select d.id, d.rank_vector, src.words,
			(
				ts_rank('{0.1, 0.2, 0.4, 1.0}'::real[], d.rank_vector, src.any_word)
				+ case when d.domain = src.domain then 0.1 else 0 end
				+ case when d.status = 'open'::public.challenge_status and (d.deadline is null or d.deadline > now()) then 0.1 else 0 end
			)::real as score
		from source src
		join public.search_docs d on d.rank_vector @@ src.pairs and d.city_id <> src.city_id
		order by score desc, d.id
		limit 200
	)
	select s.id, s.score
	from scored s
	-- Two of the words in the candidate's own title or summary (one for a one-word title).
	where cardinality(array(
		select unnest(tsvector_to_array(ts_filter(s.rank_vector, '{a,b}')))
		intersect
		select unnest(s.words)
	)) >= least(2, cardinality(s.words))
	order by s.score desc, s.id
	limit least(greatest(coalesce(search_similar.max_results, 6), 1), 24);
$$;

comment on function public.similar_challenges(uuid, integer) is
	'Public challenges of other cities with two or more of the given public challenge''s title words in their own title or summary, ranked by where they have them (title over summary over the rest), with a boost for the same domain and for being open to proposals. Returns a JSON array of search hits (read under the caller''s RLS).';

-- Every existing document gets its country and region names.
select public.search_docs_refresh(array(select c.id from public.challenges c order by c.id));
