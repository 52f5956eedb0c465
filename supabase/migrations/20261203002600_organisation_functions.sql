-- The membership functions (issue 12): creating an organisation, roles, removing and leaving,
-- verification, and the caller's own memberships. Each checks who asks, runs in one transaction,
-- and is audited (the triggers on memberships and organisations; create_organisation here).
-- The last admin of an organisation can be neither demoted, removed nor leave (last_admin, PT409):
-- every change to an organisation's admins first locks the organisation's row, so two admins
-- demoting each other at once cannot both succeed.
--
-- Refusals: kind_not_allowed 22023 · organisation_unknown PT404 · member_unknown PT404 ·
-- last_admin PT409 · not_org_admin / not_member / not_hub_staff PT403 (a function's refusals are PTnnn; 42501 stays PostgreSQL's own: no grant)

/** A slug from a name: ASCII letters and digits joined by hyphens, unique (…-2, …-3). */
create function private.unique_organisation_slug(name text)
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
	v_base text := left(btrim(regexp_replace(lower(extensions.unaccent(coalesce(name, ''))), '[^a-z0-9]+', '-', 'g'), '-'), 100);
	v_slug text;
	v_n integer := 1;
begin
	v_base := btrim(v_base, '-');
	if v_base = '' then
		v_base := 'organisation';
	end if;
	v_slug := v_base;
	while exists (select 1 from public.organisations o where o.slug = v_slug) loop
		v_n := v_n + 1;
		v_slug := v_base || '-' || v_n;
	end loop;
	return v_slug;
end;
$$;

revoke all on function private.unique_organisation_slug(text) from public;

/** A city or vendor organisation, unverified, with the caller as its first admin. */
create function public.create_organisation(
	kind public.org_kind,
	name text,
	country text,
	domains public.challenge_domain[] default '{}',
	website text default null,
	profile text default null,
	contact_email text default null
)
returns public.organisations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := (select auth.uid());
	v_org public.organisations;
begin
	if v_me is null then
		raise exception using errcode = 'PT403', message = 'not_signed_in';
	end if;
	if create_organisation.kind is null or create_organisation.kind not in ('city', 'vendor') then
		raise exception using errcode = '22023', message = 'kind_not_allowed',
			hint = 'Create a city or a vendor organisation; the hub is not created through the API.';
	end if;
	insert into public.organisations (kind, slug, name, country, domains, website, profile, contact_email, created_by)
	values (
		create_organisation.kind,
		private.unique_organisation_slug(create_organisation.name),
		btrim(create_organisation.name),
		upper(btrim(create_organisation.country)),
		coalesce(create_organisation.domains, '{}'),
		nullif(btrim(create_organisation.website), ''),
		nullif(btrim(create_organisation.profile), ''),
		nullif(lower(btrim(create_organisation.contact_email)), ''),
		v_me
	)
	returning * into v_org;
	perform private.audit(v_org.id, 'organisation.created', 'organisation:' || v_org.id, null, to_jsonb(v_org));
	insert into public.memberships (organisation_id, user_id, role) values (v_org.id, v_me, 'admin');
	-- The new organisation is the one the creator acts for, if they acted for none.
	update public.profiles p set active_organisation_id = v_org.id
	where p.id = v_me and p.active_organisation_id is null;
	return v_org;
end;
$$;

/** Locks the organisation (serialises admin changes) and refuses when the caller is no admin. */
create function private.lock_organisation_as_admin(org uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
	perform 1 from public.organisations o where o.id = org for update;
	if not found then
		raise exception using errcode = 'PT404', message = 'organisation_unknown';
	end if;
	perform private.require_org_admin(org);
end;
$$;

/** Refuses when `member` is the organisation's only admin. Call with the organisation locked. */
create function private.refuse_last_admin(org uuid, member uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
	if exists (select 1 from public.memberships m where m.organisation_id = org and m.user_id = member and m.role = 'admin')
		and not exists (
			select 1 from public.memberships m
			where m.organisation_id = org and m.role = 'admin' and m.user_id <> member
		) then
		raise exception using errcode = 'PT409', message = 'last_admin',
			hint = 'An organisation keeps at least one admin: make someone else admin first.';
	end if;
end;
$$;

revoke all on function private.lock_organisation_as_admin(uuid) from public;
revoke all on function private.refuse_last_admin(uuid, uuid) from public;

create function public.set_member_role(org uuid, user_id uuid, role public.org_role)
returns public.memberships
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_row public.memberships;
begin
	perform private.lock_organisation_as_admin(org);
	if set_member_role.role is null then
		raise exception using errcode = '22023', message = 'role_required';
	end if;
	if not exists (select 1 from public.memberships m where m.organisation_id = org and m.user_id = set_member_role.user_id) then
		raise exception using errcode = 'PT404', message = 'member_unknown';
	end if;
	if set_member_role.role <> 'admin' then
		perform private.refuse_last_admin(org, set_member_role.user_id);
	end if;
	update public.memberships m set role = set_member_role.role
	where m.organisation_id = org and m.user_id = set_member_role.user_id
	returning * into v_row;
	return v_row;
end;
$$;

create function public.remove_member(org uuid, user_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
	perform private.lock_organisation_as_admin(org);
	if not exists (select 1 from public.memberships m where m.organisation_id = org and m.user_id = remove_member.user_id) then
		raise exception using errcode = 'PT404', message = 'member_unknown';
	end if;
	perform private.refuse_last_admin(org, remove_member.user_id);
	delete from public.memberships m where m.organisation_id = org and m.user_id = remove_member.user_id;
end;
$$;

create function public.leave_organisation(org uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := (select auth.uid());
begin
	perform 1 from public.organisations o where o.id = org for update;
	if v_me is null or not exists (select 1 from public.memberships m where m.organisation_id = org and m.user_id = v_me) then
		raise exception using errcode = 'PT403', message = 'not_member';
	end if;
	perform private.refuse_last_admin(org, v_me);
	delete from public.memberships m where m.organisation_id = org and m.user_id = v_me;
end;
$$;

/** Hub staff verify (or un-verify) an organisation. */
create function public.set_organisation_verified(org uuid, verified boolean)
returns public.organisations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_org public.organisations;
begin
	if not private.is_hub_staff() then
		raise exception using errcode = 'PT403', message = 'not_hub_staff',
			hint = 'Only hub staff verify organisations.';
	end if;
	if set_organisation_verified.verified is null then
		raise exception using errcode = '22023', message = 'verified_required';
	end if;
	-- The organisations guard lets this transaction change verified on this row only.
	perform set_config('private.verifying_organisation', org::text, true);
	update public.organisations o set verified = set_organisation_verified.verified
	where o.id = org
	returning * into v_org;
	perform set_config('private.verifying_organisation', '', true);
	if v_org.id is null then
		raise exception using errcode = 'PT404', message = 'organisation_unknown';
	end if;
	return v_org;
end;
$$;

/** The caller's organisations with their role, and which one they act for (profiles.active_organisation_id). */
create function public.my_memberships()
returns table (
	organisation_id uuid,
	slug text,
	name text,
	kind public.org_kind,
	verified boolean,
	role public.org_role,
	joined_at timestamptz,
	active boolean
)
language sql
stable
security definer
set search_path = ''
as $$
	select o.id, o.slug, o.name, o.kind, o.verified, m.role, m.created_at,
		coalesce(o.id = p.active_organisation_id, false)
	from public.memberships m
	join public.organisations o on o.id = m.organisation_id
	join public.profiles p on p.id = m.user_id
	where m.user_id = (select auth.uid())
	order by o.name, o.id
$$;

revoke all on function public.create_organisation(public.org_kind, text, text, public.challenge_domain[], text, text, text) from public, anon;
revoke all on function public.set_member_role(uuid, uuid, public.org_role) from public, anon;
revoke all on function public.remove_member(uuid, uuid) from public, anon;
revoke all on function public.leave_organisation(uuid) from public, anon;
revoke all on function public.set_organisation_verified(uuid, boolean) from public, anon;
revoke all on function public.my_memberships() from public, anon;
grant execute on function public.create_organisation(public.org_kind, text, text, public.challenge_domain[], text, text, text) to authenticated;
grant execute on function public.set_member_role(uuid, uuid, public.org_role) to authenticated;
grant execute on function public.remove_member(uuid, uuid) to authenticated;
grant execute on function public.leave_organisation(uuid) to authenticated;
grant execute on function public.set_organisation_verified(uuid, boolean) to authenticated;
grant execute on function public.my_memberships() to authenticated;
