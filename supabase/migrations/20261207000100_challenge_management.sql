-- Challenge management (issue 13, item 1; docs/collaboration.md#challenge-management): the city's
-- officials (members of the organisation that owns a challenge, any role) create drafts, edit them,
-- replace the evaluation criteria, publish, extend the deadline and move the challenge through its
-- lifecycle. Every write is one of these functions (no role writes public.challenges or
-- public.challenge_criteria directly); each checks who asks, locks the challenge's row, and leaves
-- the status rules to the triggers every writer obeys:
--   * challenges_guard_status: the legal transitions (P0001 otherwise); the functions check the
--     same list first (private.challenge_status_transition_allowed) to refuse with a key;
--   * challenges_require_verified_publisher: an unverified organisation cannot open a challenge.
--     It is not SECURITY DEFINER and exempts only a superuser *session* acting as itself; these
--     functions run as their owner (a superuser) but in PostgREST's session (authenticator), so
--     the trigger still refuses through them (tests/integration/challenge-management.test.ts);
--   * challenges_audit_status (core migration): every status change goes to the audit log.
--
-- What may change when (decided here):
--   * draft: every field, the city (among the organisation's), and the criteria.
--   * open: the texts a clarification needs (title, summary, description, expected outcomes,
--     priority areas, contact); the criteria only while no proposal has been submitted. City, kind,
--     domain, language, budget and currency are fixed once vendors may have started (fairness);
--     the deadline only moves later, through extend_challenge_deadline (followers are told by the
--     notification trigger on challenges.deadline).
--   * in_review, decided, archived, withdrawn: nothing but the lifecycle.
--
-- Refusals (message keys the app words; PTnnn → HTTP nnn through PostgREST):
--   not_signed_in PT403 · not_member PT403 · organisation_unknown PT404 · challenge_unknown PT404 ·
--   organisation_not_city PT403 · city_not_owned PT403 · challenge_not_editable PT409 ·
--   challenge_field_locked PT409 (detail: the field) · criteria_invalid 22023 · criteria_total PT422 ·
--   criteria_locked PT409 · deadline_required PT422 · deadline_not_future PT422 ·
--   deadline_not_later PT409 · description_required PT422 · challenge_status_illegal PT409 ·
--   outcome_required 22023 · organisation_unverified PT403 (the trigger).

-- ---------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------

/** A challenge slug from its city and title: ASCII letters and digits joined by hyphens, unique. */
create function private.unique_challenge_slug(city_slug text, title text)
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
	v_words text := btrim(regexp_replace(lower(extensions.unaccent(coalesce(title, ''))), '[^a-z0-9]+', '-', 'g'), '-');
	v_base text;
	v_slug text;
	v_n integer := 1;
begin
	v_base := btrim(left(coalesce(city_slug, '') || '-' || coalesce(nullif(v_words, ''), 'challenge'), 100), '-');
	v_slug := v_base;
	while exists (select 1 from public.challenges c where c.slug = v_slug) loop
		v_n := v_n + 1;
		v_slug := v_base || '-' || v_n;
	end loop;
	return v_slug;
end;
$$;

/**
 * The challenge, locked for this transaction, when the caller is a member of the organisation that
 * owns it. A challenge the caller may not read (another organisation's draft) is unknown.
 */
create function private.challenge_for_official(challenge uuid)
returns public.challenges
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_row public.challenges;
begin
	if (select auth.uid()) is null then
		raise exception using errcode = 'PT403', message = 'not_signed_in';
	end if;
	select * into v_row from public.challenges c where c.id = challenge for update;
	if v_row.id is null or (not private.is_member(v_row.organisation_id) and not private.challenge_is_public(v_row.status)) then
		raise exception using errcode = 'PT404', message = 'challenge_unknown';
	end if;
	if not private.is_member(v_row.organisation_id) then
		raise exception using errcode = 'PT403', message = 'not_member',
			hint = 'Only members of the organisation that owns a challenge manage it.';
	end if;
	return v_row;
end;
$$;

/** Refuses a city the organisation does not speak for (public.cities.organisation_id). */
create function private.require_city_of(org uuid, city uuid)
returns public.cities
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_city public.cities;
begin
	select * into v_city from public.cities ci where ci.id = city and ci.organisation_id = org;
	if v_city.id is null then
		raise exception using errcode = 'PT403', message = 'city_not_owned',
			hint = 'Choose one of the cities your organisation speaks for.';
	end if;
	return v_city;
end;
$$;

/**
 * Replaces a challenge's criteria with `criteria` (a JSON array of {name, description, weight}, in
 * order). Weights are whole numbers 1–100 totalling 100; an empty list only on a draft. The
 * table's constraints check each name, description and weight. Called with the challenge locked.
 */
create function private.replace_criteria(challenge public.challenges, criteria jsonb)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_total integer;
	v_count integer;
begin
	if challenge.status not in ('draft', 'open') then
		raise exception using errcode = 'PT409', message = 'challenge_not_editable';
	end if;
	if criteria is null or jsonb_typeof(criteria) <> 'array' or jsonb_array_length(criteria) > 20
		or exists (
			select 1 from jsonb_array_elements(criteria) as e
			where jsonb_typeof(e) <> 'object'
				or jsonb_typeof(e -> 'name') is distinct from 'string'
				or (e ? 'description' and jsonb_typeof(e -> 'description') not in ('string', 'null'))
				or jsonb_typeof(e -> 'weight') is distinct from 'number'
				or (e ->> 'weight') !~ '^[0-9]{1,3}$'
		) then
		raise exception using errcode = '22023', message = 'criteria_invalid',
			hint = 'At most 20 criteria, each {name, description, weight} with a whole weight from 1 to 100.';
	end if;
	select count(*), coalesce(sum((e ->> 'weight')::integer), 0) into v_count, v_total
	from jsonb_array_elements(criteria) as e;
	if not (v_total = 100 or (v_count = 0 and challenge.status = 'draft')) then
		raise exception using errcode = 'PT422', message = 'criteria_total',
			detail = format('the weights total %s', v_total),
			hint = 'The weights of the criteria total 100.';
	end if;
	if challenge.status = 'open' and exists (
		select 1 from public.proposals p where p.challenge_id = challenge.id and p.submitted_at is not null
	) then
		raise exception using errcode = 'PT409', message = 'criteria_locked',
			hint = 'The criteria cannot change once a proposal has been submitted.';
	end if;
	delete from public.challenge_criteria cc where cc.challenge_id = challenge.id;
	insert into public.challenge_criteria (challenge_id, position, name, description, weight)
	select challenge.id, e.ord, btrim(e.value ->> 'name'), coalesce(btrim(e.value ->> 'description'), ''),
		(e.value ->> 'weight')::smallint
	from jsonb_array_elements(criteria) with ordinality as e (value, ord);
end;
$$;

revoke all on function private.unique_challenge_slug(text, text) from public;
revoke all on function private.challenge_for_official(uuid) from public;
revoke all on function private.require_city_of(uuid, uuid) from public;
revoke all on function private.replace_criteria(public.challenges, jsonb) from public;

-- ---------------------------------------------------------------------------------------------
-- Create and edit
-- ---------------------------------------------------------------------------------------------

/** A new draft of `organisation` (a city organisation the caller belongs to), for one of its cities. */
create function public.create_challenge(
	organisation uuid,
	city uuid,
	title text,
	summary text,
	domain public.challenge_domain,
	kind public.challenge_kind default 'challenge',
	language text default 'en',
	description text default '',
	priority_areas public.priority_area[] default '{}',
	expected_outcomes text default null,
	budget_min numeric default null,
	budget_max numeric default null,
	currency text default null,
	deadline timestamptz default null,
	contact_name text default null,
	contact_email text default null,
	criteria jsonb default '[]'
)
returns public.challenges
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_me uuid := (select auth.uid());
	v_org public.organisations;
	v_city public.cities;
	v_row public.challenges;
begin
	if v_me is null then
		raise exception using errcode = 'PT403', message = 'not_signed_in';
	end if;
	select * into v_org from public.organisations o where o.id = organisation;
	if v_org.id is null then
		raise exception using errcode = 'PT404', message = 'organisation_unknown';
	end if;
	if not private.is_member(v_org.id) then
		raise exception using errcode = 'PT403', message = 'not_member';
	end if;
	if v_org.kind <> 'city' then
		raise exception using errcode = 'PT403', message = 'organisation_not_city',
			hint = 'Only city organisations post challenges.';
	end if;
	v_city := private.require_city_of(v_org.id, city);
	insert into public.challenges (
		slug, city_id, organisation_id, created_by, kind, title, summary, description, domain,
		priority_areas, expected_outcomes, budget_min, budget_max, currency, deadline, status, language,
		contact_name, contact_email
	) values (
		private.unique_challenge_slug(v_city.slug, create_challenge.title), v_city.id, v_org.id, v_me,
		coalesce(create_challenge.kind, 'challenge'), btrim(create_challenge.title), btrim(create_challenge.summary),
		coalesce(create_challenge.description, ''), create_challenge.domain,
		coalesce(create_challenge.priority_areas, '{}'), nullif(btrim(create_challenge.expected_outcomes), ''),
		create_challenge.budget_min, create_challenge.budget_max, nullif(upper(btrim(create_challenge.currency)), ''),
		create_challenge.deadline, 'draft', coalesce(nullif(btrim(create_challenge.language), ''), 'en'),
		nullif(btrim(create_challenge.contact_name), ''), nullif(lower(btrim(create_challenge.contact_email)), '')
	)
	returning * into v_row;
	perform private.replace_criteria(v_row, coalesce(create_challenge.criteria, '[]'));
	perform private.audit(v_org.id, 'challenge.created', 'challenge:' || v_row.id, null,
		jsonb_build_object('slug', v_row.slug, 'title', v_row.title, 'city_id', v_row.city_id));
	return v_row;
end;
$$;

/**
 * Replaces every field of a draft or open challenge (see the header for what is fixed once open:
 * a different value there is refused as challenge_field_locked, naming the field). `criteria`
 * null leaves the criteria as they are; an array replaces them in the same transaction.
 */
create function public.update_challenge(
	challenge uuid,
	city uuid,
	title text,
	summary text,
	domain public.challenge_domain,
	kind public.challenge_kind,
	language text,
	description text,
	priority_areas public.priority_area[],
	-- Left out: none (null), as the form sends an empty field.
	expected_outcomes text default null,
	budget_min numeric default null,
	budget_max numeric default null,
	currency text default null,
	deadline timestamptz default null,
	contact_name text default null,
	contact_email text default null,
	criteria jsonb default null
)
returns public.challenges
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_old public.challenges := private.challenge_for_official(update_challenge.challenge);
	v_row public.challenges;
	v_currency text := nullif(upper(btrim(update_challenge.currency)), '');
	v_language text := coalesce(nullif(btrim(update_challenge.language), ''), 'en');
	v_locked text;
begin
	if v_old.status not in ('draft', 'open') then
		raise exception using errcode = 'PT409', message = 'challenge_not_editable',
			hint = 'Only a draft or an open challenge can be edited.';
	end if;
	perform private.require_city_of(v_old.organisation_id, update_challenge.city);
	if v_old.status = 'open' then
		v_locked := case
			when update_challenge.city is distinct from v_old.city_id then 'city'
			when update_challenge.kind is distinct from v_old.kind then 'kind'
			when update_challenge.domain is distinct from v_old.domain then 'domain'
			when v_language is distinct from v_old.language then 'language'
			when update_challenge.budget_min is distinct from v_old.budget_min then 'budget_min'
			when update_challenge.budget_max is distinct from v_old.budget_max then 'budget_max'
			when v_currency is distinct from v_old.currency::text then 'currency'
			when update_challenge.deadline is distinct from v_old.deadline then 'deadline'
		end;
		if v_locked is not null then
			raise exception using errcode = 'PT409', message = 'challenge_field_locked', detail = v_locked,
				hint = 'Once open, only the texts, priority areas and contact change; the deadline only moves later (extend_challenge_deadline).';
		end if;
	end if;
	update public.challenges c set
		city_id = update_challenge.city,
		title = btrim(update_challenge.title),
		summary = btrim(update_challenge.summary),
		domain = update_challenge.domain,
		kind = update_challenge.kind,
		language = v_language,
		description = coalesce(update_challenge.description, ''),
		priority_areas = coalesce(update_challenge.priority_areas, '{}'),
		expected_outcomes = nullif(btrim(update_challenge.expected_outcomes), ''),
		budget_min = update_challenge.budget_min,
		budget_max = update_challenge.budget_max,
		currency = v_currency,
		deadline = update_challenge.deadline,
		contact_name = nullif(btrim(update_challenge.contact_name), ''),
		contact_email = nullif(lower(btrim(update_challenge.contact_email)), '')
	where c.id = v_old.id
	returning * into v_row;
	if update_challenge.criteria is not null then
		perform private.replace_criteria(v_row, update_challenge.criteria);
	end if;
	return v_row;
end;
$$;

/** Replaces the criteria of a draft, or of an open challenge no proposal was submitted to yet. */
create function public.set_challenge_criteria(challenge uuid, criteria jsonb)
returns setof public.challenge_criteria
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_row public.challenges := private.challenge_for_official(set_challenge_criteria.challenge);
begin
	perform private.replace_criteria(v_row, set_challenge_criteria.criteria);
	perform private.audit(v_row.organisation_id, 'challenge.criteria', 'challenge:' || v_row.id, null,
		jsonb_build_object('criteria', set_challenge_criteria.criteria));
	return query select * from public.challenge_criteria cc where cc.challenge_id = v_row.id order by cc.position;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- Publish, extend, lifecycle
-- ---------------------------------------------------------------------------------------------

/**
 * draft → open: the criteria total 100, the deadline is in the future and the description says
 * what the challenge is. The organisation must be verified (the trigger refuses otherwise).
 */
create function public.publish_challenge(challenge uuid)
returns public.challenges
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_old public.challenges := private.challenge_for_official(publish_challenge.challenge);
	v_row public.challenges;
	v_total integer;
begin
	if v_old.status <> 'draft' then
		raise exception using errcode = 'PT409', message = 'challenge_status_illegal',
			detail = format('%s → open', v_old.status), hint = 'Only a draft is published.';
	end if;
	select coalesce(sum(cc.weight), 0) into v_total from public.challenge_criteria cc where cc.challenge_id = v_old.id;
	if v_total <> 100 then
		raise exception using errcode = 'PT422', message = 'criteria_total',
			detail = format('the weights total %s', v_total), hint = 'The weights of the criteria total 100.';
	end if;
	if v_old.deadline is null then
		raise exception using errcode = 'PT422', message = 'deadline_required';
	end if;
	if v_old.deadline <= now() then
		raise exception using errcode = 'PT422', message = 'deadline_not_future';
	end if;
	if char_length(btrim(v_old.description)) = 0 then
		raise exception using errcode = 'PT422', message = 'description_required';
	end if;
	update public.challenges c set status = 'open' where c.id = v_old.id returning * into v_row;
	return v_row;
end;
$$;

/** Moves the deadline of an open challenge later (never earlier: vendors plan by it). */
create function public.extend_challenge_deadline(challenge uuid, deadline timestamptz)
returns public.challenges
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_old public.challenges := private.challenge_for_official(extend_challenge_deadline.challenge);
	v_row public.challenges;
begin
	if v_old.status <> 'open' then
		raise exception using errcode = 'PT409', message = 'challenge_not_editable',
			hint = 'Only the deadline of an open challenge is extended.';
	end if;
	if extend_challenge_deadline.deadline is null or extend_challenge_deadline.deadline <= now() then
		raise exception using errcode = 'PT422', message = 'deadline_not_future';
	end if;
	if v_old.deadline is not null and extend_challenge_deadline.deadline <= v_old.deadline then
		raise exception using errcode = 'PT409', message = 'deadline_not_later',
			detail = format('the deadline is %s', v_old.deadline);
	end if;
	update public.challenges c set deadline = extend_challenge_deadline.deadline
	where c.id = v_old.id returning * into v_row;
	perform private.audit(v_row.organisation_id, 'challenge.deadline_extended', 'challenge:' || v_row.id,
		jsonb_build_object('deadline', v_old.deadline), jsonb_build_object('deadline', v_row.deadline));
	return v_row;
end;
$$;

/**
 * The lifecycle after publishing: open → in_review; open | in_review → decided (with an outcome);
 * decided → archived; draft | open | in_review → withdrawn. Publishing is publish_challenge.
 */
create function public.set_challenge_status(
	challenge uuid,
	status public.challenge_status,
	outcome public.challenge_outcome default null
)
returns public.challenges
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_old public.challenges := private.challenge_for_official(set_challenge_status.challenge);
	v_row public.challenges;
begin
	if set_challenge_status.status is null or set_challenge_status.status = 'open'
		or not private.challenge_status_transition_allowed(v_old.status, set_challenge_status.status) then
		raise exception using errcode = 'PT409', message = 'challenge_status_illegal',
			detail = format('%s → %s', v_old.status, coalesce(set_challenge_status.status::text, 'null')),
			hint = 'Allowed: open→in_review|decided|withdrawn; in_review→decided|withdrawn; decided→archived; draft→withdrawn. Publishing is publish_challenge.';
	end if;
	if set_challenge_status.status = 'decided' and set_challenge_status.outcome is null then
		raise exception using errcode = '22023', message = 'outcome_required',
			hint = 'A decided challenge was awarded or closed without award.';
	end if;
	update public.challenges c set
		status = set_challenge_status.status,
		outcome = case
			when set_challenge_status.status = 'decided' then set_challenge_status.outcome
			when set_challenge_status.status = 'archived' then c.outcome
		end
	where c.id = v_old.id
	returning * into v_row;
	return v_row;
end;
$$;

revoke all on function public.create_challenge(uuid, uuid, text, text, public.challenge_domain, public.challenge_kind, text, text, public.priority_area[], text, numeric, numeric, text, timestamptz, text, text, jsonb) from public, anon;
revoke all on function public.update_challenge(uuid, uuid, text, text, public.challenge_domain, public.challenge_kind, text, text, public.priority_area[], text, numeric, numeric, text, timestamptz, text, text, jsonb) from public, anon;
revoke all on function public.set_challenge_criteria(uuid, jsonb) from public, anon;
revoke all on function public.publish_challenge(uuid) from public, anon;
revoke all on function public.extend_challenge_deadline(uuid, timestamptz) from public, anon;
revoke all on function public.set_challenge_status(uuid, public.challenge_status, public.challenge_outcome) from public, anon;
grant execute on function public.create_challenge(uuid, uuid, text, text, public.challenge_domain, public.challenge_kind, text, text, public.priority_area[], text, numeric, numeric, text, timestamptz, text, text, jsonb) to authenticated;
grant execute on function public.update_challenge(uuid, uuid, text, text, public.challenge_domain, public.challenge_kind, text, text, public.priority_area[], text, numeric, numeric, text, timestamptz, text, text, jsonb) to authenticated;
grant execute on function public.set_challenge_criteria(uuid, jsonb) to authenticated;
grant execute on function public.publish_challenge(uuid) to authenticated;
grant execute on function public.extend_challenge_deadline(uuid, timestamptz) to authenticated;
grant execute on function public.set_challenge_status(uuid, public.challenge_status, public.challenge_outcome) to authenticated;
