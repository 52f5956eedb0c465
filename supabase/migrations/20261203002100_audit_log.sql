-- The audit log (issue 12): membership, role, verification, invitation, join-request and
-- organisation-profile changes, with who (actor = auth.uid(), null for the seed and jobs), when,
-- what, and the row before and after. Append-only for every role including service_role: no role
-- has insert, update or delete on it, and a trigger refuses update, delete and truncate even to
-- the table's owner. Rows are written by the SECURITY DEFINER trigger functions below and in the
-- later migrations. Hub staff read it (RLS); nobody else.

create table public.audit_log (
	id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	actor uuid,
	-- No foreign keys: the log outlives the organisations and people it names.
	organisation_id uuid,
	action text not null check (char_length(action) between 1 and 100),
	target text check (char_length(target) <= 300),
	before jsonb,
	after jsonb
);
alter table public.audit_log enable row level security;
create index audit_log_organisation_id_idx on public.audit_log (organisation_id);
create index audit_log_at_idx on public.audit_log (at desc, id desc);
create index audit_log_actor_idx on public.audit_log (actor);

comment on table public.audit_log is
	'Append-only record of membership, role, verification, invitation, join-request and organisation-profile changes. Read by hub staff only; written by triggers and functions only.';
comment on column public.audit_log.actor is 'auth.uid() of whoever made the change; null for the seed, migrations and jobs.';
comment on column public.audit_log.target is 'What was changed: user:<uuid>, invitation:<uuid>, join_request:<uuid>, organisation:<uuid>.';

create policy "Hub staff read the audit log" on public.audit_log
	for select to authenticated
	using ((select private.is_hub_staff()));

revoke all on table public.audit_log from public, anon, authenticated, service_role;
grant select on table public.audit_log to authenticated, service_role;

create function private.audit_log_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	raise exception using
		errcode = '42501',
		message = 'audit_log_append_only',
		hint = 'The audit log is append-only: rows are never changed or removed.';
end;
$$;

create trigger audit_log_no_update_delete
	before update or delete on public.audit_log
	for each row execute function private.audit_log_append_only();
create trigger audit_log_no_truncate
	before truncate on public.audit_log
	for each statement execute function private.audit_log_append_only();

/** Appends one entry (called by the audit triggers and the functions; never by a role directly). */
create function private.audit(
	org uuid,
	what text,
	target text,
	before jsonb,
	after jsonb
)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
	insert into public.audit_log (actor, organisation_id, action, target, before, after)
	values ((select auth.uid()), org, what, target, before, after)
$$;

-- Memberships: added, role changed, removed (by a function, by a cascade, by anyone).
create function private.audit_memberships()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform private.audit(new.organisation_id, 'membership.added', 'user:' || new.user_id, null, to_jsonb(new));
	elsif tg_op = 'UPDATE' then
		if new.role is distinct from old.role then
			perform private.audit(new.organisation_id, 'membership.role_changed', 'user:' || new.user_id,
				to_jsonb(old), to_jsonb(new));
		end if;
	else
		perform private.audit(old.organisation_id, 'membership.removed', 'user:' || old.user_id, to_jsonb(old), null);
	end if;
	return null;
end;
$$;

create trigger memberships_audit
	after insert or update or delete on public.memberships
	for each row execute function private.audit_memberships();

revoke all on function private.audit_log_append_only() from public;
revoke all on function private.audit(uuid, text, text, jsonb, jsonb) from public;
revoke all on function private.audit_memberships() from public;
