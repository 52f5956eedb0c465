-- Organisations' own profile (issue 12): a public contact mailbox (pages and exports show it,
-- never a person's account e-mail), who created it, and edits by the organisation's admins through
-- the API. `profile` is the description. What admins may change is a column grant: name, country,
-- website, domains, profile, contact_email. Never slug (links), kind (fixed after creation: a
-- trigger refuses a change to everyone but service_role and superusers), nor verified (only
-- public.set_organisation_verified, hub staff; a trigger refuses any other change).
-- Every insert and every change is written to the audit log with before and after.

alter table public.organisations
	add column contact_email text
		constraint organisations_contact_email_format check (
			contact_email ~* '^[a-z0-9._%+''-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$'
			and char_length(contact_email) <= 254
		),
	add column created_by uuid references public.profiles (id) on delete set null;

create index organisations_created_by_idx on public.organisations (created_by);

comment on column public.organisations.contact_email is 'The organisation''s public mailbox, shown on its pages and in exports. Never a person''s account e-mail.';
comment on column public.organisations.created_by is 'The member who created it through create_organisation(); null for seeded organisations.';
comment on column public.organisations.profile is 'The public description (plain text, up to 5,000 characters).';

create policy "Admins update their organisation" on public.organisations
	for update to authenticated
	using (private.is_org_admin(id))
	with check (private.is_org_admin(id));

grant update (name, country, website, domains, profile, contact_email) on public.organisations to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Guards: kind is fixed; verified only through set_organisation_verified().
-- ---------------------------------------------------------------------------------------------

create function private.organisations_guard()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
	v_super boolean := coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user), false);
begin
	if new.kind is distinct from old.kind and not (v_super or current_user = 'service_role') then
		raise exception using
			errcode = 'PT403',
			message = 'organisation_kind_fixed',
			hint = 'An organisation''s kind is fixed after creation.';
	end if;
	-- set_organisation_verified() marks its own transaction (a setting no API request can make).
	if new.verified is distinct from old.verified
		and coalesce(current_setting('private.verifying_organisation', true), '') <> new.id::text
		and not v_super then
		raise exception using
			errcode = 'PT403',
			message = 'verified_by_hub_only',
			hint = 'Only hub staff verify an organisation, with set_organisation_verified().';
	end if;
	return new;
end;
$$;

create trigger organisations_guard
	before update on public.organisations
	for each row execute function private.organisations_guard();

create function private.audit_organisations()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_before jsonb;
	v_after jsonb;
begin
	if tg_op = 'INSERT' then
		perform private.audit(new.id, 'organisation.created', 'organisation:' || new.id, null, to_jsonb(new));
		return null;
	end if;
	if tg_op = 'DELETE' then
		perform private.audit(old.id, 'organisation.deleted', 'organisation:' || old.id, to_jsonb(old), null);
		return null;
	end if;
	v_before := to_jsonb(old) - 'updated_at';
	v_after := to_jsonb(new) - 'updated_at';
	if v_before = v_after then
		return null;
	end if;
	if new.verified is distinct from old.verified then
		perform private.audit(new.id, case when new.verified then 'organisation.verified' else 'organisation.unverified' end,
			'organisation:' || new.id, jsonb_build_object('verified', old.verified), jsonb_build_object('verified', new.verified));
		v_before := v_before - 'verified';
		v_after := v_after - 'verified';
	end if;
	if v_before <> v_after then
		-- Only the fields that changed, before and after.
		select jsonb_object_agg(b.key, b.value), jsonb_object_agg(b.key, v_after -> b.key)
		into v_before, v_after
		from jsonb_each(v_before) b
		where b.value is distinct from v_after -> b.key;
		perform private.audit(new.id, 'organisation.updated', 'organisation:' || new.id, v_before, v_after);
	end if;
	return null;
end;
$$;

-- Inserts are audited by create_organisation() only when a member creates one (the trigger
-- would also log every seeded organisation): see the functions' migration. Updates and deletes by
-- anyone are audited here.
create trigger organisations_audit
	after update or delete on public.organisations
	for each row execute function private.audit_organisations();

revoke all on function private.organisations_guard() from public;
revoke all on function private.audit_organisations() from public;
