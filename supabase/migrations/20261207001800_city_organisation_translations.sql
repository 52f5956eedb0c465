-- City descriptions and organisation profiles in more than one language (issue 16, item 9; the
-- model of item 1, 20261207001600_challenge_translations.sql; docs/organisations.md). A city's
-- description (public.cities.profile) and an organisation's profile (public.organisations.profile)
-- are written in one language, their original (profile_language, any BCP 47 tag), and may carry
-- versions in the portal's languages (en, zh). A page shows the visitor's language when there is a
-- version in it, and otherwise the original, marked with its lang attribute and a note.
--
-- Rules (decided here):
--   * one version per portal language, never in the original's language (the original is the
--     city or organisation row itself): a trigger checks both tables, so no writer gets around it;
--   * a version is required text with the original's length limit (5,000 characters);
--   * versions are written by the people who speak for the text: an organisation's admins for its
--     profile; the admins of the city's organisation (cities.organisation_id) for a city's
--     description; only through the set_/remove_ functions below (no role writes the tables),
--     each audited;
--   * an organisation's admins choose its profile_language as they edit its profile: the column
--     grant of 20261203002200 gains it, so the one profile form changes both in one statement and
--     the audit trigger on organisations records it. A city's profile_language has no writer in
--     the API (cities are the seed's and the hub's), as its description has none.
--
-- Refusals (message keys the app words): not_signed_in PT403 · not_org_admin PT403 ·
-- organisation_unknown PT404 · city_unknown PT404 · translation_language_unknown PT422 ·
-- translation_is_original PT422 · translation_unknown PT404 (removing a version that is not there);
-- lengths through the tables' check constraints (23514).

alter table public.cities
	add column profile_language text not null default 'en'
		constraint cities_profile_language_format check (profile_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$');
alter table public.organisations
	add column profile_language text not null default 'en'
		constraint organisations_profile_language_format check (profile_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$');

comment on column public.cities.profile_language is
	'The language the description (profile) is written in (BCP 47); versions in the portal''s languages are in city_translations.';
comment on column public.organisations.profile_language is
	'The language the profile is written in (BCP 47); versions in the portal''s languages are in organisation_translations.';

grant update (profile_language) on public.organisations to authenticated;

create table public.city_translations (
	city_id uuid not null references public.cities (id) on delete cascade,
	language text not null
		constraint city_translations_language_portal check (language in ('en', 'zh')),
	profile text not null
		constraint city_translations_profile_length check (char_length(btrim(profile)) between 1 and 5000),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (city_id, language)
);
alter table public.city_translations enable row level security;

create table public.organisation_translations (
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	language text not null
		constraint organisation_translations_language_portal check (language in ('en', 'zh')),
	profile text not null
		constraint organisation_translations_profile_length check (char_length(btrim(profile)) between 1 and 5000),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (organisation_id, language)
);
alter table public.organisation_translations enable row level security;

comment on table public.city_translations is
	'Versions of a city''s description in the portal''s languages (en, zh), beside the original (cities.profile, in cities.profile_language). Never in the original''s language. Readable wherever the city is; written only through set_city_profile_translation / remove_city_profile_translation.';
comment on table public.organisation_translations is
	'Versions of an organisation''s profile in the portal''s languages (en, zh), beside the original (organisations.profile, in organisations.profile_language). Never in the original''s language. Readable wherever the organisation is; written only through set_organisation_profile_translation / remove_organisation_profile_translation.';

create policy "Versions are read with their city" on public.city_translations
	for select to anon, authenticated
	using ((select private.api_read_allowed()) and exists (select 1 from public.cities c where c.id = city_id));
create policy "Versions are read with their organisation" on public.organisation_translations
	for select to anon, authenticated
	using ((select private.api_read_allowed()) and exists (select 1 from public.organisations o where o.id = organisation_id));

revoke all on table public.city_translations from public, anon, authenticated;
revoke all on table public.organisation_translations from public, anon, authenticated;
grant select on table public.city_translations to anon, authenticated;
grant select on table public.organisation_translations to anon, authenticated;
grant all on table public.city_translations to service_role;
grant all on table public.organisation_translations to service_role;

create trigger city_translations_set_updated_at
	before update on public.city_translations
	for each row execute function private.set_updated_at();
create trigger organisation_translations_set_updated_at
	before update on public.organisation_translations
	for each row execute function private.set_updated_at();

-- A version is never in the profile's own language, whichever table changes.
create function private.profile_translations_not_original()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_clash boolean;
begin
	-- A version waits for a change of its parent's language in progress (and holds one off until it
	-- commits): without the lock, two admins at once could each pass this check.
	if tg_table_name = 'city_translations' then
		perform 1 from public.cities c where c.id = new.city_id for share;
	elsif tg_table_name = 'organisation_translations' then
		perform 1 from public.organisations o where o.id = new.organisation_id for share;
	end if;
	case tg_table_name
		when 'city_translations' then
			v_clash := exists (select 1 from public.cities c where c.id = new.city_id and c.profile_language = new.language);
		when 'organisation_translations' then
			v_clash := exists (
				select 1 from public.organisations o where o.id = new.organisation_id and o.profile_language = new.language
			);
		when 'cities' then
			v_clash := exists (
				select 1 from public.city_translations t where t.city_id = new.id and t.language = new.profile_language
			);
		else
			v_clash := exists (
				select 1 from public.organisation_translations t
				where t.organisation_id = new.id and t.language = new.profile_language
			);
	end case;
	if not v_clash then
		return new;
	end if;
	if tg_table_name in ('city_translations', 'organisation_translations') then
		raise exception using errcode = 'PT422', message = 'translation_is_original',
			hint = 'The profile is written in this language: edit the profile itself.';
	end if;
	raise exception using errcode = 'PT422', message = 'translation_is_original',
		detail = new.profile_language,
		hint = 'The profile has a version in this language: remove it before making it the original.';
end;
$$;
comment on function private.profile_translations_not_original() is
	'Trigger on city_translations, organisation_translations, cities and organisations: a version is never in the profile''s own language.';
revoke all on function private.profile_translations_not_original() from public;

create trigger city_translations_not_original
	before insert or update of language, city_id on public.city_translations
	for each row execute function private.profile_translations_not_original();
create trigger organisation_translations_not_original
	before insert or update of language, organisation_id on public.organisation_translations
	for each row execute function private.profile_translations_not_original();
create trigger cities_profile_language_not_translated
	before update of profile_language on public.cities
	for each row when (old.profile_language is distinct from new.profile_language)
	execute function private.profile_translations_not_original();
create trigger organisations_profile_language_not_translated
	before update of profile_language on public.organisations
	for each row when (old.profile_language is distinct from new.profile_language)
	execute function private.profile_translations_not_original();

-- ---------------------------------------------------------------------------------------------
-- Writing versions
-- ---------------------------------------------------------------------------------------------

/** The organisation, when the caller is one of its admins; refuses otherwise. */
create function private.organisation_for_admin(org uuid)
returns public.organisations
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_org public.organisations;
begin
	if (select auth.uid()) is null then
		raise exception using errcode = 'PT403', message = 'not_signed_in';
	end if;
	select * into v_org from public.organisations o where o.id = org;
	if not found then
		raise exception using errcode = 'PT404', message = 'organisation_unknown';
	end if;
	perform private.require_org_admin(v_org.id);
	return v_org;
end;
$$;
revoke all on function private.organisation_for_admin(uuid) from public;

/** The city, when the caller is an admin of the organisation that speaks for it; refuses otherwise. */
create function private.city_for_admin(city uuid)
returns public.cities
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_city public.cities;
begin
	if (select auth.uid()) is null then
		raise exception using errcode = 'PT403', message = 'not_signed_in';
	end if;
	select * into v_city from public.cities c where c.id = city;
	if not found then
		raise exception using errcode = 'PT404', message = 'city_unknown';
	end if;
	if v_city.organisation_id is null or not private.is_org_admin(v_city.organisation_id) then
		raise exception using errcode = 'PT403', message = 'not_org_admin',
			hint = 'Only an admin of the organisation that speaks for this city may do this.';
	end if;
	return v_city;
end;
$$;
revoke all on function private.city_for_admin(uuid) from public;

/** A portal language from what the caller wrote; refuses any other. */
create function private.version_language(language text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
	v_language text := lower(btrim(coalesce(language, '')));
begin
	if v_language not in ('en', 'zh') then
		raise exception using errcode = 'PT422', message = 'translation_language_unknown',
			detail = v_language, hint = 'A version is in one of the portal''s languages: en or zh.';
	end if;
	return v_language;
end;
$$;
revoke all on function private.version_language(text) from public;

/** Adds or replaces the version of an organisation's profile in a portal language. */
create function public.set_organisation_profile_translation(org uuid, language text, profile text)
returns public.organisation_translations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_org public.organisations := private.organisation_for_admin(set_organisation_profile_translation.org);
	v_language text := private.version_language(set_organisation_profile_translation.language);
	v_row public.organisation_translations;
	v_new boolean;
begin
	v_new := not exists (
		select 1 from public.organisation_translations t where t.organisation_id = v_org.id and t.language = v_language
	);
	insert into public.organisation_translations as t (organisation_id, language, profile)
	values (v_org.id, v_language, btrim(coalesce(set_organisation_profile_translation.profile, '')))
	on conflict on constraint organisation_translations_pkey do update set profile = excluded.profile
	returning * into v_row;
	perform private.audit(v_org.id,
		case when v_new then 'organisation.translation_added' else 'organisation.translation_changed' end,
		'organisation:' || v_org.id, null, jsonb_build_object('language', v_language));
	return v_row;
end;
$$;
comment on function public.set_organisation_profile_translation(uuid, text, text) is
	'Adds or replaces the version of an organisation''s profile in a portal language (en, zh; never the original''s). The organisation''s admins.';

/** Removes the version of an organisation's profile in a language. */
create function public.remove_organisation_profile_translation(org uuid, language text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_org public.organisations := private.organisation_for_admin(remove_organisation_profile_translation.org);
	v_language text := lower(btrim(coalesce(remove_organisation_profile_translation.language, '')));
begin
	delete from public.organisation_translations t where t.organisation_id = v_org.id and t.language = v_language;
	if not found then
		raise exception using errcode = 'PT404', message = 'translation_unknown', detail = v_language;
	end if;
	perform private.audit(v_org.id, 'organisation.translation_removed', 'organisation:' || v_org.id, null,
		jsonb_build_object('language', v_language));
end;
$$;
comment on function public.remove_organisation_profile_translation(uuid, text) is
	'Removes the version of an organisation''s profile in a language. The organisation''s admins.';

/** Adds or replaces the version of a city's description in a portal language. */
create function public.set_city_profile_translation(city uuid, language text, profile text)
returns public.city_translations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_city public.cities := private.city_for_admin(set_city_profile_translation.city);
	v_language text := private.version_language(set_city_profile_translation.language);
	v_row public.city_translations;
	v_new boolean;
begin
	v_new := not exists (
		select 1 from public.city_translations t where t.city_id = v_city.id and t.language = v_language
	);
	insert into public.city_translations as t (city_id, language, profile)
	values (v_city.id, v_language, btrim(coalesce(set_city_profile_translation.profile, '')))
	on conflict on constraint city_translations_pkey do update set profile = excluded.profile
	returning * into v_row;
	perform private.audit(v_city.organisation_id,
		case when v_new then 'city.translation_added' else 'city.translation_changed' end,
		'city:' || v_city.id, null, jsonb_build_object('language', v_language));
	return v_row;
end;
$$;
comment on function public.set_city_profile_translation(uuid, text, text) is
	'Adds or replaces the version of a city''s description in a portal language (en, zh; never the original''s). Admins of the city''s organisation.';

/** Removes the version of a city's description in a language. */
create function public.remove_city_profile_translation(city uuid, language text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_city public.cities := private.city_for_admin(remove_city_profile_translation.city);
	v_language text := lower(btrim(coalesce(remove_city_profile_translation.language, '')));
begin
	delete from public.city_translations t where t.city_id = v_city.id and t.language = v_language;
	if not found then
		raise exception using errcode = 'PT404', message = 'translation_unknown', detail = v_language;
	end if;
	perform private.audit(v_city.organisation_id, 'city.translation_removed', 'city:' || v_city.id, null,
		jsonb_build_object('language', v_language));
end;
$$;
comment on function public.remove_city_profile_translation(uuid, text) is
	'Removes the version of a city''s description in a language. Admins of the city''s organisation.';

revoke all on function public.set_organisation_profile_translation(uuid, text, text) from public, anon, service_role;
revoke all on function public.remove_organisation_profile_translation(uuid, text) from public, anon, service_role;
revoke all on function public.set_city_profile_translation(uuid, text, text) from public, anon, service_role;
revoke all on function public.remove_city_profile_translation(uuid, text) from public, anon, service_role;
grant execute on function public.set_organisation_profile_translation(uuid, text, text) to authenticated;
grant execute on function public.remove_organisation_profile_translation(uuid, text) to authenticated;
grant execute on function public.set_city_profile_translation(uuid, text, text) to authenticated;
grant execute on function public.remove_city_profile_translation(uuid, text) to authenticated;
