-- Challenges in more than one language (issue 16, item 1; docs/collaboration.md#languages), after
-- Decidim's model: a challenge is written in one language, its original (public.challenges.language,
-- any BCP 47 tag), and may carry versions of its texts in the portal's languages (en, zh). A page
-- shows the visitor's language when there is a version in it, and otherwise the original, marked
-- with its lang attribute and a note. Search indexes every version (20261207001700).
--
-- Rules (decided here):
--   * one version per portal language, never in the original's language (the original is the
--     challenge row itself): a trigger checks both tables, so no writer gets around it;
--   * title, summary and description are required with the original's length limits; expected
--     outcomes are optional;
--   * versions are written by the same people and in the same states as the texts they translate:
--     members of the owning organisation, while the challenge is a draft or open; only through
--     set_challenge_translation / remove_challenge_translation (no role writes the table);
--   * they are read wherever the challenge is (its RLS applies inside the policy).
--
-- Refusals (message keys the app words): not_signed_in PT403 · not_member PT403 ·
-- challenge_unknown PT404 · challenge_not_editable PT409 · translation_language_unknown PT422 ·
-- translation_is_original PT422 · translation_unknown PT404 (removing a version that is not there);
-- lengths through the table's check constraints (23514).

create table public.challenge_translations (
	challenge_id uuid not null references public.challenges (id) on delete cascade,
	language text not null
		constraint challenge_translations_language_portal check (language in ('en', 'zh')),
	title text not null
		constraint challenge_translations_title_length check (char_length(btrim(title)) between 3 and 200),
	summary text not null
		constraint challenge_translations_summary_length check (char_length(btrim(summary)) between 10 and 600),
	description text not null
		constraint challenge_translations_description_length check (char_length(btrim(description)) between 1 and 20000),
	expected_outcomes text
		constraint challenge_translations_expected_outcomes_length check (char_length(expected_outcomes) <= 5000),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (challenge_id, language)
);
alter table public.challenge_translations enable row level security;

comment on table public.challenge_translations is
	'Versions of a challenge''s texts in the portal''s languages (en, zh), beside the original (public.challenges, in challenges.language). Never in the original''s language. Readable wherever the challenge is; written only through set_challenge_translation / remove_challenge_translation.';
comment on column public.challenge_translations.language is 'A portal language (en, zh), never the challenge''s own.';
comment on column public.challenge_translations.description is 'Markdown; rendered and sanitised by the app, as the original''s.';

create policy "Versions are read with their challenge" on public.challenge_translations
	for select to anon, authenticated
	using ((select private.api_read_allowed()) and exists (select 1 from public.challenges c where c.id = challenge_id));

revoke all on table public.challenge_translations from public, anon, authenticated;
grant select on table public.challenge_translations to anon, authenticated;
grant all on table public.challenge_translations to service_role;

create trigger challenge_translations_set_updated_at
	before update on public.challenge_translations
	for each row execute function private.set_updated_at();

-- A version is never in the challenge's own language, whichever table changes.
create function private.challenge_translations_not_original()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if tg_table_name = 'challenge_translations' then
		-- A version waits for a change of its challenge's language in progress (and holds one off
		-- until it commits), whoever writes.
		perform 1 from public.challenges c where c.id = new.challenge_id for share;
		if exists (select 1 from public.challenges c where c.id = new.challenge_id and c.language = new.language) then
			raise exception using errcode = 'PT422', message = 'translation_is_original',
				hint = 'The challenge is written in this language: edit the challenge itself.';
		end if;
	elsif exists (
		select 1 from public.challenge_translations t where t.challenge_id = new.id and t.language = new.language
	) then
		raise exception using errcode = 'PT422', message = 'translation_is_original',
			detail = new.language,
			hint = 'The challenge has a version in this language: remove it before making it the original.';
	end if;
	return new;
end;
$$;
comment on function private.challenge_translations_not_original() is
	'Trigger on challenge_translations and challenges: a version is never in the challenge''s own language.';
revoke all on function private.challenge_translations_not_original() from public;

create trigger challenge_translations_not_original
	before insert or update of language, challenge_id on public.challenge_translations
	for each row execute function private.challenge_translations_not_original();
create trigger challenges_language_not_translated
	before update of language on public.challenges
	for each row when (old.language is distinct from new.language)
	execute function private.challenge_translations_not_original();

-- ---------------------------------------------------------------------------------------------
-- Writing versions
-- ---------------------------------------------------------------------------------------------

/** Adds or replaces the version of a challenge's texts in a portal language. */
create function public.set_challenge_translation(
	challenge uuid,
	language text,
	title text,
	summary text,
	description text,
	expected_outcomes text default null
)
returns public.challenge_translations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_challenge public.challenges := private.challenge_for_official(set_challenge_translation.challenge);
	v_language text := lower(btrim(coalesce(set_challenge_translation.language, '')));
	v_row public.challenge_translations;
	v_new boolean;
begin
	if v_challenge.status not in ('draft', 'open') then
		raise exception using errcode = 'PT409', message = 'challenge_not_editable',
			hint = 'Versions change with the texts: while the challenge is a draft or open.';
	end if;
	if v_language not in ('en', 'zh') then
		raise exception using errcode = 'PT422', message = 'translation_language_unknown',
			detail = v_language, hint = 'A version is in one of the portal''s languages: en or zh.';
	end if;
	v_new := not exists (
		select 1 from public.challenge_translations t where t.challenge_id = v_challenge.id and t.language = v_language
	);
	insert into public.challenge_translations as t (challenge_id, language, title, summary, description, expected_outcomes)
	values (
		v_challenge.id, v_language, btrim(set_challenge_translation.title), btrim(set_challenge_translation.summary),
		btrim(coalesce(set_challenge_translation.description, '')),
		nullif(btrim(set_challenge_translation.expected_outcomes), '')
	)
	on conflict on constraint challenge_translations_pkey do update set
		title = excluded.title,
		summary = excluded.summary,
		description = excluded.description,
		expected_outcomes = excluded.expected_outcomes
	returning * into v_row;
	perform private.audit(v_challenge.organisation_id,
		case when v_new then 'challenge.translation_added' else 'challenge.translation_changed' end,
		'challenge:' || v_challenge.id, null, jsonb_build_object('language', v_language));
	return v_row;
end;
$$;
comment on function public.set_challenge_translation(uuid, text, text, text, text, text) is
	'Adds or replaces the version of a challenge''s texts in a portal language (en, zh; never the original''s). Members of the owning organisation, while the challenge is a draft or open.';

/** Removes the version of a challenge's texts in a language. */
create function public.remove_challenge_translation(challenge uuid, language text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	v_challenge public.challenges := private.challenge_for_official(remove_challenge_translation.challenge);
	v_language text := lower(btrim(coalesce(remove_challenge_translation.language, '')));
begin
	if v_challenge.status not in ('draft', 'open') then
		raise exception using errcode = 'PT409', message = 'challenge_not_editable',
			hint = 'Versions change with the texts: while the challenge is a draft or open.';
	end if;
	delete from public.challenge_translations t where t.challenge_id = v_challenge.id and t.language = v_language;
	if not found then
		raise exception using errcode = 'PT404', message = 'translation_unknown', detail = v_language;
	end if;
	perform private.audit(v_challenge.organisation_id, 'challenge.translation_removed',
		'challenge:' || v_challenge.id, null, jsonb_build_object('language', v_language));
end;
$$;
comment on function public.remove_challenge_translation(uuid, text) is
	'Removes the version of a challenge''s texts in a language. Members of the owning organisation, while the challenge is a draft or open.';

revoke all on function public.set_challenge_translation(uuid, text, text, text, text, text) from public, anon, service_role;
revoke all on function public.remove_challenge_translation(uuid, text) from public, anon, service_role;
grant execute on function public.set_challenge_translation(uuid, text, text, text, text, text) to authenticated;
grant execute on function public.remove_challenge_translation(uuid, text) to authenticated;
