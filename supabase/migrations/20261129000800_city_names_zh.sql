-- City names in Chinese, for the portal's Chinese pages ("上海", not "Shanghai"). Optional: a city
-- without one shows its own name. Read like every other column of cities (public reference data
-- under the existing RLS policy and grants); the search still matches the names in `name`.

alter table public.cities
	add column name_zh text
		constraint cities_name_zh_length check (name_zh is null or char_length(btrim(name_zh)) between 1 and 100);

comment on column public.cities.name_zh is
	'The city''s name in Chinese, shown on the Chinese pages; null: show name.';
