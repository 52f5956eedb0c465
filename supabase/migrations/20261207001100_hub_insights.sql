-- Insights for hub staff (issue 14; docs/collaboration.md § Insights): the numbers behind the
-- charts of /hub/insights, as one JSON document from one function, computed here so the page, the
-- CSV files and the tests read the same definitions.
--
-- What counts:
-- * Challenges: those on the public list, i.e. private.challenge_is_public(status): open, in
--   review, decided, archived. Drafts never; withdrawn ones neither. Both kinds (challenges and
--   opportunities).
-- * A submitted proposal: one on a counted challenge that was submitted at least once
--   (submitted_at is set), whatever its status now (a proposal withdrawn after submitting still
--   arrived). Drafts never.
-- * Time to first proposal: per counted challenge with at least one submitted proposal, the days
--   from its publication (published_at) to its first submission (min submitted_at); the median per
--   domain (1 decimal) and how many challenges were measured.
-- * Shortlist rate: of the submitted proposals the city has decided (status shortlisted, declined
--   or selected now), the share shortlisted or selected, in per cent (1 decimal); per domain and
--   over all domains ('all'). Null when nothing was decided.
-- * Pipeline: every partnership, by the furthest stage it reached in the order matched → intro →
--   pilot → contract → deployed (its 'created' and 'stage' events' to_stage and its current stage),
--   so a partnership that reached pilot counts under matched, intro and pilot; 'closed' counts the
--   partnerships closed now.
-- * Deployments: partnerships by the month (UTC) of the first event that moved them to deployed
--   (their last update when no event records it), every month from the first deployment to the
--   current one.
--
-- Refusals: not_hub_staff PT403 (signed in, not hub staff); visitors have no grant.

create function public.hub_insights()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_doc jsonb;
begin
	if not private.is_hub_staff() then
		raise exception using errcode = 'PT403', message = 'not_hub_staff',
			hint = 'Insights are for hub staff.';
	end if;

	with counted as (
		select c.id, c.domain, c.published_at, ci.region
		from public.challenges c
		join public.cities ci on ci.id = c.city_id
		where private.challenge_is_public(c.status)
	),
	submitted as (
		select p.challenge_id, p.status, p.submitted_at, c.domain
		from public.proposals p
		join counted c on c.id = p.challenge_id
		where p.submitted_at is not null
	),
	per_challenge as (
		select c.id, c.domain, c.published_at, count(s.challenge_id)::int as proposals,
			min(s.submitted_at) as first_at
		from counted c
		left join submitted s on s.challenge_id = c.id
		group by c.id, c.domain, c.published_at
	),
	domains as (
		select d as domain, array_position(enum_range(null::public.challenge_domain), d) as ord
		from unnest(enum_range(null::public.challenge_domain)) d
	),
	furthest as (
		select p.id, p.stage,
			greatest(
				case when p.stage <> 'closed' then p.stage end,
				(select max(e.to_stage) from public.partnership_events e
				 where e.partnership_id = p.id and e.kind in ('created', 'stage') and e.to_stage <> 'closed')
			) as reached
		from public.partnerships p
	),
	deployed as (
		select coalesce(
				(select min(e.at) from public.partnership_events e
				 where e.partnership_id = p.id and e.kind in ('created', 'stage') and e.to_stage = 'deployed'),
				case when p.stage = 'deployed' then p.updated_at end
			) as at
		from public.partnerships p
	),
	deployed_months as (
		select date_trunc('month', d.at at time zone 'utc')::date as month from deployed d where d.at is not null
	)
	select jsonb_build_object(
		'challenges_by_domain', (
			select jsonb_agg(jsonb_build_object('domain', d.domain,
				'challenges', (select count(*) from counted c where c.domain = d.domain)) order by d.ord)
			from domains d
		),
		'challenges_by_region', (
			select jsonb_agg(jsonb_build_object('region', r.slug, 'name', r.name, 'challenges', r.n)
				order by r.n desc, r.name)
			from (
				select rg.slug, rg.name, (select count(*) from counted c where c.region = rg.slug) as n
				from public.regions rg
			) r
		),
		'proposals_per_challenge', (
			select jsonb_agg(jsonb_build_object('proposals', b.bucket,
				'challenges', (select count(*) from per_challenge pc where least(pc.proposals, 5) = b.bucket))
				order by b.bucket)
			from generate_series(0, 5) as b(bucket)
		),
		'time_to_first_proposal', (
			select jsonb_agg(jsonb_build_object('domain', d.domain, 'challenges', t.n, 'median_days', t.median)
				order by d.ord)
			from domains d
			cross join lateral (
				select count(*) as n,
					round((percentile_cont(0.5) within group (
						order by extract(epoch from (pc.first_at - pc.published_at)) / 86400
					))::numeric, 1) as median
				from per_challenge pc
				where pc.domain = d.domain and pc.first_at is not null and pc.published_at is not null
			) t
		),
		'shortlist_rate', (
			select jsonb_agg(jsonb_build_object('domain', g.domain, 'submitted', g.submitted,
				'decided', g.decided, 'shortlisted', g.shortlisted,
				'rate', case when g.decided > 0 then round(100.0 * g.shortlisted / g.decided, 1) end)
				order by g.ord)
			from (
				select d.domain::text as domain, d.ord,
					(select count(*) from submitted s where s.domain = d.domain) as submitted,
					(select count(*) from submitted s where s.domain = d.domain
						and s.status in ('shortlisted', 'declined', 'selected')) as decided,
					(select count(*) from submitted s where s.domain = d.domain
						and s.status in ('shortlisted', 'selected')) as shortlisted
				from domains d
				union all
				select 'all', 99,
					(select count(*) from submitted s),
					(select count(*) from submitted s where s.status in ('shortlisted', 'declined', 'selected')),
					(select count(*) from submitted s where s.status in ('shortlisted', 'selected'))
			) g
		),
		'pipeline', (
			select jsonb_agg(jsonb_build_object('stage', st.stage, 'partnerships',
				case when st.stage = 'closed'
					then (select count(*) from furthest f where f.stage = 'closed')
					else (select count(*) from furthest f where f.reached >= st.stage)
				end) order by st.stage)
			from unnest(enum_range(null::public.partnership_stage)) as st(stage)
		),
		'deployments', coalesce((
			select jsonb_agg(jsonb_build_object('month', to_char(m.month, 'YYYY-MM'),
				'deployments', (select count(*) from deployed_months dm where dm.month = m.month))
				order by m.month)
			from generate_series(
				(select min(dm.month) from deployed_months dm),
				date_trunc('month', now() at time zone 'utc')::date,
				interval '1 month'
			) as m(month)
		), '[]'::jsonb)
	) into v_doc;
	return v_doc;
end;
$$;
comment on function public.hub_insights() is
	'Hub staff only (not_hub_staff PT403): the insights page''s numbers as one JSON document; what each counts is in the header of 20261207001100_hub_insights.sql.';
revoke all on function public.hub_insights() from public, anon;
grant execute on function public.hub_insights() to authenticated;
