-- What "public" means, the challenge lifecycle, the outbox switch and a visitor's time limit
-- (supabase/migrations/20261203000000_baseline.sql, sections 2, 6 and 9). Rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(20);

-- ---------------------------------------------------------------------------------------------
-- Public, and the lifecycle
-- ---------------------------------------------------------------------------------------------

select is(
	array(select s::text from unnest(enum_range(null::public.challenge_status)) as s where private.challenge_is_public(s)),
	array['open', 'in_review', 'decided', 'archived'],
	'public: every status but draft and withdrawn'
);
select is(
	array(
		select f::text || '>' || t::text
		from unnest(enum_range(null::public.challenge_status)) as f
		cross join unnest(enum_range(null::public.challenge_status)) as t
		where private.challenge_status_transition_allowed(f, t)
		order by f, t
	),
	array[
		'draft>open', 'draft>withdrawn', 'open>in_review', 'open>decided', 'open>withdrawn',
		'in_review>decided', 'in_review>withdrawn', 'decided>archived'
	],
	'the one list of legal status changes (archived and withdrawn are final)'
);

insert into public.organisations (id, kind, slug, name, country)
values ('00000000-0000-4000-8000-0000000000a3', 'city', 'pgtap-life-hall', 'pgTAP Life Hall', 'KE');
insert into public.cities (id, slug, name, country, region, organisation_id)
values ('00000000-0000-4000-8000-0000000000c3', 'pgtap-life-city', 'pgTAP Life City', 'KE', 'africa',
	'00000000-0000-4000-8000-0000000000a3');
insert into public.challenges (id, slug, city_id, organisation_id, title, summary, domain)
values ('00000000-0000-4000-8000-00000000c0de', 'pgtap-life', '00000000-0000-4000-8000-0000000000c3',
	'00000000-0000-4000-8000-0000000000a3', 'Lifecycle challenge', 'A challenge the lifecycle test moves along.',
	'technologies');

select is((select published_at from public.challenges where slug = 'pgtap-life'), null, 'a draft is not published');
select lives_ok($$update public.challenges set status = 'open' where slug = 'pgtap-life'$$, 'draft → open');
select isnt((select published_at from public.challenges where slug = 'pgtap-life'), null,
	'opening stamps published_at');
select throws_ok($$update public.challenges set status = 'archived' where slug = 'pgtap-life'$$,
	'P0001', 'illegal challenge status transition: open → archived', 'open → archived is refused');
select throws_ok($$update public.challenges set status = 'decided' where slug = 'pgtap-life'$$,
	'23514', null, 'a decision needs an outcome');
select lives_ok($$update public.challenges set status = 'decided', outcome = 'not_awarded' where slug = 'pgtap-life'$$,
	'open → decided, not awarded');
select lives_ok($$update public.challenges set status = 'archived' where slug = 'pgtap-life'$$,
	'decided → archived');
select is((select outcome::text from public.challenges where slug = 'pgtap-life'), 'not_awarded',
	'an archived challenge keeps its outcome');
select throws_ok($$update public.challenges set status = 'open' where slug = 'pgtap-life'$$,
	'P0001', null, 'archived is final');
select throws_ok(
	$$insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, outcome)
	  values ('pgtap-life-2', '00000000-0000-4000-8000-0000000000c3', '00000000-0000-4000-8000-0000000000a3',
	          'Early outcome', 'An open challenge cannot have an outcome yet.', 'technologies', 'open', 'awarded')$$,
	'23514', null, 'no outcome before a decision');

-- ---------------------------------------------------------------------------------------------
-- The outbox: only while an index is fed, one row per challenge
-- ---------------------------------------------------------------------------------------------

update private.search_state set outbox_enabled = false;
delete from private.search_outbox;
update public.challenges set summary = summary || ' Unfed.' where slug = 'pgtap-life';
select is((select count(*)::int from private.search_outbox), 0, 'nothing is queued while no index is fed');

set local role service_role;
select lives_ok($$select public.start_search_outbox()$$, 'the reindex job starts the outbox');
reset role;
update public.challenges set summary = summary || ' Fed.' where slug = 'pgtap-life';
update public.challenges set title = 'Lifecycle challenge, renamed' where slug = 'pgtap-life';
select results_eq($$select op from private.search_outbox where challenge_id = '00000000-0000-4000-8000-00000000c0de'$$,
	$$values ('upsert')$$, 'changes are queued, one row per challenge');
delete from public.challenges where slug = 'pgtap-life';
select results_eq($$select op from private.search_outbox where challenge_id = '00000000-0000-4000-8000-00000000c0de'$$,
	$$values ('delete')$$, 'a delete replaces what was pending');
set local role service_role;
select is(public.stop_search_outbox(), 1, 'search:detach stops it and drops what was pending');
reset role;

-- ---------------------------------------------------------------------------------------------
-- A visitor's time limit (PostgREST's db-pre-request)
-- ---------------------------------------------------------------------------------------------

set local role anon;
select set_config('statement_timeout', '3s', true);
select set_config('request.path', '/challenges', true);
select private.api_pre_request();
select is(current_setting('statement_timeout'), '2s', 'a visitor''s table read gets 2 s');
select set_config('statement_timeout', '3s', true);
select set_config('request.path', '/rpc/search_challenges', true);
select private.api_pre_request();
select is(current_setting('statement_timeout'), '3s', 'an RPC keeps the role''s limit');
reset role;
select set_config('request.path', '/challenges', true);
select set_config('statement_timeout', '0', true);
select private.api_pre_request();
select is(current_setting('statement_timeout'), '0', 'other roles are left alone');

select * from finish();
rollback;
