-- The hub's exports and weekly digest (issue 14; migration 20261207001300_hub_exports_digest.sql,
-- docs/collaboration.md § Exports and the weekly digest): who may export, what each export holds
-- (drafts left out, withdrawn challenges kept, no proposal text), paging by id, and the digest's
-- once-per-person-per-week claim and its three lists on a small fixture. Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(30);

-- People: hub staff (h1, verified; h2, unverified address), a vendor (v1).
insert into identity."user" (id, name, email, "emailVerified") values
	('00000000-0000-4000-8000-0000000010a1', 'Hana Hub', 'hana@hub.pgtap.test', true),
	('00000000-0000-4000-8000-0000000010a2', 'Hugo Hub', 'hugo@hub.pgtap.test', false),
	('00000000-0000-4000-8000-0000000010a3', 'Vera Vendor', 'vera@hub.pgtap.test', true);
insert into public.organisations (id, kind, slug, name, country, verified) values
	('00000000-0000-4000-8000-0000000010b1', 'hub', 'pgtap-exports-hub', 'pgTAP Hub', 'MY', true),
	('00000000-0000-4000-8000-0000000010b2', 'city', 'pgtap-exports-city', 'pgTAP Exports City', 'MY', true),
	('00000000-0000-4000-8000-0000000010b3', 'vendor', 'pgtap-exports-vendor', 'Gamma Grids', 'MY', true);
insert into public.memberships (organisation_id, user_id, role) values
	('00000000-0000-4000-8000-0000000010b1', '00000000-0000-4000-8000-0000000010a1', 'admin'),
	('00000000-0000-4000-8000-0000000010b1', '00000000-0000-4000-8000-0000000010a2', 'member'),
	('00000000-0000-4000-8000-0000000010b3', '00000000-0000-4000-8000-0000000010a3', 'admin');

-- Challenges: c1 open (deadline in 3 days), c2 open (in 8 days), c3 withdrawn, c4 draft.
insert into public.challenges (id, slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
select v.id::uuid, v.slug, (select id from public.cities order by id limit 1), '00000000-0000-4000-8000-0000000010b2',
	v.title, 'A challenge of the exports fixture.', 'utilities', v.status::public.challenge_status,
	now() + make_interval(days => v.days), case when v.status = 'draft' then null else now() end
from (values
	('00000000-0000-4000-8000-0000000010c1', 'pgtap-exports-soon', 'Grid sensors soon', 'open', 3),
	('00000000-0000-4000-8000-0000000010c2', 'pgtap-exports-later', 'Grid sensors later', 'open', 8),
	('00000000-0000-4000-8000-0000000010c3', 'pgtap-exports-gone', 'Grid sensors gone', 'open', 20),
	('00000000-0000-4000-8000-0000000010c4', 'pgtap-exports-draft', 'Grid sensors draft', 'draft', 20)
) as v (id, slug, title, status, days);

-- Proposals on c1 and c2 (submitted, then shortlisted), and a draft on c3.
insert into public.proposals (id, challenge_id, organisation_id, status, title, summary, approach) values
	('00000000-0000-4000-8000-0000000010e1', '00000000-0000-4000-8000-0000000010c1', '00000000-0000-4000-8000-0000000010b3',
		'submitted', 'Secret grid plan one', 'Secret summary one.', 'Secret approach one.'),
	('00000000-0000-4000-8000-0000000010e2', '00000000-0000-4000-8000-0000000010c2', '00000000-0000-4000-8000-0000000010b3',
		'submitted', 'Secret grid plan two', 'Secret summary two.', 'Secret approach two.'),
	('00000000-0000-4000-8000-0000000010e3', '00000000-0000-4000-8000-0000000010c3', '00000000-0000-4000-8000-0000000010b3',
		'draft', 'Secret draft', '', '');
update public.proposals set status = 'shortlisted', feedback = 'Good', decided_at = now()
where id in ('00000000-0000-4000-8000-0000000010e1', '00000000-0000-4000-8000-0000000010e2');
-- c3 withdrawn after its draft was started.
update public.challenges set status = 'withdrawn' where id = '00000000-0000-4000-8000-0000000010c3';
-- Partnerships: f1 stalled (its event 30 days ago), f2 overdue (due yesterday).
insert into public.partnerships (id, proposal_id, challenge_id, city_organisation_id, vendor_organisation_id, owner_id,
	next_step, next_step_due) values
	('00000000-0000-4000-8000-0000000010f1', '00000000-0000-4000-8000-0000000010e1', '00000000-0000-4000-8000-0000000010c1',
		'00000000-0000-4000-8000-0000000010b2', '00000000-0000-4000-8000-0000000010b3', '00000000-0000-4000-8000-0000000010a1',
		null, null),
	('00000000-0000-4000-8000-0000000010f2', '00000000-0000-4000-8000-0000000010e2', '00000000-0000-4000-8000-0000000010c2',
		'00000000-0000-4000-8000-0000000010b2', '00000000-0000-4000-8000-0000000010b3', null,
		'Send the contract', current_date - 1);
update public.partnership_events set at = now() - interval '30 days'
where partnership_id = '00000000-0000-4000-8000-0000000010f1';
update public.partnerships set last_activity_at = now() - interval '30 days'
where id = '00000000-0000-4000-8000-0000000010f1';

create function pg_temp.as_user(id text) returns void language sql as $$
	select set_config('request.jwt.claims', json_build_object('sub', id, 'role', 'authenticated')::text, true)
$$;
grant execute on function pg_temp.as_user(text) to authenticated, service_role;
-- What SQL counts, before any role switch (the superuser reads everything).
create temporary table expected (k text primary key, n integer) on commit drop;
insert into expected values
	('partnerships', (select count(*) from public.partnerships)),
	('challenges', (select count(*) from public.challenges where status <> 'draft')),
	('proposals', (select count(*) from public.proposals where submitted_at is not null));
grant select on expected to authenticated, service_role;

select ok(
	(select bool_and(p.prosecdef and p.proconfig @> array['search_path=""'])
	 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
	 where n.nspname = 'public' and p.proname in ('hub_export_pipeline', 'hub_export_challenges', 'hub_export_proposals',
		'claim_hub_weekly_digests', 'complete_hub_weekly_digest', 'release_hub_weekly_digest', 'hub_weekly_digest_items')),
	'the export and digest functions are SECURITY DEFINER with an empty search_path');
select ok(not has_function_privilege('anon', 'public.hub_export_pipeline(uuid, integer)', 'execute')
	and not has_function_privilege('anon', 'public.hub_export_challenges(uuid, integer)', 'execute')
	and not has_function_privilege('anon', 'public.hub_export_proposals(uuid, integer)', 'execute'),
	'visitors call no export');
select ok(not has_function_privilege('authenticated', 'public.claim_hub_weekly_digests(integer, uuid[])', 'execute')
	and not has_function_privilege('authenticated', 'public.hub_weekly_digest_items()', 'execute')
	and has_function_privilege('service_role', 'public.claim_hub_weekly_digests(integer, uuid[])', 'execute'),
	'the digest functions are the job''s (service role) only');
select ok(
	(select not (p.proargnames && array['title', 'summary', 'approach', 'pilot_plan', 'cost_estimate', 'currency',
		'timeline', 'client_references', 'links', 'feedback'])
	 from pg_proc p where p.oid = 'public.hub_export_proposals(uuid, integer)'::regprocedure),
	'the proposal summary has no column for any of a proposal''s text');
select has_table('private', 'hub_weekly_digests', 'the digest keeps who was sent which week');

set local role authenticated;

-- Who may export -------------------------------------------------------------------------------
select set_config('request.jwt.claims', '{"role": "authenticated"}', true);
select throws_ok($$select * from public.hub_export_pipeline()$$, 'PT403', 'not_signed_in', 'nobody signed in: refused');
select pg_temp.as_user('00000000-0000-4000-8000-0000000010a3');
select throws_ok($$select * from public.hub_export_pipeline()$$, 'PT403', 'not_hub_staff', 'a vendor: no pipeline');
select throws_ok($$select * from public.hub_export_challenges()$$, 'PT403', 'not_hub_staff', 'a vendor: no challenges export');
select throws_ok($$select * from public.hub_export_proposals()$$, 'PT403', 'not_hub_staff', 'a vendor: no proposal summary');

-- What hub staff export ------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000010a1');
select is((select count(*)::int from public.hub_export_pipeline(null, 1000)), (select n from expected where k = 'partnerships'),
	'the pipeline: one row per partnership');
select is(
	(select concat_ws('|', stalled, overdue, owner, stage) from public.hub_export_pipeline(null, 1000) where id = '00000000-0000-4000-8000-0000000010f1'),
	concat_ws('|', true, false, 'Hana Hub', 'matched'),
	'the quiet one is stalled, not overdue, with its owner');
select is(
	(select concat_ws('|', stalled, overdue, next_step, next_step_due) from public.hub_export_pipeline(null, 1000) where id = '00000000-0000-4000-8000-0000000010f2'),
	concat_ws('|', false, true, 'Send the contract', current_date - 1),
	'the other is overdue with its next step');
select is((select count(*)::int from public.hub_export_challenges(null, 1000)), (select n from expected where k = 'challenges'),
	'challenges: every one but drafts');
select is(
	(select array_agg(status::text order by slug) from public.hub_export_challenges(null, 1000) where slug like 'pgtap-exports-%'),
	array['withdrawn', 'open', 'open'],
	'the withdrawn one is in, the draft is not');
select is(
	(select array_agg(proposals order by slug) from public.hub_export_challenges(null, 1000) where slug like 'pgtap-exports-%'),
	array[0, 1, 1],
	'submitted proposals are counted, the draft is not');
select is((select count(*)::int from public.hub_export_proposals(null, 1000)), (select n from expected where k = 'proposals'),
	'the proposal summary: every submitted proposal');
select is(
	(select concat_ws('|', vendor, status, versions) from public.hub_export_proposals(null, 1000) where id = '00000000-0000-4000-8000-0000000010e1'),
	'Gamma Grids|shortlisted|1',
	'a summary row: vendor, status, versions');
select ok(not exists (select 1 from public.hub_export_proposals(null, 1000) where id = '00000000-0000-4000-8000-0000000010e3'),
	'a draft is never in the summary');

-- Paging by id
select is(
	(select count(*)::int from public.hub_export_challenges(null, 2)), 2, 'a page holds page_size rows');
select is(
	(select array_agg(x.id order by x.id)
	 from public.hub_export_challenges((select y.id from public.hub_export_challenges(null, 2) y order by y.id desc limit 1), 2) x),
	(select array_agg(z.id order by z.id) from (
		select w.id from public.hub_export_challenges(null, 4) w order by w.id offset 2) z),
	'the next page: the two after the last id of the first, as one page of four has them');
select ok((select count(*) from public.hub_export_challenges(null, 5000)) <= 1000, 'at most 1000 rows a page');

-- The weekly digest -----------------------------------------------------------------------------
reset role;
set local role service_role;
select is(
	(select array_agg(user_id) from public.claim_hub_weekly_digests(300,
		array['00000000-0000-4000-8000-0000000010a1', '00000000-0000-4000-8000-0000000010a2', '00000000-0000-4000-8000-0000000010a3']::uuid[])),
	array['00000000-0000-4000-8000-0000000010a1']::uuid[],
	'the claim: hub staff with a verified address only (not the unverified one, not the vendor)');
reset role;
select is(
	(select week from private.hub_weekly_digests where user_id = '00000000-0000-4000-8000-0000000010a1'),
	to_char(now() at time zone 'utc', 'IYYY-"W"IW'),
	'recorded for the ISO week');
set local role service_role;
select is(
	(select count(*)::int from public.claim_hub_weekly_digests(300, array['00000000-0000-4000-8000-0000000010a1']::uuid[])),
	0, 'a second run while the first holds it claims nothing');
select lives_ok(
	format($$select public.release_hub_weekly_digest('00000000-0000-4000-8000-0000000010a1', %L)$$,
		to_char(now() at time zone 'utc', 'IYYY-"W"IW')),
	'a failed mail gives the claim back');
select is(
	(select count(*)::int from public.claim_hub_weekly_digests(300, array['00000000-0000-4000-8000-0000000010a1']::uuid[])),
	1, 'and the next run claims it again');
select is(
	public.complete_hub_weekly_digest('00000000-0000-4000-8000-0000000010a1', to_char(now() at time zone 'utc', 'IYYY-"W"IW')),
	true, 'sent: marked');
reset role;
update private.hub_weekly_digests set claimed_until = now() - interval '1 hour'
where user_id = '00000000-0000-4000-8000-0000000010a1';
set local role service_role;
select is(
	(select count(*)::int from public.claim_hub_weekly_digests(300, array['00000000-0000-4000-8000-0000000010a1']::uuid[])),
	0, 'once sent, nothing more this week');
select is(
	(select array_agg(section || ':' || challenge_title order by section, challenge_title)
	 from public.hub_weekly_digest_items() where challenge_slug like 'pgtap-exports-%'),
	array['deadline:Grid sensors soon', 'overdue:Grid sensors later', 'stalled:Grid sensors soon'],
	'the lists: the stalled one, the overdue one, the deadline in 3 days (not the one in 8, not the withdrawn one)');
update public.partnerships set stage = 'closed', closed_reason = 'No budget'
where id = '00000000-0000-4000-8000-0000000010f2';
select ok(
	not exists (select 1 from public.hub_weekly_digest_items() where id = '00000000-0000-4000-8000-0000000010f2'),
	'a closed partnership is neither stalled nor overdue');

select * from finish();
rollback;
