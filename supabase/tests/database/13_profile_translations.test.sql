-- City descriptions and organisation profiles in more than one language
-- (supabase/migrations/20261207001800_city_organisation_translations.sql): row-level security,
-- the read policies, the trigger both ways, the grants, and who the functions let write.
-- Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(29);

-- ---------------------------------------------------------------------------------------------
-- Tables, policies, grants
-- ---------------------------------------------------------------------------------------------

select ok((select relrowsecurity from pg_class where oid = 'public.city_translations'::regclass),
	'city_translations has row-level security');
select ok((select relrowsecurity from pg_class where oid = 'public.organisation_translations'::regclass),
	'organisation_translations has row-level security');
select policies_are('public', 'city_translations', array['Versions are read with their city']);
select policies_are('public', 'organisation_translations', array['Versions are read with their organisation']);
select policy_roles_are('public', 'city_translations', 'Versions are read with their city',
	array['anon', 'authenticated']);
select policy_cmd_is('public', 'organisation_translations', 'Versions are read with their organisation', 'select',
	'the organisation versions'' only policy is for reading');
select table_privs_are('public', 'city_translations', 'anon', array['SELECT']);
select table_privs_are('public', 'city_translations', 'authenticated', array['SELECT']);
select table_privs_are('public', 'organisation_translations', 'anon', array['SELECT']);
select table_privs_are('public', 'organisation_translations', 'authenticated', array['SELECT']);
select ok(has_column_privilege('authenticated', 'public.organisations', 'profile_language', 'UPDATE'),
	'admins may choose their profile''s language (column grant; RLS lets only admins)');
select ok(not has_column_privilege('authenticated', 'public.cities', 'profile_language', 'UPDATE'),
	'nobody in the API changes a city''s profile language');
select ok(not has_function_privilege('anon', 'public.set_organisation_profile_translation(uuid, text, text)', 'execute'),
	'anon cannot call set_organisation_profile_translation');
select ok(has_function_privilege('authenticated', 'public.set_city_profile_translation(uuid, text, text)', 'execute'),
	'authenticated may call set_city_profile_translation (it checks who asks)');
select ok(not has_function_privilege('anon', 'public.remove_city_profile_translation(uuid, text)', 'execute'),
	'anon cannot call remove_city_profile_translation');

-- ---------------------------------------------------------------------------------------------
-- The demo and the reads
-- ---------------------------------------------------------------------------------------------

set local role anon;
select is((select profile_language from public.organisations where slug = 'shanghai-municipal-commission'), 'zh',
	'the Shanghai commission writes its profile in Chinese');
select is(
	(select count(*)::int from public.city_translations t join public.cities c on c.id = t.city_id
	 where c.slug in ('shanghai', 'sepang') and t.language = 'zh'), 2,
	'anon reads the Chinese versions of Shanghai''s and Sepang''s descriptions');
select is(
	(select t.language from public.organisation_translations t join public.organisations o on o.id = t.organisation_id
	 where o.slug = 'shanghai-municipal-commission'), 'en',
	'anon reads the English version of the commission''s profile');
select throws_ok($$insert into public.city_translations (city_id, language, profile)
	select id, 'zh', 'x' from public.cities where slug = 'pune'$$, '42501', null, 'anon cannot write a version');
reset role;

-- ---------------------------------------------------------------------------------------------
-- Never in the original's language, whichever table changes
-- ---------------------------------------------------------------------------------------------

select throws_ok($$insert into public.city_translations (city_id, language, profile)
	select id, 'en', 'An English version of an English text' from public.cities where slug = 'pune'$$,
	'PT422', 'translation_is_original', 'a city''s version is never in the description''s own language');
select throws_ok($$update public.cities set profile_language = 'zh' where slug = 'shanghai'$$,
	'PT422', 'translation_is_original', 'a city''s description cannot be made original in a language it has a version in');
select throws_ok($$update public.organisations set profile_language = 'en' where slug = 'shanghai-municipal-commission'$$,
	'PT422', 'translation_is_original', 'nor an organisation''s profile');
select throws_ok($$update public.organisation_translations set language = 'zh'
	where organisation_id = (select id from public.organisations where slug = 'shanghai-municipal-commission')$$,
	'PT422', 'translation_is_original', 'a version cannot be moved into the original''s language');
select lives_ok($$update public.cities set profile_language = 'ms' where slug = 'sepang'$$,
	'a description may be made original in a language without a version');

-- ---------------------------------------------------------------------------------------------
-- Who the functions let write
-- ---------------------------------------------------------------------------------------------

insert into identity."user" (id, name, email, "emailVerified") values
	('00000000-0000-4000-8000-0000000013a1', 'Ada Admin', 'ada13@pgtap.test', true),
	('00000000-0000-4000-8000-0000000013a2', 'Ben Member', 'ben13@pgtap.test', true);
insert into public.memberships (organisation_id, user_id, role)
select o.id, v.u::uuid, v.r::public.org_role
from public.organisations o,
	(values ('00000000-0000-4000-8000-0000000013a1', 'admin'), ('00000000-0000-4000-8000-0000000013a2', 'member')) as v(u, r)
where o.slug = 'pune-municipal-corporation';

set local role authenticated;
select set_config('request.jwt.claims', '{"sub":"00000000-0000-4000-8000-0000000013a1","role":"authenticated"}', true);
select lives_ok($$select public.set_city_profile_translation((select id from public.cities where slug = 'pune'), 'zh', ' 浦那 ')$$,
	'an admin of the city''s organisation adds a version of its description');
select is((select t.profile from public.city_translations t join public.cities c on c.id = t.city_id
	where c.slug = 'pune' and t.language = 'zh'), '浦那', 'the version is stored trimmed');
select throws_ok($$select public.set_city_profile_translation((select id from public.cities where slug = 'shanghai'), 'zh', '上海')$$,
	'PT403', 'not_org_admin', 'but not of another organisation''s city');
select throws_ok($$update public.city_translations set profile = 'x'$$, '42501', null,
	'even an admin cannot write the table directly');

select set_config('request.jwt.claims', '{"sub":"00000000-0000-4000-8000-0000000013a2","role":"authenticated"}', true);
select throws_ok($$select public.set_organisation_profile_translation((select id from public.organisations where slug = 'pune-municipal-corporation'), 'zh', '浦那')$$,
	'PT403', 'not_org_admin', 'a member who is not an admin is refused');
reset role;

select * from finish();
rollback;
