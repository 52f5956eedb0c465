-- A new organisation's profile is taken to be in its creator's language (review of issue 16,
-- item 9): profile_language defaulted to 'en', so a profile written in Chinese at creation was
-- marked English, Chinese readers were told "the original is in English", and the manage page
-- offered a Chinese "version" of Chinese text. The creator's portal language
-- (profiles.preferred_language, kept with the language they use the portal in) is the best guess
-- the database has; the admins correct it on the profile form ("Language the profile is written
-- in"). Inserts without a signed-in caller (the seed, jobs) still get 'en'.

create function private.caller_language()
returns text
language sql
stable
security definer
set search_path = ''
as $$
	select coalesce(
		(select p.preferred_language from public.profiles p where p.id = (select auth.uid())),
		'en'
	);
$$;
comment on function private.caller_language() is
	'The signed-in caller''s portal language (profiles.preferred_language), else en: the default of organisations.profile_language.';
revoke all on function private.caller_language() from public;

alter table public.organisations alter column profile_language set default private.caller_language();
