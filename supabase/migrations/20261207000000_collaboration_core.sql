-- The collaboration's tables (issue 13, docs/collaboration.md): evaluation criteria, questions,
-- proposals and their submitted versions, reviewers, conflict declarations, scores, partnerships
-- and their history. This migration holds the data model, the read rules (RLS) and the rules every
-- writer obeys (constraints and the proposal guard trigger); the write paths are functions in the
-- later migrations of issue 13 (no role may insert, update or delete these tables directly).
--
-- Who reads what (commercial confidentiality, PRODUCT.md):
--   * a proposal: its own vendor organisation's members (every status, drafts included); once
--     submitted (submitted_at set), hub staff, and those members of the city organisation that
--     owns the challenge who have declared no conflict of interest on that very proposal
--     (assigned reviewers and the organisation's admins, who decide). Nobody else.
--   * proposal_versions: whoever reads the proposal, except that its vendor reads them too.
--   * scores (with their comments): the reviewer who gave them, and the city members who read the
--     proposal. Never the vendor, never another city, never hub staff.
--   * questions: everyone once answered (on a public challenge); before, the asker's
--     organisation, the challenge's organisation and hub staff.
--   * partnerships and their events: hub staff, and members of the two organisations involved.
--
-- Refusals raised here (the app words the keys; PTnnn → HTTP nnn through PostgREST):
--   challenge_not_open PT409 · deadline_passed PT409 · proposal_final PT409 ·
--   proposal_status_illegal PT409

create type public.proposal_status as enum ('draft', 'submitted', 'shortlisted', 'declined', 'selected', 'withdrawn');
comment on type public.proposal_status is
	'draft → submitted → shortlisted | declined; shortlisted → selected | declined; submitted → selected; draft, submitted and shortlisted may be withdrawn by the vendor. declined, selected and withdrawn are final. private.proposal_status_transition_allowed() is the one list.';

create type public.partnership_stage as enum ('matched', 'intro', 'pilot', 'contract', 'deployed', 'closed');
comment on type public.partnership_stage is 'matched → intro → pilot → contract → deployed, or closed (with a reason) from any stage.';

-- ---------------------------------------------------------------------------------------------
-- Read helpers (SECURITY DEFINER: a policy may ask about rows the caller cannot read; each answers
-- about the caller only).
-- ---------------------------------------------------------------------------------------------

/** True when the caller is a member of the organisation that owns the challenge. */
create function private.is_challenge_member(challenge uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.challenges c
		join public.memberships m on m.organisation_id = c.organisation_id
		where c.id = challenge and m.user_id = (select auth.uid())
	)
$$;

/** True when the caller is an admin of the organisation that owns the challenge. */
create function private.is_challenge_admin(challenge uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.challenges c
		join public.memberships m on m.organisation_id = c.organisation_id
		where c.id = challenge and m.user_id = (select auth.uid()) and m.role = 'admin'
	)
$$;

-- ---------------------------------------------------------------------------------------------
-- Evaluation criteria: published with the challenge, so vendors know how they will be judged.
-- Weights are whole percentages; a challenge is published only when they total 100 (the
-- challenge functions check it; see 20261207000100).
-- ---------------------------------------------------------------------------------------------

create table public.challenge_criteria (
	id uuid primary key default gen_random_uuid(),
	challenge_id uuid not null references public.challenges (id) on delete cascade,
	position smallint not null constraint challenge_criteria_position_range check (position between 1 and 20),
	name text not null constraint challenge_criteria_name_length check (char_length(btrim(name)) between 2 and 120),
	description text not null default ''
		constraint challenge_criteria_description_length check (char_length(description) <= 1000),
	weight smallint not null constraint challenge_criteria_weight_range check (weight between 1 and 100),
	unique (challenge_id, position) deferrable initially deferred
);
alter table public.challenge_criteria enable row level security;
comment on table public.challenge_criteria is
	'Evaluation criteria of a challenge with whole-percentage weights (total 100 when published). Readable wherever the challenge is (its RLS applies inside the policy).';

create policy "Criteria are read with their challenge" on public.challenge_criteria
	for select to anon, authenticated
	using ((select private.api_read_allowed()) and exists (select 1 from public.challenges c where c.id = challenge_id));

revoke all on table public.challenge_criteria from public, anon, authenticated;
grant select on table public.challenge_criteria to anon, authenticated;
grant all on table public.challenge_criteria to service_role;

-- ---------------------------------------------------------------------------------------------
-- Questions and answers.
-- ---------------------------------------------------------------------------------------------

create table public.questions (
	id uuid primary key default gen_random_uuid(),
	challenge_id uuid not null references public.challenges (id) on delete cascade,
	-- The asker's organisation (a vendor); the person is kept for the rate limit and the audit.
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	asked_by uuid references public.profiles (id) on delete set null,
	body text not null constraint questions_body_length check (char_length(btrim(body)) between 10 and 2000),
	answer text constraint questions_answer_length check (char_length(btrim(answer)) between 2 and 5000),
	answered_by uuid references public.profiles (id) on delete set null,
	answered_at timestamptz,
	created_at timestamptz not null default now(),
	constraint questions_answer_complete check ((answer is null) = (answered_at is null))
);
alter table public.questions enable row level security;
create index questions_challenge_id_idx on public.questions (challenge_id, created_at);
create index questions_organisation_id_idx on public.questions (organisation_id);
create index questions_asked_by_idx on public.questions (asked_by, created_at);
create index questions_answered_by_idx on public.questions (answered_by);
comment on table public.questions is
	'Clarifying questions on a challenge. Public (with their answer) once answered; before that, the asking organisation, the challenge''s organisation and hub staff read them. Who asked is not readable through the table (column grants): only body, answer and dates.';

create policy "Visitors read answered questions" on public.questions
	for select to anon
	using (
		(select private.api_read_allowed())
		and answered_at is not null
		and exists (select 1 from public.challenges c where c.id = challenge_id)
	);

create policy "Members read answered questions, their own and those on their challenges" on public.questions
	for select to authenticated
	using (
		(answered_at is not null and exists (select 1 from public.challenges c where c.id = challenge_id))
		or organisation_id = any ((select array(select private.my_organisation_ids()))::uuid[])
		or private.is_challenge_member(challenge_id)
		or (select private.is_hub_staff())
	);

revoke all on table public.questions from public, anon, authenticated;
-- Nobody learns through the table who asked (a competitor's interest is confidential): the asking
-- organisation and the city read that through the question functions.
grant select (id, challenge_id, body, answer, answered_at, created_at) on public.questions to anon, authenticated;
grant all on table public.questions to service_role;

-- ---------------------------------------------------------------------------------------------
-- Proposals and their submitted versions.
-- ---------------------------------------------------------------------------------------------

/** Every link an absolute http(s) URL of reasonable length, at most 10. */
create function private.links_valid(links text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
	select cardinality(links) <= 10
		and not exists (
			select 1 from unnest(links) as l
			where l is null or char_length(l) > 500 or l !~* '^https?://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$'
		)
$$;
revoke all on function private.links_valid(text[]) from public;
grant execute on function private.links_valid(text[]) to service_role;

create table public.proposals (
	id uuid primary key default gen_random_uuid(),
	challenge_id uuid not null references public.challenges (id) on delete cascade,
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	created_by uuid references public.profiles (id) on delete set null,
	status public.proposal_status not null default 'draft',
	title text not null default ''
		constraint proposals_title_length check (char_length(title) <= 200),
	summary text not null default ''
		constraint proposals_summary_length check (char_length(summary) <= 1000),
	approach text not null default ''
		constraint proposals_approach_length check (char_length(approach) <= 20000),
	pilot_plan text not null default ''
		constraint proposals_pilot_plan_length check (char_length(pilot_plan) <= 10000),
	cost_estimate numeric(16, 2)
		constraint proposals_cost_nonnegative check (cost_estimate >= 0),
	currency char(3) references public.currencies (code),
	timeline text not null default ''
		constraint proposals_timeline_length check (char_length(timeline) <= 5000),
	client_references text not null default ''
		constraint proposals_references_length check (char_length(client_references) <= 5000),
	links text[] not null default '{}' constraint proposals_links_valid check (private.links_valid(links)),
	-- Number of submitted versions (proposal_versions); 0 while never submitted.
	version integer not null default 0,
	submitted_at timestamptz,
	-- The decision: feedback the vendor reads, who decided, when.
	feedback text constraint proposals_feedback_length check (char_length(feedback) <= 5000),
	decided_at timestamptz,
	decided_by uuid references public.profiles (id) on delete set null,
	withdrawn_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint proposals_cost_needs_currency check (cost_estimate is null or currency is not null),
	-- What a submission must hold (drafts may be incomplete).
	constraint proposals_submitted_complete check (
		status = 'draft' or (submitted_at is null and status = 'withdrawn') or (
			char_length(btrim(title)) >= 3
			and char_length(btrim(summary)) >= 10
			and char_length(btrim(approach)) >= 10
		)
	),
	constraint proposals_decision_feedback check (
		status not in ('shortlisted', 'declined', 'selected') or (feedback is not null and decided_at is not null)
	)
);
alter table public.proposals enable row level security;
-- One live proposal per vendor per challenge (a withdrawn one makes room for a new one).
create unique index proposals_one_live_idx on public.proposals (challenge_id, organisation_id)
	where status <> 'withdrawn';
create index proposals_organisation_id_idx on public.proposals (organisation_id, updated_at desc);
create index proposals_challenge_id_idx on public.proposals (challenge_id, status);
create index proposals_created_by_idx on public.proposals (created_by);
create index proposals_decided_by_idx on public.proposals (decided_by);
create index proposals_currency_idx on public.proposals (currency);

comment on table public.proposals is
	'A vendor organisation''s answer to one challenge. Commercially confidential: see the header of 20261207000000_collaboration_core.sql for who reads it. Written by functions only; the guard trigger enforces the deadline and the status lifecycle for every writer.';
comment on column public.proposals.version is 'How many versions were submitted (proposal_versions holds each one).';
comment on column public.proposals.feedback is 'The decision''s feedback to the vendor (drafted from the rubric comments, edited by the city).';

revoke all on table public.proposals from public, anon, authenticated;
grant select on table public.proposals to authenticated;
grant all on table public.proposals to service_role;

create table public.proposal_versions (
	proposal_id uuid not null references public.proposals (id) on delete cascade,
	version integer not null constraint proposal_versions_version_positive check (version >= 1),
	-- The proposal's text fields as submitted (title, summary, approach, pilot_plan, cost_estimate,
	-- currency, timeline, client_references, links).
	content jsonb not null,
	submitted_by uuid references public.profiles (id) on delete set null,
	submitted_at timestamptz not null default now(),
	primary key (proposal_id, version)
);
alter table public.proposal_versions enable row level security;
create index proposal_versions_submitted_by_idx on public.proposal_versions (submitted_by);
comment on table public.proposal_versions is
	'Each submitted version of a proposal, kept by the guard trigger; the city reads the latest and the history. Read like the proposal.';

create policy "Versions are read with their proposal" on public.proposal_versions
	for select to authenticated
	using (exists (select 1 from public.proposals p where p.id = proposal_id));

revoke all on table public.proposal_versions from public, anon, authenticated;
grant select on table public.proposal_versions to authenticated;
grant all on table public.proposal_versions to service_role;

/** The one list of legal proposal status changes. */
create function private.proposal_status_transition_allowed(
	from_status public.proposal_status,
	to_status public.proposal_status
)
returns boolean
language sql
immutable
set search_path = ''
as $$
	select (from_status, to_status) in (
		('draft'::public.proposal_status, 'submitted'::public.proposal_status),
		('draft', 'withdrawn'),
		('submitted', 'shortlisted'),
		('submitted', 'declined'),
		('submitted', 'selected'),
		('submitted', 'withdrawn'),
		('shortlisted', 'selected'),
		('shortlisted', 'declined'),
		('shortlisted', 'withdrawn')
	)
$$;
revoke all on function private.proposal_status_transition_allowed(public.proposal_status, public.proposal_status) from public;

/**
 * Trigger (before insert or update on proposals), for every writer:
 *  * the text may change (and a proposal be created or submitted) only while the challenge is open
 *    and before its deadline (clock_timestamp(): the moment of the write, not of the transaction's
 *    start): challenge_not_open / deadline_passed PT409;
 *  * the text may change only in draft or submitted (proposal_final PT409);
 *  * status changes follow proposal_status_transition_allowed (proposal_status_illegal PT409);
 *  * submitting, or changing the text of a submitted proposal, adds a version (proposal_versions)
 *    and stamps submitted_at the first time; a re-submission without changes adds none (a
 *    double-clicked submit stores one version).
 */
create function private.proposals_guard()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_challenge public.challenges;
	v_text_changed boolean;
	v_now timestamptz := clock_timestamp();
begin
	if tg_op = 'UPDATE' then
		if new.challenge_id is distinct from old.challenge_id or new.organisation_id is distinct from old.organisation_id then
			raise exception using errcode = 'PT409', message = 'proposal_status_illegal',
				hint = 'A proposal stays with its challenge and its organisation.';
		end if;
		v_text_changed := (new.title, new.summary, new.approach, new.pilot_plan, new.cost_estimate, new.currency,
			new.timeline, new.client_references, new.links)
			is distinct from (old.title, old.summary, old.approach, old.pilot_plan, old.cost_estimate, old.currency,
			old.timeline, old.client_references, old.links);
		if new.status is distinct from old.status
			and not private.proposal_status_transition_allowed(old.status, new.status) then
			raise exception using errcode = 'PT409', message = 'proposal_status_illegal',
				detail = format('a proposal cannot go from %s to %s', old.status, new.status);
		end if;
		if v_text_changed and old.status not in ('draft', 'submitted') then
			raise exception using errcode = 'PT409', message = 'proposal_final',
				hint = 'A decided or withdrawn proposal cannot be edited.';
		end if;
	else
		v_text_changed := true;
		if new.status <> 'draft' and new.status <> 'submitted' then
			raise exception using errcode = 'PT409', message = 'proposal_status_illegal',
				hint = 'A proposal starts as a draft or a submission.';
		end if;
		new.version := 0;
		new.submitted_at := null;
	end if;

	if v_text_changed or (new.status = 'submitted' and (tg_op = 'INSERT' or old.status = 'draft')) then
		select * into v_challenge from public.challenges c where c.id = new.challenge_id;
		if v_challenge.status is distinct from 'open' then
			raise exception using errcode = 'PT409', message = 'challenge_not_open',
				hint = 'Proposals are taken only while the challenge is open.';
		end if;
		if v_challenge.deadline is not null and v_now >= v_challenge.deadline then
			raise exception using errcode = 'PT409', message = 'deadline_passed',
				detail = format('the deadline was %s', v_challenge.deadline),
				hint = 'Proposals are taken only before the deadline.';
		end if;
	end if;

	if new.status = 'submitted'
		and (tg_op = 'INSERT' or old.status = 'draft' or v_text_changed) then
		new.version := coalesce(new.version, 0) + 1;
		new.submitted_at := coalesce(new.submitted_at, v_now);
	end if;
	if new.status = 'withdrawn' and (tg_op = 'INSERT' or old.status <> 'withdrawn') then
		new.withdrawn_at := v_now;
	end if;
	new.updated_at := v_now;
	return new;
end;
$$;

create trigger proposals_guard
	before insert or update on public.proposals
	for each row execute function private.proposals_guard();

/** Trigger (after insert or update): keeps each submitted version and audits submissions and status changes. */
create function private.proposals_after_write()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if new.status = 'submitted' and new.version > coalesce(case when tg_op = 'UPDATE' then old.version end, 0) then
		insert into public.proposal_versions (proposal_id, version, content, submitted_by, submitted_at)
		values (new.id, new.version, jsonb_build_object(
			'title', new.title, 'summary', new.summary, 'approach', new.approach, 'pilot_plan', new.pilot_plan,
			'cost_estimate', new.cost_estimate, 'currency', new.currency, 'timeline', new.timeline,
			'client_references', new.client_references, 'links', to_jsonb(new.links)
		), (select auth.uid()), new.updated_at);
		perform private.audit(new.organisation_id, 'proposal.submitted', 'proposal:' || new.id, null,
			jsonb_build_object('challenge_id', new.challenge_id, 'version', new.version));
	end if;
	if tg_op = 'UPDATE' and new.status is distinct from old.status and new.status <> 'submitted' then
		perform private.audit(new.organisation_id, 'proposal.' || new.status::text, 'proposal:' || new.id,
			jsonb_build_object('status', old.status),
			jsonb_build_object('status', new.status, 'challenge_id', new.challenge_id, 'feedback', new.feedback));
	end if;
	return null;
end;
$$;

create trigger proposals_after_write
	after insert or update on public.proposals
	for each row execute function private.proposals_after_write();

revoke all on function private.proposals_guard() from public;
revoke all on function private.proposals_after_write() from public;

-- ---------------------------------------------------------------------------------------------
-- Review: reviewers, conflict declarations, scores.
-- ---------------------------------------------------------------------------------------------

create table public.challenge_reviewers (
	challenge_id uuid not null references public.challenges (id) on delete cascade,
	user_id uuid not null references public.profiles (id) on delete cascade,
	assigned_by uuid references public.profiles (id) on delete set null,
	assigned_at timestamptz not null default now(),
	primary key (challenge_id, user_id)
);
alter table public.challenge_reviewers enable row level security;
create index challenge_reviewers_user_id_idx on public.challenge_reviewers (user_id);
create index challenge_reviewers_assigned_by_idx on public.challenge_reviewers (assigned_by);
comment on table public.challenge_reviewers is
	'Who reviews a challenge''s proposals: members of the organisation that owns it, assigned by its admins. Read by that organisation''s members.';

create policy "Members of the owning organisation read its reviewers" on public.challenge_reviewers
	for select to authenticated
	using (user_id = (select auth.uid()) or private.is_challenge_member(challenge_id));

revoke all on table public.challenge_reviewers from public, anon, authenticated;
grant select on table public.challenge_reviewers to authenticated;
grant all on table public.challenge_reviewers to service_role;

create table public.conflict_declarations (
	proposal_id uuid not null references public.proposals (id) on delete cascade,
	reviewer_id uuid not null references public.profiles (id) on delete cascade,
	conflicted boolean not null,
	statement text constraint conflict_declarations_statement_length check (char_length(statement) <= 2000),
	declared_at timestamptz not null default now(),
	primary key (proposal_id, reviewer_id)
);
alter table public.conflict_declarations enable row level security;
create index conflict_declarations_reviewer_id_idx on public.conflict_declarations (reviewer_id);
comment on table public.conflict_declarations is
	'Each reviewer''s declaration, per proposal, before seeing it: conflicted (cannot open or score it) or not. Declared once (functions), audited. Read by the reviewer and the owning organisation''s admins.';

/** The submitted proposals the caller may read as a city member: an admin of the owning organisation
 or an assigned reviewer, who declared no conflict on each. */
create function private.my_cleared_proposal_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
	select d.proposal_id
	from public.conflict_declarations d
	join public.proposals p on p.id = d.proposal_id
	join public.challenges c on c.id = p.challenge_id
	join public.memberships m on m.organisation_id = c.organisation_id and m.user_id = d.reviewer_id
	where d.reviewer_id = (select auth.uid()) and not d.conflicted and p.submitted_at is not null
		and (
			m.role = 'admin'
			or exists (select 1 from public.challenge_reviewers r where r.challenge_id = c.id and r.user_id = d.reviewer_id)
		)
$$;

create policy "Vendors read their own; cleared city members and hub staff read submitted ones" on public.proposals
	for select to authenticated
	using (
		organisation_id = any ((select array(select private.my_organisation_ids()))::uuid[])
		or (submitted_at is not null and (select private.is_hub_staff()))
		or id = any ((select array(select private.my_cleared_proposal_ids()))::uuid[])
	);

create policy "Reviewers read their declarations; the owning organisation's admins read all" on public.conflict_declarations
	for select to authenticated
	using (
		reviewer_id = (select auth.uid())
		or exists (
			select 1 from public.proposals p
			where p.id = proposal_id and private.is_challenge_admin(p.challenge_id)
		)
	);

revoke all on table public.conflict_declarations from public, anon, authenticated;
grant select on table public.conflict_declarations to authenticated;
grant all on table public.conflict_declarations to service_role;

create table public.scores (
	proposal_id uuid not null references public.proposals (id) on delete cascade,
	reviewer_id uuid not null references public.profiles (id) on delete cascade,
	criterion_id uuid not null references public.challenge_criteria (id) on delete cascade,
	score smallint not null constraint scores_score_range check (score between 0 and 5),
	comment text not null default '' constraint scores_comment_length check (char_length(comment) <= 2000),
	updated_at timestamptz not null default now(),
	primary key (proposal_id, reviewer_id, criterion_id)
);
alter table public.scores enable row level security;
create index scores_reviewer_id_idx on public.scores (reviewer_id);
create index scores_criterion_id_idx on public.scores (criterion_id);
comment on table public.scores is
	'A reviewer''s score (0–5) and comment per proposal and criterion. Confidential to the city: read by the reviewer and by city members cleared on that proposal; never by vendors or hub staff.';

-- Cleared ids are declarations by members of the city organisation only, so a vendor never
-- reads scores on its own proposal.
create policy "Reviewers read their scores; cleared city members read a proposal's scores" on public.scores
	for select to authenticated
	using (
		reviewer_id = (select auth.uid())
		or proposal_id = any ((select array(select private.my_cleared_proposal_ids()))::uuid[])
	);

revoke all on table public.scores from public, anon, authenticated;
grant select on table public.scores to authenticated;
grant all on table public.scores to service_role;

-- ---------------------------------------------------------------------------------------------
-- Partnerships (created by a shortlist or a selection; the hub's board is issue 14).
-- ---------------------------------------------------------------------------------------------

create table public.partnerships (
	id uuid primary key default gen_random_uuid(),
	proposal_id uuid not null unique references public.proposals (id) on delete cascade,
	challenge_id uuid not null references public.challenges (id) on delete cascade,
	city_organisation_id uuid not null references public.organisations (id) on delete cascade,
	vendor_organisation_id uuid not null references public.organisations (id) on delete cascade,
	stage public.partnership_stage not null default 'matched',
	owner_id uuid references public.profiles (id) on delete set null,
	next_step text constraint partnerships_next_step_length check (char_length(next_step) <= 500),
	next_step_due date,
	closed_reason text constraint partnerships_closed_reason_length check (char_length(closed_reason) <= 1000),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint partnerships_closed_has_reason check ((stage = 'closed') = (closed_reason is not null))
);
alter table public.partnerships enable row level security;
create index partnerships_challenge_id_idx on public.partnerships (challenge_id);
create index partnerships_city_organisation_id_idx on public.partnerships (city_organisation_id);
create index partnerships_vendor_organisation_id_idx on public.partnerships (vendor_organisation_id);
create index partnerships_owner_id_idx on public.partnerships (owner_id);
create index partnerships_stage_idx on public.partnerships (stage);
comment on table public.partnerships is
	'A match between a city and a vendor, created when a proposal is shortlisted or selected, followed by the hub to deployment. Read by hub staff and by members of the two organisations.';

create policy "Hub staff and the two organisations read a partnership" on public.partnerships
	for select to authenticated
	using (
		(select private.is_hub_staff())
		or city_organisation_id = any ((select array(select private.my_organisation_ids()))::uuid[])
		or vendor_organisation_id = any ((select array(select private.my_organisation_ids()))::uuid[])
	);

revoke all on table public.partnerships from public, anon, authenticated;
grant select on table public.partnerships to authenticated;
grant all on table public.partnerships to service_role;

create table public.partnership_events (
	id bigint generated always as identity primary key,
	partnership_id uuid not null references public.partnerships (id) on delete cascade,
	at timestamptz not null default now(),
	actor uuid references public.profiles (id) on delete set null,
	-- created | stage | next_step | owner | note
	kind text not null constraint partnership_events_kind check (kind in ('created', 'stage', 'next_step', 'owner', 'note')),
	from_stage public.partnership_stage,
	to_stage public.partnership_stage,
	note text constraint partnership_events_note_length check (char_length(note) <= 5000)
);
alter table public.partnership_events enable row level security;
create index partnership_events_partnership_id_idx on public.partnership_events (partnership_id, at);
create index partnership_events_actor_idx on public.partnership_events (actor);
comment on table public.partnership_events is 'Every change of a partnership, in order (append-only). Read with the partnership.';

create policy "Events are read with their partnership" on public.partnership_events
	for select to authenticated
	using (exists (select 1 from public.partnerships p where p.id = partnership_id));

revoke all on table public.partnership_events from public, anon, authenticated;
grant select on table public.partnership_events to authenticated;
grant all on table public.partnership_events to service_role;

/** Trigger: a partnership's creation is its first event. */
create function private.partnerships_created()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	insert into public.partnership_events (partnership_id, actor, kind, to_stage)
	values (new.id, (select auth.uid()), 'created', new.stage);
	perform private.audit(new.city_organisation_id, 'partnership.created', 'partnership:' || new.id, null, to_jsonb(new));
	return null;
end;
$$;
create trigger partnerships_created
	after insert on public.partnerships
	for each row execute function private.partnerships_created();
revoke all on function private.partnerships_created() from public;

-- ---------------------------------------------------------------------------------------------
-- Challenge status changes are audited (every writer).
-- ---------------------------------------------------------------------------------------------

create function private.audit_challenge_status()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.audit(new.organisation_id, 'challenge.' || new.status::text, 'challenge:' || new.id,
		jsonb_build_object('status', old.status, 'deadline', old.deadline),
		jsonb_build_object('status', new.status, 'outcome', new.outcome, 'deadline', new.deadline));
	return null;
end;
$$;
create trigger challenges_audit_status
	after update of status on public.challenges
	for each row when (new.status is distinct from old.status)
	execute function private.audit_challenge_status();
revoke all on function private.audit_challenge_status() from public;

revoke all on function private.is_challenge_member(uuid) from public;
revoke all on function private.is_challenge_admin(uuid) from public;
revoke all on function private.my_cleared_proposal_ids() from public;
grant execute on function private.is_challenge_member(uuid) to authenticated;
grant execute on function private.is_challenge_admin(uuid) to authenticated;
grant execute on function private.my_cleared_proposal_ids() to authenticated;
