-- The demo's collaboration trail (issue 13, item 8): illustrative data, like the whole seed.
-- Run by `vite-node scripts/auth-stack.ts demo` (npm run demo, npm run stack:reset) once the demo
-- accounts exist, as the database's owner. Idempotent: does nothing when the trail is there.
--
--   * evaluation criteria on Shanghai's challenges;
--   * "老年人数字公共服务适老化改造" (Shanghai, in review): proposals from AquaSense Analytics
--     (vendor.a; two submitted versions, shortlisted with feedback, a partnership at stage matched
--     owned by the hub) and Voltway Charging (vendor.b; submitted); official.shanghai and
--     reviewer.shanghai assigned, both declared no conflict, both scored every criterion (they
--     disagree by 2 on one criterion of Voltway's proposal);
--   * a public question and answer on the Hongkou water-leak challenge (asked by AquaSense), a
--     pending question from Voltway on the Lingang bus opportunity, and Voltway's draft there.
--
-- The proposals on the in-review challenge were submitted before its deadline, which has passed:
-- the proposal guard refuses any write to a proposal of a challenge that is not open, so it is
-- switched off for those two inserts only (inside this transaction; nothing else can see it).

do $trail$
declare
	v_elderly uuid := (select id from public.challenges where slug = 'shanghai-elderly-digital-services');
	v_leak uuid := (select id from public.challenges where slug = 'shanghai-water-leak-detection-hongkou');
	v_sponge uuid := (select id from public.challenges where slug = 'shanghai-sponge-city-waterlogging-sensors');
	v_lingang uuid := (select id from public.challenges where slug = 'shanghai-lingang-autonomous-bus-routes');
	v_aqua uuid := (select id from public.organisations where slug = 'aquasense-analytics');
	v_volt uuid := (select id from public.organisations where slug = 'voltway-charging');
	v_official uuid := (select id from identity."user" where email = 'official.shanghai@demo.test');
	v_reviewer uuid := (select id from identity."user" where email = 'reviewer.shanghai@demo.test');
	v_vendor_a uuid := (select id from identity."user" where email = 'vendor.a@demo.test');
	v_vendor_b uuid := (select id from identity."user" where email = 'vendor.b@demo.test');
	v_hub uuid := (select id from identity."user" where email = 'hub@demo.test');
	v_p_aqua uuid;
	v_p_volt uuid;
	v_c uuid[];
begin
	if v_elderly is null or v_leak is null or v_lingang is null or v_sponge is null or v_aqua is null
		or v_volt is null or v_official is null or v_reviewer is null or v_vendor_a is null
		or v_vendor_b is null or v_hub is null then
		raise notice 'demo trail: the seed or a demo account is missing; skipped';
		return;
	end if;
	if exists (select 1 from public.proposals p where p.challenge_id = v_elderly) then
		return;
	end if;

	-- Criteria --------------------------------------------------------------------------------
	insert into public.challenge_criteria (challenge_id, position, name, description, weight) values
		(v_elderly, 1, '适老化体验 Fit for older residents', 'Large type, voice, simple steps; tested with residents over 60.', 35),
		(v_elderly, 2, '与一网通办对接 Integration with the One Network platform', 'Works inside the existing app and counters, with shared data.', 25),
		(v_elderly, 3, '试点与社区支持 Pilot plan and community support', 'A credible six-month pilot with neighbourhood volunteers.', 20),
		(v_elderly, 4, '成本与价值 Cost and value', 'Total cost over three years against the expected uptake.', 20),
		(v_leak, 1, 'Detection accuracy', 'Leaks located to within a metre, few false alarms.', 40),
		(v_leak, 2, 'Deployment in narrow lanes', 'Installation without excavation in old neighbourhoods.', 25),
		(v_leak, 3, 'Data integration', 'Open interfaces to the district metered areas and the utility''s systems.', 15),
		(v_leak, 4, 'Cost and value', 'Total cost of ownership over five years.', 20),
		(v_sponge, 1, '监测准确性 Monitoring accuracy', '积水深度测量误差与传感器可靠性。', 40),
		(v_sponge, 2, '预警时效 Warning lead time', '预警提前量与发布渠道。', 30),
		(v_sponge, 3, '成本与运维 Cost and maintenance', '五年总成本与维护安排。', 30),
		(v_lingang, 1, 'Safety case', 'Safety drivers, remote supervision and incident handling.', 40),
		(v_lingang, 2, 'Passenger service plan', 'Routes, timetable and accessibility.', 30),
		(v_lingang, 3, 'Data sharing', 'Operational data shared with the authority.', 30);
	v_c := array(select id from public.challenge_criteria where challenge_id = v_elderly order by position);

	-- Proposals on the challenge in review ------------------------------------------------------
	alter table public.proposals disable trigger proposals_guard;
	insert into public.proposals (challenge_id, organisation_id, created_by, status, title, summary, approach,
		pilot_plan, cost_estimate, currency, timeline, client_references, links, version, submitted_at,
		created_at, updated_at)
	values (v_elderly, v_aqua, v_vendor_a, 'submitted',
		'Quiet wellbeing alerts for older residents living alone',
		'Smart water meters notice when an older resident''s daily water use stops or changes sharply and alert a neighbourhood volunteer, with a large-type, voice-first companion in the One Network app.',
		'Our leak-detection analytics learn each household''s daily water rhythm. A missing morning pattern or a tap left running for hours raises a quiet alert to the resident''s chosen volunteer and family through the One Network app, never a camera or a wearable. The companion screens use large type, voice read-out and three-step flows for appointments and pension services.',
		'Six months in two Hongkou neighbourhoods with 400 volunteer households; weekly reviews with the street office; residents can leave at any time.',
		1800000, 'CNY',
		'Month 1: consent and installation. Months 2–5: pilot. Month 6: evaluation and report.',
		'Amsterdam Waternet (2023, 2,000 homes); Rotterdam care alarm pilot (2024).',
		'{https://example.com/aquasense/wellbeing-pilot}', 2, now() - interval '20 days',
		now() - interval '24 days', now() - interval '12 days')
	returning id into v_p_aqua;
	insert into public.proposals (challenge_id, organisation_id, created_by, status, title, summary, approach,
		pilot_plan, cost_estimate, currency, timeline, client_references, links, version, submitted_at,
		created_at, updated_at)
	values (v_elderly, v_volt, v_vendor_b, 'submitted',
		'Voice-first booking of community rides and services',
		'A voice-first, large-type booking flow in the One Network app for community shuttles, clinic appointments and pension services, with a call-back from a volunteer when a booking fails.',
		'Older residents book by speaking or with three large buttons. Bookings that fail twice trigger a call-back from the neighbourhood service centre. Works on any phone from the last eight years.',
		'Three months in Putuo with two community shuttle routes and one clinic.',
		2200000, 'CNY',
		'Month 1: design with residents. Months 2–3: pilot. Month 4: report.',
		'Munich community shuttle booking (2024).',
		'{}', 1, now() - interval '15 days', now() - interval '18 days', now() - interval '15 days')
	returning id into v_p_volt;
	alter table public.proposals enable trigger proposals_guard;
	-- AquaSense's first version, before it lowered its cost (the after-trigger kept the second).
	insert into public.proposal_versions (proposal_id, version, content, submitted_by, submitted_at)
	select v_p_aqua, 1, content || jsonb_build_object('cost_estimate', 2100000,
		'pilot_plan', 'Six months in one Hongkou neighbourhood with 250 volunteer households.'),
		v_vendor_a, now() - interval '20 days'
	from public.proposal_versions where proposal_id = v_p_aqua and version = 2;

	-- Review --------------------------------------------------------------------------------------
	insert into public.challenge_reviewers (challenge_id, user_id, assigned_by, assigned_at) values
		(v_elderly, v_official, v_official, now() - interval '6 days'),
		(v_elderly, v_reviewer, v_official, now() - interval '6 days');
	insert into public.conflict_declarations (proposal_id, reviewer_id, conflicted, statement, declared_at) values
		(v_p_aqua, v_official, false, null, now() - interval '5 days'),
		(v_p_volt, v_official, false, null, now() - interval '5 days'),
		(v_p_aqua, v_reviewer, false, null, now() - interval '5 days'),
		(v_p_volt, v_reviewer, false, null, now() - interval '5 days');
	insert into public.scores (proposal_id, reviewer_id, criterion_id, score, comment, updated_at) values
		(v_p_aqua, v_official, v_c[1], 4, 'No new device for the resident to learn; the companion screens need testing with over-80s.', now() - interval '4 days'),
		(v_p_aqua, v_official, v_c[2], 4, 'Uses the One Network app''s notification channel as it is.', now() - interval '4 days'),
		(v_p_aqua, v_official, v_c[3], 5, 'Volunteer network and consent process are well thought out.', now() - interval '4 days'),
		(v_p_aqua, v_official, v_c[4], 3, 'Meter retrofits drive the cost; ask for a phased price.', now() - interval '4 days'),
		(v_p_aqua, v_reviewer, v_c[1], 5, 'Passive: nothing to wear, nothing to press.', now() - interval '4 days'),
		(v_p_aqua, v_reviewer, v_c[2], 3, 'Alert routing to street offices is not described.', now() - interval '4 days'),
		(v_p_aqua, v_reviewer, v_c[3], 4, 'Clear exit for residents who change their mind.', now() - interval '4 days'),
		(v_p_aqua, v_reviewer, v_c[4], 4, 'Reasonable for 400 households.', now() - interval '4 days'),
		(v_p_volt, v_official, v_c[1], 3, 'Voice booking helps; the flows still assume a smartphone.', now() - interval '4 days'),
		(v_p_volt, v_official, v_c[2], 2, 'Needs its own booking back end beside the One Network app.', now() - interval '4 days'),
		(v_p_volt, v_official, v_c[3], 3, 'Short pilot, one clinic only.', now() - interval '4 days'),
		(v_p_volt, v_official, v_c[4], 3, 'Higher cost for a narrower service.', now() - interval '4 days'),
		(v_p_volt, v_reviewer, v_c[1], 3, 'Call-back on failure is a good safety net.', now() - interval '3 days'),
		(v_p_volt, v_reviewer, v_c[2], 4, 'Their API plan for the One Network app looks workable.', now() - interval '3 days'),
		(v_p_volt, v_reviewer, v_c[3], 2, 'Three months is too short to learn much.', now() - interval '3 days'),
		(v_p_volt, v_reviewer, v_c[4], 3, 'Cost per booking is high in the pilot.', now() - interval '3 days');

	-- Decision: AquaSense shortlisted (the trigger audits it), a partnership for the hub ----------
	update public.proposals
	set status = 'shortlisted',
		feedback = 'Shortlisted. The reviewers valued that residents need no new device and the careful consent and volunteer process. Before the next round, please describe how alerts reach the street offices and offer a phased price for the meter retrofits.',
		decided_at = now() - interval '2 days',
		decided_by = v_official
	where id = v_p_aqua;
	insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id,
		stage, owner_id, next_step, next_step_due, created_at, updated_at)
	select v_p_aqua, v_elderly, c.organisation_id, v_aqua, 'matched', v_hub,
		'Introduce AquaSense to the Hongkou street office', (now() + interval '5 days')::date,
		now() - interval '2 days', now() - interval '2 days'
	from public.challenges c where c.id = v_elderly;

	-- Questions and a draft ----------------------------------------------------------------------
	insert into public.questions (challenge_id, organisation_id, asked_by, body, answer, answered_by, answered_at, created_at) values
		(v_leak, v_aqua, v_vendor_a,
			'Can bidders use the pressure and flow data of the existing district metered areas during the pilot?',
			'Yes. Pressure and flow data from the 14 district metered areas in Hongkou are shared with the selected vendor under a data agreement from the first day of the pilot.',
			v_official, now() - interval '8 days', now() - interval '10 days'),
		(v_lingang, v_volt, v_vendor_b,
			'Does the depot come with chargers for the buses, or should operators bring their own charging equipment?',
			null, null, null, now() - interval '1 day');
	insert into public.proposals (challenge_id, organisation_id, created_by, status, title, summary, approach)
	values (v_lingang, v_volt, v_vendor_b, 'draft',
		'Depot charging and scheduling for autonomous electric buses',
		'Smart depot charging sized for four routes, with charging scheduled around the timetable.',
		'');
end
$trail$;
