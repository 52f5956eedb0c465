-- Search hits carry the challenge's language, so a card can mark its title and summary with
-- `lang` (a Chinese challenge in the English list, an English one in the Chinese list).
create or replace function public.search_hit(
	c public.challenges,
	ci public.cities,
	r public.regions,
	snippet text,
	rank real
)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
	select jsonb_build_object(
		'id', c.id,
		'slug', c.slug,
		'kind', c.kind,
		'language', c.language,
		'title', c.title,
		'summary', c.summary,
		'domain', c.domain,
		'priority_areas', to_jsonb(c.priority_areas),
		'status', c.status,
		'deadline', c.deadline,
		'published_at', c.published_at,
		'city', jsonb_build_object('slug', ci.slug, 'name', ci.name, 'country', ci.country),
		'region', jsonb_build_object('slug', r.slug, 'name', r.name),
		'budget_min', c.budget_min,
		'budget_max', c.budget_max,
		'currency', c.currency,
		'snippet', snippet,
		'rank', rank
	);
$$;
