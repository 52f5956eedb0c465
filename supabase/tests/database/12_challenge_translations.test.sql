-- Versions of a challenge's texts in other languages
-- (supabase/migrations/20261207001600_challenge_translations.sql): the table's row-level security
-- and its one policy, no role writing it directly, the rule that a version is never in the
-- original's language (whichever table changes), and who may call the two functions that write
-- it. The functions' own rules run through the gateway in
-- tests/integration/challenge-translations.test.ts. Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(21);

-- ---------------------------------------------------------------------------------------------
-- Row-level security and grants
-- ---------------------------------------------------------------------------------------------

select ok((select relrowsecurity from pg_class where oid = 'public.challenge_translations'::regclass),
	'challenge_translations has row-level security');
select policies_are('public', 'challenge_translations', array['Versions are read with their challenge'],
	'one policy: versions are read with their challenge');
select policy_cmd_is('public', 'challenge_translations', 'Versions are read with their challenge', 'select',
	'the policy is for reading only');
select table_privs_are('public', 'challenge_translations', 'anon', array['SELECT'],
	'anon may only select');
select table_privs_are('public', 'challenge_translations', 'authenticated', array['SELECT'],
	'authenticated may only select');

select function_privs_are('public', 'set_challenge_translation',
	array['uuid', 'text', 'text', 'text', 'text', 'text'], 'authenticated', array['EXECUTE'],
	'authenticated may call set_challenge_translation');
select function_privs_are('public', 'set_challenge_translation',
	array['uuid', 'text', 'text', 'text', 'text', 'text'], 'anon', array[]::text[],
	'anon may not call set_challenge_translation');
select function_privs_are('public', 'set_challenge_translation',
	array['uuid', 'text', 'text', 'text', 'text', 'text'], 'service_role', array[]::text[],
	'service_role may not call set_challenge_translation (it acts for no member)');
select function_privs_are('public', 'remove_challenge_translation', array['uuid', 'text'],
	'authenticated', array['EXECUTE'], 'authenticated may call remove_challenge_translation');
select function_privs_are('public', 'remove_challenge_translation', array['uuid', 'text'],
	'anon', array[]::text[], 'anon may not call remove_challenge_translation');
select function_privs_are('public', 'remove_challenge_translation', array['uuid', 'text'],
	'service_role', array[]::text[], 'service_role may not call remove_challenge_translation');
select ok(not exists (
		select 1 from information_schema.routine_privileges
		where routine_schema = 'private' and routine_name = 'challenge_translations_not_original'
		  and grantee in ('public', 'anon', 'authenticated')),
	'nobody calls the trigger function');

-- ---------------------------------------------------------------------------------------------
-- Never in the original's language
-- ---------------------------------------------------------------------------------------------

-- Challenges of our own (rolled back): a Chinese draft and an open one.
insert into public.challenges (id, city_id, organisation_id, slug, title, summary, domain, language, status, published_at)
select x.id::uuid, ci.id, ci.organisation_id, x.slug, '雨水花园试点', '在暴雨后保持街道干燥的雨水花园。',
	'environment', 'zh', x.status::public.challenge_status, case when x.status = 'open' then now() end
from public.cities ci
cross join (values ('00000000-0000-4000-8000-0000000012d1', 'pgtap-versions-draft', 'draft'),
                   ('00000000-0000-4000-8000-0000000012a1', 'pgtap-versions-open', 'open')) x (id, slug, status)
where ci.organisation_id is not null
order by ci.id limit 2;

select lives_ok($$insert into public.challenge_translations (challenge_id, language, title, summary, description)
		values ('00000000-0000-4000-8000-0000000012a1', 'en', 'Rain gardens', 'Rain gardens keep streets dry.', 'A pilot.')$$,
	'a version in another portal language is kept');
select throws_ok($$insert into public.challenge_translations (challenge_id, language, title, summary, description)
		values ('00000000-0000-4000-8000-0000000012d1', 'zh', '雨水花园', '在暴雨后保持街道干燥的雨水花园。', '试点。')$$,
	'PT422', 'translation_is_original', 'a version in the original''s language is refused');
select throws_ok($$update public.challenge_translations set language = 'zh'
		where challenge_id = '00000000-0000-4000-8000-0000000012a1'$$,
	'PT422', 'translation_is_original', 'a version cannot be moved into the original''s language');
select throws_ok($$update public.challenges set language = 'en' where id = '00000000-0000-4000-8000-0000000012a1'$$,
	'PT422', 'translation_is_original',
	'the original cannot move into a language it has a version in');
select lives_ok($$update public.challenges set language = 'zh-Hant' where id = '00000000-0000-4000-8000-0000000012a1'$$,
	'the original may move into a language it has no version in');
select throws_ok($$insert into public.challenge_translations (challenge_id, language, title, summary, description)
		values ('00000000-0000-4000-8000-0000000012d1', 'fr', 'Jardins de pluie', 'Des jardins de pluie en ville.', 'Un pilote.')$$,
	'23514', null, 'a version is in a portal language only');

-- ---------------------------------------------------------------------------------------------
-- No role writes the table
-- ---------------------------------------------------------------------------------------------

set local role anon;
select throws_ok($$insert into public.challenge_translations (challenge_id, language, title, summary, description)
		values ('00000000-0000-4000-8000-0000000012a1', 'zh', '伪造', '绕过函数写入的伪造版本。', '伪造。')$$,
	'42501', null, 'anon cannot insert a version');
reset role;

set local role authenticated;
select set_config('request.jwt.claims', '{"sub":"00000000-0000-4000-8000-00000000a11e","role":"authenticated"}', true);
select throws_ok($$update public.challenge_translations set title = 'Forged'
		where challenge_id = '00000000-0000-4000-8000-0000000012a1'$$,
	'42501', null, 'authenticated cannot update a version');
select throws_ok($$delete from public.challenge_translations where challenge_id = '00000000-0000-4000-8000-0000000012a1'$$,
	'42501', null, 'authenticated cannot delete a version');
reset role;

select * from finish();
rollback;
