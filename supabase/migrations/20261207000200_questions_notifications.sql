-- Questions and answers, following, saved searches and notifications (issue 13, items 2 and 3;
-- docs/collaboration.md#questions-following-and-notifications).
--
--   * ask_question / answer_question write public.questions (core migration); the asker's
--     organisation and the city read the questions with who asked through my_questions /
--     challenge_questions (the table hides asked_by and organisation_id from every API role).
--   * follows, saved_searches, notification_settings and notifications belong to one user each:
--     RLS lets a user read only their own rows; every write is a function below (no role has an
--     insert, update or delete grant).
--   * Notifications are made by SECURITY DEFINER triggers on the core tables, for every writer:
--     deadline extended and status changed (followers), question answered (followers and the
--     asking organisation's members), challenge published (owners of matching saved searches),
--     proposal decided (the vendor organisation's members). The one who acted is not told.
--   * Mail: jobs with the service role claim pending notifications (claim_notifications, rows
--     locked with for update skip locked and leased), send them, then mark them mailed
--     (complete_notifications) or give them back (release_notifications).
--
-- Refusals (PTnnn → HTTP nnn): not_signed_in PT403 · challenge_unknown PT404 ·
-- challenge_not_open PT409 · deadline_passed PT409 · not_vendor_member PT403 ·
-- question_rate_limited PT429 · question_unknown PT404 · not_challenge_member PT403 ·
-- saved_search_limit PT409 · saved_search_unknown PT404 · delivery_unknown 22023.

-- ---------------------------------------------------------------------------------------------
-- Questions
-- ---------------------------------------------------------------------------------------------

/** Raises not_signed_in when nobody is signed in; returns the caller. */
create function private.require_signed_in()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
	v_me uuid := (select auth.uid());
begin
	if v_me is null then
		raise exception using errcode = 'PT403', message = 'not_signed_in';
	end if;
	return v_me;
end;
$$;
revoke all on function private.require_signed_in() from public;

/**
 * A question on an open challenge, before its deadline, by a member of a vendor organisation:
 * `organisation` (null: the organisation the caller acts for, else their only vendor organisation).
 * At most 5 questions per person per hour and 20 per organisation per day (question_rate_limited,
 * PT429; detail says which). Concurrent calls of one person or organisation are serialised, so the
 * limits hold exactly.
 */
create function public.ask_question(challenge uuid, body text, organisation uuid default null)
returns public.questions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_org uuid := ask_question.organisation;
	v_challenge public.challenges;
	v_row public.questions;
begin
	if v_org is null then
		select p.active_organisation_id into v_org
		from public.profiles p
		join public.organisations o on o.id = p.active_organisation_id and o.kind = 'vendor'
		where p.id = v_me;
	end if;
	if v_org is null then
		select m.organisation_id into v_org
		from public.memberships m join public.organisations o on o.id = m.organisation_id and o.kind = 'vendor'
		where m.user_id = v_me
		order by m.created_at
		limit 1;
	end if;
	if v_org is null or not exists (
		select 1 from public.memberships m join public.organisations o on o.id = m.organisation_id
		where m.organisation_id = v_org and m.user_id = v_me and o.kind = 'vendor'
	) then
		raise exception using errcode = 'PT403', message = 'not_vendor_member',
			hint = 'Questions are asked by members of a solution provider.';
	end if;

	select * into v_challenge from public.challenges c where c.id = ask_question.challenge;
	if not found or not private.challenge_is_public(v_challenge.status) then
		raise exception using errcode = 'PT404', message = 'challenge_unknown';
	end if;
	if v_challenge.status <> 'open' then
		raise exception using errcode = 'PT409', message = 'challenge_not_open',
			hint = 'Questions are taken only while the challenge is open.';
	end if;
	if v_challenge.deadline is not null and clock_timestamp() >= v_challenge.deadline then
		raise exception using errcode = 'PT409', message = 'deadline_passed',
			hint = 'Questions are taken only before the deadline.';
	end if;

	-- One asker and one organisation at a time: the counts below cannot be raced.
	perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('questions:org:' || v_org::text, 0));
	perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('questions:user:' || v_me::text, 0));
	if (select count(*) from public.questions q
		where q.asked_by = v_me and q.created_at > clock_timestamp() - interval '1 hour') >= 5 then
		raise exception using errcode = 'PT429', message = 'question_rate_limited', detail = 'person_hour',
			hint = 'At most 5 questions per person per hour.';
	end if;
	if (select count(*) from public.questions q
		where q.organisation_id = v_org and q.created_at > clock_timestamp() - interval '1 day') >= 20 then
		raise exception using errcode = 'PT429', message = 'question_rate_limited', detail = 'organisation_day',
			hint = 'At most 20 questions per organisation per day.';
	end if;

	insert into public.questions (challenge_id, organisation_id, asked_by, body, created_at)
	values (v_challenge.id, v_org, v_me, btrim(ask_question.body), clock_timestamp())
	returning * into v_row;
	perform private.audit(v_org, 'question.asked', 'question:' || v_row.id, null,
		jsonb_build_object('challenge_id', v_row.challenge_id));
	return v_row;
end;
$$;

/** The answer to a question (or a new wording of it), by a member of the challenge's organisation. */
create function public.answer_question(id uuid, answer text)
returns public.questions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_row public.questions;
	v_before text;
begin
	select * into v_row from public.questions q where q.id = answer_question.id for update;
	if not found then
		raise exception using errcode = 'PT404', message = 'question_unknown';
	end if;
	if not private.is_challenge_member(v_row.challenge_id) then
		raise exception using errcode = 'PT403', message = 'not_challenge_member',
			hint = 'Members of the organisation that posted the challenge answer its questions.';
	end if;
	v_before := v_row.answer;
	update public.questions q
	set answer = btrim(answer_question.answer),
		answered_by = v_me,
		answered_at = coalesce(q.answered_at, clock_timestamp())
	where q.id = v_row.id
	returning * into v_row;
	perform private.audit(
		(select c.organisation_id from public.challenges c where c.id = v_row.challenge_id),
		case when v_before is null then 'question.answered' else 'question.answer_edited' end,
		'question:' || v_row.id,
		jsonb_build_object('answer', v_before),
		jsonb_build_object('answer', v_row.answer));
	return v_row;
end;
$$;

/** A challenge's questions, pending ones first, with the asking organisation: for its city's members. */
create function public.challenge_questions(challenge uuid)
returns table (
	id uuid,
	body text,
	answer text,
	answered_at timestamptz,
	created_at timestamptz,
	organisation_name text,
	organisation_slug text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
	perform private.require_signed_in();
	if not private.is_challenge_member(challenge_questions.challenge) then
		raise exception using errcode = 'PT403', message = 'not_challenge_member';
	end if;
	return query
	select q.id, q.body, q.answer, q.answered_at, q.created_at, o.name, o.slug
	from public.questions q
	join public.organisations o on o.id = q.organisation_id
	where q.challenge_id = challenge_questions.challenge
	order by (q.answered_at is not null), q.created_at;
end;
$$;

/** The caller's organisations' questions on a challenge (answered or not), oldest first. */
create function public.my_questions(challenge uuid)
returns table (
	id uuid,
	body text,
	answer text,
	answered_at timestamptz,
	created_at timestamptz,
	organisation_id uuid,
	asked_by_me boolean
)
language sql
stable
security definer
set search_path = ''
as $$
	select q.id, q.body, q.answer, q.answered_at, q.created_at, q.organisation_id,
		q.asked_by is not distinct from (select auth.uid())
	from public.questions q
	where q.challenge_id = my_questions.challenge
		and q.organisation_id = any (array(select private.my_organisation_ids()))
	order by q.created_at;
$$;

-- ---------------------------------------------------------------------------------------------
-- Follows, saved searches, notification settings, notifications
-- ---------------------------------------------------------------------------------------------

create table public.follows (
	user_id uuid not null references public.profiles (id) on delete cascade,
	challenge_id uuid not null references public.challenges (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (user_id, challenge_id)
);
alter table public.follows enable row level security;
create index follows_challenge_id_idx on public.follows (challenge_id);
comment on table public.follows is 'A user follows a challenge: told when its deadline is extended, its status changes or a question is answered. Each user reads their own; written by follow_challenge / unfollow_challenge.';

create policy "Users read their own follows" on public.follows
	for select to authenticated using (user_id = (select auth.uid()));
revoke all on table public.follows from public, anon, authenticated;
grant select on table public.follows to authenticated;
grant all on table public.follows to service_role;

create table public.saved_searches (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null references public.profiles (id) on delete cascade,
	name text not null constraint saved_searches_name_length check (char_length(btrim(name)) between 1 and 100),
	-- The list's URL query string (without "?"), to open the search again.
	query text not null default '' constraint saved_searches_query_length check (char_length(query) <= 2000),
	-- The same search as search_challenges() reads it (q, domain, region, city, kind, status, priority).
	params jsonb not null default '{}'
		constraint saved_searches_params_object check (jsonb_typeof(params) = 'object' and pg_column_size(params) <= 8192),
	created_at timestamptz not null default now(),
	-- When a newly published challenge was last compared with it.
	last_checked timestamptz
);
alter table public.saved_searches enable row level security;
create index saved_searches_user_id_idx on public.saved_searches (user_id, created_at);
comment on table public.saved_searches is 'A user''s saved list search: told when a newly published challenge matches it. Each user reads their own; written by save_search / delete_saved_search.';

create policy "Users read their own saved searches" on public.saved_searches
	for select to authenticated using (user_id = (select auth.uid()));
revoke all on table public.saved_searches from public, anon, authenticated;
grant select on table public.saved_searches to authenticated;
grant all on table public.saved_searches to service_role;

create table public.notification_settings (
	user_id uuid primary key references public.profiles (id) on delete cascade,
	delivery text not null default 'immediate'
		constraint notification_settings_delivery check (delivery in ('immediate', 'daily', 'off')),
	updated_at timestamptz not null default now()
);
alter table public.notification_settings enable row level security;
comment on table public.notification_settings is 'How a user is mailed their notifications: immediate (the default, when no row), daily digest, or off (in-app only). Written by set_notification_delivery.';

create policy "Users read their own notification settings" on public.notification_settings
	for select to authenticated using (user_id = (select auth.uid()));
revoke all on table public.notification_settings from public, anon, authenticated;
grant select on table public.notification_settings to authenticated;
grant all on table public.notification_settings to service_role;

create table public.notifications (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null references public.profiles (id) on delete cascade,
	kind text not null constraint notifications_kind check (
		kind in ('deadline_extended', 'status_changed', 'question_answered', 'saved_search_match', 'proposal_decided')
	),
	challenge_id uuid references public.challenges (id) on delete cascade,
	-- Texts the message is made of, in the challenge's own words (title, slug, deadline, status…);
	-- the app words the message in the reader's language from kind and params.
	params jsonb not null default '{}',
	-- A path on the portal (/challenges/<slug>…).
	link text not null constraint notifications_link_path check (link ~ '^/[^/]' and char_length(link) <= 500),
	created_at timestamptz not null default now(),
	read_at timestamptz,
	mailed_at timestamptz,
	-- A mail job holds it until then (claim_notifications); null when free.
	claimed_until timestamptz
);
alter table public.notifications enable row level security;
create index notifications_user_id_idx on public.notifications (user_id, created_at desc);
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;
create index notifications_unmailed_idx on public.notifications (created_at) where mailed_at is null;
create index notifications_challenge_id_idx on public.notifications (challenge_id);
comment on table public.notifications is 'What a user is told (in-app and by mail). Each user reads their own; they mark them read with mark_notifications_read; triggers create them; mail jobs (service role) claim and mark them mailed.';

create policy "Users read their own notifications" on public.notifications
	for select to authenticated using (user_id = (select auth.uid()));
revoke all on table public.notifications from public, anon, authenticated;
grant select (id, user_id, kind, challenge_id, params, link, created_at, read_at, mailed_at)
	on table public.notifications to authenticated;
grant all on table public.notifications to service_role;

/** Follows a challenge the caller can read (again: nothing changes). */
create function public.follow_challenge(challenge uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
begin
	if not exists (
		select 1 from public.challenges c
		where c.id = follow_challenge.challenge
			and (private.challenge_is_public(c.status) or private.is_challenge_member(c.id))
	) then
		raise exception using errcode = 'PT404', message = 'challenge_unknown';
	end if;
	insert into public.follows (user_id, challenge_id) values (v_me, follow_challenge.challenge)
	on conflict do nothing;
end;
$$;

/** Stops following; true when the caller followed it. */
create function public.unfollow_challenge(challenge uuid)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
	delete from public.follows f
	where f.user_id = private.require_signed_in() and f.challenge_id = unfollow_challenge.challenge;
	return found;
end;
$$;

/** Saves a list search (at most 50 per user). */
create function public.save_search(name text, query text, params jsonb)
returns public.saved_searches
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_row public.saved_searches;
begin
	perform 1 from public.profiles p where p.id = v_me for update;
	if (select count(*) from public.saved_searches s where s.user_id = v_me) >= 50 then
		raise exception using errcode = 'PT409', message = 'saved_search_limit',
			hint = 'At most 50 saved searches.';
	end if;
	insert into public.saved_searches (user_id, name, query, params, last_checked)
	values (v_me, btrim(save_search.name), coalesce(save_search.query, ''),
		coalesce(save_search.params, '{}'), now())
	returning * into v_row;
	return v_row;
end;
$$;

create function public.delete_saved_search(id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
	delete from public.saved_searches s
	where s.id = delete_saved_search.id and s.user_id = private.require_signed_in();
	if not found then
		raise exception using errcode = 'PT404', message = 'saved_search_unknown';
	end if;
end;
$$;

/** immediate | daily | off. */
create function public.set_notification_delivery(delivery text)
returns public.notification_settings
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_row public.notification_settings;
begin
	if set_notification_delivery.delivery is null
		or set_notification_delivery.delivery not in ('immediate', 'daily', 'off') then
		raise exception using errcode = '22023', message = 'delivery_unknown';
	end if;
	insert into public.notification_settings (user_id, delivery, updated_at)
	values (v_me, set_notification_delivery.delivery, now())
	on conflict (user_id) do update set delivery = excluded.delivery, updated_at = excluded.updated_at
	returning * into v_row;
	return v_row;
end;
$$;

/** Marks the caller's notifications read: those of `ids`, or all when ids is null. Returns how many. */
create function public.mark_notifications_read(ids uuid[] default null)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_n integer;
begin
	update public.notifications n set read_at = now()
	where n.user_id = v_me and n.read_at is null
		and (mark_notifications_read.ids is null or n.id = any (mark_notifications_read.ids));
	get diagnostics v_n = row_count;
	return v_n;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- Creating notifications (triggers, every writer)
-- ---------------------------------------------------------------------------------------------

/** One notification per user of `users` (distinct, the acting user left out). */
create function private.notify(users uuid[], kind text, challenge uuid, params jsonb, link text)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
	insert into public.notifications (user_id, kind, challenge_id, params, link)
	select distinct u, notify.kind, notify.challenge, notify.params, notify.link
	from unnest(notify.users) as u
	where u is not null and u is distinct from (select auth.uid())
		and exists (select 1 from public.profiles p where p.id = u);
$$;
revoke all on function private.notify(uuid[], text, uuid, jsonb, text) from public;

/** Deadline extended, status changed: the followers. */
create function private.challenges_notify_followers()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_followers uuid[] := array(select f.user_id from public.follows f where f.challenge_id = new.id);
begin
	if cardinality(v_followers) = 0 then
		return null;
	end if;
	if new.deadline is not null and old.deadline is not null and new.deadline > old.deadline
		and private.challenge_is_public(new.status) then
		perform private.notify(v_followers, 'deadline_extended', new.id,
			jsonb_build_object('title', new.title, 'slug', new.slug, 'deadline', new.deadline, 'previous', old.deadline),
			'/challenges/' || new.slug);
	end if;
	if new.status is distinct from old.status then
		perform private.notify(v_followers, 'status_changed', new.id,
			jsonb_build_object('title', new.title, 'slug', new.slug, 'status', new.status, 'outcome', new.outcome),
			'/challenges/' || new.slug);
	end if;
	return null;
end;
$$;
create trigger challenges_notify_followers
	after update of deadline, status on public.challenges
	for each row execute function private.challenges_notify_followers();
revoke all on function private.challenges_notify_followers() from public;

/** A question answered (the first answer, not an edit): followers and the asking organisation. */
create function private.questions_notify_answered()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_challenge public.challenges;
begin
	select * into v_challenge from public.challenges c where c.id = new.challenge_id;
	perform private.notify(
		array(
			select f.user_id from public.follows f where f.challenge_id = new.challenge_id
			union
			select m.user_id from public.memberships m where m.organisation_id = new.organisation_id
		),
		'question_answered', new.challenge_id,
		jsonb_build_object('title', v_challenge.title, 'slug', v_challenge.slug),
		'/challenges/' || v_challenge.slug || '#questions');
	return null;
end;
$$;
create trigger questions_notify_answered
	after update of answer on public.questions
	for each row when (old.answer is null and new.answer is not null)
	execute function private.questions_notify_answered();
revoke all on function private.questions_notify_answered() from public;

/** A proposal decided: the vendor organisation's members, linked to the page with its status and feedback. */
create function private.proposals_notify_decided()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_challenge public.challenges;
begin
	select * into v_challenge from public.challenges c where c.id = new.challenge_id;
	perform private.notify(
		array(select m.user_id from public.memberships m where m.organisation_id = new.organisation_id),
		'proposal_decided', new.challenge_id,
		jsonb_build_object('title', v_challenge.title, 'slug', v_challenge.slug, 'status', new.status),
		'/challenges/' || v_challenge.slug || '/propose');
	return null;
end;
$$;
create trigger proposals_notify_decided
	after update of status on public.proposals
	for each row when (new.status is distinct from old.status and new.status in ('shortlisted', 'declined', 'selected'))
	execute function private.proposals_notify_decided();
revoke all on function private.proposals_notify_decided() from public;

/**
 * Challenges that became public in this statement, against every saved search: the filters
 * (domain, region, city, kind, status, priority) as search_challenges() reads them
 * (private.search_args), and the keyword by the same full-text match (or, for a query full text
 * cannot read, the same trigram match) on the challenge's search document. One notification per
 * user and challenge, however many of their searches match.
 */
create function private.challenges_match_saved_searches(ids uuid[])
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
	if cardinality(ids) = 0 or not exists (select 1 from public.saved_searches) then
		return;
	end if;
	with matches as (
		select distinct on (s.user_id, d.id) s.user_id, s.id as search_id, s.name, s.query, d.id as challenge_id
		from public.saved_searches s
		cross join lateral (select private.search_args(s.params) as a) args
		join private.search_docs d on d.id = any (ids)
		where ((args.a).domain is null or d.domain = any ((args.a).domain))
			and ((args.a).region is null or d.region_slug = any ((args.a).region))
			and ((args.a).city is null or d.city_slug = any ((args.a).city))
			and ((args.a).kind is null or d.kind = any ((args.a).kind))
			and ((args.a).status is null or d.status = any ((args.a).status))
			and ((args.a).priority is null or (d.priority_mask & (args.a).priority) <> 0)
			and case (args.a).mode
				when 'fts' then d.search_vector @@ (args.a).tsq
				when 'trigram' then (args.a).qnorm operator(extensions.<%) d.search_text
				else true
			end
		order by s.user_id, d.id, s.created_at
	), made as (
		insert into public.notifications (user_id, kind, challenge_id, params, link)
		select x.user_id, 'saved_search_match', c.id,
			jsonb_build_object('title', c.title, 'slug', c.slug, 'search', x.name, 'query', x.query),
			'/challenges/' || c.slug
		from matches x join public.challenges c on c.id = x.challenge_id
		where x.user_id is distinct from (select auth.uid())
		returning 1
	)
	update public.saved_searches s set last_checked = now()
	where s.id in (select x.search_id from matches x) and (select count(*) from made) >= 0;
end;
$$;
revoke all on function private.challenges_match_saved_searches(uuid[]) from public;

create function private.challenges_published_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.challenges_match_saved_searches(array(
		select n.id from new_rows n where private.challenge_is_public(n.status)));
	return null;
end;
$$;

create function private.challenges_published_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.challenges_match_saved_searches(array(
		select n.id from new_rows n join old_rows o on o.id = n.id
		where private.challenge_is_public(n.status) and not private.challenge_is_public(o.status)));
	return null;
end;
$$;
revoke all on function private.challenges_published_insert() from public;
revoke all on function private.challenges_published_update() from public;

-- Named to fire after challenges_search_after_insert/update (statement triggers of one event run
-- in name order), so the search documents they read are already up to date.
create trigger challenges_tell_saved_searches_insert
	after insert on public.challenges
	referencing new table as new_rows
	for each statement execute function private.challenges_published_insert();
create trigger challenges_tell_saved_searches_update
	after update on public.challenges
	referencing old table as old_rows new table as new_rows
	for each statement execute function private.challenges_published_update();

-- ---------------------------------------------------------------------------------------------
-- Mail jobs (service role)
-- ---------------------------------------------------------------------------------------------

/**
 * Claims up to `max_rows` unmailed notifications of users whose delivery is `delivery`
 * (immediate | daily), with a verified address, leasing them for `lease_seconds`: a second job
 * running at the same time skips them (for update skip locked), and a crashed job's lease runs
 * out. `only_users` narrows to some users (the app after an action). A daily digest claims every
 * pending notification of every daily user (max_rows applies to immediate delivery only).
 */
create function public.claim_notifications(
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

/** Marks claimed notifications mailed (they are never sent again). */
create function public.complete_notifications(ids uuid[])
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_n integer;
begin
	update public.notifications n set mailed_at = now(), claimed_until = null
	where n.id = any (complete_notifications.ids) and n.mailed_at is null;
	get diagnostics v_n = row_count;
	return v_n;
end;
$$;

/** Gives claimed notifications back (sending failed): the next run tries again. */
create function public.release_notifications(ids uuid[])
returns void
language sql
volatile
security definer
set search_path = ''
as $$
	update public.notifications n set claimed_until = null
	where n.id = any (release_notifications.ids) and n.mailed_at is null;
$$;

-- ---------------------------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------------------------

revoke all on function public.ask_question(uuid, text, uuid) from public, anon;
revoke all on function public.answer_question(uuid, text) from public, anon;
revoke all on function public.challenge_questions(uuid) from public, anon;
revoke all on function public.my_questions(uuid) from public, anon;
revoke all on function public.follow_challenge(uuid) from public, anon;
revoke all on function public.unfollow_challenge(uuid) from public, anon;
revoke all on function public.save_search(text, text, jsonb) from public, anon;
revoke all on function public.delete_saved_search(uuid) from public, anon;
revoke all on function public.set_notification_delivery(text) from public, anon;
revoke all on function public.mark_notifications_read(uuid[]) from public, anon;
revoke all on function public.claim_notifications(text, integer, integer, uuid[]) from public, anon, authenticated;
revoke all on function public.complete_notifications(uuid[]) from public, anon, authenticated;
revoke all on function public.release_notifications(uuid[]) from public, anon, authenticated;

grant execute on function public.ask_question(uuid, text, uuid) to authenticated;
grant execute on function public.answer_question(uuid, text) to authenticated;
grant execute on function public.challenge_questions(uuid) to authenticated;
grant execute on function public.my_questions(uuid) to authenticated;
grant execute on function public.follow_challenge(uuid) to authenticated;
grant execute on function public.unfollow_challenge(uuid) to authenticated;
grant execute on function public.save_search(text, text, jsonb) to authenticated;
grant execute on function public.delete_saved_search(uuid) to authenticated;
grant execute on function public.set_notification_delivery(text) to authenticated;
grant execute on function public.mark_notifications_read(uuid[]) to authenticated;
grant execute on function public.claim_notifications(text, integer, integer, uuid[]) to service_role;
grant execute on function public.complete_notifications(uuid[]) to service_role;
grant execute on function public.release_notifications(uuid[]) to service_role;
