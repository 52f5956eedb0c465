-- The search's pieces (supabase/migrations/20261203000000_baseline.sql, sections 7–14): how a
-- search is read, turned into SQL, matched and counted, on rows made here with words no other
-- challenge has. Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(46);

-- ---------------------------------------------------------------------------------------------
-- Reading a search (search_args)
-- ---------------------------------------------------------------------------------------------

select is(
	(select row(a.q, a.mode, a.domain::text[], a.status::text[], a.sort, a.max_rows, a.skip)::text
	 from private.search_args('{"q":"  Flöod   SENSORS  ","status":["draft","open","nope"],"domain":["space","mobility"],"limit":100,"offset":-5,"sort":"bogus"}') a),
	'("flood sensors",fts,{mobility},{open},relevance,50,0)',
	'search_args normalises the words, drops unknown values and non-public statuses, clamps the page'
);
select is((select a.max_rows from private.search_args('{"limit":"abc"}') a), 20,
	'a limit that is not a number counts as missing');
select is((select a.mode from private.search_args('{}') a), 'all', 'no words: every challenge');
select is((select char_length(a.q) from private.search_args(jsonb_build_object('q', repeat('ﬃ', 300))) a), 200,
	'the query is cut to 200 characters after unaccent widened it');
select throws_ok($$select private.search_args(jsonb_build_object('city', array(select 'c' || g from generate_series(1, 3000) g)))$$,
	'22023', 'search parameters too large', 'an oversized parameter object is refused before any work');
select is(
	(select a.q from private.search_args('"{\"q\":\"flood\"}"') a), 'flood',
	'GET /rpc hands the object over as a JSON string: it is read all the same');

-- ---------------------------------------------------------------------------------------------
-- The statement's pieces
-- ---------------------------------------------------------------------------------------------

select is(
	private.search_conditions(private.search_args('{"domain":["mobility"],"priority":["green-transition"]}')),
	array['%1$s.domain = any ($3)', null, null, null, null, '(%1$s.priority_mask & $8) <> 0'],
	'each filter is one condition, in facet order, null when not set'
);
select is(
	private.search_all_of(array['%1$s.domain = any ($3)', null, '%1$s.city_slug = any ($5)'], 'd'),
	'd.domain = any ($3) and d.city_slug = any ($5)',
	'the conditions that are set, on an alias'
);
select is(private.search_all_of(array[null, null]::text[], 'd'), 'true', 'no condition: true');
select is(
	private.search_facet_scopes(private.search_conditions(private.search_args('{"domain":["mobility"],"city":["sepang"]}'))),
	array[
		'g.city_slug = any ($5)',
		'g.domain = any ($3) and g.city_slug = any ($5)',
		'g.domain = any ($3)',
		'g.domain = any ($3) and g.city_slug = any ($5)',
		'g.domain = any ($3) and g.city_slug = any ($5)',
		'g.domain = any ($3) and g.city_slug = any ($5)'
	],
	'each facet is counted with every filter but its own'
);
select is(
	(private.search_facet_scopes(private.search_conditions(private.search_args('{"priority":["public-health"]}'))))[6],
	'true',
	'the priority filter is never in a scope (it is already in the group counts)'
);
select is(private.search_match(private.search_args('{"q":"flood"}')), 'd.search_vector @@ $1', 'words: full text');
select is(private.search_match(private.search_args('{}')), 'true', 'no words: everything matches');
select is(private.search_rank(private.search_args('{"q":"flood","sort":"newest"}')), 'null::real',
	'no ranking when the order does not use it');
select is(
	private.search_order(private.search_args('{"q":"flood"}'), 'b', 'b.rank'),
	'b.rank desc, (b.status <> ''open''::public.challenge_status), b.deadline, b.published_at desc nulls last, b.id',
	'relevance ties fall back to the deadline order, open challenges first'
);
select is(private.search_order(private.search_args('{"sort":"newest"}'), 'd', null),
	'd.published_at desc nulls last, d.id', 'newest first');
select matches(
	(select (s).groups from (select private.search_sources(a, private.search_conditions(a)) as s
		from private.search_args('{"priority":["public-health"]}') a) x),
	'from private\.search_facet_counts f$',
	'no words and one priority area: counts from the precomputed table'
);
select matches(
	(select (s).priority from (select private.search_sources(a, private.search_conditions(a)) as s
		from private.search_args('{"priority":["public-health"]}') a) x),
	'^select array\[sum\(g\.p1\), .* from groups g where true$',
	'no words and one priority area: the priority counts from the precomputed groups'
);
select matches(
	(select (s).priority from (select private.search_sources(a, private.search_conditions(a)) as s
		from private.search_args('{"q":"flood","priority":["public-health"],"domain":["mobility"]}') a) x),
	'^select array\[coalesce\(sum\(m\.n\) filter \(where \(m\.priority_mask & 1\) <> 0\), 0\), .* from \(select g\.priority_mask, count\(\*\) as n from base g where g\.facet_key in \(select g\.key from private\.search_facet_keys g where g\.domain = any \(\$3\)\) group by g\.priority_mask\) m$',
	'with words: the priority counts from one group per combination of areas among the matches in the priority facet''s scope'
);
select matches(
	(select (s).groups from (select private.search_sources(a, private.search_conditions(a)) as s
		from private.search_args('{"q":"flood","domain":["mobility"]}') a) x),
	'from \(select b\.facet_key, count\(\*\) as n from base b group by b\.facet_key\) x\s+join private\.search_facet_keys k on k\.key = x\.facet_key$',
	'with words: the matches are grouped by their facet key (one integer), then named'
);
select doesnt_match(
	(select (s).groups from (select private.search_sources(a, private.search_conditions(a)) as s
		from private.search_args('{"q":"flood"}') a) x),
	'priority_mask|f_priority',
	'with words and no priority filter: the groups count rows, nothing per priority area'
);
select matches(
	(select (s).base from (select private.search_sources(a, private.search_conditions(a)) as s
		from private.search_args('{"q":"flood","domain":["mobility"],"city":["x"]}') a) x),
	'\(not coalesce\(d\.domain = any \(\$3\), false\)\)::int \+ \(not coalesce\(d\.city_slug = any \(\$5\), false\)\)::int <= 1',
	'with words: rows failing two filters are left out before counting'
);

-- ---------------------------------------------------------------------------------------------
-- Query parsing
-- ---------------------------------------------------------------------------------------------

select matches(private.search_tsquery('ev')::text, 'electr.*vehicl', 'a synonym finds its group: EV → electric vehicle');
select is(private.search_tsquery('...  '), null, 'nothing searchable: null');

insert into public.organisations (id, kind, slug, name, country)
values ('00000000-0000-4000-8000-0000000000a2', 'city', 'pgtap-search-hall', 'pgTAP Search Hall', 'PT');
insert into public.cities (id, slug, name, country, region, organisation_id)
values ('00000000-0000-4000-8000-0000000000c2', 'pgtap-search-city', 'Quokkaville', 'PT', 'europe',
	'00000000-0000-4000-8000-0000000000a2');
insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, kind, status, published_at)
values
	('pgtap-wombat-meter', '00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000a2',
		'Wombatometer calibration for river gauges', 'A <b>challenge</b> & a "test" with wombatometers.',
		'environment', 'challenge', 'open', now()),
	('pgtap-wombat-bus', '00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000a2',
		'Wombatometer data for bus depots', 'An opportunity about wombatometers in depots.',
		'mobility', 'opportunity', 'open', now()),
	('pgtap-wombat-draft', '00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000a2',
		'Wombatometer draft nobody may see', 'A draft about wombatometers.',
		'mobility', 'challenge', 'draft', null);

select matches(private.search_tsquery('wombatomter')::text, 'wombatomet',
	'an unknown word is corrected to a known one of a public challenge');
select is_empty($$select 1 from private.search_lexicon where word = 'nobody'$$,
	'a draft''s words are not in the lexicon');
select is((select count(*)::int from private.search_docs d join public.challenges c using (id) where c.slug like 'pgtap-wombat-%'),
	2, 'public challenges have search documents; the draft has none');
select is(
	(select array_agg(k.domain::text || '/' || k.kind::text || '/' || k.city_slug order by k.domain::text)
	 from private.search_docs d join public.challenges c using (id) join private.search_facet_keys k on k.key = d.facet_key
	 where c.slug like 'pgtap-wombat-%'),
	array['environment/challenge/pgtap-search-city', 'mobility/opportunity/pgtap-search-city'],
	'each document''s facet key names its city, domain and kind'
);
update public.challenges set kind = 'challenge' where slug = 'pgtap-wombat-bus';
select is(
	(select k.kind::text from private.search_docs d join public.challenges c using (id) join private.search_facet_keys k on k.key = d.facet_key
	 where c.slug = 'pgtap-wombat-bus'),
	'challenge', 'a change of kind gives the document the key of its new combination');
update public.challenges set kind = 'opportunity' where slug = 'pgtap-wombat-bus';

-- ---------------------------------------------------------------------------------------------
-- The search, as a visitor
-- ---------------------------------------------------------------------------------------------

create temp table pgtap_wombat_ids as select c.slug, c.id from public.challenges c where c.slug like 'pgtap-wombat-%';
grant select on pgtap_wombat_ids to anon;

set local role anon;

select is(
	(select array_agg(h.slug || ':' || h.rank order by h.ordinality)
	 from unnest(private.search_hits(
		array(select i.id from pgtap_wombat_ids i order by i.slug desc),  -- meter, draft, bus
		array[0.25, 0.9, 0.5]::real[], null, null, false)) with ordinality as h),
	array['pgtap-wombat-meter:0.25', 'pgtap-wombat-bus:0.5'],
	'search_hits: the hits in the order of the ids, each with its rank; the draft is not among them'
);
select is(
	(select count(*)::int from unnest(private.search_hits(
		array(select i.id from pgtap_wombat_ids i), array[1, 1, 1]::real[], null, null, false)) h
	 where h.snippet is not null),
	0, 'search_hits: no words, no snippets');
select ok(
	(select bool_and(h.snippet like '%' || chr(57344) || 'wombatometers' || chr(57345) || '%'
		and h.translations = '{}'::jsonb and (h.city).slug = 'pgtap-search-city' and (h.region).slug = 'europe')
	 from unnest(private.search_hits(
		array(select i.id from pgtap_wombat_ids i), array[1, 1, 1]::real[], 'wombatomet'::tsquery, 'en', true)) h),
	'search_hits: with words, each hit''s snippet marks them; its city, region and versions come along'
);
select is(
	private.search_snippet('A summary about wombatometers.', 'A description about wombatometers too.', 'wombatomet'::tsquery),
	'A summary about ' || chr(57344) || 'wombatometers' || chr(57345) || '.',
	'a snippet is the summary alone when the summary has a match (the app shows its first matching sentence)');
select is(
	private.search_snippet('A summary about gauges.', E'## Heading\n- A **list** item about wombatometers.', 'wombatomet'::tsquery),
	E'A summary about gauges.\n\nA list item about ' || chr(57344) || 'wombatometers' || chr(57345) || '.',
	'else summary and description as plain lines (the heading''s line left empty), Markdown removed, the match marked');
select is(
	private.search_snippet('A summary about gauges.', 'A description about depots.', 'wombatomet'::tsquery), null,
	'no match in either: no snippet');

select is((public.search_challenges('{"q":"wombatometer"}')).total, 2, 'both public challenges match; the draft does not');
select is(
	(select array_agg(h.slug order by h.slug) from unnest((public.search_challenges('{"q":"wombatometer"}')).hits) as h),
	array['pgtap-wombat-bus', 'pgtap-wombat-meter'], 'the hits are the public ones');
select is((public.search_challenges('{"q":"wombatometer","domain":["mobility"]}')).total, 1, 'a domain filter');
select is(
	(select array_agg(f.value || ':' || f.count order by f.value)
	 from unnest(((public.search_challenges('{"q":"wombatometer","domain":["mobility"]}')).facets).domain) as f),
	array['environment:1', 'mobility:1'],
	'the domain facet ignores the domain filter, so every choice keeps its count'
);
select is(
	(select array_agg(f.value || ':' || f.count order by f.value)
	 from unnest(((public.search_challenges('{"q":"wombatometer","domain":["mobility"]}')).facets).kind) as f),
	array['opportunity:1'],
	'the other facets respect it'
);
select is((public.search_challenges('{"q":"wombatometer","status":["draft"]}')).total, 2,
	'asking for drafts finds nothing hidden (the status filter is dropped)');
select is((public.search_challenges('{"q":"Quokkaville"}')).total, 2, 'a city''s name finds its challenges');
select is((public.search_challenges('{"q":"wombatometer qqqqzzzz"}')).mode, 'trigram',
	'full text finding nothing falls back to trigram similarity');
select ok(
	(select bool_and(h.snippet like '%' || chr(57344) || '%' || chr(57345) || '%' and h.snippet not like '%<mark>%')
	 from unnest((public.search_challenges('{"q":"wombatometer challenge"}')).hits) as h where h.slug = 'pgtap-wombat-meter'),
	'a snippet marks the matches between U+E000 and U+E001 and leaves escaping to the app (snippet.ts)'
);
select is(
	public.search_challenge_ids('{"q":"wombatometer","sort":"newest"}')::text[] @> array[(select id::text from public.challenges where slug = 'pgtap-wombat-meter')],
	true, 'search_challenge_ids lists the matches for exports');
select is(
	(select count(*)::int from public.similar_challenges((select id from public.challenges where slug = 'pgtap-wombat-meter'))),
	0, 'similar challenges come from other cities only');

reset role;
select * from finish();
rollback;
