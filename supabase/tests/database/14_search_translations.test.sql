-- Search in every language of a challenge (supabase/migrations/20261207001700_search_translations.sql):
-- a version's texts in the search documents and its words in the lexicon, kept by the triggers on
-- challenge_translations (and on challenges when one becomes public or stops being, or is deleted
-- with its versions), the index upsert queued, params.lang, the hits' versions and snippets.
-- Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(22);

update private.search_state set outbox_enabled = true;

-- A copy of an open English challenge without versions, to write versions on freely.
insert into public.challenges
select (jsonb_populate_record(null::public.challenges, to_jsonb(c) || jsonb_build_object(
	'id', '00000000-0000-4000-8000-0000000014a1', 'slug', 'pgtap-translations-copy',
	'title', 'Coastal tide gauges copy', 'summary', 'A copy of a challenge for the version tests.'))).*
from public.challenges c where c.slug = 'chonburi-coastal-flood-sensors';

select is((select status::text from public.challenges where slug = 'pgtap-translations-copy'), 'open',
	'the copy is open (public)');

select is((select count(*)::int from pg_trigger where tgrelid = 'public.challenge_translations'::regclass
	and tgname like 'challenge_translations_search_after_%'), 3, 'three statement triggers keep search in step with versions');

-- ---------------------------------------------------------------------------------------------
-- A version is searched, weighted and counted
-- ---------------------------------------------------------------------------------------------

delete from private.search_outbox;
insert into public.challenge_translations (challenge_id, language, title, summary, description)
values ('00000000-0000-4000-8000-0000000014a1', 'zh', 'Zyxquatitle 海堤潮位计', 'Zyxquasummary 沿海潮位监测的副本。', 'Zyxquadesc 描述');

select ok((select ts_filter(rank_vector, '{a}') @@ 'zyxquatitl'::tsquery from private.search_docs where id = '00000000-0000-4000-8000-0000000014a1'),
	'a version''s title is in the ranking vector at weight A');
select ok((select ts_filter(rank_vector, '{b}') @@ 'zyxquasummari'::tsquery from private.search_docs where id = '00000000-0000-4000-8000-0000000014a1'),
	'its summary at weight B');
select ok((select ts_filter(search_vector, '{c}') @@ 'zyxquadesc'::tsquery from private.search_docs where id = '00000000-0000-4000-8000-0000000014a1'),
	'its description at weight C, in the match vector only');
select ok((select search_vector @@ '海堤 <-> 堤潮'::tsquery from private.search_docs where id = '00000000-0000-4000-8000-0000000014a1'),
	'its Chinese as bigrams, as the original''s');
select ok((select search_text like '%zyxquatitle%' from private.search_docs where id = '00000000-0000-4000-8000-0000000014a1'),
	'its title is in the trigram text');
select is((select ndoc from private.search_lexicon where word = 'zyxquatitle'), 1, 'its title words are in the lexicon');
select is((select op from private.search_outbox where challenge_id = '00000000-0000-4000-8000-0000000014a1'), 'upsert',
	'the index upsert is queued in the same transaction');

update public.challenge_translations set title = 'Zyxquanew 海堤潮位计'
where challenge_id = '00000000-0000-4000-8000-0000000014a1';
select is((select count(*)::int from private.search_lexicon where word = 'zyxquatitle'), 0, 'a changed title''s old words leave the lexicon');
select is((select ndoc from private.search_lexicon where word = 'zyxquanew'), 1, 'and its new ones come in');
select ok((select not (rank_vector @@ 'zyxquatitl'::tsquery) and rank_vector @@ 'zyxquanew'::tsquery
	from private.search_docs where id = '00000000-0000-4000-8000-0000000014a1'), 'the document follows');

-- ---------------------------------------------------------------------------------------------
-- The challenge stops being public, comes back, is deleted with its versions
-- ---------------------------------------------------------------------------------------------

update public.challenges set status = 'withdrawn' where id = '00000000-0000-4000-8000-0000000014a1';
select is((select count(*)::int from private.search_lexicon where word = 'zyxquanew'), 0,
	'a withdrawn challenge''s versions leave the lexicon');
update public.challenge_translations set summary = 'Zyxquahidden 沿海潮位监测的副本。'
where challenge_id = '00000000-0000-4000-8000-0000000014a1';
select is((select count(*)::int from private.search_lexicon where word = 'zyxquahidden'), 0,
	'a version of a challenge that is not public is not counted');
select is((select count(*)::int from private.search_docs where id = '00000000-0000-4000-8000-0000000014a1'), 0,
	'nor searched');

-- Back to public (an import could; no status goes back to open): inserted again as open.
delete from public.challenges where id = '00000000-0000-4000-8000-0000000014a1';
insert into public.challenges
select (jsonb_populate_record(null::public.challenges, to_jsonb(c) || jsonb_build_object(
	'id', '00000000-0000-4000-8000-0000000014a1', 'slug', 'pgtap-translations-copy'))).*
from public.challenges c where c.slug = 'chonburi-coastal-flood-sensors';
insert into public.challenge_translations (challenge_id, language, title, summary, description)
values ('00000000-0000-4000-8000-0000000014a1', 'zh', 'Zyxquaback 海堤潮位计', 'Zyxquaback 沿海潮位监测的副本。', '描述');
select is((select ndoc from private.search_lexicon where word = 'zyxquaback'), 1, 'a version of a public challenge counts once per text');
delete from public.challenges where id = '00000000-0000-4000-8000-0000000014a1';
select is((select count(*)::int from private.search_lexicon where word = 'zyxquaback'), 0,
	'a deleted challenge takes its versions'' words with it');

-- ---------------------------------------------------------------------------------------------
-- params.lang, the hits' versions and snippets
-- ---------------------------------------------------------------------------------------------

select is(private.search_lang('{"lang": "zh"}'), 'zh', 'lang: a portal language');
select is(private.search_lang('"{\"lang\": \"en\"}"'), 'en', 'lang inside a JSON string (GET /rpc)');
select is(private.search_lang('{"lang": "fr"}'), null, 'lang: anything else is dropped');

set local role anon;
select is(
	(select (h).translations -> 'en' ->> 'title'
	 from unnest((public.search_challenges('{"q": "flood", "lang": "en", "limit": 50}')).hits) h
	 where (h).slug = 'shanghai-sponge-city-waterlogging-sensors'),
	'Sponge city rainwater harvesting and flood sensor pilot',
	'a hit carries its versions'' titles and summaries');
select ok(
	(select strpos((h).snippet, 'flood') > 0
	 from unnest((public.search_challenges('{"q": "flood", "lang": "en", "limit": 50}')).hits) h
	 where (h).slug = 'shanghai-sponge-city-waterlogging-sensors'),
	'the snippet comes from the version in the visitor''s language');
reset role;

select * from finish();
rollback;
