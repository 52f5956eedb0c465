-- Proposals from the vendor's side (issue 13, item 4; docs/collaboration.md § Proposals): the
-- write paths of public.proposals for members of a vendor organisation. The data model, the read
-- rules and the guard trigger (deadline, lifecycle, versions) are in 20261207000000; these
-- functions add who may write, the one-live-proposal race and idempotence:
--   * save_proposal_draft   creates or updates the organisation's live draft (autosave);
--   * submit_proposal       draft → submitted (a second call returns the same row: one version);
--   * update_submitted_proposal  edits a submitted proposal (the trigger adds a version);
--   * withdraw_proposal     draft | submitted | shortlisted → withdrawn.
-- Each locks the proposal's row (select … for update) before deciding, so two calls at once
-- (a double-clicked submit, two tabs) are serialised; creating the first draft relies on the
-- unique partial index proposals_one_live_idx (insert … on conflict do nothing, then the
-- existing row), so two tabs creating a draft at once end with one proposal.
-- The deadline and the challenge's status are checked by the guard trigger at the moment of the
-- write (clock_timestamp()), for every writer, so a raw PATCH or any other path is refused too.
--
-- Refusals (PTnnn → HTTP nnn through PostgREST): not_signed_in PT403 · not_member PT403 ·
-- organisation_unknown PT404 · proposal_vendor_only PT403 · challenge_unknown PT404 ·
-- proposal_unknown PT404 · proposal_organisation_required PT400 · proposal_already_submitted PT409 ·
-- proposal_not_submitted PT409 · proposal_incomplete PT400 · proposal_final PT409, and the
-- guard's challenge_not_open / deadline_passed / proposal_status_illegal PT409.

/**
 * The vendor organisation the caller writes a proposal for: `organisation` when given, else the
 * one they act for (profiles.active_organisation_id); checked here with private.is_member (the
 * active choice is UI only and grants nothing by itself).
 */
create function private.proposal_organisation(organisation uuid)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_me uuid := (select auth.uid());
	v_org uuid := organisation;
	v_kind public.org_kind;
begin
	if v_me is null then
		raise exception using errcode = 'PT403', message = 'not_signed_in';
	end if;
	if v_org is null then
		select p.active_organisation_id into v_org from public.profiles p where p.id = v_me;
		if v_org is null then
			raise exception using errcode = 'PT400', message = 'proposal_organisation_required',
				hint = 'Name the vendor organisation the proposal is for.';
		end if;
	end if;
	select o.kind into v_kind from public.organisations o where o.id = v_org;
	if not found then
		raise exception using errcode = 'PT404', message = 'organisation_unknown';
	end if;
	if not private.is_member(v_org) then
		raise exception using errcode = 'PT403', message = 'not_member';
	end if;
	if v_kind <> 'vendor' then
		raise exception using errcode = 'PT403', message = 'proposal_vendor_only',
			hint = 'Proposals are written for a vendor organisation.';
	end if;
	return v_org;
end;
$$;
revoke all on function private.proposal_organisation(uuid) from public;

/** A proposal the caller may write (a member of its organisation), locked for this transaction. */
create function private.lock_my_proposal(proposal uuid)
returns public.proposals
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_row public.proposals;
begin
	if (select auth.uid()) is null then
		raise exception using errcode = 'PT403', message = 'not_signed_in';
	end if;
	select * into v_row from public.proposals p where p.id = proposal for update;
	-- Someone else's proposal is as unknown as a missing one (its existence is confidential).
	if not found or not private.is_member(v_row.organisation_id) then
		raise exception using errcode = 'PT404', message = 'proposal_unknown';
	end if;
	return v_row;
end;
$$;
revoke all on function private.lock_my_proposal(uuid) from public;

/** Links as typed: trimmed, blanks dropped (the constraint checks each is an http(s) URL). */
create function private.proposal_links(links text[])
returns text[]
language sql
immutable
set search_path = ''
as $$
	select coalesce(array_agg(btrim(l) order by n), '{}')
	from unnest(coalesce(links, '{}')) with ordinality as t (l, n)
	where l is not null and btrim(l) <> ''
$$;
revoke all on function private.proposal_links(text[]) from public;

/**
 * Creates or updates the caller's organisation's live draft on `challenge` (the autosave and the
 * "Save draft" button). Refused once the proposal is submitted (edit it with
 * update_submitted_proposal: every change of a submitted proposal is a version), and by the guard
 * when the challenge is not open or its deadline has passed.
 */
create function public.save_proposal_draft(
	challenge uuid,
	organisation uuid default null,
	title text default '',
	summary text default '',
	approach text default '',
	pilot_plan text default '',
	cost_estimate numeric default null,
	currency text default null,
	timeline text default '',
	client_references text default '',
	links text[] default '{}'
)
returns public.proposals
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := (select auth.uid());
	v_org uuid := private.proposal_organisation(organisation);
	v_row public.proposals;
	v_currency char(3) := nullif(upper(btrim(coalesce(currency, ''))), '');
	v_links text[] := private.proposal_links(links);
	v_attempt integer := 0;
begin
	if not exists (
		select 1 from public.challenges c where c.id = challenge and private.challenge_is_public(c.status)
	) then
		raise exception using errcode = 'PT404', message = 'challenge_unknown';
	end if;
	loop
		v_attempt := v_attempt + 1;
		select * into v_row from public.proposals p
		where p.challenge_id = challenge and p.organisation_id = v_org and p.status <> 'withdrawn'
		for update;
		if found then
			if v_row.status <> 'draft' then
				raise exception using errcode = 'PT409', message = 'proposal_already_submitted',
					hint = 'A submitted proposal is edited with update_submitted_proposal (each change is a version).';
			end if;
			update public.proposals p set
				title = coalesce(save_proposal_draft.title, ''),
				summary = coalesce(save_proposal_draft.summary, ''),
				approach = coalesce(save_proposal_draft.approach, ''),
				pilot_plan = coalesce(save_proposal_draft.pilot_plan, ''),
				cost_estimate = save_proposal_draft.cost_estimate,
				currency = v_currency,
				timeline = coalesce(save_proposal_draft.timeline, ''),
				client_references = coalesce(save_proposal_draft.client_references, ''),
				links = v_links
			where p.id = v_row.id
			returning * into v_row;
			return v_row;
		end if;
		-- No live proposal yet: create it. Another tab (or colleague) may be doing the same at this
		-- moment; the unique partial index lets one insert win and the other finds its row above.
		insert into public.proposals as p (challenge_id, organisation_id, created_by, status, title, summary,
			approach, pilot_plan, cost_estimate, currency, timeline, client_references, links)
		values (challenge, v_org, v_me, 'draft', coalesce(save_proposal_draft.title, ''),
			coalesce(save_proposal_draft.summary, ''), coalesce(save_proposal_draft.approach, ''),
			coalesce(save_proposal_draft.pilot_plan, ''), save_proposal_draft.cost_estimate, v_currency,
			coalesce(save_proposal_draft.timeline, ''), coalesce(save_proposal_draft.client_references, ''), v_links)
		on conflict (challenge_id, organisation_id) where status <> 'withdrawn' do nothing
		returning * into v_row;
		if v_row.id is not null then
			perform private.audit(v_org, 'proposal.created', 'proposal:' || v_row.id, null,
				jsonb_build_object('challenge_id', challenge));
			return v_row;
		end if;
		if v_attempt >= 3 then
			raise exception using errcode = '40001', message = 'proposal_busy',
				hint = 'The proposal changed while saving; try again.';
		end if;
	end loop;
end;
$$;

/**
 * Submits a draft. Idempotent: a proposal already submitted is returned as it is (a double-clicked
 * submit stores one proposal and one version). Refused when incomplete (title ≥ 3, summary and
 * approach ≥ 10 characters), decided or withdrawn, and by the guard after the deadline.
 */
create function public.submit_proposal(proposal uuid)
returns public.proposals
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_row public.proposals := private.lock_my_proposal(proposal);
begin
	if v_row.status = 'submitted' then
		return v_row;
	end if;
	if v_row.status <> 'draft' then
		raise exception using errcode = 'PT409', message = 'proposal_final',
			detail = format('the proposal is %s', v_row.status);
	end if;
	if char_length(btrim(v_row.title)) < 3 or char_length(btrim(v_row.summary)) < 10
		or char_length(btrim(v_row.approach)) < 10 then
		raise exception using errcode = 'PT400', message = 'proposal_incomplete',
			hint = 'A submission needs a title (3 characters or more), a summary and an approach (10 or more each).';
	end if;
	update public.proposals p set status = 'submitted' where p.id = v_row.id returning * into v_row;
	return v_row;
end;
$$;

/**
 * Edits a submitted proposal while the challenge is open and before its deadline (the guard);
 * a change adds a version, the same text again adds none.
 */
create function public.update_submitted_proposal(
	proposal uuid,
	title text,
	summary text,
	approach text,
	pilot_plan text default '',
	cost_estimate numeric default null,
	currency text default null,
	timeline text default '',
	client_references text default '',
	links text[] default '{}'
)
returns public.proposals
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_row public.proposals := private.lock_my_proposal(proposal);
begin
	if v_row.status = 'draft' then
		raise exception using errcode = 'PT409', message = 'proposal_not_submitted',
			hint = 'Save the draft with save_proposal_draft and submit it with submit_proposal.';
	end if;
	if v_row.status <> 'submitted' then
		raise exception using errcode = 'PT409', message = 'proposal_final',
			detail = format('the proposal is %s', v_row.status);
	end if;
	if char_length(btrim(coalesce(title, ''))) < 3 or char_length(btrim(coalesce(summary, ''))) < 10
		or char_length(btrim(coalesce(approach, ''))) < 10 then
		raise exception using errcode = 'PT400', message = 'proposal_incomplete';
	end if;
	update public.proposals p set
		title = update_submitted_proposal.title,
		summary = update_submitted_proposal.summary,
		approach = update_submitted_proposal.approach,
		pilot_plan = coalesce(update_submitted_proposal.pilot_plan, ''),
		cost_estimate = update_submitted_proposal.cost_estimate,
		currency = nullif(upper(btrim(coalesce(update_submitted_proposal.currency, ''))), ''),
		timeline = coalesce(update_submitted_proposal.timeline, ''),
		client_references = coalesce(update_submitted_proposal.client_references, ''),
		links = private.proposal_links(update_submitted_proposal.links)
	where p.id = v_row.id
	returning * into v_row;
	return v_row;
end;
$$;

/** Withdraws a draft, submitted or shortlisted proposal (idempotent); a decided one is final. */
create function public.withdraw_proposal(proposal uuid)
returns public.proposals
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_row public.proposals := private.lock_my_proposal(proposal);
begin
	if v_row.status = 'withdrawn' then
		return v_row;
	end if;
	if v_row.status not in ('draft', 'submitted', 'shortlisted') then
		raise exception using errcode = 'PT409', message = 'proposal_final',
			detail = format('the proposal is %s', v_row.status);
	end if;
	update public.proposals p set status = 'withdrawn' where p.id = v_row.id returning * into v_row;
	return v_row;
end;
$$;

revoke all on function public.save_proposal_draft(uuid, uuid, text, text, text, text, numeric, text, text, text, text[]) from public, anon;
revoke all on function public.submit_proposal(uuid) from public, anon;
revoke all on function public.update_submitted_proposal(uuid, text, text, text, text, numeric, text, text, text, text[]) from public, anon;
revoke all on function public.withdraw_proposal(uuid) from public, anon;
grant execute on function public.save_proposal_draft(uuid, uuid, text, text, text, text, numeric, text, text, text, text[]) to authenticated;
grant execute on function public.submit_proposal(uuid) to authenticated;
grant execute on function public.update_submitted_proposal(uuid, text, text, text, text, numeric, text, text, text, text[]) to authenticated;
grant execute on function public.withdraw_proposal(uuid) to authenticated;
