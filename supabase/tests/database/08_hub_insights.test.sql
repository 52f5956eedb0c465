-- Insights for hub staff (issue 14; migration 20261207001100_hub_insights.sql, docs/collaboration.md
-- § Insights): who may call public.hub_insights(), and how a small fixture moves its numbers (the
-- database holds the demo data too, so each number is read before and after the fixture). A draft
-- never counts. Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(17);

insert into identity."user" (id, name, email, "emailVerified") values
	('00000000-0000-4000-8000-0000000008a1', 'Hana Hub', 'hana@insights.pgtap.test', true),
	('00000000-0000-4000-8000-0000000008a2', 'Cy City', 'cy@insights.pgtap.test', true),
	('00000000-0000-4000-8000-0000000008a3', 'Vi Vendor', 'vi@insights.pgtap.test', true),
	('00000000-0000-4000-8000-0000000008a4', 'Wu Vendor', 'wu@insights.pgtap.test', true);
insert into public.organisations (id, kind, slug, name, country, verified) values
	('00000000-0000-4000-8000-0000000008b1', 'hub', 'pgtap-insights-hub', 'pgTAP Insights Hub', 'MY', true),
	('00000000-0000-4000-8000-0000000008b2', 'city', 'pgtap-insights-city', 'pgTAP Insights City', 'MY', true),
	('00000000-0000-4000-8000-0000000008b3', 'vendor', 'pgtap-insights-alpha', 'Alpha Insights', 'MY', true),
	('00000000-0000-4000-8000-0000000008b4', 'vendor', 'pgtap-insights-beta', 'Beta Insights', 'MY', true);
insert into public.memberships (organisation_id, user_id, role) values
	('00000000-0000-4000-8000-0000000008b1', '00000000-0000-4000-8000-0000000008a1', 'member'),
	('00000000-0000-4000-8000-0000000008b2', '00000000-0000-4000-8000-0000000008a2', 'admin'),
	('00000000-0000-4000-8000-0000000008b3', '00000000-0000-4000-8000-0000000008a3', 'admin'),
	('00000000-0000-4000-8000-0000000008b4', '00000000-0000-4000-8000-0000000008a4', 'admin');

create function pg_temp.as_user(id text) returns void language sql as $$
	select set_config('request.jwt.claims', json_build_object('sub', id, 'role', 'authenticated')::text, true)
$$;
grant execute on function pg_temp.as_user(text) to authenticated, service_role;
create temporary table snap (k text primary key, v jsonb) on commit drop;
grant all on snap to authenticated, service_role;
-- One number of a snapshot: the chart's row whose `key` field is `val`, its field `field`.
create function pg_temp.n(k text, chart text, key text, val text, field text) returns numeric
language sql as $$
	select (e ->> field)::numeric from snap s, jsonb_array_elements(s.v -> chart) e
	where s.k = n.k and e ->> key = val
$$;
grant execute on function pg_temp.n(text, text, text, text, text) to authenticated, service_role;
create function pg_temp.delta(chart text, key text, val text, field text) returns numeric
language sql as $$ select pg_temp.n('after', chart, key, val, field) - pg_temp.n('before', chart, key, val, field) $$;
grant execute on function pg_temp.delta(text, text, text, text) to authenticated, service_role;

select ok(
	(select p.prosecdef and p.proconfig @> array['search_path=""']
	 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
	 where n.nspname = 'public' and p.proname = 'hub_insights'),
	'hub_insights is SECURITY DEFINER with an empty search_path');
select ok(not has_function_privilege('anon', 'public.hub_insights()', 'execute'), 'visitors cannot call it');

set local role authenticated;

-- Refusals -------------------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000008a2');
select throws_ok($$select public.hub_insights()$$, 'PT403', 'not_hub_staff', 'a city official is refused');
select pg_temp.as_user('00000000-0000-4000-8000-0000000008a3');
select throws_ok($$select public.hub_insights()$$, 'PT403', 'not_hub_staff', 'a vendor is refused');
select set_config('request.jwt.claims', '', true);
select throws_ok($$select public.hub_insights()$$, 'PT403', 'not_hub_staff', 'nobody signed in is refused');

select pg_temp.as_user('00000000-0000-4000-8000-0000000008a1');
insert into snap values ('before', public.hub_insights());
select ok((select v ? 'pipeline' from snap where k = 'before'), 'hub staff (a member, not only an admin) read it');

-- The fixture (as superuser) --------------------------------------------------------------------
reset role;
-- A: open, environment, two submitted proposals (one shortlisted, one declined) and a partnership
-- that reached pilot; B: open, environment, none; C: a draft (never counted).
insert into public.challenges (id, slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
select x.id::uuid, x.slug, (select id from public.cities where region = 'oceania' order by id limit 1),
	'00000000-0000-4000-8000-0000000008b2', 'Insights fixture', 'A challenge for the insights tests.',
	'environment', x.status::public.challenge_status, now() + interval '30 days', x.published::timestamptz
from (values
	('00000000-0000-4000-8000-0000000008c1', 'pgtap-insights-a', 'open', (now() - interval '10 days')::text),
	('00000000-0000-4000-8000-0000000008c2', 'pgtap-insights-b', 'open', now()::text),
	('00000000-0000-4000-8000-0000000008c3', 'pgtap-insights-c', 'draft', null)
) as x (id, slug, status, published);
insert into public.proposals (id, challenge_id, organisation_id, status, title, summary, approach) values
	('00000000-0000-4000-8000-0000000008e1', '00000000-0000-4000-8000-0000000008c1', '00000000-0000-4000-8000-0000000008b3',
		'submitted', 'Alpha plan', 'A plan from Alpha.', 'An approach from Alpha.'),
	('00000000-0000-4000-8000-0000000008e2', '00000000-0000-4000-8000-0000000008c1', '00000000-0000-4000-8000-0000000008b4',
		'submitted', 'Beta plan', 'A plan from Beta.', 'An approach from Beta.');
update public.proposals set status = 'shortlisted', feedback = 'Yes.', decided_at = now()
where id = '00000000-0000-4000-8000-0000000008e1';
update public.proposals set status = 'declined', feedback = 'No.', decided_at = now()
where id = '00000000-0000-4000-8000-0000000008e2';
insert into public.partnerships (id, proposal_id, challenge_id, city_organisation_id, vendor_organisation_id)
values ('00000000-0000-4000-8000-0000000008f1', '00000000-0000-4000-8000-0000000008e1', '00000000-0000-4000-8000-0000000008c1',
	'00000000-0000-4000-8000-0000000008b2', '00000000-0000-4000-8000-0000000008b3');
-- matched → pilot directly (intro skipped): the funnel counts it under intro too
insert into public.partnership_events (partnership_id, kind, from_stage, to_stage)
values ('00000000-0000-4000-8000-0000000008f1', 'stage', 'matched', 'pilot');
update public.partnerships set stage = 'pilot' where id = '00000000-0000-4000-8000-0000000008f1';

set local role authenticated;
select pg_temp.as_user('00000000-0000-4000-8000-0000000008a1');
insert into snap values ('after', public.hub_insights());

select is(pg_temp.delta('challenges_by_domain', 'domain', 'environment', 'challenges'), 2::numeric,
	'two more environment challenges (the draft does not count)');
select is(pg_temp.delta('challenges_by_region', 'region', 'oceania', 'challenges'), 2::numeric,
	'two more in the region of their city');
select is(pg_temp.delta('proposals_per_challenge', 'proposals', '0', 'challenges'), 1::numeric,
	'one more challenge with no proposal');
select is(pg_temp.delta('proposals_per_challenge', 'proposals', '2', 'challenges'), 1::numeric,
	'one more challenge with two');
select is(pg_temp.delta('time_to_first_proposal', 'domain', 'environment', 'challenges'), 1::numeric,
	'one more environment challenge measured for its first proposal');
select is(
	array[pg_temp.delta('shortlist_rate', 'domain', 'all', 'submitted'),
	      pg_temp.delta('shortlist_rate', 'domain', 'all', 'decided'),
	      pg_temp.delta('shortlist_rate', 'domain', 'all', 'shortlisted')],
	array[2, 2, 1]::numeric[],
	'two more submitted, both decided, one shortlisted');
select is(
	(select array_agg(pg_temp.delta('pipeline', 'stage', s, 'partnerships') order by o)
	 from unnest(array['matched', 'intro', 'pilot', 'contract', 'deployed', 'closed']) with ordinality as t (s, o)),
	array[1, 1, 1, 0, 0, 0]::numeric[],
	'the partnership counts under matched, intro (skipped) and pilot');
select is(
	(select sum((e ->> 'deployments')::int) from snap s, jsonb_array_elements(s.v -> 'deployments') e where s.k = 'after'),
	(select sum((e ->> 'deployments')::int) from snap s, jsonb_array_elements(s.v -> 'deployments') e where s.k = 'before'),
	'no deployment added');
select is(
	(select jsonb_agg(e -> 'proposals') from snap s, jsonb_array_elements(s.v -> 'proposals_per_challenge') e where s.k = 'after'),
	'[0, 1, 2, 3, 4, 5]'::jsonb,
	'the histogram has the buckets 0 to 5 (5: five or more)');

-- A rate is the share of decided proposals, to one decimal
select is(
	(select (e ->> 'rate')::numeric from snap s, jsonb_array_elements(s.v -> 'shortlist_rate') e
	 where s.k = 'after' and e ->> 'domain' = 'all'),
	(select round(100.0 * (e ->> 'shortlisted')::int / (e ->> 'decided')::int, 1)
	 from snap s, jsonb_array_elements(s.v -> 'shortlist_rate') e where s.k = 'after' and e ->> 'domain' = 'all'),
	'the overall rate is shortlisted ÷ decided in per cent');
select is(
	(select count(*)::int from snap s, jsonb_array_elements(s.v -> 'challenges_by_region') e where s.k = 'after'),
	(select count(*)::int from public.regions),
	'every region has a row, with zero when it has no challenge');

reset role;
select * from finish();
rollback;
