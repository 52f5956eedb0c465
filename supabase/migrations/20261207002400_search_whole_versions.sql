-- The JSON API in one round trip (issue 17: the fewest round trips per page).
--
-- /api/v1/challenges publishes each hit's versions whole (title, summary, description, expected
-- outcomes). It read them with a second request after the search. search_challenges() now gives
-- them itself when asked: params.versions = 'whole' puts every version's four texts in the hits'
-- `translations` (still read as the caller, under RLS); without it, as before, title and summary
-- only. Not part of the result cache's key: the cache holds ids, ranks and counts, never texts.
--
-- private.search_hit gains the choice as a sixth argument; the five-argument form (used by
-- search_similar) stays, as title and summary only. search_challenges is restated from
-- 20261207001700 with the choice added.

create function private.search_hit(
	c public.challenges,
	ci public.cities,
	r public.regions,
	snippet text,
	rank real,
	whole_versions boolean
)
returns public.search_hit
language sql
stable
set search_path = ''
as $$
	select row(
		c.id, c.slug, c.kind, c.language, c.title, c.summary, c.domain, c.priority_areas, c.status,
		c.outcome, c.deadline, c.published_at,
		row(ci.slug, ci.name, ci.country)::public.search_hit_city,
		row(r.slug, r.name)::public.search_hit_region,
		c.budget_min, c.budget_max, c.currency, snippet, rank,
		public.budget_min_usd(c), public.budget_max_usd(c), public.budget_usd_as_of(c),
		-- Read as the caller, by primary key (RLS: with their challenge).
		coalesce((
			select jsonb_object_agg(
				t.language,
				case when whole_versions then
					jsonb_build_object('title', t.title, 'summary', t.summary, 'description', t.description,
						'expected_outcomes', t.expected_outcomes)
				else jsonb_build_object('title', t.title, 'summary', t.summary) end
			)
			from public.challenge_translations t
			where t.challenge_id = c.id
		), '{}'::jsonb)
	)::public.search_hit;
$$;

revoke all on function private.search_hit(public.challenges, public.cities, public.regions, text, real, boolean) from public;
grant execute on function private.search_hit(public.challenges, public.cities, public.regions, text, real, boolean)
	to anon, authenticated, service_role;

create or replace function private.search_hit(
	c public.challenges,
	ci public.cities,
	r public.regions,
	snippet text,
	rank real
)
returns public.search_hit
language sql
stable
set search_path = ''
as $$
	select private.search_hit(c, ci, r, snippet, rank, false);
$$;

create or replace function public.search_challenges(params jsonb)
returns public.search_result
language plpgsql
volatile
set search_path = ''
as $$
declare
	v_search record := private.search_cached(params);
	v_page jsonb := v_search.core -> 'page';
	-- An id array, so the rows come from the primary key index whatever the estimates.
	v_ids uuid[] := array(select (e ->> 'id')::uuid from jsonb_array_elements(v_page) as e);
	v_lang text := private.search_lang(params);
	-- search_cached() has read params already (as an object, or a JSON string holding one).
	v_whole boolean := coalesce((
		case jsonb_typeof(params)
			when 'string' then ((params #>> '{}')::jsonb) ->> 'versions'
			when 'object' then params ->> 'versions'
		end
	) = 'whole', false);
begin
	return row(
		(v_search.core ->> 'total')::integer,
		-- The page's rows are read here, as the caller: RLS on challenges applies to every hit.
		coalesce((
			select array_agg(
				private.search_hit(
					c, ci, r,
					-- From the texts the visitor will see: the version in their language, else the original.
					case when v_search.tsq is not null then
						private.search_snippet(coalesce(t.summary, c.summary), coalesce(t.description, c.description), v_search.tsq)
					end,
					(v_page -> (p.ord - 1) ->> 'rank')::real,
					v_whole
				)
				order by p.ord
			)
			from public.challenges c
			join public.cities ci on ci.id = c.city_id
			join public.regions r on r.slug = ci.region
			left join public.challenge_translations t
				on t.challenge_id = c.id and t.language = v_lang and t.language <> c.language
			cross join lateral (select array_position(v_ids, c.id) as ord) p
			where c.id = any (v_ids) and private.challenge_is_public(c.status)
		), '{}'),
		jsonb_populate_record(null::public.search_facets, v_search.core -> 'facets'),
		v_search.mode
	)::public.search_result;
end;
$$;

comment on function public.search_challenges(jsonb) is
	'The list search. params: {q, domain[], region[], city[], kind[], status[], priority[], min_usd, max_usd, sort: relevance|deadline|newest|budget, limit ≤ 50, offset, lang: en|zh, versions: whole}. Public challenges only, found by their original''s texts and every version''s; each facet''s counts respect every other filter but not its own (the budget range narrows them all); hits carry their versions (translations: title and summary, or with versions = whole also description and expected_outcomes); the snippet is made from the texts in lang when the challenge has a version in it, else from the original''s (U+E000/U+E001 around matches). Matching, facets and the page''s ids come from private.search_cached() (lang and versions are not part of its key); the hits are read under the caller''s RLS. Volatile because a miss stores its answer in the cache.';
