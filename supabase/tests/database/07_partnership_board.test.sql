-- The partnership board's writes (issue 14; migration 20261207001000_partnership_board.sql,
-- docs/collaboration.md § The partnership board): hub staff only, the stage rules (forward and
-- back one step, close with a reason from an active stage, reopen to the stage it was closed
-- from), next step, owner and notes; one event per change, last activity moved, audited; who
-- reads which events. Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(45);

-- People: two hub staff (h1, h2), a city admin (c1), the vendor's admin (v1), another vendor (v2).
insert into identity."user" (id, name, email, "emailVerified") values
	('00000000-0000-4000-8000-0000000007a1', 'Hana Hub', 'hana@board.pgtap.test', true),
	('00000000-0000-4000-8000-0000000007a2', 'Hugo Hub', 'hugo@board.pgtap.test', true),
	('00000000-0000-4000-8000-0000000007a3', 'Cara City', 'cara@board.pgtap.test', true),
	('00000000-0000-4000-8000-0000000007a4', 'Vera Vendor', 'vera@board.pgtap.test', true),
	('00000000-0000-4000-8000-0000000007a5', 'Otto Other', 'otto@board.pgtap.test', true);
insert into public.organisations (id, kind, slug, name, country, verified) values
	('00000000-0000-4000-8000-0000000007b1', 'hub', 'pgtap-board-hub', 'pgTAP Board Hub', 'MY', true),
	('00000000-0000-4000-8000-0000000007b2', 'city', 'pgtap-board-city', 'pgTAP Board City', 'MY', true),
	('00000000-0000-4000-8000-0000000007b3', 'vendor', 'pgtap-board-vendor', 'Board Sensors', 'MY', true),
	('00000000-0000-4000-8000-0000000007b4', 'vendor', 'pgtap-board-other', 'Other Sensors', 'MY', true);
insert into public.memberships (organisation_id, user_id, role) values
	('00000000-0000-4000-8000-0000000007b1', '00000000-0000-4000-8000-0000000007a1', 'admin'),
	('00000000-0000-4000-8000-0000000007b1', '00000000-0000-4000-8000-0000000007a2', 'member'),
	('00000000-0000-4000-8000-0000000007b2', '00000000-0000-4000-8000-0000000007a3', 'admin'),
	('00000000-0000-4000-8000-0000000007b3', '00000000-0000-4000-8000-0000000007a4', 'admin'),
	('00000000-0000-4000-8000-0000000007b4', '00000000-0000-4000-8000-0000000007a5', 'admin');
insert into public.challenges (id, slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
select '00000000-0000-4000-8000-0000000007c1', 'pgtap-board-challenge', (select id from public.cities order by id limit 1),
	'00000000-0000-4000-8000-0000000007b2', 'Quieter streets', 'Less noise at night.', 'mobility', 'open',
	now() + interval '10 days', now() - interval '30 days';
insert into public.proposals (id, challenge_id, organisation_id, status, title, summary, approach) values
	('00000000-0000-4000-8000-0000000007d1', '00000000-0000-4000-8000-0000000007c1', '00000000-0000-4000-8000-0000000007b3',
		'submitted', 'Noise map', 'Sensors on lamp posts.', 'We map the noise.');
insert into public.partnerships (id, proposal_id, challenge_id, city_organisation_id, vendor_organisation_id) values
	('00000000-0000-4000-8000-0000000007e1', '00000000-0000-4000-8000-0000000007d1', '00000000-0000-4000-8000-0000000007c1',
		'00000000-0000-4000-8000-0000000007b2', '00000000-0000-4000-8000-0000000007b3');

create function pg_temp.as_user(id text) returns void language sql as $$
	select set_config('request.jwt.claims', json_build_object('sub', id, 'role', 'authenticated')::text, true)
$$;
grant execute on function pg_temp.as_user(text) to authenticated, service_role;
create function pg_temp.stage() returns text language sql as $$
	select stage::text from public.partnerships where id = '00000000-0000-4000-8000-0000000007e1'
$$;
grant execute on function pg_temp.stage() to authenticated;
create function pg_temp.events(k text) returns integer language sql as $$
	select count(*)::int from public.partnership_events
	where partnership_id = '00000000-0000-4000-8000-0000000007e1' and kind = k
$$;
grant execute on function pg_temp.events(text) to authenticated;

select ok(
	(select bool_and(p.prosecdef and p.proconfig @> array['search_path=""'])
	 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
	 where n.nspname = 'public' and p.proname in ('move_partnership', 'set_partnership_next_step',
		'set_partnership_owner', 'add_partnership_note')),
	'the board''s functions are SECURITY DEFINER with an empty search_path');
select ok(not has_function_privilege('anon', 'public.move_partnership(uuid, public.partnership_stage, text, public.partnership_stage)', 'execute'),
	'visitors call none of them');

set local role authenticated;

-- Only hub staff ---------------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000007a3');
select throws_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'intro')$$,
	'PT403', 'not_hub_staff', 'the city''s admin does not move its partnership');
select pg_temp.as_user('00000000-0000-4000-8000-0000000007a4');
select throws_ok($$select public.set_partnership_next_step('00000000-0000-4000-8000-0000000007e1', 'Call', null)$$,
	'PT403', 'not_hub_staff', 'the vendor sets no next step');
select throws_ok($$select public.add_partnership_note('00000000-0000-4000-8000-0000000007e1', 'Hello')$$,
	'PT403', 'not_hub_staff', 'the vendor adds no note');
select throws_ok($$select public.set_partnership_owner('00000000-0000-4000-8000-0000000007e1', '00000000-0000-4000-8000-0000000007a4')$$,
	'PT403', 'not_hub_staff', 'the vendor sets no owner');
select is(pg_temp.stage(), 'matched', 'nothing moved');

-- Stages -----------------------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000007a1');
select throws_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007ff', 'intro')$$,
	'PT404', 'partnership_unknown', 'an unknown partnership');
select throws_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'pilot')$$,
	'PT409', 'partnership_stage_illegal', 'no skipping a stage forward');
select throws_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'deployed')$$,
	'PT409', 'partnership_stage_illegal', 'nor straight to deployed');
select lives_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'intro', 'First call booked.', 'matched')$$,
	'forward one step, with a note');
select is(pg_temp.stage(), 'intro', 'now at intro');
select results_eq(
	$$select from_stage::text, to_stage::text, note, actor::text from public.partnership_events
	  where partnership_id = '00000000-0000-4000-8000-0000000007e1' and kind = 'stage'$$,
	$$values ('matched', 'intro', 'First call booked.', '00000000-0000-4000-8000-0000000007a1')$$,
	'one stage event: from, to, the note and who');
select lives_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'intro', 'First call booked.', 'matched')$$,
	'the same move sent twice is accepted');
select is(pg_temp.events('stage'), 1, 'and appends nothing');
select throws_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'pilot', null, 'matched')$$,
	'PT409', 'partnership_stage_stale', 'a move from a stage it no longer has is refused');
select lives_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'matched')$$,
	'back one step, to correct a mistake');
select lives_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'intro');
	select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'pilot');
	select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'contract');
	select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'deployed')$$,
	'forward through every stage to deployed');
select is(pg_temp.stage(), 'deployed', 'deployed');
select throws_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'closed', 'Ended')$$,
	'PT409', 'partnership_stage_illegal', 'a deployed partnership is not closed');
select lives_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'contract')$$,
	'deployed goes back to contract');
select throws_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'closed', '   ')$$,
	'PT422', 'partnership_reason_required', 'closing needs a reason');
select lives_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'closed', 'Budget withdrawn.')$$,
	'closed from contract with a reason');
select is((select closed_reason from public.partnerships where id = '00000000-0000-4000-8000-0000000007e1'),
	'Budget withdrawn.', 'the reason is kept');
select throws_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'intro')$$,
	'PT409', 'partnership_stage_illegal', 'a closed partnership reopens only to the stage it was closed from');
select lives_ok($$select public.move_partnership('00000000-0000-4000-8000-0000000007e1', 'contract', 'Budget found again.')$$,
	'reopened to contract');
select is((select row(stage::text, closed_reason) from public.partnerships where id = '00000000-0000-4000-8000-0000000007e1'),
	row('contract'::text, null::text), 'at contract again, the reason cleared');
select is(pg_temp.events('stage'), 9, 'one event per stage change');

-- Next step, owner, notes --------------------------------------------------------------------------
select throws_ok($$select public.set_partnership_next_step('00000000-0000-4000-8000-0000000007e1', '  ', current_date + 3)$$,
	'PT422', 'partnership_due_without_step', 'a due date without a step');
select lives_ok($$select public.set_partnership_next_step('00000000-0000-4000-8000-0000000007e1', ' Send the draft contract ', current_date + 3)$$,
	'a next step with a due date');
select is((select row(next_step, next_step_due) from public.partnerships where id = '00000000-0000-4000-8000-0000000007e1'),
	row('Send the draft contract'::text, current_date + 3), 'kept, trimmed');
select results_eq(
	$$select note, due from public.partnership_events where partnership_id = '00000000-0000-4000-8000-0000000007e1' and kind = 'next_step'$$,
	$$values ('Send the draft contract'::text, current_date + 3)$$,
	'a next_step event with the step and its due date');
select lives_ok($$select public.set_partnership_next_step('00000000-0000-4000-8000-0000000007e1', '', null)$$,
	'a blank step clears it');
select is((select row(next_step, next_step_due) from public.partnerships where id = '00000000-0000-4000-8000-0000000007e1'),
	row(null::text, null::date), 'cleared');
select throws_ok($$select public.set_partnership_owner('00000000-0000-4000-8000-0000000007e1', '00000000-0000-4000-8000-0000000007a3')$$,
	'PT409', 'partnership_owner_not_hub', 'the owner is hub staff');
select lives_ok($$select public.set_partnership_owner('00000000-0000-4000-8000-0000000007e1', '00000000-0000-4000-8000-0000000007a2')$$,
	'a hub colleague becomes the owner');
select results_eq(
	$$select p.owner_id::text, e.note from public.partnerships p
	  join public.partnership_events e on e.partnership_id = p.id and e.kind = 'owner'
	  where p.id = '00000000-0000-4000-8000-0000000007e1'$$,
	$$values ('00000000-0000-4000-8000-0000000007a2', 'Hugo Hub')$$,
	'owner set, the event names them');
select throws_ok($$select public.add_partnership_note('00000000-0000-4000-8000-0000000007e1', ' ')$$,
	'PT422', 'partnership_note_required', 'an empty note');
select lives_ok($$select public.add_partnership_note('00000000-0000-4000-8000-0000000007e1', 'The city prefers mornings.')$$,
	'a working note');
select is(
	(select count(*)::int from public.audit_log where target = 'partnership:00000000-0000-4000-8000-0000000007e1'
		and action in ('partnership.stage', 'partnership.next_step', 'partnership.owner', 'partnership.note')),
	13, 'every change is audited (9 stage, 2 next step, 1 owner, 1 note)');

-- Who reads which events -----------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000007a4');
select is((select array_agg(distinct kind order by kind) from public.partnership_events
	where partnership_id = '00000000-0000-4000-8000-0000000007e1'),
	array['created', 'stage'], 'the vendor reads the created and stage events only');
select pg_temp.as_user('00000000-0000-4000-8000-0000000007a5');
select is((select count(*)::int from public.partnership_events where partnership_id = '00000000-0000-4000-8000-0000000007e1')
	+ (select count(*)::int from public.partnerships where id = '00000000-0000-4000-8000-0000000007e1'),
	0, 'another vendor reads neither the partnership nor its events');

-- Last activity, stalled, overdue (time set back, not waited for) ------------------------------------
reset role;
update public.partnerships set last_activity_at = now() - interval '30 days'
where id = '00000000-0000-4000-8000-0000000007e1';
set local role authenticated;
select pg_temp.as_user('00000000-0000-4000-8000-0000000007a1');
select ok((select public.stalled(p) from public.partnerships p where p.id = '00000000-0000-4000-8000-0000000007e1'),
	'quiet for 30 days: stalled');
select lives_ok($$select public.set_partnership_next_step('00000000-0000-4000-8000-0000000007e1', 'Chase the signature', current_date - 2)$$,
	'a next step already past its date');
select is((select row(last_activity_at = now(), public.stalled(p), public.overdue(p)) from public.partnerships p
	where p.id = '00000000-0000-4000-8000-0000000007e1'),
	row(true, false, true), 'the change moved last activity (no longer stalled); the step is overdue');

select * from finish();
rollback;
