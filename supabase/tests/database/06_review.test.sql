-- Review, decisions and partnerships (issue 13, items 5–7; migration 20261207000400_review.sql,
-- docs/collaboration.md): reviewers, conflict declarations, scores and the review board's totals,
-- progress and disagreement flags on a small fixture; decisions and the partnership they create.
-- Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(35);

-- People: an admin (a1), two reviewers (r1, r2), a member who is no reviewer (m1), two vendors.
insert into identity."user" (id, name, email, "emailVerified") values
	('00000000-0000-4000-8000-0000000006a1', 'Ada Admin', 'ada@review.pgtap.test', true),
	('00000000-0000-4000-8000-0000000006a2', 'Rae Reviewer', 'rae@review.pgtap.test', true),
	('00000000-0000-4000-8000-0000000006a3', 'Rex Reviewer', 'rex@review.pgtap.test', true),
	('00000000-0000-4000-8000-0000000006a4', 'Mo Member', 'mo@review.pgtap.test', true),
	('00000000-0000-4000-8000-0000000006a5', 'Val Vendor', 'val@review.pgtap.test', true),
	('00000000-0000-4000-8000-0000000006a6', 'Vic Vendor', 'vic@review.pgtap.test', true);
insert into public.organisations (id, kind, slug, name, country, verified) values
	('00000000-0000-4000-8000-0000000006b1', 'city', 'pgtap-review-city', 'pgTAP Review City', 'MY', true),
	('00000000-0000-4000-8000-0000000006b2', 'vendor', 'pgtap-review-alpha', 'Alpha Sensors', 'MY', true),
	('00000000-0000-4000-8000-0000000006b3', 'vendor', 'pgtap-review-beta', 'Beta Mobility', 'MY', true);
insert into public.memberships (organisation_id, user_id, role) values
	('00000000-0000-4000-8000-0000000006b1', '00000000-0000-4000-8000-0000000006a1', 'admin'),
	('00000000-0000-4000-8000-0000000006b1', '00000000-0000-4000-8000-0000000006a2', 'member'),
	('00000000-0000-4000-8000-0000000006b1', '00000000-0000-4000-8000-0000000006a3', 'member'),
	('00000000-0000-4000-8000-0000000006b1', '00000000-0000-4000-8000-0000000006a4', 'member'),
	('00000000-0000-4000-8000-0000000006b2', '00000000-0000-4000-8000-0000000006a5', 'admin'),
	('00000000-0000-4000-8000-0000000006b3', '00000000-0000-4000-8000-0000000006a6', 'admin');

insert into public.challenges (id, slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
select '00000000-0000-4000-8000-0000000006c1', 'pgtap-review-challenge', (select id from public.cities order by id limit 1),
	'00000000-0000-4000-8000-0000000006b1', 'Smarter bins', 'Bins that say when they are full.', 'environment', 'open',
	now() + interval '30 days', now();
insert into public.challenge_criteria (id, challenge_id, position, name, weight) values
	('00000000-0000-4000-8000-0000000006d1', '00000000-0000-4000-8000-0000000006c1', 1, 'Impact', 60),
	('00000000-0000-4000-8000-0000000006d2', '00000000-0000-4000-8000-0000000006c1', 2, 'Cost', 40);
insert into public.proposals (id, challenge_id, organisation_id, status, title, summary, approach) values
	('00000000-0000-4000-8000-0000000006e1', '00000000-0000-4000-8000-0000000006c1', '00000000-0000-4000-8000-0000000006b2',
		'submitted', 'Alpha bins', 'Sensors in every bin.', 'We fit ultrasonic sensors.'),
	('00000000-0000-4000-8000-0000000006e2', '00000000-0000-4000-8000-0000000006c1', '00000000-0000-4000-8000-0000000006b3',
		'submitted', 'Beta bins', 'Routes from fill levels.', 'We plan truck routes.');

create function pg_temp.as_user(id text) returns void language sql as $$
	select set_config('request.jwt.claims', json_build_object('sub', id, 'role', 'authenticated')::text, true)
$$;
grant execute on function pg_temp.as_user(text) to authenticated, service_role;
create temporary table board (k text primary key, v jsonb) on commit drop;
grant all on board to authenticated, service_role;

select ok(
	(select bool_and(p.prosecdef and p.proconfig @> array['search_path=""'])
	 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
	 where n.nspname = 'public' and p.proname in ('assign_reviewer', 'unassign_reviewer', 'declare_conflicts',
		'save_scores', 'review_board', 'decide_proposal')),
	'the review functions are SECURITY DEFINER with an empty search_path');
select ok(not has_function_privilege('anon', 'public.review_board(uuid)', 'execute'), 'visitors call none of them');

set local role authenticated;

-- Reviewers ------------------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000006a2');
select throws_ok($$select public.assign_reviewer('00000000-0000-4000-8000-0000000006c1', '00000000-0000-4000-8000-0000000006a2')$$,
	'PT403', 'not_org_admin', 'a member cannot assign reviewers');
select pg_temp.as_user('00000000-0000-4000-8000-0000000006a1');
select throws_ok($$select public.assign_reviewer('00000000-0000-4000-8000-0000000006c1', '00000000-0000-4000-8000-0000000006a5')$$,
	'PT409', 'reviewer_not_member', 'a reviewer must be a member of the owning organisation');
select lives_ok($$select public.assign_reviewer('00000000-0000-4000-8000-0000000006c1', '00000000-0000-4000-8000-0000000006a2');
	select public.assign_reviewer('00000000-0000-4000-8000-0000000006c1', '00000000-0000-4000-8000-0000000006a3');
	select public.assign_reviewer('00000000-0000-4000-8000-0000000006c1', '00000000-0000-4000-8000-0000000006a3')$$,
	'the admin assigns two members (twice is once)');
select is((select count(*)::int from public.challenge_reviewers), 2, 'two reviewers');

-- Declarations ---------------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000006a4');
select throws_ok($$select public.declare_conflicts('00000000-0000-4000-8000-0000000006c1', '[{"proposal": "00000000-0000-4000-8000-0000000006e1", "conflicted": false}]')$$,
	'PT403', 'not_reviewer', 'a member who is no reviewer declares nothing');
select throws_ok($$select public.review_board('00000000-0000-4000-8000-0000000006c1')$$,
	'PT403', 'not_reviewer', 'and reads no board');

select pg_temp.as_user('00000000-0000-4000-8000-0000000006a2');
select is((select count(*)::int from public.proposals), 0, 'before declaring, a reviewer reads no proposal');
select is(jsonb_array_length(public.review_board('00000000-0000-4000-8000-0000000006c1') -> 'proposals'), 2,
	'but the board names both vendors, to declare on');
select is((public.review_board('00000000-0000-4000-8000-0000000006c1') #> '{proposals,0,total}'), 'null'::jsonb,
	'without any total');
select throws_ok($$select public.save_scores('00000000-0000-4000-8000-0000000006e1', '[{"criterion": "00000000-0000-4000-8000-0000000006d1", "score": 3}]')$$,
	'PT403', 'conflict_not_declared', 'nor scores before declaring');
select lives_ok($$select public.declare_conflicts('00000000-0000-4000-8000-0000000006c1',
	'[{"proposal": "00000000-0000-4000-8000-0000000006e1", "conflicted": false}, {"proposal": "00000000-0000-4000-8000-0000000006e2", "conflicted": false}]')$$,
	'r1 declares no conflict on both');
select is((select count(*)::int from public.proposals), 2, 'and reads both');

select pg_temp.as_user('00000000-0000-4000-8000-0000000006a3');
select lives_ok($$select public.declare_conflicts('00000000-0000-4000-8000-0000000006c1',
	'[{"proposal": "00000000-0000-4000-8000-0000000006e1", "conflicted": false}, {"proposal": "00000000-0000-4000-8000-0000000006e2", "conflicted": true, "statement": "My brother works there."}]')$$,
	'r2 declares a conflict on Beta');
select throws_ok($$select public.declare_conflicts('00000000-0000-4000-8000-0000000006c1', '[{"proposal": "00000000-0000-4000-8000-0000000006e2", "conflicted": false}]')$$,
	'PT409', 'conflict_declared', 'a declared conflict cannot be withdrawn');
select is((select array_agg(title order by title) from public.proposals), array['Alpha bins'], 'r2 reads Alpha only');
select throws_ok($$select public.save_scores('00000000-0000-4000-8000-0000000006e2', '[{"criterion": "00000000-0000-4000-8000-0000000006d1", "score": 3}]')$$,
	'PT403', 'conflict_not_declared', 'a conflicted reviewer cannot score');

-- Scores ---------------------------------------------------------------------------------------
-- r1: Alpha 5 / 3 → (5×60 + 3×40) / 5 = 84; Beta 4 on Impact only (partial).
-- r2: Alpha 2 / 4 → (2×60 + 4×40) / 5 = 56. Alpha's total: (84 + 56) / 2 = 70.
select lives_ok($$select public.save_scores('00000000-0000-4000-8000-0000000006e1',
	'[{"criterion": "00000000-0000-4000-8000-0000000006d1", "score": 2, "comment": "Small pilot"}, {"criterion": "00000000-0000-4000-8000-0000000006d2", "score": 4, "comment": "Cheap"}]')$$,
	'r2 scores Alpha');
select throws_ok($$select public.save_scores('00000000-0000-4000-8000-0000000006e1', '[{"criterion": "00000000-0000-4000-8000-0000000006d1", "score": 6}]')$$,
	'23514', null, 'a score of 6 is refused by the constraint');
select throws_ok($$select public.save_scores('00000000-0000-4000-8000-0000000006e1', '[{"criterion": "00000000-0000-4000-8000-0000000006e2", "score": 3}]')$$,
	'22023', 'criterion_unknown', 'only the challenge''s criteria');
select pg_temp.as_user('00000000-0000-4000-8000-0000000006a2');
select lives_ok($$select public.save_scores('00000000-0000-4000-8000-0000000006e1',
	'[{"criterion": "00000000-0000-4000-8000-0000000006d1", "score": 5, "comment": "Citywide"}, {"criterion": "00000000-0000-4000-8000-0000000006d2", "score": 3}]');
	select public.save_scores('00000000-0000-4000-8000-0000000006e2', '[{"criterion": "00000000-0000-4000-8000-0000000006d1", "score": 4}]')$$,
	'r1 scores Alpha fully and Beta partly');

-- The board ------------------------------------------------------------------------------------
insert into board select 'r1', public.review_board('00000000-0000-4000-8000-0000000006c1');
select is((select (p ->> 'total')::numeric from board, jsonb_array_elements(v -> 'proposals') p where k = 'r1' and p ->> 'vendor' = 'Alpha Sensors'),
	70.0, 'Alpha''s weighted total is the mean of the complete reviews: 70');
select is((select (p ->> 'complete_reviews')::int from board, jsonb_array_elements(v -> 'proposals') p where k = 'r1' and p ->> 'vendor' = 'Alpha Sensors'),
	2, 'from two complete reviews');
select is((select p -> 'total' from board, jsonb_array_elements(v -> 'proposals') p where k = 'r1' and p ->> 'vendor' = 'Beta Mobility'),
	'null'::jsonb, 'a partly scored proposal has no total yet');
select is((select array_agg((c ->> 'disagreement')::boolean order by (c ->> 'id')) from board, jsonb_array_elements(v -> 'proposals') p,
		jsonb_array_elements(p -> 'criteria') c where k = 'r1' and p ->> 'vendor' = 'Alpha Sensors'),
	array[true, false], 'Impact is flagged (5 vs 2), Cost is not (3 vs 4)');
select is((select (p ->> 'disagreement')::boolean from board, jsonb_array_elements(v -> 'proposals') p where k = 'r1' and p ->> 'vendor' = 'Alpha Sensors'),
	true, 'and so is the proposal');
select is((select (c ->> 'mean')::numeric from board, jsonb_array_elements(v -> 'proposals') p, jsonb_array_elements(p -> 'criteria') c
		where k = 'r1' and p ->> 'vendor' = 'Beta Mobility' and c ->> 'id' = '00000000-0000-4000-8000-0000000006d1'),
	4.00, 'partial scores count in the criterion''s mean');
select is((select jsonb_agg(jsonb_build_object('name', r ->> 'name', 'progress', (r ->> 'scored') || ' of ' || (r ->> 'cleared')) order by r ->> 'name')
		from board, jsonb_array_elements(v -> 'reviewers') r where k = 'r1'),
	'[{"name": "Rae Reviewer", "progress": "1 of 2"}, {"name": "Rex Reviewer", "progress": "1 of 1"}]'::jsonb,
	'each reviewer''s progress: fully scored of those they are cleared for');
select pg_temp.as_user('00000000-0000-4000-8000-0000000006a3');
select is((select p -> 'criteria' from jsonb_array_elements(public.review_board('00000000-0000-4000-8000-0000000006c1') -> 'proposals') p
		where p ->> 'vendor' = 'Beta Mobility'),
	'null'::jsonb, 'a conflicted reviewer sees no scores of that proposal on the board');

-- Decisions ------------------------------------------------------------------------------------
select throws_ok($$select public.decide_proposal('00000000-0000-4000-8000-0000000006e1', 'shortlisted', 'Well done')$$,
	'PT403', 'not_org_admin', 'a reviewer cannot decide');
select pg_temp.as_user('00000000-0000-4000-8000-0000000006a1');
select throws_ok($$select public.decide_proposal('00000000-0000-4000-8000-0000000006e1', 'shortlisted', 'Well done')$$,
	'PT403', 'conflict_not_declared', 'an admin decides only after declaring no conflict');
select public.declare_conflicts('00000000-0000-4000-8000-0000000006c1', '[{"proposal": "00000000-0000-4000-8000-0000000006e1", "conflicted": false}]');
select throws_ok($$select public.decide_proposal('00000000-0000-4000-8000-0000000006e1', 'shortlisted', '  ')$$,
	'22023', 'feedback_required', 'feedback is required');
select public.decide_proposal('00000000-0000-4000-8000-0000000006e1', 'shortlisted', 'Impact: citywide. Cost: cheap.');
select public.decide_proposal('00000000-0000-4000-8000-0000000006e1', 'selected', 'Selected for the pilot.');
reset role;
select is((select count(*)::int from public.partnerships where proposal_id = '00000000-0000-4000-8000-0000000006e1' and stage = 'matched'),
	1, 'shortlisting then selecting makes exactly one partnership, at matched');
select is((select array_agg(action order by id) from public.audit_log where target = 'proposal:00000000-0000-4000-8000-0000000006e1'
		and action in ('conflict.declared', 'decision.recorded', 'proposal.shortlisted', 'proposal.selected')),
	array['conflict.declared', 'conflict.declared', 'conflict.declared', 'proposal.shortlisted', 'decision.recorded',
		'proposal.selected', 'decision.recorded'],
	'declarations and decisions are in the audit log');

select * from finish();
rollback;
