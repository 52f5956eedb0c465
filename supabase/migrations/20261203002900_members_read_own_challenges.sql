-- Members of the organisation that owns a challenge read it in every status: drafts and withdrawn
-- ones are their own work (the role-aware home lists "my city's challenges" with drafts). Everyone
-- else still reads public challenges only. One select policy per role, so no role has two
-- permissive policies to combine (the advisors' multiple_permissive_policies).
--
-- The caller's organisations are read once per statement (an initplan), not per row.

drop policy "Anyone can read public challenges" on public.challenges;

create policy "Visitors read public challenges" on public.challenges
	for select to anon
	using (
		(select private.api_read_allowed())
		and status = any ((
			select array_agg(s)
			from unnest(enum_range(null::public.challenge_status)) as s
			where private.challenge_is_public(s)
		)::public.challenge_status[])
	);

create policy "Members read public challenges and their organisation's" on public.challenges
	for select to authenticated
	using (
		(select private.api_read_allowed())
		and (
			status = any ((
				select array_agg(s)
				from unnest(enum_range(null::public.challenge_status)) as s
				where private.challenge_is_public(s)
			)::public.challenge_status[])
			or organisation_id = any ((select array(select private.my_organisation_ids()))::uuid[])
		)
	);
