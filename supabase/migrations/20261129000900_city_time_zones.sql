-- Deadlines in the city's own time. A deadline is an instant (timestamptz) and the portal shows it
-- in UTC; a vendor in another continent also wants to know what the city meant ("23:59 in Da
-- Nang"), and a city near the date line would otherwise see its deadline on another day. Optional:
-- a city without a time zone shows UTC only. Read like every other column of cities (public
-- reference data under the existing RLS policy and grants).

-- True for a full IANA time zone name the database's tz data knows ('Asia/Ho_Chi_Minh', 'UTC'):
-- not an abbreviation such as 'CEST', which browsers and Intl refuse, nor the posix/ and right/
-- copies. Immutable for a check constraint: a name the tz database knows stays known.
create function private.is_time_zone(zone text)
returns boolean
language sql
immutable
set search_path = ''
as $$
	select zone ~ '^[A-Za-z][A-Za-z0-9_+/-]{0,63}$'
		and zone !~ '^(posix|right)/'
		and exists (select 1 from pg_catalog.pg_timezone_names as t where t.name = zone);
$$;

comment on function private.is_time_zone(text) is
	'Whether the IANA time zone name is known to the database''s tz data; used by cities_time_zone_known.';

revoke all on function private.is_time_zone(text) from public, anon, authenticated;

alter table public.cities
	add column time_zone text
		constraint cities_time_zone_known check (time_zone is null or private.is_time_zone(time_zone));

comment on column public.cities.time_zone is
	'The city''s IANA time zone (e.g. Asia/Ho_Chi_Minh): deadlines are shown in it beside UTC; null: UTC only.';
