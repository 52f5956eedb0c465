-- Memberships (issue 12, docs/organisations.md): who belongs to which organisation, and as what.
-- public.memberships is THE table that decides access: every policy and every function below asks
-- it (through the private helpers), nothing else. Better Auth's organization plugin is not used:
-- its tables would live in schema identity, outside RLS's reach, and be a second source.
--
-- No role may insert, update or delete a membership directly: changes go through the functions
-- of later migrations (create_organisation, accept_invitation, decide_join_request,
-- set_member_role, remove_member, leave_organisation), which check who asks and keep the last
-- admin, and every change is written to the audit log by a trigger.

create type public.org_role as enum ('admin', 'member');

create table public.memberships (
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	user_id uuid not null references public.profiles (id) on delete cascade,
	role public.org_role not null default 'member',
	created_at timestamptz not null default now(),
	primary key (organisation_id, user_id)
);
alter table public.memberships enable row level security;
create index memberships_user_id_idx on public.memberships (user_id);

comment on table public.memberships is
	'Who belongs to which organisation (admin | member). The one table access decisions read. Changed only through functions; audited.';

-- ---------------------------------------------------------------------------------------------
-- Private helpers for policies and functions. SECURITY DEFINER so that a policy on memberships may
-- read memberships without recursing; each answers about the caller (auth.uid()) only.
-- ---------------------------------------------------------------------------------------------

create function private.is_member(org uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.memberships m
		where m.organisation_id = org and m.user_id = (select auth.uid())
	)
$$;

create function private.is_org_admin(org uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.memberships m
		where m.organisation_id = org and m.user_id = (select auth.uid()) and m.role = 'admin'
	)
$$;

create function private.is_hub_staff()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.memberships m
		join public.organisations o on o.id = m.organisation_id
		where m.user_id = (select auth.uid()) and o.kind = 'hub'
	)
$$;

create function private.my_organisation_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
	select m.organisation_id from public.memberships m where m.user_id = (select auth.uid())
$$;

-- The caller's e-mail address, only once Better Auth has verified it (identity."user" is out of
-- the API's reach and not editable by its member through the API: a changed address is verified
-- again before Better Auth stores it).
create function private.my_verified_email()
returns text
language sql
stable
security definer
set search_path = ''
as $$
	select lower(u.email) from identity."user" u
	where u.id = (select auth.uid()) and u."emailVerified"
$$;

comment on function private.is_member(uuid) is 'True when the caller (auth.uid()) is a member of org (any role).';
comment on function private.is_org_admin(uuid) is 'True when the caller is an admin of org.';
comment on function private.is_hub_staff() is 'True when the caller is a member of an organisation of kind hub.';
comment on function private.my_organisation_ids() is 'The organisations the caller belongs to.';
comment on function private.my_verified_email() is 'The caller''s e-mail address (lower case) when verified, else null.';

revoke all on function private.is_member(uuid) from public;
revoke all on function private.is_org_admin(uuid) from public;
revoke all on function private.is_hub_staff() from public;
revoke all on function private.my_organisation_ids() from public;
revoke all on function private.my_verified_email() from public;
grant execute on function private.is_member(uuid) to authenticated;
grant execute on function private.is_org_admin(uuid) to authenticated;
grant execute on function private.is_hub_staff() to authenticated;
grant execute on function private.my_organisation_ids() to authenticated;
grant execute on function private.my_verified_email() to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Access: a member sees the memberships of their own organisations; hub staff see all. No writes.
-- ---------------------------------------------------------------------------------------------

-- One policy per operation (the advisors warn about several permissive ones: each is evaluated).
create policy "Members read their organisations' memberships; hub staff read all" on public.memberships
	for select to authenticated
	using (
		organisation_id in (select private.my_organisation_ids())
		or (select private.is_hub_staff())
	);

revoke all on table public.memberships from public, anon, authenticated;
grant select on table public.memberships to authenticated;
grant select on table public.memberships to service_role;
