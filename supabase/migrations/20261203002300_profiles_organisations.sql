-- Profiles meet organisations (issue 12).
-- * active_organisation_id: which of their organisations a member acts for in the UI (the header,
--   the forms' default). UI only: no policy and no function decides anything from it (functions
--   take the organisation as an argument and check the membership). Its member sets it (a trigger
--   checks they belong to that organisation) and reads it through public.my_memberships(); nobody
--   else reads it, since it would tell a colleague which other organisation someone belongs to.
-- * Names of colleagues: a member reads the display name of the people in their organisations,
--   an admin that of the people asking to join, hub staff everyone's (members lists, audit log).

alter table public.profiles
	add column active_organisation_id uuid references public.organisations (id) on delete set null;
create index profiles_active_organisation_id_idx on public.profiles (active_organisation_id);

comment on column public.profiles.active_organisation_id is
	'The organisation the member acts for in the UI (header, forms). Never read by a policy or an access decision. Set by its member (must be a member), read through my_memberships().';

-- People whose names the caller may read besides their own: colleagues (any shared organisation)
-- and, for an admin, whoever asks to join one of their organisations (join_requests, a later
-- migration, replaces this function to add them).
create function private.visible_profile_ids()
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
$$;

comment on function private.visible_profile_ids() is
	'Profiles the caller may read besides their own: members of the caller''s organisations (and people asking to join one the caller administers).';

revoke all on function private.visible_profile_ids() from public;
grant execute on function private.visible_profile_ids() to authenticated;

-- Replaces the select policy of 20261203001100 (one policy per operation).
drop policy "Members read their own profile" on public.profiles;
create policy "Members read their own profile, their colleagues'; hub staff read all" on public.profiles
	for select to authenticated
	using (
		id = (select auth.uid())
		or id in (select private.visible_profile_ids())
		or (select private.is_hub_staff())
	);

-- Readable columns: not active_organisation_id (see above). Writable: the member's own name,
-- language and active organisation (RLS: own row only).
revoke select on public.profiles from authenticated;
grant select (id, display_name, preferred_language, created_at) on public.profiles to authenticated;
grant update (active_organisation_id) on public.profiles to authenticated;

create function private.profiles_guard_active_organisation()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if new.active_organisation_id is not null
		and new.active_organisation_id is distinct from old.active_organisation_id
		and not exists (
			select 1 from public.memberships m
			where m.organisation_id = new.active_organisation_id and m.user_id = new.id
		) then
		raise exception using
			errcode = 'PT403',
			message = 'not_member',
			hint = 'A member may only act for an organisation they belong to.';
	end if;
	return new;
end;
$$;

create trigger profiles_guard_active_organisation
	before update of active_organisation_id on public.profiles
	for each row execute function private.profiles_guard_active_organisation();

-- Leaving (or being removed from) the organisation one acts for clears the choice.
create function private.memberships_clear_active()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	update public.profiles p
	set active_organisation_id = null
	where p.id = old.user_id and p.active_organisation_id = old.organisation_id;
	return null;
end;
$$;

create trigger memberships_clear_active
	after delete on public.memberships
	for each row execute function private.memberships_clear_active();

revoke all on function private.profiles_guard_active_organisation() from public;
revoke all on function private.memberships_clear_active() from public;
