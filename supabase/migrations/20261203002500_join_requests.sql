-- Join requests (issue 12): a signed-in person asks to join an existing city or vendor
-- organisation; its admins accept (the person becomes a member) or decline. The hub's staff are
-- appointed by invitation (invite_member on the hub organisation), never by request. One pending
-- request per person and organisation. The requester and the organisation's admins read it.
--
-- Refusals: organisation_unknown PT404 · hub_by_invitation PT403 · already_member PT409 ·
-- request_pending PT409 · join_request_unknown PT404 · join_request_decided PT409 · not_org_admin PT403

create table public.join_requests (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	user_id uuid not null references public.profiles (id) on delete cascade,
	message text constraint join_requests_message_length check (char_length(message) <= 1000),
	created_at timestamptz not null default now(),
	decided_at timestamptz,
	decided_by uuid references public.profiles (id) on delete set null,
	decision text constraint join_requests_decision_valid check (decision in ('accepted', 'declined')),
	constraint join_requests_decided_together check ((decided_at is null) = (decision is null))
);
alter table public.join_requests enable row level security;
create index join_requests_organisation_id_idx on public.join_requests (organisation_id);
create index join_requests_user_id_idx on public.join_requests (user_id);
create index join_requests_decided_by_idx on public.join_requests (decided_by);
create unique index join_requests_pending_idx on public.join_requests (organisation_id, user_id)
	where decided_at is null;

comment on table public.join_requests is
	'Requests to join an organisation, answered by its admins. Read by the requester and the organisation''s admins; written by functions only.';

create policy "Requesters read their own requests; admins those to their organisation" on public.join_requests
	for select to authenticated
	using (
		user_id = (select auth.uid())
		or private.is_org_admin(organisation_id)
	);

revoke all on table public.join_requests from public, anon, authenticated;
grant select on table public.join_requests to authenticated, service_role;

create function private.audit_join_requests()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform private.audit(new.organisation_id, 'join_request.created', 'join_request:' || new.id, null, to_jsonb(new));
	elsif new.decision is distinct from old.decision then
		perform private.audit(new.organisation_id, 'join_request.' || new.decision, 'join_request:' || new.id,
			to_jsonb(old), to_jsonb(new));
	end if;
	return null;
end;
$$;

create trigger join_requests_audit
	after insert or update on public.join_requests
	for each row execute function private.audit_join_requests();

-- Someone who became a member another way (an invitation) has their pending request answered.
create function private.memberships_answer_join_requests()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	update public.join_requests r
	set decided_at = now(), decision = 'accepted', decided_by = (select auth.uid())
	where r.organisation_id = new.organisation_id and r.user_id = new.user_id and r.decided_at is null;
	return null;
end;
$$;

create trigger memberships_answer_join_requests
	after insert on public.memberships
	for each row execute function private.memberships_answer_join_requests();

-- Admins read the names of the people asking to join (profiles policy of 20261203002300).
create or replace function private.visible_profile_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
	select m.user_id from public.memberships m
	where m.organisation_id in (
		select mine.organisation_id from public.memberships mine where mine.user_id = (select auth.uid())
	)
	union
	select r.user_id from public.join_requests r
	where r.decided_at is null and r.organisation_id in (
		select mine.organisation_id from public.memberships mine
		where mine.user_id = (select auth.uid()) and mine.role = 'admin'
	)
$$;

revoke all on function private.audit_join_requests() from public;
revoke all on function private.memberships_answer_join_requests() from public;

-- ---------------------------------------------------------------------------------------------

/** The caller asks to join `org` (a city or vendor organisation), with an optional message. */
create function public.request_to_join(org uuid, message text default null)
returns public.join_requests
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := (select auth.uid());
	v_kind public.org_kind;
	v_row public.join_requests;
begin
	if v_me is null then
		raise exception using errcode = 'PT403', message = 'not_signed_in';
	end if;
	select o.kind into v_kind from public.organisations o where o.id = org;
	if not found then
		raise exception using errcode = 'PT404', message = 'organisation_unknown';
	end if;
	if v_kind = 'hub' then
		raise exception using errcode = 'PT403', message = 'hub_by_invitation',
			hint = 'Hub staff are invited by a hub admin.';
	end if;
	if exists (select 1 from public.memberships m where m.organisation_id = org and m.user_id = v_me) then
		raise exception using errcode = 'PT409', message = 'already_member';
	end if;
	if exists (select 1 from public.join_requests r where r.organisation_id = org and r.user_id = v_me and r.decided_at is null) then
		raise exception using errcode = 'PT409', message = 'request_pending',
			hint = 'You have asked to join this organisation already; its admins will answer.';
	end if;
	insert into public.join_requests (organisation_id, user_id, message)
	values (org, v_me, nullif(btrim(request_to_join.message), ''))
	returning * into v_row;
	return v_row;
end;
$$;

/** An admin of the request's organisation accepts (membership as member) or declines it. */
create function public.decide_join_request(id uuid, accept boolean)
returns public.join_requests
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_req public.join_requests;
begin
	select * into v_req from public.join_requests r where r.id = decide_join_request.id for update;
	if not found then
		raise exception using errcode = 'PT404', message = 'join_request_unknown';
	end if;
	perform private.require_org_admin(v_req.organisation_id);
	if v_req.decided_at is not null then
		raise exception using errcode = 'PT409', message = 'join_request_decided';
	end if;
	update public.join_requests r
	set decided_at = now(), decided_by = (select auth.uid()),
		decision = case when accept then 'accepted' else 'declined' end
	where r.id = v_req.id
	returning * into v_req;
	if accept then
		insert into public.memberships (organisation_id, user_id, role)
		values (v_req.organisation_id, v_req.user_id, 'member')
		on conflict (organisation_id, user_id) do nothing;
	end if;
	return v_req;
end;
$$;

revoke all on function public.request_to_join(uuid, text) from public, anon;
revoke all on function public.decide_join_request(uuid, boolean) from public, anon;
grant execute on function public.request_to_join(uuid, text) to authenticated;
grant execute on function public.decide_join_request(uuid, boolean) to authenticated;
