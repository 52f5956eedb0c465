-- "The same problem in other cities" shows only real twins (issue 16, item 6): a candidate must be in
-- the same domain and about as close as the closest one (its text relevance at least 0.45 of the
-- best candidate's), so fewer results rather than padding (EV charging no longer brings food-waste
-- composting, nor smart parking recycled-water metering). Measured by npm run twins over the
-- twins of tests/fixtures/twins.json (precision and recall printed; npm test runs it). The page
-- says why each was chosen (src/lib/domain/challenges/twin-reason.ts).

create or replace function private.search_similar(challenge_id uuid, max_results integer)
returns table (id uuid, score real)
language sql
stable
security definer
set search_path = ''
set jit = off
as $$
	-- Materialized: inlined, its query terms would be built again for every candidate.
	with source as materialized (
		select s.id, s.city_id, s.domain,
			-- Candidates: pairs from the first ten title words, from the index on the title and
			-- summary part of rank_vector (exact, never rechecked).
			(
				select coalesce(
					string_agg(format('(%s & %s)', w1, w2), ' | '),
					w.quoted[1]
				)::tsquery
				from unnest(w.quoted[1:10]) as w1
				join unnest(w.quoted[1:10]) as w2 on w1 < w2
			) as pairs,
			-- Scoring: any of them, weighted by where the candidate has it.
			array_to_string(w.quoted, ' | ')::tsquery as any_word
		from private.search_docs s
		-- The title's lexemes in title order, quoted for tsquery input as they are: to_tsquery
		-- would parse them again ('e-bik' → 'e-bik' <-> 'e' <-> 'bik', which no document has).
		cross join lateral (
			select array(
				select '''' || replace(replace(t.lexeme, '\', '\\'), '''', '''''') || ''''
				from unnest(ts_filter(s.rank_vector, '{a}')) as t
				order by t.positions[1], t.lexeme
			) as quoted
		) w
		where s.id = search_similar.challenge_id and cardinality(w.quoted) > 0
	)
	select r.id, r.score
	from (
		select d.id,
			m.rel,
			max(m.rel) over () as best,
			(
				m.rel
				+ case when d.status = 'open'::public.challenge_status and (d.deadline is null or d.deadline > now()) then 0.1 else 0 end
			)::real as score
		from source src
		join private.search_docs d
			on ts_filter(d.rank_vector, '{a,b}') @@ src.pairs and d.city_id <> src.city_id
		cross join lateral (
			select ts_rank('{0.1, 0.2, 0.4, 1.0}'::real[], d.rank_vector, src.any_word) as rel
		) m
		-- A twin works on the same need in the same domain (EV charging is not food-waste
		-- composting, however many words they share).
		where d.domain = src.domain
	) r
	-- Fewer rather than padding: only candidates about as close as the closest one.
	where r.rel >= 0.45 * r.best
	order by r.score desc, r.id
	limit least(greatest(coalesce(search_similar.max_results, 6), 1), 24);
$$;

comment on function private.search_similar(uuid, integer) is
	'Ids and scores of public challenges of other cities in the same domain sharing title words with the given public one, only those at least 0.45 as relevant as the closest. SECURITY DEFINER (reads search_docs); returns no text.';

comment on function public.similar_challenges(uuid, integer) is
	'Twins of a public challenge in other cities: same domain, two or more of its title words in their own title or summary, and about as close as the closest one; ranked by where they have the words (title over summary over the rest), with a boost for being open to proposals (read under the caller''s RLS).';
