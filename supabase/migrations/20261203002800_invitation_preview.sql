-- What an invitation link leads to, before accepting (issue 12): the page /invitations/<token>
-- shows the organisation and the role, or why the link no longer works, on GET, and accepts on
-- POST (accept_invitation). Whoever holds the token (it came in the mail) learns the organisation's
-- public name, the role and the state; never the invited address nor who invited. A token that
-- matches nothing is invitation_unknown (PT404), as accept_invitation answers it.
-- status: pending (the caller may accept) | used | revoked | expired | not_for_you, in the order
-- accept_invitation checks them.

create function public.invitation_preview(token text)
returns table (
	organisation_id uuid,
	slug text,
	name text,
	kind public.org_kind,
	verified boolean,
	role public.org_role,
	expires_at timestamptz,
	status text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_inv public.invitations;
begin
	if (select auth.uid()) is null then
		raise exception using errcode = 'PT403', message = 'not_signed_in';
	end if;
	select * into v_inv from public.invitations i
	where i.token_hash = encode(pg_catalog.sha256(convert_to(coalesce(invitation_preview.token, ''), 'UTF8')), 'hex');
	if not found then
		raise exception using errcode = 'PT404', message = 'invitation_unknown',
			hint = 'This invitation link is not valid. Ask for a new invitation.';
	end if;
	return query
	select o.id, o.slug, o.name, o.kind, o.verified, v_inv.role, v_inv.expires_at,
		case
			when v_inv.accepted_at is not null then 'used'
			when v_inv.revoked_at is not null then 'revoked'
			when v_inv.expires_at <= now() then 'expired'
			when v_inv.email is distinct from private.my_verified_email() then 'not_for_you'
			else 'pending'
		end
	from public.organisations o
	where o.id = v_inv.organisation_id;
end;
$$;

revoke all on function public.invitation_preview(text) from public, anon;
grant execute on function public.invitation_preview(text) to authenticated;
