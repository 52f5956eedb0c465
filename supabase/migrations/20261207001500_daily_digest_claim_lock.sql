-- Daily digests: two runs at the same moment could each claim part of one user's notifications
-- (for update skip locked takes rows one by one) and both mail a partial digest. Daily claims now
-- take turns on a transaction-level advisory lock; immediate mails (one per notification) are
-- unchanged. Seen once in a fresh-clone run of questions-notifications.test.ts (two mails where one
-- was expected).

create or replace function public.claim_notifications(
	delivery text,
	max_rows integer default 200,
	lease_seconds integer default 300,
	only_users uuid[] default null
)
returns table (
	id uuid,
	user_id uuid,
	email text,
	display_name text,
	locale text,
	kind text,
	challenge_id uuid,
	params jsonb,
	link text,
	created_at timestamptz
)
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
	if claim_notifications.delivery is null or claim_notifications.delivery not in ('immediate', 'daily') then
		raise exception using errcode = '22023', message = 'delivery_unknown';
	end if;
	-- A digest is one mail per user with all of that user's notifications: two runs at the same
	-- moment would each lock some of a user's rows (skip locked) and both send a part. Daily claims
	-- take turns; the second then sees the first's leases (a new snapshot per statement).
	if claim_notifications.delivery = 'daily' then
		perform pg_advisory_xact_lock(hashtextextended('public.claim_notifications:daily', 0));
	end if;
	return query
	with candidates as (
		select n.id
		from public.notifications n
		where n.mailed_at is null
			and (n.claimed_until is null or n.claimed_until < now())
			and (claim_notifications.only_users is null or n.user_id = any (claim_notifications.only_users))
			and coalesce((select s.delivery from public.notification_settings s where s.user_id = n.user_id), 'immediate')
				= claim_notifications.delivery
		order by n.created_at
		limit case when claim_notifications.delivery = 'immediate'
			then greatest(1, least(claim_notifications.max_rows, 1000)) else 1000000 end
		for update of n skip locked
	), claimed as (
		update public.notifications n
		set claimed_until = now() + make_interval(secs => greatest(10, least(claim_notifications.lease_seconds, 3600)))
		from candidates c
		where n.id = c.id
		returning n.*
	)
	select c.id, c.user_id, u.email, p.display_name, coalesce(u.locale, p.preferred_language, 'en'),
		c.kind, c.challenge_id, c.params, c.link, c.created_at
	from claimed c
	join public.profiles p on p.id = c.user_id
	join identity."user" u on u.id = c.user_id
	where u."emailVerified"
	order by c.user_id, c.created_at;
end;
$$;
