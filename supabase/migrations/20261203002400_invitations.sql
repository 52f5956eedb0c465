-- Invitations (issue 12): an organisation's admin invites an e-mail address; the app mails a link
-- /invitations/<token>; the person signed in with that (verified) address accepts and becomes a
-- member. The token is 32 random bytes (hex) returned once by invite_member(); the table keeps only
-- its SHA-256, so a leaked table or backup accepts nothing. An invitation lasts 7 days and is used
-- once; a new invitation for the same address revokes the pending one.
--
-- Refusals carry a message key the app words (src/lib/server/db/memberships.ts) and an errcode
-- that PostgREST turns into the HTTP status (PTnnn → nnn):
--   invitation_unknown PT404 · invitation_used PT409 · invitation_revoked PT410 ·
--   invitation_expired PT410 · invitation_not_for_you PT403 · not_org_admin PT403

create table public.invitations (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	email text not null
		constraint invitations_email_format check (
			email = lower(email)
			and email ~ '^[a-z0-9._%+''-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$'
			and char_length(email) <= 254
		),
	role public.org_role not null default 'member',
	token_hash text not null unique constraint invitations_token_hash_format check (token_hash ~ '^[0-9a-f]{64}$'),
	invited_by uuid references public.profiles (id) on delete set null,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null default now() + interval '7 days',
	accepted_at timestamptz,
	accepted_by uuid references public.profiles (id) on delete set null,
	revoked_at timestamptz,
	constraint invitations_accepted_or_revoked check (accepted_at is null or revoked_at is null)
);
alter table public.invitations enable row level security;
create index invitations_organisation_id_idx on public.invitations (organisation_id);
create index invitations_email_idx on public.invitations (email);
create index invitations_invited_by_idx on public.invitations (invited_by);
create index invitations_accepted_by_idx on public.invitations (accepted_by);
-- One pending invitation per address and organisation.
create unique index invitations_pending_idx on public.invitations (organisation_id, email)
	where accepted_at is null and revoked_at is null;

comment on table public.invitations is
	'Invitations to join an organisation by e-mail. Read by the organisation''s admins and by the invitee (verified e-mail); written by functions only. token_hash is never readable through the API.';
comment on column public.invitations.token_hash is 'sha256 (hex) of the token in the mailed link; the token itself is not stored.';

create policy "Admins read their organisation's invitations; invitees those sent to them" on public.invitations
	for select to authenticated
	using (
		email = (select private.my_verified_email())
		or private.is_org_admin(organisation_id)
	);

revoke all on table public.invitations from public, anon, authenticated;
grant select (id, organisation_id, email, role, invited_by, created_at, expires_at, accepted_at, accepted_by, revoked_at)
	on public.invitations to authenticated;
grant select on public.invitations to service_role;

create function private.audit_invitations()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_old jsonb := case when tg_op = 'UPDATE' then to_jsonb(old) - 'token_hash' end;
	v_new jsonb := to_jsonb(new) - 'token_hash';
begin
	if tg_op = 'INSERT' then
		perform private.audit(new.organisation_id, 'invitation.created', 'invitation:' || new.id, null, v_new);
	elsif new.accepted_at is not null and old.accepted_at is null then
		perform private.audit(new.organisation_id, 'invitation.accepted', 'invitation:' || new.id, v_old, v_new);
	elsif new.revoked_at is not null and old.revoked_at is null then
		perform private.audit(new.organisation_id, 'invitation.revoked', 'invitation:' || new.id, v_old, v_new);
	end if;
	return null;
end;
$$;

create trigger invitations_audit
	after insert or update on public.invitations
	for each row execute function private.audit_invitations();

revoke all on function private.audit_invitations() from public;

-- ---------------------------------------------------------------------------------------------

create function private.require_org_admin(org uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
	if (select auth.uid()) is null or not private.is_org_admin(org) then
		raise exception using
			errcode = 'PT403',
			message = 'not_org_admin',
			hint = 'Only an admin of this organisation may do this.';
	end if;
end;
$$;

revoke all on function private.require_org_admin(uuid) from public;

/** Invites `email` as `role`; returns the invitation's id and its token (shown once, for the mail). */
create function public.invite_member(org uuid, email text, role public.org_role default 'member')
returns table (invitation_id uuid, token text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_email text := lower(btrim(email));
	v_token text := encode(extensions.gen_random_bytes(32), 'hex');
	v_id uuid;
begin
	perform private.require_org_admin(org);
	if exists (
		select 1 from public.memberships m join identity."user" u on u.id = m.user_id
		where m.organisation_id = org and lower(u.email) = v_email
	) then
		raise exception using errcode = 'PT409', message = 'already_member',
			hint = 'This address belongs to a member of the organisation already.';
	end if;
	-- A new invitation replaces the pending one (a fresh link, a fresh week).
	update public.invitations i set revoked_at = now()
	where i.organisation_id = org and i.email = v_email and i.accepted_at is null and i.revoked_at is null;
	insert into public.invitations (organisation_id, email, role, token_hash, invited_by)
	values (org, v_email, coalesce(invite_member.role, 'member'),
		encode(pg_catalog.sha256(convert_to(v_token, 'UTF8')), 'hex'), (select auth.uid()))
	returning id into v_id;
	invitation_id := v_id;
	token := v_token;
	return next;
end;
$$;

/** Accepts the invitation the token belongs to, for the caller (whose verified e-mail it must name). */
create function public.accept_invitation(token text)
returns public.organisations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_inv public.invitations;
	v_org public.organisations;
	v_me uuid := (select auth.uid());
begin
	if v_me is null then
		raise exception using errcode = 'PT403', message = 'not_signed_in';
	end if;
	select * into v_inv from public.invitations i
	where i.token_hash = encode(pg_catalog.sha256(convert_to(coalesce(accept_invitation.token, ''), 'UTF8')), 'hex')
	for update;
	if not found then
		raise exception using errcode = 'PT404', message = 'invitation_unknown',
			hint = 'This invitation link is not valid. Ask for a new invitation.';
	end if;
	if v_inv.accepted_at is not null then
		raise exception using errcode = 'PT409', message = 'invitation_used',
			hint = 'This invitation has been used already.';
	end if;
	if v_inv.revoked_at is not null then
		raise exception using errcode = 'PT410', message = 'invitation_revoked',
			hint = 'This invitation was withdrawn or replaced by a newer one.';
	end if;
	if v_inv.expires_at <= now() then
		raise exception using errcode = 'PT410', message = 'invitation_expired',
			hint = 'This invitation has expired. Ask for a new invitation.';
	end if;
	if v_inv.email is distinct from private.my_verified_email() then
		raise exception using errcode = 'PT403', message = 'invitation_not_for_you',
			hint = 'This invitation was sent to another e-mail address.';
	end if;
	-- Already a member (joined another way meanwhile): the invitation is used, the role stays.
	insert into public.memberships (organisation_id, user_id, role)
	values (v_inv.organisation_id, v_me, v_inv.role)
	on conflict (organisation_id, user_id) do nothing;
	update public.invitations set accepted_at = now(), accepted_by = v_me where id = v_inv.id;
	select * into v_org from public.organisations o where o.id = v_inv.organisation_id;
	return v_org;
end;
$$;

create function public.revoke_invitation(id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_inv public.invitations;
begin
	select * into v_inv from public.invitations i where i.id = revoke_invitation.id for update;
	if not found then
		raise exception using errcode = 'PT404', message = 'invitation_unknown';
	end if;
	perform private.require_org_admin(v_inv.organisation_id);
	if v_inv.accepted_at is not null then
		raise exception using errcode = 'PT409', message = 'invitation_used';
	end if;
	if v_inv.revoked_at is null then
		update public.invitations i set revoked_at = now() where i.id = v_inv.id;
	end if;
end;
$$;

revoke all on function public.invite_member(uuid, text, public.org_role) from public, anon;
revoke all on function public.accept_invitation(text) from public, anon;
revoke all on function public.revoke_invitation(uuid) from public, anon;
grant execute on function public.invite_member(uuid, text, public.org_role) to authenticated;
grant execute on function public.accept_invitation(text) to authenticated;
grant execute on function public.revoke_invitation(uuid) to authenticated;
