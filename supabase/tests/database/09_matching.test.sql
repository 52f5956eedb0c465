-- Matching (issue 14; migration 20261207001200_matching.sql, docs/collaboration.md § Matching):
-- the vendor's score and reasons (domain 1.0, country 0.6, 0.2 per telling profile word, words in
-- more than a quarter of the open challenges left out), open challenges only; the city's vendor
-- panel (partners named, proposals only as "proposed", never drafts or withdrawn); clusters of
-- mutual twins; joint drafts written by the function only. Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(24);

insert into identity."user" (id, name, email, "emailVerified") values
	('00000000-0000-4000-8000-0000000009a1', 'Vera Vendor', 'vera@matching.pgtap.test', true),
	('00000000-0000-4000-8000-0000000009a2', 'Cai City', 'cai@matching.pgtap.test', true),
	('00000000-0000-4000-8000-0000000009a3', 'Otto Other', 'otto@matching.pgtap.test', true),
	('00000000-0000-4000-8000-0000000009a4', 'Hana Hub', 'hana@matching.pgtap.test', true);
insert into public.organisations (id, kind, slug, name, country, verified, domains, profile) values
	('00000000-0000-4000-8000-0000000009b1', 'vendor', 'pgtap-matching-vendor', 'Glimmox Works', 'MY', true,
		'{environment}', 'Glimmox probes and brastle dashboards for cities.'),
	('00000000-0000-4000-8000-0000000009b2', 'city', 'pgtap-matching-city', 'pgTAP City A', 'MY', true, '{}', null),
	('00000000-0000-4000-8000-0000000009b3', 'city', 'pgtap-matching-other', 'pgTAP City B', 'TH', true, '{}', null),
	('00000000-0000-4000-8000-0000000009b4', 'vendor', 'pgtap-matching-proposer', 'Proposer Ltd', 'DE', true, '{}', null),
	('00000000-0000-4000-8000-0000000009b5', 'vendor', 'pgtap-matching-drafter', 'Drafter Ltd', 'DE', true, '{}', null);
insert into public.memberships (organisation_id, user_id, role) values
	('00000000-0000-4000-8000-0000000009b1', '00000000-0000-4000-8000-0000000009a1', 'admin'),
	('00000000-0000-4000-8000-0000000009b2', '00000000-0000-4000-8000-0000000009a2', 'member'),
	('00000000-0000-4000-8000-0000000009b3', '00000000-0000-4000-8000-0000000009a3', 'admin'),
	((select id from public.organisations where kind = 'hub' limit 1), '00000000-0000-4000-8000-0000000009a4', 'member');
insert into public.cities (id, slug, name, country, region, organisation_id) values
	('00000000-0000-4000-8000-0000000009c1', 'pgtap-matching-a', 'Town A', 'MY', (select region from public.cities limit 1), '00000000-0000-4000-8000-0000000009b2'),
	('00000000-0000-4000-8000-0000000009c2', 'pgtap-matching-b', 'Town B', 'TH', (select region from public.cities limit 1), '00000000-0000-4000-8000-0000000009b3');
insert into public.challenges (id, slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at) values
	-- domain + country + two words: 1.0 + 0.6 + 0.4
	('00000000-0000-4000-8000-0000000009d1', 'pgtap-matching-t1', '00000000-0000-4000-8000-0000000009c1', '00000000-0000-4000-8000-0000000009b2',
		'Glimmox brastle for the lagoon', 'Sensors for cities.', 'environment', 'open', now() + interval '9 days', now()),
	-- its twin in the other city; one word only for the vendor: 1.0 + 0.2 + 0.2 (both words) — see below
	('00000000-0000-4000-8000-0000000009d2', 'pgtap-matching-t2', '00000000-0000-4000-8000-0000000009c2', '00000000-0000-4000-8000-0000000009b3',
		'Glimmox brastle in the bay', 'The same need in another city.', 'environment', 'open', now() + interval '9 days', now()),
	-- not taking proposals: the deadline has passed
	('00000000-0000-4000-8000-0000000009d3', 'pgtap-matching-late', '00000000-0000-4000-8000-0000000009c1', '00000000-0000-4000-8000-0000000009b2',
		'Glimmox late', 'Its deadline has passed already.', 'environment', 'open', now() + interval '9 days', now()),
	-- a draft: never
	('00000000-0000-4000-8000-0000000009d4', 'pgtap-matching-draft', '00000000-0000-4000-8000-0000000009c1', '00000000-0000-4000-8000-0000000009b2',
		'Glimmox draft', 'Still a draft of the city.', 'environment', 'draft', now() + interval '9 days', null);
update public.challenges set deadline = now() - interval '1 minute' where id = '00000000-0000-4000-8000-0000000009d3';

insert into public.proposals (id, challenge_id, organisation_id, status, title, summary, approach) values
	('00000000-0000-4000-8000-0000000009e1', '00000000-0000-4000-8000-0000000009d2', '00000000-0000-4000-8000-0000000009b1', 'submitted', 'Secret', 'Secret summary', 'Secret approach'),
	('00000000-0000-4000-8000-0000000009e2', '00000000-0000-4000-8000-0000000009d2', '00000000-0000-4000-8000-0000000009b4', 'submitted', 'Secret', 'Secret summary', 'Secret approach'),
	('00000000-0000-4000-8000-0000000009e3', '00000000-0000-4000-8000-0000000009d2', '00000000-0000-4000-8000-0000000009b5', 'draft', 'Secret', 'Secret summary', 'Secret approach');
update public.proposals set status = 'shortlisted', feedback = 'Good.', decided_at = now() where id = '00000000-0000-4000-8000-0000000009e1';
insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id, stage) values
	('00000000-0000-4000-8000-0000000009e1', '00000000-0000-4000-8000-0000000009d2', '00000000-0000-4000-8000-0000000009b3', '00000000-0000-4000-8000-0000000009b1', 'deployed');

create function pg_temp.as_user(id text) returns void language sql as $$
	select set_config('request.jwt.claims', json_build_object('sub', id, 'role', 'authenticated')::text, true)
$$;
grant execute on function pg_temp.as_user(text) to authenticated, service_role;

select ok(
	(select bool_and(p.prosecdef and p.proconfig @> array['search_path=""'])
	 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
	 where n.nspname = 'public' and p.proname in ('matching_challenges', 'similar_challenge_vendors',
		'challenge_clusters', 'start_joint_challenge')),
	'the matching functions are SECURITY DEFINER with an empty search_path');
select ok(not has_function_privilege('anon', 'public.matching_challenges(uuid, integer)', 'execute')
	and not has_function_privilege('anon', 'public.similar_challenge_vendors(uuid)', 'execute')
	and not has_function_privilege('anon', 'public.start_joint_challenge(uuid[], text, text)', 'execute'),
	'visitors call none of them');
select ok(not has_table_privilege('authenticated', 'public.joint_challenges', 'insert')
	and not has_table_privilege('authenticated', 'public.joint_challenges', 'update')
	and not has_table_privilege('authenticated', 'public.joint_challenge_cities', 'insert')
	and not has_table_privilege('anon', 'public.joint_challenges', 'select'),
	'joint drafts: members only read; nobody writes directly');

set local role authenticated;

-- The vendor's matches ---------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000009a1');
select is(
	(select row(score, domain_match, country_match, mentions)::text from public.matching_challenges('00000000-0000-4000-8000-0000000009b1', 50)
	 where id = '00000000-0000-4000-8000-0000000009d1'),
	row(2::real, true, true, array['glimmox', 'brastle'])::text,
	'domain 1.0 + country 0.6 + two profile words 0.4, the words in profile order');
select is(
	(select row(score, domain_match, country_match, mentions)::text from public.matching_challenges('00000000-0000-4000-8000-0000000009b1', 50)
	 where id = '00000000-0000-4000-8000-0000000009d2'),
	row(1.4::real, true, false, array['glimmox', 'brastle'])::text,
	'the twin in another country: no country reason');
select ok(
	(select (array_agg(id order by ord))[1] = '00000000-0000-4000-8000-0000000009d1'
		and array_agg(score order by ord) = array_agg(score order by score desc, ord)
	 from public.matching_challenges('00000000-0000-4000-8000-0000000009b1', 50) with ordinality as t(id, slug, title, summary, language, domain, deadline, city_slug, city_name, city_country, score, domain_match, country_match, mentions, ord)),
	'best first: the one with every reason leads');
select ok(
	not exists (select 1 from public.matching_challenges('00000000-0000-4000-8000-0000000009b1', 50)
		where id in ('00000000-0000-4000-8000-0000000009d3', '00000000-0000-4000-8000-0000000009d4')),
	'never past its deadline, never a draft');
select ok(
	not exists (select 1 from public.matching_challenges('00000000-0000-4000-8000-0000000009b1', 50)
		where 'cities' = any (mentions)),
	'words found in more than a quarter of the open challenges are no reason');
select ok(
	(select bool_and(domain_match or country_match or cardinality(mentions) > 0)
	 from public.matching_challenges('00000000-0000-4000-8000-0000000009b1', 50)),
	'every match has a reason');
select is((select count(*)::int from public.matching_challenges('00000000-0000-4000-8000-0000000009b1', 3)), 3,
	'max_results is respected');
select pg_temp.as_user('00000000-0000-4000-8000-0000000009a2');
select throws_ok($$select * from public.matching_challenges('00000000-0000-4000-8000-0000000009b1', 5)$$,
	'PT403', 'not_member', 'a non-member cannot ask for a vendor''s matches');
select throws_ok($$select * from public.matching_challenges('00000000-0000-4000-8000-0000000009b2', 5)$$,
	'PT409', 'organisation_not_vendor', 'a city has no vendor matches');

-- The city's vendor panel ------------------------------------------------------------------------
select is(
	(select array_agg(row(organisation_name, evidence, city_name, challenge_slug, challenge_title)::text)
	 from public.similar_challenge_vendors('00000000-0000-4000-8000-0000000009d1')),
	array[
		row('Glimmox Works', 'partnered', 'Town B', 'pgtap-matching-t2', 'Glimmox brastle in the bay')::text,
		row('Proposer Ltd', 'proposed', null, null, null)::text
	],
	'a partner with the city and the twin first; a proposal named only; never a draft''s vendor');
select pg_temp.as_user('00000000-0000-4000-8000-0000000009a3');
select throws_ok($$select * from public.similar_challenge_vendors('00000000-0000-4000-8000-0000000009d1')$$,
	'PT403', 'not_challenge_member', 'another city cannot ask about this challenge');
select is(
	(select count(*)::int from public.similar_challenge_vendors('00000000-0000-4000-8000-0000000009d2')), 0,
	'the other way round: nobody proposed on T1, and the own city''s proposals are not "elsewhere"');
reset role;
update public.proposals set status = 'withdrawn', feedback = null, decided_at = null where id = '00000000-0000-4000-8000-0000000009e2';
set local role authenticated;
select pg_temp.as_user('00000000-0000-4000-8000-0000000009a2');
select is(
	(select array_agg(organisation_name) from public.similar_challenge_vendors('00000000-0000-4000-8000-0000000009d1')),
	array['Glimmox Works'], 'a withdrawn proposal no longer counts');
select throws_ok($$select * from public.similar_challenge_vendors('00000000-0000-4000-8000-000000000000')$$,
	'PT404', 'challenge_unknown', 'an unknown challenge');

-- Clusters and joint drafts ----------------------------------------------------------------------
select throws_ok($$select public.challenge_clusters()$$, 'PT403', 'not_hub_staff', 'clusters are for hub staff');
select throws_ok($$select public.start_joint_challenge(array['00000000-0000-4000-8000-0000000009d1', '00000000-0000-4000-8000-0000000009d2']::uuid[], 'Joint', '')$$,
	'PT403', 'not_hub_staff', 'a city cannot start a joint challenge');
select pg_temp.as_user('00000000-0000-4000-8000-0000000009a4');
select is(
	(select (select array_agg((e ->> 'id')::uuid order by e ->> 'id') from jsonb_array_elements(c -> 'challenges') e)
	 from jsonb_array_elements(public.challenge_clusters()) c
	 where c -> 'challenges' @> '[{"id": "00000000-0000-4000-8000-0000000009d1"}]'),
	array['00000000-0000-4000-8000-0000000009d1', '00000000-0000-4000-8000-0000000009d2']::uuid[],
	'the mutual twins are one cluster of two cities');
select throws_ok($$select public.start_joint_challenge(array['00000000-0000-4000-8000-0000000009d1', '00000000-0000-4000-8000-0000000009d4']::uuid[], 'Joint', '')$$,
	'22023', 'joint_cities_required', 'a draft challenge does not count: two public challenges of two cities');
select is(
	(select (public.start_joint_challenge(array['00000000-0000-4000-8000-0000000009d2', '00000000-0000-4000-8000-0000000009d1']::uuid[], 'Joint lagoon', '')).id)
	= (select (public.start_joint_challenge(array['00000000-0000-4000-8000-0000000009d1', '00000000-0000-4000-8000-0000000009d2']::uuid[], 'Again', '')).id),
	true, 'the same set of challenges starts one draft');
select pg_temp.as_user('00000000-0000-4000-8000-0000000009a2');
select is((select array_agg(title) from public.joint_challenges), array['Joint lagoon'], 'a linked city reads it');
select pg_temp.as_user('00000000-0000-4000-8000-0000000009a1');
select is((select count(*)::int from public.joint_challenges) + (select count(*)::int from public.joint_challenge_cities), 0,
	'a vendor reads neither the draft nor its links');

select * from finish();
rollback;
