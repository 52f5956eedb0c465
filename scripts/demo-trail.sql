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

-- The hub's pipeline (issue 14): partnerships at every stage, with a history -----------------------
-- Illustrative, like the rest. Each one comes from a proposal shortlisted or selected on an earlier
-- challenge of another city (the seed's decided and in-review challenges); times are days before
-- now, so the stalled and overdue flags, "deployments over time" and "time to first proposal" read
-- the same whenever the demo is loaded:
--
--   stage     challenge (city)                          vendor                  notes
--   deployed  green corridors cooling (Medellín)        Shenzhen Urban IoT      selected; deployed 38 days ago
--   deployed  Pattaya beach smart bins (Chonburi)       GreenCircle Materials   selected; deployed 9 days ago
--   contract  seawater district heating (Barcelona)     LumenGrid               selected; next step due in 10 days
--   pilot     tree canopy heat sensing (Brisbane)       Shenzhen Urban IoT      selected; next step OVERDUE (due 4 days ago)
--   intro     green corridors cooling (Medellín)        FloodWatch Systems      shortlisted; STALLED (nothing for 33 days)
--   intro     Baixa flood early warning (Lisbon)        FloodWatch Systems      shortlisted; next step due in 7 days
--   closed    accessible tram journeys (Lisbon)         ParkFlow                shortlisted; closed with a reason
--   (matched: AquaSense on Shanghai's elderly services, above.) Shenzhen Urban IoT was also declined
--   on Barcelona's challenge.
--
-- The proposals were submitted before deadlines that have passed, so, as above, the proposal guard
-- is off for their inserts only; the decisions (submitted → selected | shortlisted | declined) go
-- through it. A partnership's 'created' event (made by the core trigger at now()) is moved back to
-- the day of the decision, the later events are inserted with their own times, and last_activity_at
-- is then set to the latest of them (the trigger only ever moves it forward). Idempotent: nothing
-- happens when Medellín's challenge already has a proposal.
do $pipeline$
declare
	v_hub uuid := (select id from identity."user" where email = 'hub@demo.test');
	v_spec jsonb;
	v_ev jsonb;
	v_challenge public.challenges;
	v_vendor uuid;
	v_proposal uuid;
	v_partnership uuid;
	v_specs jsonb := $json$[
	{"challenge": "medellin-green-corridors-cooling", "vendor": "shenzhen-urban-iot",
	 "title": "Street-level heat sensing for Medellín's green corridors",
	 "summary": "Temperature, humidity and soil-moisture sensors along the corridors show where the planting cools the streets and where irrigation is needed.",
	 "approach": "Solar-powered LoRaWAN sensor poles every 150 metres, a public dashboard for the Secretariat of Environment and an irrigation alert when soil moisture drops below the species' threshold.",
	 "cost": 640000, "currency": "USD", "submitted": 128, "versions": 2, "decision": "selected", "decided": 108,
	 "feedback": "Selected: the strongest evidence plan and a maintenance offer for the whole corridor network.",
	 "stage": "deployed", "next_step": "Six-month review of the corridor data with the Secretariat of Environment", "due": 60,
	 "events": [
		{"kind": "owner", "days": 107, "note": "Hub staff (demo)"},
		{"kind": "stage", "from": "matched", "to": "intro", "days": 101, "note": "Kick-off call with the Secretariat of Environment; data-sharing agreement drafted."},
		{"kind": "stage", "from": "intro", "to": "pilot", "days": 86, "note": "Pilot on two corridors (Avenida Oriental, Carrera 70) with 40 sensors."},
		{"kind": "note", "days": 70, "note": "Pilot week 4: the corridors are 2.1 °C cooler at 15:00 than parallel streets."},
		{"kind": "stage", "from": "pilot", "to": "contract", "days": 55, "note": "Pilot evaluated; a three-year maintenance contract negotiated with the procurement office."},
		{"kind": "stage", "from": "contract", "to": "deployed", "days": 38, "note": "Deployed on all 30 corridors; the open data feed is live."},
		{"kind": "next_step", "days": 37, "note": "Six-month review of the corridor data with the Secretariat of Environment"}]},
	{"challenge": "medellin-green-corridors-cooling", "vendor": "floodwatch-systems",
	 "title": "Corridor runoff and flash-flood sensing",
	 "summary": "Water-level sensors in the corridors' drains warn of flash floods and show how much rain the new planting absorbs.",
	 "approach": "Ultrasonic level sensors in 25 drains, rainfall gauges on five schools and a warning channel to the risk management team.",
	 "cost": 410000, "currency": "USD", "submitted": 124, "versions": 1, "decision": "shortlisted", "decided": 110,
	 "feedback": "Shortlisted: a valuable flood angle; the city chose a heat-first solution for this challenge and would like to keep talking.",
	 "stage": "intro", "next_step": "Ask the risk management team for a date for the site visit", "due": null,
	 "events": [
		{"kind": "owner", "days": 109, "note": "Hub staff (demo)"},
		{"kind": "stage", "from": "matched", "to": "intro", "days": 45, "note": "Introduced to the Secretariat's risk management team for the landslide early-warning work."},
		{"kind": "next_step", "days": 44, "note": "Ask the risk management team for a date for the site visit"},
		{"kind": "note", "days": 33, "note": "Sent the site-visit proposal; no answer yet."}]},
	{"challenge": "chonburi-pattaya-beach-smart-bins", "vendor": "greencircle-materials",
	 "title": "Fill-level bins and recycling points for Pattaya Beach",
	 "summary": "Solar compacting bins with fill-level sensors, sorted recycling points and collection routes planned from the fill levels.",
	 "approach": "Bins report their fill level every 15 minutes; the collection crews' routes are planned each morning; recycling points pay deposit refunds to beach vendors.",
	 "cost": 9500000, "currency": "THB", "submitted": 66, "versions": 1, "decision": "selected", "decided": 52,
	 "feedback": "Selected: the most complete plan for collection routes and for the beach vendors.",
	 "stage": "deployed", "next_step": null, "due": null,
	 "events": [
		{"kind": "owner", "days": 52, "note": "Hub staff (demo)"},
		{"kind": "stage", "from": "matched", "to": "intro", "days": 47, "note": "Site walk on Pattaya Beach with the provincial environment office."},
		{"kind": "stage", "from": "intro", "to": "pilot", "days": 40, "note": "Pilot: 25 bins along Beach Road and Jomtien."},
		{"kind": "stage", "from": "pilot", "to": "contract", "days": 24, "note": "Overflowing bins halved in the pilot; supply and service contract agreed."},
		{"kind": "stage", "from": "contract", "to": "deployed", "days": 9, "note": "120 bins live; collection routes planned from the fill levels."}]},
	{"challenge": "barcelona-seawater-district-heating", "vendor": "lumengrid",
	 "title": "Monitoring and control for the seawater heat network",
	 "summary": "Sensors and a control layer for the seawater heat exchangers, tuning the network to demand and sea temperature.",
	 "approach": "Metering at each substation, a demand forecast per district and set points adjusted hourly; the operator keeps manual control.",
	 "cost": 1250000, "currency": "EUR", "submitted": 104, "versions": 1, "decision": "selected", "decided": 86,
	 "feedback": "Selected: clear savings case and an operator-friendly control design.",
	 "stage": "contract", "next_step": "Sign the framework contract with the city's legal services", "due": 10,
	 "events": [
		{"kind": "owner", "days": 86, "note": "Hub staff (demo)"},
		{"kind": "stage", "from": "matched", "to": "intro", "days": 80, "note": "Introduced to the energy agency and the network operator."},
		{"kind": "stage", "from": "intro", "to": "pilot", "days": 62, "note": "Pilot at the Fòrum plant's heat exchangers."},
		{"kind": "note", "days": 30, "note": "Pilot report accepted by the energy agency."},
		{"kind": "stage", "from": "pilot", "to": "contract", "days": 12, "note": "Contract terms sent to the city's legal services."},
		{"kind": "next_step", "days": 12, "note": "Sign the framework contract with the city's legal services"}]},
	{"challenge": "barcelona-seawater-district-heating", "vendor": "shenzhen-urban-iot",
	 "title": "IoT retrofit of heat exchanger substations",
	 "summary": "Wireless sensors retrofitted on the substations, with a cloud dashboard for the operator.",
	 "approach": "Clamp-on sensors, an NB-IoT gateway per substation and weekly efficiency reports.",
	 "cost": 780000, "currency": "EUR", "submitted": 101, "versions": 1, "decision": "declined", "decided": 86,
	 "feedback": "Declined: the control of the network, which the challenge asked for, is not part of the offer."},
	{"challenge": "brisbane-tree-canopy-heat-sensing", "vendor": "shenzhen-urban-iot",
	 "title": "Canopy heat sensors for Brisbane's suburbs",
	 "summary": "Sensors on street trees and poles measure how the canopy cools each street, to plan the next plantings.",
	 "approach": "Battery sensors on 60 street trees in three suburbs, paired with open land-surface temperature data.",
	 "cost": 380000, "currency": "AUD", "submitted": 50, "versions": 2, "decision": "selected", "decided": 36,
	 "feedback": "Selected: good value and a plan the parks team can maintain.",
	 "stage": "pilot", "next_step": "Agree the remaining sensor locations with City Parks", "due": -4,
	 "events": [
		{"kind": "owner", "days": 36, "note": "Hub staff (demo)"},
		{"kind": "stage", "from": "matched", "to": "intro", "days": 31, "note": "Introduced to City Parks and the urban heat team."},
		{"kind": "stage", "from": "intro", "to": "pilot", "days": 16, "note": "Pilot in three suburbs with 60 canopy sensors."},
		{"kind": "next_step", "days": 9, "note": "Agree the remaining sensor locations with City Parks"}]},
	{"challenge": "lisbon-baixa-flood-early-warning", "vendor": "floodwatch-systems",
	 "title": "Tide and rainfall early warning for the Baixa",
	 "summary": "Tide, rainfall and drain-level sensors feed a warning that reaches shops and residents an hour before water rises.",
	 "approach": "Sensors at 20 drains and two tide gauges; a model trained on ten years of flooding; warnings by SMS and the civil protection app.",
	 "cost": 520000, "currency": "EUR", "submitted": 21, "versions": 1, "decision": "shortlisted", "decided": 11,
	 "feedback": "Shortlisted: the reviewers liked the warning lead time; please detail the maintenance after the pilot.",
	 "stage": "intro", "next_step": "Share the draft pilot data agreement with civil protection", "due": 7,
	 "events": [
		{"kind": "owner", "days": 11, "note": "Hub staff (demo)"},
		{"kind": "stage", "from": "matched", "to": "intro", "days": 5, "note": "Introduced to Lisbon's civil protection service; first call held."},
		{"kind": "next_step", "days": 5, "note": "Share the draft pilot data agreement with civil protection"}]},
	{"challenge": "lisbon-tram-accessible-journeys", "vendor": "parkflow",
	 "title": "Step-free journey data for Lisbon's trams",
	 "summary": "Live step-free information for each tram stop and vehicle, in the journey planner and at the stops.",
	 "approach": "Stop surveys, vehicle accessibility data from the operator and a journey-planner feed in GTFS.",
	 "cost": 290000, "currency": "EUR", "submitted": 80, "versions": 1, "decision": "shortlisted", "decided": 68,
	 "feedback": "Shortlisted: a practical data approach; the decision on an award follows the operator's review.",
	 "stage": "closed", "next_step": null, "due": null,
	 "closed_reason": "The city closed the challenge without an award: the tram operator will first trial step-free journey data in-house.",
	 "events": [
		{"kind": "owner", "days": 68, "note": "Hub staff (demo)"},
		{"kind": "stage", "from": "matched", "to": "intro", "days": 61, "note": "Workshop with the tram operator on step-free journey data."},
		{"kind": "stage", "from": "intro", "to": "closed", "days": 41, "note": "The city closed the challenge without an award: the tram operator will first trial step-free journey data in-house."}]}
	]$json$;
begin
	if v_hub is null or (select id from public.challenges where slug = 'medellin-green-corridors-cooling') is null then
		raise notice 'demo trail (pipeline): the seed or the hub account is missing; skipped';
		return;
	end if;
	if exists (select 1 from public.proposals p join public.challenges c on c.id = p.challenge_id
		where c.slug = 'medellin-green-corridors-cooling') then
		return;
	end if;

	for v_spec in select * from jsonb_array_elements(v_specs) loop
		select * into v_challenge from public.challenges where slug = v_spec->>'challenge';
		v_vendor := (select id from public.organisations where slug = v_spec->>'vendor');
		if v_challenge.id is null or v_vendor is null then
			raise notice 'demo trail (pipeline): % or % is missing; skipped', v_spec->>'challenge', v_spec->>'vendor';
			continue;
		end if;

		-- The submission, before the deadline (the after-trigger keeps it as the latest version).
		alter table public.proposals disable trigger proposals_guard;
		insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach, pilot_plan,
			cost_estimate, currency, timeline, version, submitted_at, created_at, updated_at)
		values (v_challenge.id, v_vendor, 'submitted', v_spec->>'title', v_spec->>'summary', v_spec->>'approach',
			'A six-month pilot with the city''s team, then a decision on the roll-out.',
			(v_spec->>'cost')::numeric, v_spec->>'currency', 'Pilot: six months. Roll-out: twelve months.',
			(v_spec->>'versions')::int,
			now() - make_interval(days => (v_spec->>'submitted')::int),
			now() - make_interval(days => (v_spec->>'submitted')::int + 6),
			now() - make_interval(days => (v_spec->>'submitted')::int))
		returning id into v_proposal;
		alter table public.proposals enable trigger proposals_guard;
		if (v_spec->>'versions')::int = 2 then
			-- An earlier version, at a higher price, a week before.
			insert into public.proposal_versions (proposal_id, version, content, submitted_by, submitted_at)
			select v_proposal, 1, content || jsonb_build_object('cost_estimate', round((v_spec->>'cost')::numeric * 1.15)),
				null, now() - make_interval(days => (v_spec->>'submitted')::int + 7)
			from public.proposal_versions where proposal_id = v_proposal and version = 2;
		end if;

		-- The city's decision (through the guard: submitted → selected | shortlisted | declined).
		update public.proposals
		set status = (v_spec->>'decision')::public.proposal_status, feedback = v_spec->>'feedback',
			decided_at = now() - make_interval(days => (v_spec->>'decided')::int)
		where id = v_proposal;
		if v_spec->>'decision' = 'declined' then
			continue;
		end if;

		-- The partnership and its history.
		insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id,
			stage, owner_id, created_at, updated_at, last_activity_at)
		values (v_proposal, v_challenge.id, v_challenge.organisation_id, v_vendor, 'matched', v_hub,
			now() - make_interval(days => (v_spec->>'decided')::int),
			now() - make_interval(days => (v_spec->>'decided')::int),
			now() - make_interval(days => (v_spec->>'decided')::int))
		returning id into v_partnership;
		update public.partnership_events set at = now() - make_interval(days => (v_spec->>'decided')::int)
		where partnership_id = v_partnership and kind = 'created';
		for v_ev in select * from jsonb_array_elements(v_spec->'events') loop
			insert into public.partnership_events (partnership_id, at, actor, kind, from_stage, to_stage, note)
			values (v_partnership, now() - make_interval(days => (v_ev->>'days')::int, hours => -3), v_hub,
				v_ev->>'kind', (v_ev->>'from')::public.partnership_stage, (v_ev->>'to')::public.partnership_stage,
				v_ev->>'note');
		end loop;
		update public.partnerships p
		set stage = (v_spec->>'stage')::public.partnership_stage,
			next_step = v_spec->>'next_step',
			next_step_due = case when v_spec->>'due' is not null
				then (now() at time zone 'utc')::date + (v_spec->>'due')::int end,
			closed_reason = v_spec->>'closed_reason',
			last_activity_at = (select max(e.at) from public.partnership_events e where e.partnership_id = p.id),
			updated_at = (select max(e.at) from public.partnership_events e where e.partnership_id = p.id)
		where p.id = v_partnership;
	end loop;
end
$pipeline$;
