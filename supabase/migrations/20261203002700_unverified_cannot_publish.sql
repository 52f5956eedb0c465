-- An unverified organisation cannot publish (issue 12): a challenge becomes open (on insert, or by
-- a status change) only when the organisation that owns it is verified by the hub. The challenge
-- pages come with issue 13; the rule is the database's now, whoever writes. Superusers are exempt
-- (the seed and migrations bring illustrative open challenges of unverified cities); service_role
-- is not, nor is a superuser's session acting as another role
-- (set role), nor a SECURITY DEFINER function called through the API (its session is PostgREST's
-- authenticator). Not SECURITY DEFINER itself, so current_user is the writer. Challenges already open when an organisation loses its badge stay open.
-- Refusal: organisation_unverified PT403.

create function private.challenges_require_verified_publisher()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if new.status = 'open'
		and (tg_op = 'INSERT' or old.status is distinct from 'open' or old.organisation_id is distinct from new.organisation_id)
		and not (
			coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = session_user), false)
			and coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user), false)
		)
		and not exists (select 1 from public.organisations o where o.id = new.organisation_id and o.verified)
	then
		raise exception using
			errcode = 'PT403',
			message = 'organisation_unverified',
			hint = 'The hub verifies an organisation before it can publish challenges. Ask the hub to verify yours.';
	end if;
	return new;
end;
$$;

comment on function private.challenges_require_verified_publisher() is
	'Trigger: refuses (PT403 organisation_unverified) a challenge becoming open when its organisation is not verified. Superuser sessions acting as themselves (seed, migrations) are exempt.';

create trigger challenges_require_verified_publisher
	before insert or update of status, organisation_id on public.challenges
	for each row execute function private.challenges_require_verified_publisher();

revoke all on function private.challenges_require_verified_publisher() from public;
