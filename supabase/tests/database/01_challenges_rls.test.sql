-- Row-level security and grants per role on the list's tables (supabase/migrations/
-- 20261203000000_baseline.sql, sections 4–6), with rows made here: a public challenge, a draft
-- and a withdrawn one of a city of its own. Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
-- pgTAP's functions are created by this role, so the default privileges leave them to it.
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(30);

insert into public.organisations (id, kind, slug, name, country)
values ('00000000-0000-4000-8000-0000000000a1', 'city', 'pgtap-city-hall', 'pgTAP City Hall', 'MY');
insert into public.cities (id, slug, name, country, region, organisation_id)
values ('00000000-0000-4000-8000-0000000000c1', 'pgtap-city', 'pgTAP City', 'MY', 'southeast-asia',
	'00000000-0000-4000-8000-0000000000a1');
insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, outcome)
select 'pgtap-' || s, '00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000a1',
	'pgTAP challenge ' || s, 'A challenge the database tests make and roll back.', 'utilities',
	s::public.challenge_status, case when s = 'decided' then 'awarded'::public.challenge_outcome end
from unnest(array['open', 'decided', 'draft', 'withdrawn']) as s;

-- The truth, read as the owner (no RLS).
create temporary table expected on commit drop as
select count(*) filter (where status not in ('draft', 'withdrawn'))::int as public_rows, count(*)::int as all_rows
from public.challenges;
grant select on expected to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
set local role anon;

select is((select count(*)::int from public.challenges), (select public_rows from expected),
	'anon reads every public challenge');
select results_eq(
	$$select slug from public.challenges where slug like 'pgtap-%' order by slug$$,
	$$values ('pgtap-decided'), ('pgtap-open')$$,
	'anon reads no draft and no withdrawn challenge'
);
select is_empty($$select 1 from public.challenges where status in ('draft', 'withdrawn')$$,
	'anon finds nothing asking for drafts by status');
select isnt_empty($$select 1 from public.cities where slug = 'pgtap-city'$$, 'anon reads cities');
select isnt_empty($$select 1 from public.organisations where slug = 'pgtap-city-hall'$$, 'anon reads organisations');
select isnt_empty($$select 1 from public.regions$$, 'anon reads regions');
select throws_ok(
	$$insert into public.challenges (slug, city_id, organisation_id, title, summary, domain)
	  values ('pgtap-anon', '00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000a1',
	          'Anon insert', 'Must never be written by a visitor.', 'mobility')$$,
	'42501', null, 'anon cannot insert a challenge');
select throws_ok($$update public.challenges set title = 'Defaced' where slug = 'pgtap-open'$$,
	'42501', null, 'anon cannot update a challenge');
select throws_ok($$delete from public.challenges where slug = 'pgtap-open'$$,
	'42501', null, 'anon cannot delete a challenge');
select throws_ok($$update public.cities set name = 'Defaced' where slug = 'pgtap-city'$$,
	'42501', null, 'anon cannot update a city');
select throws_ok($$select * from private.search_docs$$, '42501', null, 'anon cannot read the search documents');
select throws_ok($$select * from private.search_outbox$$, '42501', null, 'anon cannot read the outbox');
select throws_ok($$select private.search_core(private.search_args('{}'))$$, '42501', null,
	'anon cannot run search_core directly');
select throws_ok($$select public.claim_search_outbox(1, 1)$$, '42501', null, 'anon cannot claim outbox rows');
-- The read guard in the policies: this statement asks for a regular expression.
select throws_ok($$select id from public.challenges where description ~ '(a)\1'$$,
	'PT400', null, 'anon may not filter with a regular expression');
select lives_ok($$select id from public.challenges where title like '%flood%'$$, 'anon may filter with like');

-- ---------------------------------------------------------------------------------------------
reset role;
set local role authenticated;
select set_config('request.jwt.claims', '{"sub":"00000000-0000-4000-8000-00000000a11e","role":"authenticated"}', true);

select is((select count(*)::int from public.challenges), (select public_rows from expected),
	'authenticated reads every public challenge, as anon does');
select is_empty($$select 1 from public.challenges where slug in ('pgtap-draft', 'pgtap-withdrawn')$$,
	'authenticated reads no draft and no withdrawn challenge (no owner rules yet)');
select throws_ok($$update public.challenges set title = 'Defaced' where slug = 'pgtap-open'$$,
	'42501', null, 'authenticated cannot update a challenge yet');
select throws_ok($$delete from public.organisations where slug = 'pgtap-city-hall'$$,
	'42501', null, 'authenticated cannot delete an organisation');
select throws_ok($$select * from private.search_cache$$, '42501', null, 'authenticated cannot read the search cache');
select lives_ok($$select id from public.challenges where description ~ 'flood'$$,
	'a signed-in user may use a regular expression (accountable, rate-limited per user)');

-- ---------------------------------------------------------------------------------------------
reset role;
set local role service_role;

select is((select count(*)::int from public.challenges), (select all_rows from expected),
	'service_role (jobs) reads drafts and withdrawn challenges too');
select lives_ok(
	$$update public.challenges set summary = summary || ' Edited by a job.' where slug = 'pgtap-open'$$,
	'service_role may update a challenge');
select throws_ok($$select * from private.search_docs$$, '42501', null,
	'service_role reads no private search table directly either');
select lives_ok($$select * from public.claim_search_outbox(1, 1)$$, 'service_role may claim outbox rows');

-- ---------------------------------------------------------------------------------------------
reset role;

select policies_are('public', 'challenges',
	array['Visitors read public challenges', 'Members read public challenges and their organisation''s'],
	'challenges has two read policies (one per role) and no write policy');
select is(
	(select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
	 where n.nspname in ('public', 'private') and c.relkind = 'r' and not c.relrowsecurity),
	0, 'every table in public and private has row-level security on');
select is(
	(select array_agg(format('%s: %s', tablename, cmd) order by tablename, cmd)
	 from pg_policies where schemaname = 'public' and cmd <> 'SELECT'),
	array['organisations: UPDATE', 'profiles: UPDATE'],
	'the only writes through the API: members edit their own profile, admins their organisation''s (issue 12; the rest goes through functions)');
select ok(
	(select bool_and(qual like '%api_read_allowed%') from pg_policies
	 where schemaname = 'public' and cmd = 'SELECT' and 'anon' = any (roles)),
	'every read policy visitors meet runs the read guard');

select * from finish();
rollback;
