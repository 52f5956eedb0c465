-- public.profiles: the part of a person the portal's data API serves (display name, preferred
-- language), one row per identity."user", made by a trigger in the same transaction as the user.
-- Each member reads and edits only their own row; visitors see none. Better Auth keeps its own
-- copy of the name and language in identity."user" (mail and the header read them from the
-- session), so each side's change is mirrored to the other by the triggers below.

create schema if not exists private;

create table public.profiles (
	id uuid primary key references identity."user" ("id") on delete cascade,
	display_name text not null check (char_length(btrim(display_name)) between 1 and 100),
	preferred_language text not null default 'en' check (preferred_language in ('en', 'zh')),
	created_at timestamptz not null default now()
);
alter table public.profiles enable row level security;

comment on table public.profiles is 'One per member (identity.user); read and edited by its member only.';

create policy "Members read their own profile"
	on public.profiles for select to authenticated
	using (id = (select auth.uid()));

create policy "Members edit their own profile"
	on public.profiles for update to authenticated
	using (id = (select auth.uid()))
	with check (id = (select auth.uid()));

-- Rows come and go with their user (trigger, cascade): no insert or delete for anyone.
revoke all on public.profiles from public, anon, authenticated;
grant select on public.profiles to authenticated;
grant update (display_name, preferred_language) on public.profiles to authenticated;
grant select, update on public.profiles to service_role;

/** A display name from Better Auth's "name" (a sign-up may send none: the address's local part). */
create function private.profile_name(name text, email text)
returns text
language sql immutable
set search_path = ''
as $$
	select left(coalesce(nullif(btrim(name), ''), split_part(email, '@', 1)), 100)
$$;

create function private.profile_for_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	insert into public.profiles (id, display_name, preferred_language)
	values (new.id, private.profile_name(new.name, new.email), coalesce(new.locale, 'en'));
	return new;
end
$$;

create trigger profile_for_new_user
	after insert on identity."user"
	for each row execute function private.profile_for_new_user();

create function private.profile_from_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	update public.profiles
	set display_name = private.profile_name(new.name, new.email),
		preferred_language = coalesce(new.locale, 'en')
	where id = new.id
		and (display_name, preferred_language)
			is distinct from (private.profile_name(new.name, new.email), coalesce(new.locale, 'en'));
	return new;
end
$$;

create trigger profile_from_user
	after update of name, locale on identity."user"
	for each row execute function private.profile_from_user();

-- A member's edit through the API (RLS above) reaches Better Auth's copy; the guards on both sides
-- stop the mirror from bouncing back.
create function private.user_from_profile()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	update identity."user"
	set name = new.display_name, locale = new.preferred_language, "updatedAt" = now()
	where id = new.id
		and (name, locale) is distinct from (new.display_name, new.preferred_language);
	return new;
end
$$;

create trigger user_from_profile
	after update of display_name, preferred_language on public.profiles
	for each row execute function private.user_from_profile();

revoke all on function private.profile_name(text, text) from public;
revoke all on function private.profile_for_new_user() from public;
revoke all on function private.profile_from_user() from public;
revoke all on function private.user_from_profile() from public;
