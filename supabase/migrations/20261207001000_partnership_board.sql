-- The partnership board's writes (issue 14, docs/collaboration.md § The partnership board): hub
-- staff move a partnership through its stages, set its next step and owner, and keep notes. Each
-- function is for hub staff only (not_hub_staff PT403), locks the partnership's row, appends one
-- partnership_events row per change (the core trigger moves last_activity_at) and audits it.
--
-- Stage rules (move_partnership; private.partnership_stage_allowed is the one list):
--   * forward one step along matched → intro → pilot → contract → deployed;
--   * back one step (intro → matched … deployed → contract), to correct a mistake;
--   * close from an active stage (matched, intro, pilot, contract) with a reason (required; kept
--     in closed_reason and as the stage event's note). A deployed partnership is not closed: it
--     reached the end; move it back first if deployment was recorded by mistake;
--   * reopen a closed partnership to the stage it was closed from (the latest stage event into
--     closed; matched when none is recorded); its closed reason is cleared (the history keeps it).
--   Moving to the stage the partnership already has changes nothing (a form sent twice).
--   `expected` (optional) is the stage the caller saw: when the partnership has meanwhile moved
--   elsewhere, the move is refused (partnership_stage_stale PT409) rather than applied twice.
--
-- Who reads what: the city and the vendor read the 'created' and 'stage' events
-- (20261207000900), so a note given with a stage change, and a closing reason, are visible to
-- them; next-step, owner and free 'note' events are the hub's working notes. The forms say so.
-- Not done here: notifying the city and vendor of a stage change (they read it on
-- /partnerships/<id>).
--
-- partnership_events gets one column: `due`, the due date a 'next_step' event set (the step's
-- text is the event's note; an owner event's note is the new owner's name then, null when cleared).
--
-- Refusals (PTnnn → HTTP nnn): not_signed_in PT403 · not_hub_staff PT403 · partnership_unknown
-- PT404 · partnership_stage_illegal PT409 · partnership_stage_stale PT409 ·
-- partnership_reason_required PT422 · partnership_note_required PT422 ·
-- partnership_due_without_step PT422 · partnership_owner_not_hub PT409 (and the tables' length
-- constraints, 23514: partnerships_next_step_length, partnerships_closed_reason_length,
-- partnership_events_note_length).

alter table public.partnership_events add column due date;
comment on column public.partnership_events.due is 'A next_step event: the due date it set (null: none).';

/** The stage order of the active path (closed: null). */
create function private.partnership_stage_rank(s public.partnership_stage)
returns integer
language sql
immutable
set search_path = ''
as $$
	select case s when 'matched' then 1 when 'intro' then 2 when 'pilot' then 3 when 'contract' then 4
		when 'deployed' then 5 end
$$;
revoke all on function private.partnership_stage_rank(public.partnership_stage) from public;

/**
 * Whether a partnership at `from_stage` may move to `to_stage` (closed ones: only to
 * `reopen_to`, the stage they were closed from). See the header.
 */
create function private.partnership_stage_allowed(
	from_stage public.partnership_stage,
	to_stage public.partnership_stage,
	reopen_to public.partnership_stage
)
returns boolean
language sql
immutable
set search_path = ''
as $$
	select case
		when from_stage = 'closed' then to_stage = reopen_to
		when to_stage = 'closed' then from_stage in ('matched', 'intro', 'pilot', 'contract')
		else abs(private.partnership_stage_rank(to_stage) - private.partnership_stage_rank(from_stage)) = 1
	end
$$;
revoke all on function private.partnership_stage_allowed(public.partnership_stage, public.partnership_stage, public.partnership_stage) from public;

/** The stage a closed partnership returns to: the one it was last closed from (else matched). */
create function private.partnership_reopen_stage(partnership uuid)
returns public.partnership_stage
language sql
stable
security definer
set search_path = ''
as $$
	select coalesce((
		select e.from_stage from public.partnership_events e
		where e.partnership_id = partnership_reopen_stage.partnership and e.kind = 'stage'
			and e.to_stage = 'closed' and e.from_stage is not null and e.from_stage <> 'closed'
		order by e.at desc, e.id desc limit 1
	), 'matched'::public.partnership_stage)
$$;
revoke all on function private.partnership_reopen_stage(uuid) from public;

/** Hub staff only; the partnership locked for the change (not_hub_staff, partnership_unknown). */
create function private.partnership_for_hub(partnership uuid)
returns public.partnerships
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_row public.partnerships;
begin
	perform private.require_signed_in();
	if not private.is_hub_staff() then
		raise exception using errcode = 'PT403', message = 'not_hub_staff',
			hint = 'Hub staff keep the partnership board.';
	end if;
	select * into v_row from public.partnerships p where p.id = partnership_for_hub.partnership for update;
	if v_row.id is null then
		raise exception using errcode = 'PT404', message = 'partnership_unknown';
	end if;
	return v_row;
end;
$$;
revoke all on function private.partnership_for_hub(uuid) from public;

/**
 * Moves a partnership to `stage` (rules in the header), with an optional `note` for the history
 * (visible to the city and the vendor). Closing needs the reason as `note`.
 */
create function public.move_partnership(
	partnership uuid,
	stage public.partnership_stage,
	note text default null,
	expected public.partnership_stage default null
)
returns public.partnerships
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_old public.partnerships := private.partnership_for_hub(move_partnership.partnership);
	v_new public.partnerships;
	v_note text := nullif(btrim(coalesce(move_partnership.note, '')), '');
	v_reopen public.partnership_stage;
begin
	if move_partnership.stage is null then
		raise exception using errcode = 'PT409', message = 'partnership_stage_illegal';
	end if;
	if v_old.stage = move_partnership.stage then
		return v_old; -- already there: a form sent twice
	end if;
	if move_partnership.expected is not null and v_old.stage <> move_partnership.expected then
		raise exception using errcode = 'PT409', message = 'partnership_stage_stale',
			hint = 'The partnership moved meanwhile; look again.';
	end if;
	v_reopen := case when v_old.stage = 'closed' then private.partnership_reopen_stage(v_old.id) end;
	if not private.partnership_stage_allowed(v_old.stage, move_partnership.stage, v_reopen) then
		raise exception using errcode = 'PT409', message = 'partnership_stage_illegal',
			hint = 'One step forward or back, close an active partnership, or reopen to the stage it was closed from.';
	end if;
	if move_partnership.stage = 'closed' and v_note is null then
		raise exception using errcode = 'PT422', message = 'partnership_reason_required',
			hint = 'Say why the partnership closes.';
	end if;

	update public.partnerships p
	set stage = move_partnership.stage,
		closed_reason = case when move_partnership.stage = 'closed' then v_note end,
		updated_at = now()
	where p.id = v_old.id
	returning * into v_new;
	insert into public.partnership_events (partnership_id, actor, kind, from_stage, to_stage, note)
	values (v_old.id, (select auth.uid()), 'stage', v_old.stage, v_new.stage, v_note);
	perform private.audit(v_old.city_organisation_id, 'partnership.stage', 'partnership:' || v_old.id,
		jsonb_build_object('stage', v_old.stage, 'closed_reason', v_old.closed_reason),
		jsonb_build_object('stage', v_new.stage, 'closed_reason', v_new.closed_reason, 'note', v_note is not null));
	select * into v_new from public.partnerships p where p.id = v_old.id;
	return v_new;
end;
$$;

/** Sets the next step and its due date; a blank step clears both (a due date alone is refused). */
create function public.set_partnership_next_step(partnership uuid, next_step text, due date default null)
returns public.partnerships
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_old public.partnerships := private.partnership_for_hub(set_partnership_next_step.partnership);
	v_new public.partnerships;
	v_step text := nullif(btrim(coalesce(set_partnership_next_step.next_step, '')), '');
begin
	if v_step is null and set_partnership_next_step.due is not null then
		raise exception using errcode = 'PT422', message = 'partnership_due_without_step',
			hint = 'A due date belongs to a next step.';
	end if;
	if v_old.next_step is not distinct from v_step and v_old.next_step_due is not distinct from set_partnership_next_step.due then
		return v_old; -- nothing changes
	end if;
	update public.partnerships p
	set next_step = v_step, next_step_due = set_partnership_next_step.due, updated_at = now()
	where p.id = v_old.id
	returning * into v_new;
	insert into public.partnership_events (partnership_id, actor, kind, note, due)
	values (v_old.id, (select auth.uid()), 'next_step', v_step, set_partnership_next_step.due);
	perform private.audit(v_old.city_organisation_id, 'partnership.next_step', 'partnership:' || v_old.id,
		jsonb_build_object('next_step', v_old.next_step, 'next_step_due', v_old.next_step_due),
		jsonb_build_object('next_step', v_new.next_step, 'next_step_due', v_new.next_step_due));
	select * into v_new from public.partnerships p where p.id = v_old.id;
	return v_new;
end;
$$;

/** Sets the owner: a member of the hub (partnership_owner_not_hub otherwise); null clears it. */
create function public.set_partnership_owner(partnership uuid, owner uuid)
returns public.partnerships
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_old public.partnerships := private.partnership_for_hub(set_partnership_owner.partnership);
	v_new public.partnerships;
begin
	if set_partnership_owner.owner is not null and not exists (
		select 1 from public.memberships m join public.organisations o on o.id = m.organisation_id
		where m.user_id = set_partnership_owner.owner and o.kind = 'hub'
	) then
		raise exception using errcode = 'PT409', message = 'partnership_owner_not_hub',
			hint = 'The owner of a partnership is a member of the hub.';
	end if;
	if v_old.owner_id is not distinct from set_partnership_owner.owner then
		return v_old;
	end if;
	update public.partnerships p
	set owner_id = set_partnership_owner.owner, updated_at = now()
	where p.id = v_old.id
	returning * into v_new;
	insert into public.partnership_events (partnership_id, actor, kind, note)
	values (v_old.id, (select auth.uid()), 'owner',
		(select pr.display_name from public.profiles pr where pr.id = set_partnership_owner.owner));
	perform private.audit(v_old.city_organisation_id, 'partnership.owner', 'partnership:' || v_old.id,
		jsonb_build_object('owner_id', v_old.owner_id), jsonb_build_object('owner_id', v_new.owner_id));
	select * into v_new from public.partnerships p where p.id = v_old.id;
	return v_new;
end;
$$;

/** A working note of the hub (kind 'note': hub staff read it, the city and the vendor do not). */
create function public.add_partnership_note(partnership uuid, note text)
returns public.partnership_events
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_p public.partnerships := private.partnership_for_hub(add_partnership_note.partnership);
	v_note text := nullif(btrim(coalesce(add_partnership_note.note, '')), '');
	v_row public.partnership_events;
begin
	if v_note is null then
		raise exception using errcode = 'PT422', message = 'partnership_note_required';
	end if;
	insert into public.partnership_events (partnership_id, actor, kind, note)
	values (v_p.id, (select auth.uid()), 'note', v_note)
	returning * into v_row;
	perform private.audit(v_p.city_organisation_id, 'partnership.note', 'partnership:' || v_p.id, null,
		jsonb_build_object('event_id', v_row.id));
	return v_row;
end;
$$;

revoke all on function public.move_partnership(uuid, public.partnership_stage, text, public.partnership_stage) from public, anon;
revoke all on function public.set_partnership_next_step(uuid, text, date) from public, anon;
revoke all on function public.set_partnership_owner(uuid, uuid) from public, anon;
revoke all on function public.add_partnership_note(uuid, text) from public, anon;
grant execute on function public.move_partnership(uuid, public.partnership_stage, text, public.partnership_stage) to authenticated;
grant execute on function public.set_partnership_next_step(uuid, text, date) to authenticated;
grant execute on function public.set_partnership_owner(uuid, uuid) to authenticated;
grant execute on function public.add_partnership_note(uuid, text) to authenticated;
