-- Matching (issue 14, docs/collaboration.md § Matching): a vendor sees the open challenges that fit
-- its profile, with the reasons; a city sees which vendors worked on similar challenges in other
-- cities; hub staff see clusters of similar challenges across cities and start a joint challenge.
--
-- Confidentiality of the city's vendor panel (public.similar_challenge_vendors): proposals are
-- confidential to the city that received them. A vendor is named with the other city and
-- challenge only for a partnership (a proposal shortlisted or selected, which the hub tracks and
-- the partnership board shows); for a proposal merely submitted (or declined) the panel says at
-- most "has proposed on a similar challenge elsewhere", never which city, which challenge, how
-- many, its text, scores or status. Drafts and withdrawn proposals never count.
--
-- Refusals: not_signed_in PT403 · not_member PT403 · organisation_not_vendor PT409 ·
--   challenge_unknown PT404 · not_challenge_member PT403 · not_hub_staff PT403 ·
--   joint_cities_required 22023 · joint_title_invalid 22023 · joint_summary_invalid 22023.

-- ---------------------------------------------------------------------------------------------
-- 1. A vendor's matches
-- ---------------------------------------------------------------------------------------------

/**
 * The open challenges (taking proposals now) that fit a vendor organisation, best first: its
 * domains (1.0), its country (0.6), and its profile's words found in a challenge's title, summary,
 * description or outcomes (0.2 each, at most 5). A profile word found in more than a quarter of
 * the open challenges says nothing ("cities", "management") and is not a reason. Members of the
 * organisation only.
 */
create function public.matching_challenges(org uuid, max_results integer default 10)
returns table (
	id uuid,
	slug text,
	title text,
	summary text,
	language text,
	domain public.challenge_domain,
	deadline timestamptz,
	city_slug text,
	city_name text,
	city_country text,
	score real,
	domain_match boolean,
	country_match boolean,
	mentions text[]
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_org public.organisations;
begin
	select o.* into v_org from public.organisations o where o.id = matching_challenges.org;
	if v_org.id is null or not exists (
		select 1 from public.memberships m where m.organisation_id = v_org.id and m.user_id = v_me
	) then
		raise exception using errcode = 'PT403', message = 'not_member';
	end if;
	if v_org.kind <> 'vendor' then
		raise exception using errcode = 'PT409', message = 'organisation_not_vendor';
	end if;

	return query
	with open_docs as materialized (
		select d.id, d.domain, ts_filter(d.search_vector, '{a,b,c}') as v
		from private.search_docs d
		join public.challenges c on c.id = d.id
		where c.status = 'open' and (c.deadline is null or c.deadline > clock_timestamp())
	),
	-- The profile's words in profile order, each with its English lexeme (as the search indexes).
	words as (
		select distinct on (l.lexeme) w.word, l.lexeme, w.ord
		from regexp_split_to_table(
			lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(v_org.profile, ''))),
			'[^[:alnum:]]+'
		) with ordinality as w(word, ord)
		cross join lateral unnest(tsvector_to_array(to_tsvector('english'::regconfig, w.word))) as l(lexeme)
		where char_length(w.word) >= 4
		order by l.lexeme, w.ord
	),
	-- Words that tell challenges apart: in at most a quarter of the open ones.
	telling as (
		select w.* from words w
		where (select count(*) from open_docs o where o.v @@ quote_literal(w.lexeme)::tsquery)
			<= greatest(1, (select count(*) from open_docs) / 4)
	),
	scored as (
		select o.id,
			o.domain = any (v_org.domains) as domain_match,
			ci.country = v_org.country as country_match,
			array(
				select t.word from telling t
				where o.v @@ quote_literal(t.lexeme)::tsquery
				order by t.ord
				limit 5
			) as mentions
		from open_docs o
		join public.challenges c on c.id = o.id
		join public.cities ci on ci.id = c.city_id
	)
	select c.id, c.slug, c.title, c.summary, c.language, c.domain, c.deadline,
		ci.slug, ci.name, ci.country::text,
		(
			case when s.domain_match then 1.0 else 0 end
			+ case when s.country_match then 0.6 else 0 end
			+ 0.2 * cardinality(s.mentions)
		)::real as score,
		s.domain_match, s.country_match, s.mentions
	from scored s
	join public.challenges c on c.id = s.id
	join public.cities ci on ci.id = c.city_id
	where s.domain_match or s.country_match or cardinality(s.mentions) > 0
	order by 11 desc, c.deadline asc nulls last, c.id
	limit least(greatest(coalesce(matching_challenges.max_results, 10), 1), 50);
end;
$$;

comment on function public.matching_challenges(uuid, integer) is
	'Open challenges taking proposals that fit a vendor organisation (its domains, its country, its profile''s telling words in the challenge''s texts), best first, each with the reasons. Members of that vendor organisation only (not_member PT403, organisation_not_vendor PT409).';

revoke all on function public.matching_challenges(uuid, integer) from public, anon;
grant execute on function public.matching_challenges(uuid, integer) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- 2. A city's vendors from similar challenges elsewhere
-- ---------------------------------------------------------------------------------------------

/**
 * Vendors who worked on a twin of the challenge (private.search_similar) owned by another
 * organisation: `partnered` rows name the city and the twin (a partnership exists: shortlisted or
 * selected); `proposed` rows (one per vendor, only when it has no partnership row) say only that
 * it submitted a proposal on a similar challenge elsewhere: no city, challenge, count, text,
 * score or status. Members of the organisation owning the challenge only.
 */
create function public.similar_challenge_vendors(challenge uuid)
returns table (
	organisation_id uuid,
	organisation_slug text,
	organisation_name text,
	evidence text,
	city_name text,
	challenge_slug text,
	challenge_title text,
	challenge_language text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_org uuid;
begin
	select c.organisation_id into v_org from public.challenges c where c.id = similar_challenge_vendors.challenge;
	if v_org is null then
		raise exception using errcode = 'PT404', message = 'challenge_unknown';
	end if;
	if not exists (select 1 from public.memberships m where m.organisation_id = v_org and m.user_id = v_me) then
		raise exception using errcode = 'PT403', message = 'not_challenge_member';
	end if;

	return query
	with twins as materialized (
		select c.id, c.slug, c.title, c.language, ci.name as city_name
		from private.search_similar(similar_challenge_vendors.challenge, 24) as s
		join public.challenges c on c.id = s.id
		join public.cities ci on ci.id = c.city_id
		where c.organisation_id <> v_org and private.challenge_is_public(c.status)
	),
	-- A partnership names its city and challenge only once deployed (a deployment is public in
	-- that city); before that, a shortlist and the hub's work with it stay between the two
	-- organisations and the hub, so the vendor is a partner "on a similar challenge elsewhere".
	partnerships as (
		select o.id as org_id, o.slug, o.name, p.stage = 'deployed' as named, t.city_name, t.slug as twin_slug,
			t.title as twin_title, t.language as twin_language
		from twins t
		join public.partnerships p on p.challenge_id = t.id
		join public.proposals pr on pr.id = p.proposal_id
		join public.organisations o on o.id = p.vendor_organisation_id
		where pr.status in ('shortlisted', 'selected') and p.stage <> 'closed'
	),
	partnered as (
		select distinct x.org_id, x.slug, x.name, x.city_name, x.twin_slug, x.twin_title, x.twin_language
		from partnerships x
		where x.named
		union
		select distinct x.org_id, x.slug, x.name, null, null, null, null
		from partnerships x
		where not exists (select 1 from partnerships n where n.org_id = x.org_id and n.named)
	),
	proposed as (
		select distinct o.id as org_id, o.slug, o.name
		from twins t
		join public.proposals pr on pr.challenge_id = t.id
		join public.organisations o on o.id = pr.organisation_id
		where pr.submitted_at is not null and pr.status in ('submitted', 'shortlisted', 'declined', 'selected')
			and not exists (select 1 from partnered x where x.org_id = o.id)
	)
	select u.org_id, u.slug, u.name, u.kind, u.city_name, u.twin_slug, u.twin_title, u.twin_language
	from (
		select x.org_id, x.slug, x.name, 'partnered'::text as kind, x.city_name, x.twin_slug, x.twin_title,
			x.twin_language, 0 as rank
		from partnered x
		union all
		select y.org_id, y.slug, y.name, 'proposed'::text, null, null, null, null, 1
		from proposed y
	) u
	-- Partners first, then by name.
	order by u.rank, u.name, u.city_name, u.twin_title;
end;
$$;

comment on function public.similar_challenge_vendors(uuid) is
	'Vendors who partnered (named with the city and challenge once deployed, else named only) or merely proposed (named only, nothing else) on public twins of the challenge owned by other organisations. Members of the owning organisation only. Never drafts, withdrawn proposals, texts or scores.';

revoke all on function public.similar_challenge_vendors(uuid) from public, anon;
grant execute on function public.similar_challenge_vendors(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- 3. Clusters and joint challenges (hub staff)
-- ---------------------------------------------------------------------------------------------

/**
 * Groups of similar public challenges across cities (not archived or withdrawn): connected
 * components of the mutual twin relation (each in the other's private.search_similar), keeping those with
 * challenges of two or more cities. Hub staff only. One JSON document:
 * [{key, domain, cities, challenges: [{id, slug, title, language, status, city_name, city_slug}]}],
 * largest first.
 */
create function public.challenge_clusters()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
set jit = off
as $$
declare
	v_result jsonb;
begin
	perform private.require_signed_in();
	if not private.is_hub_staff() then
		raise exception using errcode = 'PT403', message = 'not_hub_staff';
	end if;

	with recursive docs as materialized (
		select d.id from private.search_docs d
		where d.status not in ('archived', 'withdrawn')
	),
	edges as materialized (
		select d.id as a, s.id as b
		from docs d cross join lateral private.search_similar(d.id, 24) s
		where s.id in (select id from docs)
	),
	-- Mutual twins only: one-way twins chain unrelated needs together (EV charging → mobility
	-- data → fare collection).
	sym as materialized (
		select e.a, e.b from edges e where exists (select 1 from edges f where f.a = e.b and f.b = e.a)
	),
	reach (src, dst) as (
		select a, a from sym
		union
		select r.src, e.b from reach r join sym e on e.a = r.dst
	),
	components as (
		select r.src as id, min(r.dst::text)::uuid as component from reach r group by r.src
	),
	members as (
		select k.component, c.id, c.slug, c.title, c.language, c.status, c.domain, c.deadline,
			ci.id as city_id, ci.name as city_name, ci.slug as city_slug
		from components k
		join public.challenges c on c.id = k.id
		join public.cities ci on ci.id = c.city_id
	),
	clusters as (
		select m.component,
			count(distinct m.city_id) as cities,
			count(*) as size,
			min(m.domain::text) as domain,
			jsonb_agg(jsonb_build_object(
				'id', m.id, 'slug', m.slug, 'title', m.title, 'language', m.language,
				'status', m.status, 'city_name', m.city_name, 'city_slug', m.city_slug
			) order by m.city_name, m.title) as challenges
		from members m
		group by m.component
		having count(distinct m.city_id) >= 2
	)
	select coalesce(jsonb_agg(jsonb_build_object(
		'key', k.component, 'domain', k.domain, 'cities', k.cities, 'challenges', k.challenges
	) order by k.size desc, k.cities desc, k.component), '[]'::jsonb)
	into v_result
	from clusters k;
	return v_result;
end;
$$;

comment on function public.challenge_clusters() is
	'Hub staff: connected components of the mutual twin relation over public challenges (not archived or withdrawn) with two or more cities, as JSON, largest first.';

revoke all on function public.challenge_clusters() from public, anon;
grant execute on function public.challenge_clusters() to authenticated;

create table public.joint_challenges (
	id uuid primary key default gen_random_uuid(),
	title text not null
		constraint joint_challenges_title_length check (char_length(btrim(title)) between 3 and 200),
	summary text not null default ''
		constraint joint_challenges_summary_length check (char_length(summary) <= 1000),
	domain public.challenge_domain not null,
	created_by uuid references public.profiles (id) on delete set null,
	created_at timestamptz not null default now()
);
alter table public.joint_challenges enable row level security;
create index joint_challenges_created_by_idx on public.joint_challenges (created_by);

comment on table public.joint_challenges is
	'A draft the hub starts from a cluster of similar challenges, for the cities involved to procure together. Hub staff read all; members of a linked city organisation read it; written by start_joint_challenge() only.';

create table public.joint_challenge_cities (
	joint_challenge_id uuid not null references public.joint_challenges (id) on delete cascade,
	source_challenge_id uuid not null references public.challenges (id) on delete cascade,
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	primary key (joint_challenge_id, source_challenge_id)
);
alter table public.joint_challenge_cities enable row level security;
create index joint_challenge_cities_source_idx on public.joint_challenge_cities (source_challenge_id);
create index joint_challenge_cities_organisation_idx on public.joint_challenge_cities (organisation_id);

comment on table public.joint_challenge_cities is
	'The challenges (and their city organisations) a joint challenge draft links.';

/** True when the caller is hub staff or a member of a city organisation linked to the joint draft. */
create function private.can_read_joint_challenge(joint uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select private.is_hub_staff() or exists (
		select 1 from public.joint_challenge_cities j
		join public.memberships m on m.organisation_id = j.organisation_id
		where j.joint_challenge_id = joint and m.user_id = (select auth.uid())
	)
$$;
revoke all on function private.can_read_joint_challenge(uuid) from public, anon;
grant execute on function private.can_read_joint_challenge(uuid) to authenticated;

create policy "Hub staff and linked cities read a joint challenge" on public.joint_challenges
	for select to authenticated
	using ((select private.can_read_joint_challenge(id)));

create policy "Hub staff and linked cities read a joint challenge's links" on public.joint_challenge_cities
	for select to authenticated
	using ((select private.can_read_joint_challenge(joint_challenge_id)));

revoke all on public.joint_challenges, public.joint_challenge_cities from public, anon, authenticated;
grant select on public.joint_challenges, public.joint_challenge_cities to authenticated;
grant all on public.joint_challenges, public.joint_challenge_cities to service_role;

/**
 * Starts a joint challenge draft from similar public challenges of two or more cities (hub staff).
 * The same set of challenges again returns the draft already made (a double-clicked form).
 */
create function public.start_joint_challenge(challenges uuid[], title text, summary text default '')
returns public.joint_challenges
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := private.require_signed_in();
	v_ids uuid[];
	v_row public.joint_challenges;
begin
	if not private.is_hub_staff() then
		raise exception using errcode = 'PT403', message = 'not_hub_staff';
	end if;
	select array_agg(distinct c.id order by c.id) into v_ids
	from public.challenges c
	where c.id = any (start_joint_challenge.challenges) and private.challenge_is_public(c.status);
	if v_ids is null
		or cardinality(v_ids) <> (select count(distinct x) from unnest(start_joint_challenge.challenges) x)
		or (select count(distinct c.city_id) from public.challenges c where c.id = any (v_ids)) < 2 then
		raise exception using errcode = '22023', message = 'joint_cities_required';
	end if;
	if char_length(btrim(coalesce(start_joint_challenge.title, ''))) not between 3 and 200 then
		raise exception using errcode = '22023', message = 'joint_title_invalid';
	end if;
	if char_length(coalesce(start_joint_challenge.summary, '')) > 1000 then
		raise exception using errcode = '22023', message = 'joint_summary_invalid';
	end if;

	-- One draft per set of challenges: concurrent starts of the same set are serialised.
	perform pg_advisory_xact_lock(hashtext('joint_challenge:' || array_to_string(v_ids, ',')));
	select j.* into v_row from public.joint_challenges j
	where (
		select array_agg(l.source_challenge_id order by l.source_challenge_id)
		from public.joint_challenge_cities l where l.joint_challenge_id = j.id
	) = v_ids;
	if v_row.id is not null then
		return v_row;
	end if;

	insert into public.joint_challenges (title, summary, domain, created_by)
	select btrim(start_joint_challenge.title), coalesce(start_joint_challenge.summary, ''),
		(select c.domain from public.challenges c where c.id = v_ids[1]), v_me
	returning * into v_row;
	insert into public.joint_challenge_cities (joint_challenge_id, source_challenge_id, organisation_id)
	select v_row.id, c.id, c.organisation_id from public.challenges c where c.id = any (v_ids);
	perform private.audit(null, 'joint_challenge.created', v_row.id::text, null,
		jsonb_build_object('title', v_row.title, 'challenges', to_jsonb(v_ids)));
	return v_row;
end;
$$;

comment on function public.start_joint_challenge(uuid[], text, text) is
	'Hub staff: a joint challenge draft linking public challenges of two or more cities (their organisations read it). The same set again returns the existing draft. Audited joint_challenge.created.';

revoke all on function public.start_joint_challenge(uuid[], text, text) from public, anon;
grant execute on function public.start_joint_challenge(uuid[], text, text) to authenticated;
