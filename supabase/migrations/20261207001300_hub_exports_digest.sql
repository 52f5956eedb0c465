-- The hub's exports and weekly digest (issue 14; docs/collaboration.md § Exports and the weekly
-- digest).
--
-- * Exports: three functions for hub staff only (not_signed_in / not_hub_staff PT403), one page of
--   rows each (keyset on id: `after` the last id of the previous page, at most 1000 rows), so the
--   portal streams a CSV of any size:
--     hub_export_pipeline()    every partnership: challenge, city, vendor, stage, owner, next step,
--                              due date, stalled, overdue (public.stalled / public.overdue), created,
--                              last activity;
--     hub_export_challenges()  every challenge but drafts (withdrawn ones too, which visitors and
--                              members do not read), with its number of proposals (submitted ones:
--                              a draft is the vendor's alone);
--     hub_export_proposals()   a summary of every submitted proposal (what the hub may read):
--                              challenge, city, vendor, status, submitted, decided, versions. Never
--                              the proposal's own text (title, summary, approach, pilot plan,
--                              cost, timeline, references, links) nor the decision's feedback: the
--                              function has no such column, so no client can ask for it.
-- * Weekly digest (`npm run digest:weekly`, a job with the service role): one mail per hub staff
--   member per ISO week (UTC), recorded in private.hub_weekly_digests keyed by (user, week).
--   claim_hub_weekly_digests() leases the week's row of each hub staff member with a verified
--   address who has not been sent it yet (two runs at once never claim the same person; a crashed
--   run's lease runs out after lease_seconds); complete_hub_weekly_digest() marks it sent;
--   release_hub_weekly_digest() gives it back when sending failed. hub_weekly_digest_items() is
--   what the mail lists: stalled partnerships, overdue next steps, and open challenges whose
--   deadline falls in the coming 7 days.

-- ---------------------------------------------------------------------------------------------
-- Exports
-- ---------------------------------------------------------------------------------------------

/** Raises not_signed_in / not_hub_staff (PT403) unless the caller is hub staff. */
create function private.require_hub_exporter()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
	perform private.require_signed_in();
	if not private.is_hub_staff() then
		raise exception using errcode = 'PT403', message = 'not_hub_staff';
	end if;
end;
$$;
revoke all on function private.require_hub_exporter() from public;

/** The pipeline: one row per partnership (hub staff only), a page after `after` (by id). */
create function public.hub_export_pipeline(after uuid default null, page_size integer default 1000)
returns table (
	id uuid,
	challenge_slug text,
	challenge_title text,
	city text,
	country text,
	vendor text,
	stage public.partnership_stage,
	owner text,
	next_step text,
	next_step_due date,
	stalled boolean,
	overdue boolean,
	closed_reason text,
	created_at timestamptz,
	last_activity_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
	perform private.require_hub_exporter();
	return query
	select p.id, c.slug, c.title, ci.name, ci.country::text, v.name, p.stage, pr.display_name, p.next_step,
		p.next_step_due, public.stalled(p), public.overdue(p), p.closed_reason, p.created_at, p.last_activity_at
	from public.partnerships p
	join public.challenges c on c.id = p.challenge_id
	join public.cities ci on ci.id = c.city_id
	join public.organisations v on v.id = p.vendor_organisation_id
	left join public.profiles pr on pr.id = p.owner_id
	where hub_export_pipeline.after is null or p.id > hub_export_pipeline.after
	order by p.id
	limit greatest(1, least(coalesce(hub_export_pipeline.page_size, 1000), 1000));
end;
$$;
comment on function public.hub_export_pipeline(uuid, integer) is
	'Hub staff: every partnership with its challenge, city, vendor, stage, owner, next step, flags and dates; 1000 rows a page after `after` (by id).';

/** Every challenge but drafts, with its number of submitted proposals (hub staff only). */
create function public.hub_export_challenges(after uuid default null, page_size integer default 1000)
returns table (
	id uuid,
	slug text,
	title text,
	kind public.challenge_kind,
	status public.challenge_status,
	outcome public.challenge_outcome,
	city text,
	country text,
	region text,
	organisation text,
	domain public.challenge_domain,
	deadline timestamptz,
	published_at timestamptz,
	proposals integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
	perform private.require_hub_exporter();
	return query
	select c.id, c.slug, c.title, c.kind, c.status, c.outcome, ci.name, ci.country::text, r.name, o.name, c.domain,
		c.deadline, c.published_at,
		(select count(*)::integer from public.proposals p where p.challenge_id = c.id and p.submitted_at is not null)
	from public.challenges c
	join public.cities ci on ci.id = c.city_id
	join public.regions r on r.slug = ci.region
	join public.organisations o on o.id = c.organisation_id
	where c.status <> 'draft'
		and (hub_export_challenges.after is null or c.id > hub_export_challenges.after)
	order by c.id
	limit greatest(1, least(coalesce(hub_export_challenges.page_size, 1000), 1000));
end;
$$;
comment on function public.hub_export_challenges(uuid, integer) is
	'Hub staff: every challenge but drafts, with city, domain, status, deadline and the number of submitted proposals; 1000 rows a page after `after` (by id).';

/** A summary of every submitted proposal, without its text (hub staff only). */
create function public.hub_export_proposals(after uuid default null, page_size integer default 1000)
returns table (
	id uuid,
	challenge_slug text,
	challenge_title text,
	city text,
	vendor text,
	status public.proposal_status,
	submitted_at timestamptz,
	decided_at timestamptz,
	withdrawn_at timestamptz,
	versions integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
	perform private.require_hub_exporter();
	return query
	select p.id, c.slug, c.title, ci.name, v.name, p.status, p.submitted_at, p.decided_at, p.withdrawn_at,
		(select count(*)::integer from public.proposal_versions pv where pv.proposal_id = p.id)
	from public.proposals p
	join public.challenges c on c.id = p.challenge_id
	join public.cities ci on ci.id = c.city_id
	join public.organisations v on v.id = p.organisation_id
	where p.submitted_at is not null
		and (hub_export_proposals.after is null or p.id > hub_export_proposals.after)
	order by p.id
	limit greatest(1, least(coalesce(hub_export_proposals.page_size, 1000), 1000));
end;
$$;
comment on function public.hub_export_proposals(uuid, integer) is
	'Hub staff: per submitted proposal its challenge, city, vendor, status, dates and number of versions; never its text. 1000 rows a page after `after` (by id).';

revoke all on function public.hub_export_pipeline(uuid, integer) from public, anon;
revoke all on function public.hub_export_challenges(uuid, integer) from public, anon;
revoke all on function public.hub_export_proposals(uuid, integer) from public, anon;
grant execute on function public.hub_export_pipeline(uuid, integer) to authenticated;
grant execute on function public.hub_export_challenges(uuid, integer) to authenticated;
grant execute on function public.hub_export_proposals(uuid, integer) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The weekly digest
-- ---------------------------------------------------------------------------------------------

create table private.hub_weekly_digests (
	user_id uuid not null references public.profiles (id) on delete cascade,
	-- The ISO week (UTC) of the digest, e.g. 2026-W50.
	week text not null constraint hub_weekly_digests_week_format check (week ~ '^[0-9]{4}-W[0-9]{2}$'),
	-- A run holds the row until then (claim_hub_weekly_digests); null when free or sent.
	claimed_until timestamptz,
	sent_at timestamptz,
	primary key (user_id, week)
);
alter table private.hub_weekly_digests enable row level security;
comment on table private.hub_weekly_digests is
	'Which hub staff member was sent which week''s digest (one mail per person per ISO week). Written by the digest functions only.';

/** The current ISO week (UTC), as the digest records it: 2026-W50. */
create function private.iso_week(at timestamptz default now())
returns text
language sql
stable
set search_path = ''
as $$
	select to_char(iso_week.at at time zone 'utc', 'IYYY-"W"IW');
$$;
revoke all on function private.iso_week(timestamptz) from public;

/**
 * Leases this week's digest of every hub staff member with a verified address who has not been
 * sent it (and is not leased to another run): one row each, with where and in which language to
 * write. `only_users` narrows to some people.
 */
create function public.claim_hub_weekly_digests(lease_seconds integer default 300, only_users uuid[] default null)
returns table (user_id uuid, email text, display_name text, locale text, week text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_week text := private.iso_week();
begin
	return query
	with staff as (
		select distinct m.user_id
		from public.memberships m
		join public.organisations o on o.id = m.organisation_id and o.kind = 'hub'
		join identity."user" u on u.id = m.user_id and u."emailVerified"
		where claim_hub_weekly_digests.only_users is null or m.user_id = any (claim_hub_weekly_digests.only_users)
	), claimed as (
		insert into private.hub_weekly_digests as d (user_id, week, claimed_until)
		select s.user_id, v_week,
			now() + make_interval(secs => greatest(10, least(coalesce(claim_hub_weekly_digests.lease_seconds, 300), 3600)))
		from staff s
		on conflict on constraint hub_weekly_digests_pkey do update
			set claimed_until = excluded.claimed_until
			where d.sent_at is null and (d.claimed_until is null or d.claimed_until < now())
		returning d.user_id, d.week
	)
	select c.user_id, u.email, p.display_name, coalesce(u.locale, p.preferred_language, 'en'), c.week
	from claimed c
	join public.profiles p on p.id = c.user_id
	join identity."user" u on u.id = c.user_id
	order by c.user_id;
end;
$$;

/** Marks a claimed digest sent: that person gets no other mail this week. */
create function public.complete_hub_weekly_digest(user_id uuid, week text)
returns boolean
language sql
volatile
security definer
set search_path = ''
as $$
	update private.hub_weekly_digests d set sent_at = now(), claimed_until = null
	where d.user_id = complete_hub_weekly_digest.user_id and d.week = complete_hub_weekly_digest.week
		and d.sent_at is null
	returning true;
$$;

/** Gives back a claimed digest whose mail could not be sent (the next run tries again). */
create function public.release_hub_weekly_digest(user_id uuid, week text)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
	delete from private.hub_weekly_digests d
	where d.user_id = release_hub_weekly_digest.user_id and d.week = release_hub_weekly_digest.week
		and d.sent_at is null;
$$;

/**
 * What the weekly digest lists, the same for every hub staff member: `section` 'stalled' (a
 * partnership with nothing for 21 days), 'overdue' (a next step due before today) and 'deadline'
 * (an open challenge whose deadline falls in the coming 7 days). A partnership both stalled and
 * overdue is in both sections.
 */
create function public.hub_weekly_digest_items()
returns table (
	section text,
	id uuid,
	challenge_slug text,
	challenge_title text,
	city text,
	vendor text,
	stage public.partnership_stage,
	next_step text,
	next_step_due date,
	last_activity_at timestamptz,
	deadline timestamptz
)
language sql
stable
security definer
set search_path = ''
as $$
	select s.section, p.id, c.slug, c.title, ci.name, v.name, p.stage, p.next_step, p.next_step_due,
		p.last_activity_at, null::timestamptz
	from public.partnerships p
	join public.challenges c on c.id = p.challenge_id
	join public.cities ci on ci.id = c.city_id
	join public.organisations v on v.id = p.vendor_organisation_id
	cross join lateral (
		select 'stalled' as section where public.stalled(p)
		union all
		select 'overdue' where public.overdue(p)
	) s
	union all
	select 'deadline', c.id, c.slug, c.title, ci.name, null, null, null, null, null, c.deadline
	from public.challenges c
	join public.cities ci on ci.id = c.city_id
	where c.status = 'open' and c.deadline >= now() and c.deadline < now() + interval '7 days'
	order by 1, 10 nulls last, 9 nulls last, 11 nulls last, 4;
$$;
comment on function public.hub_weekly_digest_items() is
	'The weekly digest''s lists: stalled partnerships, overdue next steps, open challenges with a deadline in the coming 7 days. Service role (npm run digest:weekly).';

revoke all on function public.claim_hub_weekly_digests(integer, uuid[]) from public, anon, authenticated;
revoke all on function public.complete_hub_weekly_digest(uuid, text) from public, anon, authenticated;
revoke all on function public.release_hub_weekly_digest(uuid, text) from public, anon, authenticated;
revoke all on function public.hub_weekly_digest_items() from public, anon, authenticated;
grant execute on function public.claim_hub_weekly_digests(integer, uuid[]) to service_role;
grant execute on function public.complete_hub_weekly_digest(uuid, text) to service_role;
grant execute on function public.release_hub_weekly_digest(uuid, text) to service_role;
grant execute on function public.hub_weekly_digest_items() to service_role;
