-- Review, decisions and partnerships (issue 13, items 5–7; docs/collaboration.md): the city assigns
-- reviewers from its members, each declares conflicts of interest before seeing a proposal, cleared
-- reviewers score 0–5 per criterion with a comment, the review board sums it up, the owning
-- organisation's admins decide (shortlist / decline / select, with feedback), and a shortlist or
-- a selection creates the partnership the hub follows. Every function checks who asks; the tables'
-- read rules are the core migration's (20261207000000), unchanged.
--
-- Conflict declarations are made once per proposal and person. Declaring the same answer again is
-- accepted and changes nothing (a double-clicked form). "No conflict" may later become
-- "conflicted" (a reviewer who discovers a conflict must be able to step back: from then on they
-- cannot open or score the proposal, and the scores they gave it are removed); "conflicted" never
-- becomes "no conflict" (conflict_declared PT409): that would let a conflicted person in.
--
-- Refusals (the app words the keys; PTnnn → HTTP nnn through PostgREST):
--   not_signed_in PT403 · challenge_unknown PT404 · not_org_admin PT403 · reviewer_not_member PT409 ·
--   not_reviewer PT403 · proposal_unknown PT404 · conflict_declared PT409 · declaration_invalid 22023 ·
--   conflict_not_declared PT403 · proposal_not_in_review PT409 · criterion_unknown 22023 ·
--   score_invalid 22023 · decision_invalid 22023 · feedback_required 22023 ·
--   (and the core's proposal_status_illegal PT409; a score outside 0–5 is the constraint
--   scores_score_range, 23514).

-- The caller, or not_signed_in: private.require_signed_in() (20261207000200).

/** True when `person` is assigned to review the challenge. */
create function private.is_reviewer(challenge uuid, person uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (select 1 from public.challenge_reviewers r where r.challenge_id = challenge and r.user_id = person)
$$;
revoke all on function private.is_reviewer(uuid, uuid) from public;

/** True when `person` is an admin of the organisation that owns the challenge. */
create function private.is_admin_of_challenge(challenge uuid, person uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.challenges c
		join public.memberships m on m.organisation_id = c.organisation_id
		where c.id = challenge and m.user_id = person and m.role = 'admin'
	)
$$;
revoke all on function private.is_admin_of_challenge(uuid, uuid) from public;

/** The proposals on the review board: submitted at least once and not withdrawn. */
create function private.proposal_on_board(p public.proposals)
returns boolean
language sql
immutable
set search_path = ''
as $$
	select p.submitted_at is not null and p.status in ('submitted', 'shortlisted', 'declined', 'selected')
$$;
revoke all on function private.proposal_on_board(public.proposals) from public;

-- ---------------------------------------------------------------------------------------------
-- Reviewers
-- ---------------------------------------------------------------------------------------------

/** Assigns a member of the owning organisation as a reviewer (admins of that organisation). */
create function public.assign_reviewer(challenge uuid, reviewer uuid)
returns public.challenge_reviewers
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_org uuid;
	v_row public.challenge_reviewers;
begin
	select c.organisation_id into v_org from public.challenges c where c.id = assign_reviewer.challenge;
	if v_org is null then
		raise exception using errcode = 'PT404', message = 'challenge_unknown';
	end if;
	if not private.is_admin_of_challenge(assign_reviewer.challenge, v_me) then
		raise exception using errcode = 'PT403', message = 'not_org_admin';
	end if;
	if not exists (
		select 1 from public.memberships m where m.organisation_id = v_org and m.user_id = assign_reviewer.reviewer
	) then
		raise exception using errcode = 'PT409', message = 'reviewer_not_member',
			hint = 'Reviewers are members of the organisation that owns the challenge.';
	end if;
	insert into public.challenge_reviewers (challenge_id, user_id, assigned_by)
	values (assign_reviewer.challenge, assign_reviewer.reviewer, v_me)
	on conflict (challenge_id, user_id) do nothing
	returning * into v_row;
	if v_row.challenge_id is null then
		select * into v_row from public.challenge_reviewers r
		where r.challenge_id = assign_reviewer.challenge and r.user_id = assign_reviewer.reviewer;
	else
		perform private.audit(v_org, 'reviewer.assigned', 'challenge:' || assign_reviewer.challenge, null,
			jsonb_build_object('reviewer', assign_reviewer.reviewer));
	end if;
	return v_row;
end;
$$;

/** Removes a reviewer (admins of the owning organisation). Their declarations and scores stay, but
 count no more (the board counts assigned reviewers only) and they read no proposal as a reviewer. */
create function public.unassign_reviewer(challenge uuid, reviewer uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_org uuid;
begin
	select c.organisation_id into v_org from public.challenges c where c.id = unassign_reviewer.challenge;
	if v_org is null then
		raise exception using errcode = 'PT404', message = 'challenge_unknown';
	end if;
	if not private.is_admin_of_challenge(unassign_reviewer.challenge, v_me) then
		raise exception using errcode = 'PT403', message = 'not_org_admin';
	end if;
	delete from public.challenge_reviewers r
	where r.challenge_id = unassign_reviewer.challenge and r.user_id = unassign_reviewer.reviewer;
	if found then
		perform private.audit(v_org, 'reviewer.unassigned', 'challenge:' || unassign_reviewer.challenge,
			jsonb_build_object('reviewer', unassign_reviewer.reviewer), null);
	end if;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- Conflict declarations
-- ---------------------------------------------------------------------------------------------

/**
 * The caller's declarations on proposals of one challenge: [{proposal, conflicted, statement}].
 * By an assigned reviewer or an admin of the owning organisation; the rule for changes is in the
 * header. Each new or changed declaration is audited ('conflict.declared').
 */
create function public.declare_conflicts(challenge uuid, declarations jsonb)
returns setof public.conflict_declarations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_org uuid;
	v_item jsonb;
	v_proposal uuid;
	v_conflicted boolean;
	v_statement text;
	v_old public.conflict_declarations;
begin
	select c.organisation_id into v_org from public.challenges c where c.id = declare_conflicts.challenge;
	if v_org is null then
		raise exception using errcode = 'PT404', message = 'challenge_unknown';
	end if;
	if not (private.is_reviewer(declare_conflicts.challenge, v_me)
		or private.is_admin_of_challenge(declare_conflicts.challenge, v_me)) then
		raise exception using errcode = 'PT403', message = 'not_reviewer';
	end if;
	if jsonb_typeof(declarations) is distinct from 'array' then
		raise exception using errcode = '22023', message = 'declaration_invalid';
	end if;
	for v_item in select value from jsonb_array_elements(declarations) loop
		if jsonb_typeof(v_item) <> 'object' or jsonb_typeof(v_item -> 'conflicted') <> 'boolean'
			or (v_item -> 'proposal') is null then
			raise exception using errcode = '22023', message = 'declaration_invalid';
		end if;
		begin
			v_proposal := (v_item ->> 'proposal')::uuid;
		exception when invalid_text_representation then
			raise exception using errcode = '22023', message = 'declaration_invalid';
		end;
		v_conflicted := (v_item ->> 'conflicted')::boolean;
		v_statement := nullif(btrim(coalesce(v_item ->> 'statement', '')), '');
		if not exists (
			select 1 from public.proposals p
			where p.id = v_proposal and p.challenge_id = declare_conflicts.challenge and private.proposal_on_board(p)
		) then
			raise exception using errcode = 'PT404', message = 'proposal_unknown';
		end if;
		select * into v_old from public.conflict_declarations d
		where d.proposal_id = v_proposal and d.reviewer_id = v_me
		for update;
		if v_old.proposal_id is not null then
			if v_old.conflicted = v_conflicted then
				continue; -- the same answer again: nothing changes
			end if;
			if v_old.conflicted and not v_conflicted then
				raise exception using errcode = 'PT409', message = 'conflict_declared',
					hint = 'A declared conflict of interest cannot be withdrawn.';
			end if;
			update public.conflict_declarations d
			set conflicted = true, statement = coalesce(v_statement, d.statement), declared_at = now()
			where d.proposal_id = v_proposal and d.reviewer_id = v_me;
			delete from public.scores s where s.proposal_id = v_proposal and s.reviewer_id = v_me;
		else
			insert into public.conflict_declarations (proposal_id, reviewer_id, conflicted, statement)
			values (v_proposal, v_me, v_conflicted, v_statement);
		end if;
		perform private.audit(v_org, 'conflict.declared', 'proposal:' || v_proposal,
			case when v_old.proposal_id is null then null else jsonb_build_object('conflicted', v_old.conflicted) end,
			jsonb_build_object('conflicted', v_conflicted, 'challenge_id', declare_conflicts.challenge,
				'statement', v_statement is not null));
	end loop;
	return query
		select d.* from public.conflict_declarations d
		join public.proposals p on p.id = d.proposal_id
		where d.reviewer_id = v_me and p.challenge_id = declare_conflicts.challenge;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- Scores
-- ---------------------------------------------------------------------------------------------

/**
 * The caller's scores on one proposal: [{criterion, score, comment}] (upserted; criteria not
 * named are left as they were). Only an assigned reviewer who declared no conflict on it, only
 * while it is submitted or shortlisted, only the challenge's own criteria. A score outside 0–5 is
 * refused by the constraint scores_score_range (23514).
 */
create function public.save_scores(proposal uuid, scores jsonb)
returns setof public.scores
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_p public.proposals;
	v_item jsonb;
	v_criterion uuid;
	v_score numeric;
	v_declared public.conflict_declarations;
begin
	select * into v_p from public.proposals p where p.id = save_scores.proposal;
	if v_p.id is null or not private.proposal_on_board(v_p) then
		raise exception using errcode = 'PT404', message = 'proposal_unknown';
	end if;
	if not private.is_reviewer(v_p.challenge_id, v_me) then
		raise exception using errcode = 'PT403', message = 'not_reviewer';
	end if;
	select * into v_declared from public.conflict_declarations d
	where d.proposal_id = v_p.id and d.reviewer_id = v_me;
	if v_declared.proposal_id is null or v_declared.conflicted then
		raise exception using errcode = 'PT403', message = 'conflict_not_declared',
			hint = 'Declare that you have no conflict of interest before scoring.';
	end if;
	if v_p.status not in ('submitted', 'shortlisted') then
		raise exception using errcode = 'PT409', message = 'proposal_not_in_review';
	end if;
	if jsonb_typeof(save_scores.scores) is distinct from 'array' then
		raise exception using errcode = '22023', message = 'score_invalid';
	end if;
	for v_item in select value from jsonb_array_elements(save_scores.scores) loop
		if jsonb_typeof(v_item) <> 'object' or jsonb_typeof(v_item -> 'score') <> 'number' then
			raise exception using errcode = '22023', message = 'score_invalid';
		end if;
		begin
			v_criterion := (v_item ->> 'criterion')::uuid;
		exception when invalid_text_representation then
			raise exception using errcode = '22023', message = 'criterion_unknown';
		end;
		if v_criterion is null or not exists (
			select 1 from public.challenge_criteria c where c.id = v_criterion and c.challenge_id = v_p.challenge_id
		) then
			raise exception using errcode = '22023', message = 'criterion_unknown';
		end if;
		v_score := (v_item ->> 'score')::numeric;
		if v_score <> trunc(v_score) or abs(v_score) > 32767 then
			raise exception using errcode = '22023', message = 'score_invalid';
		end if;
		-- The range is the table's constraint (scores_score_range): 6 is refused there.
		insert into public.scores (proposal_id, reviewer_id, criterion_id, score, comment, updated_at)
		values (v_p.id, v_me, v_criterion, v_score::smallint, btrim(coalesce(v_item ->> 'comment', '')), now())
		on conflict (proposal_id, reviewer_id, criterion_id)
		do update set score = excluded.score, comment = excluded.comment, updated_at = excluded.updated_at;
	end loop;
	return query select s.* from public.scores s where s.proposal_id = v_p.id and s.reviewer_id = v_me;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- The review board
-- ---------------------------------------------------------------------------------------------

/**
 * The review board of one challenge, for the owning organisation's admins and its assigned
 * reviewers (not_reviewer PT403 for anyone else), as one JSON document:
 *   { challenge: {id, slug, title, status, deadline}, me: {admin, reviewer},
 *     criteria: [{id, position, name, weight}],
 *     reviewers: [{id, name, cleared, scored, declared}]  -- progress: scored of cleared,
 *     proposals: [{id, vendor, status, version, submitted_at, declaration: null | {conflicted},
 *                  cleared, total, complete_reviews, criteria: [{id, mean, count, disagreement}],
 *                  disagreement}] }
 * Which scores count: those of currently assigned reviewers who declared no conflict. A
 * reviewer's total for a proposal is Σ score × weight / 5 (0–100 when the weights total 100) and
 * exists only when they scored every criterion; the proposal's total is the mean of those
 * (null while nobody has scored it fully). Partial scoring counts in the per-criterion means and
 * in the disagreement flags, not in the total. Disagreement: on a criterion, two reviewers' scores
 * differ by 2 or more (max − min ≥ 2). A reviewer's progress: of the proposals they are cleared
 * for, how many they scored on every criterion.
 * Confidentiality: vendor names, status and version of every proposal on the board (to declare
 * conflicts on); the scores' summary only for proposals the caller is cleared on (declared no
 * conflict); never the proposal's text (read it with review_proposal, under RLS).
 */
create function public.review_board(challenge uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_c public.challenges;
	v_admin boolean;
	v_reviewer boolean;
	v_n_criteria integer;
begin
	select * into v_c from public.challenges c where c.id = review_board.challenge;
	if v_c.id is null then
		raise exception using errcode = 'PT404', message = 'challenge_unknown';
	end if;
	v_admin := private.is_admin_of_challenge(v_c.id, v_me);
	v_reviewer := private.is_reviewer(v_c.id, v_me);
	if not (v_admin or v_reviewer) then
		raise exception using errcode = 'PT403', message = 'not_reviewer';
	end if;
	select count(*) into v_n_criteria from public.challenge_criteria cc where cc.challenge_id = v_c.id;

	return (
		with crit as (
			select cc.id, cc.position, cc.name, cc.weight from public.challenge_criteria cc where cc.challenge_id = v_c.id
		),
		props as (
			select p.id, p.status, p.version, p.submitted_at, o.name as vendor
			from public.proposals p
			join public.organisations o on o.id = p.organisation_id
			where p.challenge_id = v_c.id and private.proposal_on_board(p)
		),
		revs as (
			select r.user_id, pr.display_name
			from public.challenge_reviewers r
			left join public.profiles pr on pr.id = r.user_id
			where r.challenge_id = v_c.id
		),
		cleared as (
			-- (reviewer, proposal) pairs that count: assigned, declared no conflict
			select d.reviewer_id, d.proposal_id
			from public.conflict_declarations d
			join props p on p.id = d.proposal_id
			join revs r on r.user_id = d.reviewer_id
			where not d.conflicted
		),
		counted as (
			select s.* from public.scores s
			join cleared cl on cl.reviewer_id = s.reviewer_id and cl.proposal_id = s.proposal_id
			join crit on crit.id = s.criterion_id
		),
		per_reviewer as (
			-- each reviewer's weighted total for a proposal, when they scored every criterion
			select s.proposal_id, s.reviewer_id, sum(s.score * crit.weight)::numeric / 5 as total,
				count(*) = v_n_criteria as complete
			from counted s join crit on crit.id = s.criterion_id
			group by s.proposal_id, s.reviewer_id
		),
		per_criterion as (
			select s.proposal_id, s.criterion_id, avg(s.score)::numeric as mean, count(*) as n,
				(max(s.score) - min(s.score)) >= 2 as disagreement
			from counted s group by s.proposal_id, s.criterion_id
		),
		me_cleared as (
			select d.proposal_id from public.conflict_declarations d
			join props p on p.id = d.proposal_id
			where d.reviewer_id = v_me and not d.conflicted
		)
		select jsonb_build_object(
			'challenge', jsonb_build_object('id', v_c.id, 'slug', v_c.slug, 'title', v_c.title, 'status', v_c.status,
				'deadline', v_c.deadline, 'organisation_id', v_c.organisation_id),
			'me', jsonb_build_object('admin', v_admin, 'reviewer', v_reviewer),
			'criteria', coalesce((select jsonb_agg(jsonb_build_object('id', id, 'position', position, 'name', name,
				'weight', weight) order by position) from crit), '[]'::jsonb),
			'reviewers', coalesce((select jsonb_agg(jsonb_build_object(
					'id', r.user_id,
					'name', r.display_name,
					'declared', (select count(*) from public.conflict_declarations d join props p on p.id = d.proposal_id
						where d.reviewer_id = r.user_id),
					'cleared', (select count(*) from cleared cl where cl.reviewer_id = r.user_id),
					'scored', (select count(*) from per_reviewer pr where pr.reviewer_id = r.user_id and pr.complete)
				) order by r.display_name, r.user_id) from revs r), '[]'::jsonb),
			'proposals', coalesce((select jsonb_agg(jsonb_build_object(
					'id', p.id,
					'vendor', p.vendor,
					'status', p.status,
					'version', p.version,
					'submitted_at', p.submitted_at,
					'declaration', (select jsonb_build_object('conflicted', d.conflicted) from public.conflict_declarations d
						where d.proposal_id = p.id and d.reviewer_id = v_me),
					'cleared', mc.proposal_id is not null,
					'total', case when mc.proposal_id is not null then
						(select round(avg(pr.total), 1) from per_reviewer pr where pr.proposal_id = p.id and pr.complete) end,
					'complete_reviews', case when mc.proposal_id is not null then
						(select count(*) from per_reviewer pr where pr.proposal_id = p.id and pr.complete) end,
					'criteria', case when mc.proposal_id is not null then
						coalesce((select jsonb_agg(jsonb_build_object('id', crit.id, 'mean', round(pc.mean, 2),
							'count', coalesce(pc.n, 0), 'disagreement', coalesce(pc.disagreement, false)) order by crit.position)
						from crit left join per_criterion pc on pc.criterion_id = crit.id and pc.proposal_id = p.id), '[]'::jsonb)
						end,
					'disagreement', case when mc.proposal_id is not null then
						exists (select 1 from per_criterion pc where pc.proposal_id = p.id and pc.disagreement) end
				) order by p.vendor, p.id)
				from props p left join me_cleared mc on mc.proposal_id = p.id), '[]'::jsonb)
		)
	);
end;
$$;

/**
 * One proposal as the city reads it: the proposal, its latest version and the history, the
 * challenge's criteria and the scores (with comments) the caller may read. SECURITY INVOKER: the
 * tables' RLS decides (cleared city members, the vendor itself for the versions, hub staff);
 * an unreadable proposal gives null.
 */
create function public.review_proposal(proposal uuid)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
	select jsonb_build_object(
		'proposal', jsonb_build_object('id', p.id, 'challenge_id', p.challenge_id, 'organisation_id', p.organisation_id,
			'vendor', (select o.name from public.organisations o where o.id = p.organisation_id),
			'status', p.status, 'version', p.version, 'submitted_at', p.submitted_at, 'feedback', p.feedback,
			'decided_at', p.decided_at, 'withdrawn_at', p.withdrawn_at),
		'versions', coalesce((select jsonb_agg(jsonb_build_object('version', v.version, 'content', v.content,
			'submitted_at', v.submitted_at) order by v.version desc)
			from public.proposal_versions v where v.proposal_id = p.id), '[]'::jsonb),
		'criteria', coalesce((select jsonb_agg(jsonb_build_object('id', c.id, 'position', c.position, 'name', c.name,
			'description', c.description, 'weight', c.weight) order by c.position)
			from public.challenge_criteria c where c.challenge_id = p.challenge_id), '[]'::jsonb),
		'scores', coalesce((select jsonb_agg(jsonb_build_object('reviewer_id', s.reviewer_id,
			'reviewer', (select pr.display_name from public.profiles pr where pr.id = s.reviewer_id),
			'criterion_id', s.criterion_id, 'score', s.score, 'comment', s.comment, 'updated_at', s.updated_at)
			order by s.reviewer_id, s.criterion_id)
			from public.scores s where s.proposal_id = p.id), '[]'::jsonb)
	)
	from public.proposals p
	where p.id = review_proposal.proposal and p.submitted_at is not null
$$;

-- ---------------------------------------------------------------------------------------------
-- Decisions
-- ---------------------------------------------------------------------------------------------

/**
 * Shortlists, declines or selects a proposal, with feedback for the vendor (required). By an admin
 * of the owning organisation who declared no conflict on it. The core guard enforces the legal
 * transitions (proposal_status_illegal) and audits the status change; a shortlist or a selection
 * creates the partnership at stage matched (one per proposal: a selection after a shortlist keeps
 * the first). The decision is also audited for the city ('decision.recorded').
 */
create function public.decide_proposal(proposal uuid, decision public.proposal_status, feedback text)
returns public.proposals
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_p public.proposals;
	v_c public.challenges;
	v_declared public.conflict_declarations;
begin
	select * into v_p from public.proposals p where p.id = decide_proposal.proposal for update;
	if v_p.id is null or not private.proposal_on_board(v_p) then
		raise exception using errcode = 'PT404', message = 'proposal_unknown';
	end if;
	select * into v_c from public.challenges c where c.id = v_p.challenge_id;
	if not private.is_admin_of_challenge(v_c.id, v_me) then
		raise exception using errcode = 'PT403', message = 'not_org_admin';
	end if;
	select * into v_declared from public.conflict_declarations d
	where d.proposal_id = v_p.id and d.reviewer_id = v_me;
	if v_declared.proposal_id is null or v_declared.conflicted then
		raise exception using errcode = 'PT403', message = 'conflict_not_declared',
			hint = 'Declare that you have no conflict of interest before deciding.';
	end if;
	if decision is null or decision not in ('shortlisted', 'declined', 'selected') then
		raise exception using errcode = '22023', message = 'decision_invalid';
	end if;
	if feedback is null or char_length(btrim(feedback)) = 0 then
		raise exception using errcode = '22023', message = 'feedback_required';
	end if;

	update public.proposals p
	set status = decide_proposal.decision, feedback = btrim(decide_proposal.feedback),
		decided_at = now(), decided_by = v_me
	where p.id = v_p.id
	returning * into v_p;

	perform private.audit(v_c.organisation_id, 'decision.recorded', 'proposal:' || v_p.id, null,
		jsonb_build_object('decision', v_p.status, 'challenge_id', v_c.id, 'vendor_organisation_id', v_p.organisation_id));

	if v_p.status in ('shortlisted', 'selected') then
		insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id)
		values (v_p.id, v_c.id, v_c.organisation_id, v_p.organisation_id)
		on conflict (proposal_id) do nothing;
	end if;
	return v_p;
end;
$$;

revoke all on function public.assign_reviewer(uuid, uuid) from public, anon;
revoke all on function public.unassign_reviewer(uuid, uuid) from public, anon;
revoke all on function public.declare_conflicts(uuid, jsonb) from public, anon;
revoke all on function public.save_scores(uuid, jsonb) from public, anon;
revoke all on function public.review_board(uuid) from public, anon;
revoke all on function public.review_proposal(uuid) from public, anon;
revoke all on function public.decide_proposal(uuid, public.proposal_status, text) from public, anon;
grant execute on function public.assign_reviewer(uuid, uuid) to authenticated;
grant execute on function public.unassign_reviewer(uuid, uuid) to authenticated;
grant execute on function public.declare_conflicts(uuid, jsonb) to authenticated;
grant execute on function public.save_scores(uuid, jsonb) to authenticated;
grant execute on function public.review_board(uuid) to authenticated;
grant execute on function public.review_proposal(uuid) to authenticated;
grant execute on function public.decide_proposal(uuid, public.proposal_status, text) to authenticated;
