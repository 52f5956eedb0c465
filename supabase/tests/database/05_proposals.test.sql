-- Proposals (issue 13, item 4; migrations 20261207000000 (the guard) and 20261207000300 (the
-- functions), docs/collaboration.md § Proposals): who may write, the draft → submitted lifecycle,
-- versions, the idempotent submit, illegal transitions, and the deadline by the clock (not by the
-- transaction's start). People and organisations are made as the owner; each step runs as
-- `authenticated` with the person's claims. Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(47);

insert into identity."user" (id, name, email, "emailVerified") values
	('00000000-0000-4000-8000-0000000005a1', 'Va Vendor', 'va@pgtap-proposals.test', true),
	('00000000-0000-4000-8000-0000000005a2', 'Vb Vendor', 'vb@pgtap-proposals.test', true),
	('00000000-0000-4000-8000-0000000005a3', 'Ci City', 'ci@pgtap-proposals.test', true),
	('00000000-0000-4000-8000-0000000005a4', 'Ou Outsider', 'ou@pgtap-proposals.test', true);

insert into public.organisations (id, kind, slug, name, country, verified) values
	('00000000-0000-4000-8000-0000000005b1', 'vendor', 'pgtap-p-vendor-a', 'pgTAP Vendor A', 'MY', true),
	('00000000-0000-4000-8000-0000000005b2', 'vendor', 'pgtap-p-vendor-b', 'pgTAP Vendor B', 'MY', false),
	('00000000-0000-4000-8000-0000000005b3', 'city', 'pgtap-p-city', 'pgTAP City', 'MY', true);
insert into public.memberships (organisation_id, user_id, role) values
	('00000000-0000-4000-8000-0000000005b1', '00000000-0000-4000-8000-0000000005a1', 'member'),
	('00000000-0000-4000-8000-0000000005b2', '00000000-0000-4000-8000-0000000005a2', 'admin'),
	('00000000-0000-4000-8000-0000000005b3', '00000000-0000-4000-8000-0000000005a3', 'admin');

insert into public.challenges (id, slug, city_id, organisation_id, title, summary, domain, status, deadline) values
	('00000000-0000-4000-8000-0000000005c1', 'pgtap-p-open', (select id from public.cities order by slug limit 1),
	 '00000000-0000-4000-8000-0000000005b3', 'An open challenge', 'A challenge that takes proposals.', 'mobility', 'open',
	 now() + interval '30 days'),
	('00000000-0000-4000-8000-0000000005c2', 'pgtap-p-review', (select id from public.cities order by slug limit 1),
	 '00000000-0000-4000-8000-0000000005b3', 'A challenge in review', 'A challenge that no longer takes proposals.', 'mobility',
	 'in_review', now() - interval '1 day'),
	('00000000-0000-4000-8000-0000000005c3', 'pgtap-p-draft', (select id from public.cities order by slug limit 1),
	 '00000000-0000-4000-8000-0000000005b3', 'A draft challenge', 'A challenge nobody outside sees yet.', 'mobility',
	 'draft', null);

create function pg_temp.as_user(id text) returns void language sql as $$
	select set_config('request.jwt.claims', json_build_object('sub', id, 'role', 'authenticated')::text, true)
$$;
grant execute on function pg_temp.as_user(text) to authenticated, service_role;
create temporary table carry (k text primary key, v text) on commit drop;
grant all on carry to authenticated, service_role;

-- How the functions are defined -------------------------------------------------------------------
select ok(
	(select bool_and(p.prosecdef and p.proconfig @> array['search_path=""'])
	 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
	 where n.nspname = 'public' and p.proname in ('save_proposal_draft', 'submit_proposal', 'update_submitted_proposal', 'withdraw_proposal')),
	'the proposal functions are SECURITY DEFINER with an empty search_path');
select ok(
	not has_function_privilege('anon', 'public.submit_proposal(uuid)', 'execute')
	and has_function_privilege('authenticated', 'public.submit_proposal(uuid)', 'execute'),
	'visitors call none of them; members do');

set local role authenticated;

-- Who may write -----------------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000005a4');
select throws_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1', '00000000-0000-4000-8000-0000000005b1', 'Mine')$$,
	'PT403', 'not_member', 'an outsider cannot write for a vendor');
select throws_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1')$$,
	'PT400', 'proposal_organisation_required', 'no organisation named and none acted for');
select pg_temp.as_user('00000000-0000-4000-8000-0000000005a3');
select throws_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1', '00000000-0000-4000-8000-0000000005b3', 'Ours')$$,
	'PT403', 'proposal_vendor_only', 'a city organisation does not propose');
select pg_temp.as_user('00000000-0000-4000-8000-0000000005a1');
select throws_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c3', '00000000-0000-4000-8000-0000000005b1', 'Early')$$,
	'PT404', 'challenge_unknown', 'a draft challenge is unknown');
select throws_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c2', '00000000-0000-4000-8000-0000000005b1', 'Late')$$,
	'PT409', 'challenge_not_open', 'a challenge in review takes no proposal');

-- Drafts ------------------------------------------------------------------------------------------
select lives_ok($$insert into carry select 'p', (public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1',
	'00000000-0000-4000-8000-0000000005b1', 'Sen')).id$$, 'a member saves a first draft (a title is enough)');
select results_eq($$select status::text, version, submitted_at is null from public.proposals where id = (select v::uuid from carry where k = 'p')$$,
	$$values ('draft', 0, true)$$, 'the draft: status draft, no version, not submitted');
select is((public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1', '00000000-0000-4000-8000-0000000005b1',
	'Sensors', 'Short')).id, (select v::uuid from carry where k = 'p'), 'saving again updates the same draft');
select is((select count(*)::int from public.proposals where challenge_id = '00000000-0000-4000-8000-0000000005c1'), 1,
	'one proposal for the organisation');
select throws_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1', '00000000-0000-4000-8000-0000000005b1',
	'Sensors', cost_estimate => -1, currency => 'USD')$$, '23514', null, 'a negative cost is refused (constraint)');
select throws_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1', '00000000-0000-4000-8000-0000000005b1',
	'Sensors', cost_estimate => 10, currency => 'XXX')$$, '23503', null, 'an unknown currency is refused');
select throws_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1', '00000000-0000-4000-8000-0000000005b1',
	'Sensors', links => array['ftp://example.org/a'])$$, '23514', null, 'a link that is not http(s) is refused');
select throws_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1', '00000000-0000-4000-8000-0000000005b1',
	repeat('x', 201))$$, '23514', null, 'a title over 200 characters is refused');
select throws_ok($$select public.submit_proposal((select v::uuid from carry where k = 'p'))$$,
	'PT400', 'proposal_incomplete', 'an incomplete draft is not submitted');
select throws_ok($$update public.proposals set title = 'Raw' where id = (select v::uuid from carry where k = 'p')$$,
	'42501', null, 'no direct update for members (functions only)');

-- Submitting: one version, idempotent -------------------------------------------------------------
select lives_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1', '00000000-0000-4000-8000-0000000005b1',
	'Flood sensors', 'Low-cost sensors along the river.', 'Mesh network of sensors and alerts.', cost_estimate => 12000,
	currency => 'usd', links => array[' https://example.org/deck ', ''])$$, 'the draft is completed');
select results_eq($$select currency::text, links from public.proposals where id = (select v::uuid from carry where k = 'p')$$,
	$$values ('USD', array['https://example.org/deck'])$$, 'currency upper-cased, links trimmed, blanks dropped');
select lives_ok($$select public.submit_proposal((select v::uuid from carry where k = 'p'))$$, 'the draft is submitted');
select lives_ok($$select public.submit_proposal((select v::uuid from carry where k = 'p'))$$, 'a second submit is accepted');
select results_eq($$select status::text, version, submitted_at is not null from public.proposals where id = (select v::uuid from carry where k = 'p')$$,
	$$values ('submitted', 1, true)$$, 'submitted once: version 1');
select is((select count(*)::int from public.proposal_versions where proposal_id = (select v::uuid from carry where k = 'p')), 1,
	'a double submit stores one version');
select throws_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1', '00000000-0000-4000-8000-0000000005b1', 'Again')$$,
	'PT409', 'proposal_already_submitted', 'a submitted proposal is not a draft any more');

-- Editing a submitted proposal: a version per change ---------------------------------------------
select is((public.update_submitted_proposal((select v::uuid from carry where k = 'p'), 'Flood sensors',
	'Low-cost sensors along the river.', 'Mesh network of sensors and alerts.', '', 12000, 'USD', '', '',
	array['https://example.org/deck'])).version, 1, 're-submitting the same text adds no version');
select is((public.update_submitted_proposal((select v::uuid from carry where k = 'p'), 'Flood sensors v2',
	'Low-cost sensors along the river.', 'Mesh network of sensors and alerts.', 'Three months', 12000, 'USD', '', '',
	array['https://example.org/deck'])).version, 2, 'a change is version 2');
select results_eq($$select version, content->>'title' from public.proposal_versions
	where proposal_id = (select v::uuid from carry where k = 'p') order by version$$,
	$$values (1, 'Flood sensors'), (2, 'Flood sensors v2')$$, 'each version keeps its own text');
select throws_ok($$select public.update_submitted_proposal((select v::uuid from carry where k = 'p'), 'X',
	'Low-cost sensors along the river.', 'Mesh network of sensors and alerts.')$$,
	'PT400', 'proposal_incomplete', 'an edit must stay complete');

-- Confidentiality: vendor B sees nothing of it -------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000005a2');
select is((select count(*)::int from public.proposals where id = (select v::uuid from carry where k = 'p')), 0,
	'another vendor reads no proposal of vendor A');
select is((select count(*)::int from public.proposal_versions where proposal_id = (select v::uuid from carry where k = 'p')), 0,
	'nor its versions');
select throws_ok($$select public.submit_proposal((select v::uuid from carry where k = 'p'))$$,
	'PT404', 'proposal_unknown', 'nor learns it exists through the functions');
select throws_ok($$select public.withdraw_proposal((select v::uuid from carry where k = 'p'))$$,
	'PT404', 'proposal_unknown', 'nor withdraws it');
-- The city does not read it before declaring no conflict.
select pg_temp.as_user('00000000-0000-4000-8000-0000000005a3');
select is((select count(*)::int from public.proposals where id = (select v::uuid from carry where k = 'p')), 0,
	'the city reads a submitted proposal only once cleared');

-- Illegal transitions and final states (any writer, here the owner) ---------------------------------
reset role;
select throws_ok($$update public.proposals set status = 'draft' where id = (select v::uuid from carry where k = 'p')$$,
	'PT409', 'proposal_status_illegal', 'submitted → draft is refused');
select throws_ok($$update public.proposals set challenge_id = '00000000-0000-4000-8000-0000000005c2' where id = (select v::uuid from carry where k = 'p')$$,
	'PT409', 'proposal_status_illegal', 'a proposal stays with its challenge');
update public.proposals set status = 'declined', feedback = 'Not this time.', decided_at = now()
	where id = (select v::uuid from carry where k = 'p');
set local role authenticated;
select pg_temp.as_user('00000000-0000-4000-8000-0000000005a1');
select throws_ok($$select public.withdraw_proposal((select v::uuid from carry where k = 'p'))$$,
	'PT409', 'proposal_final', 'a declined proposal cannot be withdrawn');
select throws_ok($$select public.update_submitted_proposal((select v::uuid from carry where k = 'p'), 'Flood sensors v3',
	'Low-cost sensors along the river.', 'Mesh network of sensors and alerts.')$$,
	'PT409', 'proposal_final', 'nor edited');
select is((select feedback from public.proposals where id = (select v::uuid from carry where k = 'p')), 'Not this time.',
	'its vendor reads the feedback');

-- Withdrawing; a new live proposal afterwards ----------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000005a2');
select lives_ok($$insert into carry select 'q', (public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1',
	'00000000-0000-4000-8000-0000000005b2', 'B''s idea', 'A summary of ten.', 'An approach of ten.')).id$$,
	'an unverified vendor drafts too');
select is((public.withdraw_proposal((select v::uuid from carry where k = 'q'))).status::text, 'withdrawn', 'withdrawn');
select is((public.withdraw_proposal((select v::uuid from carry where k = 'q'))).status::text, 'withdrawn', 'withdrawing twice is harmless');
select throws_ok($$select public.submit_proposal((select v::uuid from carry where k = 'q'))$$,
	'PT409', 'proposal_final', 'a withdrawn proposal is not submitted');
select isnt((public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1', '00000000-0000-4000-8000-0000000005b2', 'Fresh start', 'A summary of ten.', 'An approach of ten.')).id,
	(select v::uuid from carry where k = 'q'), 'after withdrawing, a new draft is a new proposal');

-- The deadline, by the clock ---------------------------------------------------------------------
reset role;
update public.challenges set deadline = clock_timestamp() + interval '400 milliseconds'
	where id = '00000000-0000-4000-8000-0000000005c1';
select pg_sleep(0.6);
set local role authenticated;
select pg_temp.as_user('00000000-0000-4000-8000-0000000005a2');
select throws_ok($$select public.save_proposal_draft('00000000-0000-4000-8000-0000000005c1', '00000000-0000-4000-8000-0000000005b2', 'Too late')$$,
	'PT409', 'deadline_passed', 'a draft saved after the deadline (same transaction, later clock) is refused');
select throws_ok($$select public.submit_proposal((select id from public.proposals where organisation_id = '00000000-0000-4000-8000-0000000005b2' and status = 'draft'))$$,
	'PT409', 'deadline_passed', 'a submission after the deadline is refused');
reset role;
select throws_ok($$update public.proposals set status = 'submitted', summary = 'A summary of ten.', approach = 'An approach of ten.'
	where organisation_id = '00000000-0000-4000-8000-0000000005b2' and status = 'draft'$$,
	'PT409', 'deadline_passed', 'even the owner''s direct update is refused after the deadline');
select is((select count(*)::int from public.proposals where organisation_id = '00000000-0000-4000-8000-0000000005b2' and status = 'submitted'), 0,
	'nothing was submitted late');

select * from finish();
rollback;
