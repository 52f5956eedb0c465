-- Chinese search that works on the postgres engine (issue 16, item 2). PostgreSQL's parsers do not
-- segment Chinese: "海绵城市雨水收集与内涝监测试点" was one token, so only a query equal to a whole
-- run (or its start, by completion) found it. Stock PostgreSQL and hosted Supabase have no Chinese
-- segmenter (no zhparser, PGroonga or pg_bigm here), so every run of CJK characters (Han, kana,
-- Hangul) is indexed as its overlapping bigrams ("内涝监测" → 内涝 涝监 监测), and a query word of
-- CJK characters becomes the phrase of its bigrams: any word inside a title, summary or
-- description is found, in order, ranked with the rest. Other scripts are unchanged (typo and
-- prefix steps included). Meilisearch segments Chinese itself (docs/search.md).
--
-- Restated here: search_docs_refresh (bigrams in every text it indexes) and search_tsquery (CJK
-- words). Every search document is rebuilt at the end.

/** The character class of CJK scripts: Han (with extension A and compatibility), kana, Hangul. */
create function private.cjk_class()
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
	select '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]'
$$;

/** Text with every run of CJK characters replaced by its overlapping bigrams, space-separated. */
create function private.cjk_bigrams(doc text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
	select case
		when doc is null or doc !~ private.cjk_class() then doc
		else (
			select string_agg(
				case
					when m.part ~ private.cjk_class() then
						' ' || (
							select string_agg(substr(m.part, i, 2), ' ' order by i)
							from generate_series(1, greatest(char_length(m.part) - 1, 1)) as i
						) || ' '
					else m.part
				end, '' order by m.n)
			from regexp_matches(doc, '(' || private.cjk_class() || '+|' || replace(private.cjk_class(), '[', '[^') || '+)', 'g')
				with ordinality as r (g, n)
			cross join lateral (select r.g[1] as part, r.n as n) as m
		)
	end
$$;

comment on function private.cjk_bigrams(text) is
	'Every run of CJK characters as its overlapping bigrams ("内涝监测" → " 内涝 涝监 监测 "); a single character stays itself. The rest of the text is unchanged.';

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
		rank_vector, search_vector, search_text
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
		search_text = excluded.search_text;
	perform private.search_facet_counts_apply(1, ids);
end;
$$;

create function private.search_parse(
	q text,
	out tsq tsquery,
	out corrections jsonb,
	out synonyms jsonb
)
language plpgsql
stable
parallel safe
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
	v_fixes text[];
	-- A query in double quotes asks for its exact words: no synonyms, corrections or completions.
	v_exact boolean := btrim(coalesce(q, '')) like '"%';
begin
	corrections := '[]'::jsonb;
	synonyms := '[]'::jsonb;
	-- search_args() has cut the query to 200 characters already; cut again, so that no caller can
	-- make the loop below expensive (a 600 KB query once ran into the statement timeout).
	v_tokens := array(
		select t.token
		from regexp_split_to_table(
			left(private.search_normalize(left(coalesce(q, ''), 400)), 200), '[^[:alnum:]]+'
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
		for l in reverse least(case when v_exact then 0 else 4 end, v_n - v_i + 1)..1 loop
			select array_agg(distinct s2.phrase) into v_alts
			from private.search_synonyms s1
			join private.search_synonyms s2 on s2.group_id = s1.group_id
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
			synonyms := synonyms || jsonb_build_array(jsonb_build_object(
				'words', array_to_string(v_tokens[v_i:v_i + v_len - 1], ' '),
				'also', to_jsonb(array(select a from unnest(v_alts) as a where a <> array_to_string(v_tokens[v_i:v_i + v_len - 1], ' ') order by a))
			));
			v_i := v_i + v_len;
		elsif v_tokens[v_i] ~ private.cjk_class() then
			-- Chinese, Japanese or Korean: the documents hold each run as overlapping bigrams, so a
			-- word is the phrase of its bigrams ("传感器" → 传感 <-> 感器); a single character finds
			-- the bigrams it begins. No typo or completion step: the lexicon holds no bigrams.
			v_word := v_tokens[v_i];
			if char_length(v_word) = 1 then
				v_term := to_tsquery('simple'::regconfig, quote_literal(v_word) || ':*');
			else
				v_term := phraseto_tsquery('english'::regconfig, private.cjk_bigrams(v_word));
			end if;
			v_i := v_i + 1;
		else
			v_word := v_tokens[v_i];
			v_term := plainto_tsquery('english'::regconfig, v_word);
			v_known := exists (select 1 from private.search_lexicon l where l.word = v_word);
			-- An unknown word: add the most similar known words ("moblity" → mobility).
			v_fixes := '{}';
			if not v_exact and char_length(v_word) >= 4 and v_word !~ '^[0-9]+$' and not v_known then
				for v_alt in
					select l.word
					from private.search_lexicon l
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
						v_fixes := v_fixes || v_alt;
					end if;
				end loop;
				if cardinality(v_fixes) > 0 then
					corrections := corrections || jsonb_build_array(jsonb_build_object('word', v_word, 'to', to_jsonb(v_fixes)));
				end if;
			end if;
			-- The last word may be unfinished (results as you type): complete it from known words.
			-- A known word is only given its own endings ("bus" → buses, not business).
			if not v_exact and v_i = v_n and char_length(v_word) >= 3 then
				for v_alt in
					select l.word
					from private.search_lexicon l
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
	tsq := v_result;
end;
$$;

comment on function private.search_parse(text) is
	'Turns a visitor''s query into a tsquery (tsq): words ANDed; each word ORed with its synonyms, its corrections when unknown (pg_trgm candidates from search_lexicon, kept when similar enough or one or two edits away) and, for the last word, its completions (a known word only gets its own endings, up to two more letters: "bus" finds buses, not business); a CJK word as the phrase of its bigrams. A query in double quotes keeps its exact words. Also says what it did: corrections [{word, to[]}] and synonyms [{words, also[]}], for the page to tell. Null tsq when nothing is searchable.';

create or replace function private.search_tsquery(q text)
returns tsquery
language sql
stable
parallel safe
set search_path = ''
as $$
	select (private.search_parse(q)).tsq
$$;

comment on function private.search_tsquery(text) is
	'The tsquery of a visitor''s query (private.search_parse).';

/**
 * What a search did with the words typed, for the list to say so: corrections of unknown words
 * ("moblity" → mobility) and synonyms that widened it, as {corrections: [{word, to[]}], synonyms:
 * [{words, also[]}]}. Reads only the lexicon and the synonyms (public words of public challenges).
 */
create function public.search_interpretation(q text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
	select jsonb_build_object('corrections', p.corrections, 'synonyms', p.synonyms)
	from private.search_parse(left(coalesce(q, ''), 400)) as p
$$;

comment on function public.search_interpretation(text) is
	'What the list search does with a query: {corrections: [{word, to[]}], synonyms: [{words, also[]}]}. A query in double quotes is taken exactly (both empty).';

revoke all on function private.search_parse(text) from public;
revoke all on function public.search_interpretation(text) from public;
grant execute on function public.search_interpretation(text) to anon, authenticated, service_role;


revoke all on function private.cjk_class() from public;
revoke all on function private.cjk_bigrams(text) from public;

-- Every search document again, with bigrams (the result cache's generation moves with them).
select private.search_docs_refresh(array(select c.id from public.challenges c order by c.id));
