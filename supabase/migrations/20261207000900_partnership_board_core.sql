-- The hub's partnership board, shared core (issue 14): last activity, the stalled and overdue
-- rules, and who reads which events. The board's write functions, insights, matching, exports and
-- the weekly digest build on these (20261207001000 onwards).
--
-- * last_activity_at: the time of the partnership's latest event, kept by a trigger on
--   partnership_events (any writer), so the board, the digest and insights share one definition.
-- * Stalled: not deployed or closed, and no event for 21 days (public.stalled, the one definition).
-- * Overdue: a next step whose due date is before today (the portal's day is UTC), while the
--   partnership is not deployed or closed.
-- * The city and the vendor read their partnership's 'created' and 'stage' events only (the
--   history of stage changes); next-step, owner and note events are the hub's working notes.

alter table public.partnerships add column last_activity_at timestamptz not null default now();
comment on column public.partnerships.last_activity_at is
	'When the latest event of this partnership happened (kept by partnership_events_touch). Drives the stalled flag.';

update public.partnerships p
set last_activity_at = coalesce((select max(e.at) from public.partnership_events e where e.partnership_id = p.id), p.created_at);

create index partnerships_last_activity_at_idx on public.partnerships (last_activity_at);

/** Trigger: every event moves the partnership's last activity forward (never back). */
create function private.partnership_events_touch()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	update public.partnerships
	set last_activity_at = greatest(last_activity_at, new.at), updated_at = now()
	where id = new.partnership_id;
	return null;
end;
$$;
create trigger partnership_events_touch
	after insert on public.partnership_events
	for each row execute function private.partnership_events_touch();
revoke all on function private.partnership_events_touch() from public;

/** Computed column (PostgREST: select=*,stalled): active and quiet for 21 days or more. */
create function public.stalled(p public.partnerships)
returns boolean
language sql
stable
set search_path = ''
as $$
	select p.stage not in ('deployed', 'closed')
		and p.last_activity_at <= now() - interval '21 days';
$$;
comment on function public.stalled(public.partnerships) is
	'True when the partnership is neither deployed nor closed and nothing has happened for 21 days.';
revoke all on function public.stalled(public.partnerships) from public, anon;
grant execute on function public.stalled(public.partnerships) to authenticated;

/** Computed column (PostgREST: select=*,overdue): the next step's due date has passed. */
create function public.overdue(p public.partnerships)
returns boolean
language sql
stable
set search_path = ''
as $$
	select p.stage not in ('deployed', 'closed')
		and p.next_step_due is not null
		and p.next_step_due < (now() at time zone 'utc')::date;
$$;
comment on function public.overdue(public.partnerships) is
	'True when an active partnership''s next step was due before today (UTC).';
revoke all on function public.overdue(public.partnerships) from public, anon;
grant execute on function public.overdue(public.partnerships) to authenticated;

-- The city and the vendor read the history of stage changes; the hub reads every event.
drop policy "Events are read with their partnership" on public.partnership_events;
create policy "Hub staff read every event; the two organisations read stage changes" on public.partnership_events
	for select to authenticated
	using (
		(select private.is_hub_staff())
		or (
			kind in ('created', 'stage')
			and exists (select 1 from public.partnerships p where p.id = partnership_id)
		)
	);
