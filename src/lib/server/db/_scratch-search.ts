// TEMPORARY scratch stand-in for $lib/server/search (deleted before hand-over).
import type {
	SearchHit,
	SearchQuery,
	SearchResult,
	FacetValue,
	Facet
} from '$lib/domain/challenges/schema';
import type { Db } from '$lib/server/db/client';
import { unavailableOr } from '$lib/server/errors';

export async function search(db: Db, query: SearchQuery): Promise<SearchResult> {
	const { data, error, status } = await db
		.from('challenges')
		.select(
			'id, slug, kind, title, summary, domain, priority_areas, status, deadline, published_at, budget_min, budget_max, currency, city:cities!inner(slug,name,country,region_row:regions!inner(slug,name))'
		);
	if (error) unavailableOr(error, status);
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const all: SearchHit[] = (data as any[]).map((r) => ({
		...r,
		city: { slug: r.city.slug, name: r.city.name, country: r.city.country },
		region: r.city.region_row,
		snippet: null,
		rank: null
	}));
	const match = (h: SearchHit, skip?: Facet) =>
		(!query.q || (h.title + h.summary).toLowerCase().includes(query.q.toLowerCase())) &&
		(skip === 'domain' || !query.domain.length || query.domain.includes(h.domain)) &&
		(skip === 'region' || !query.region.length || query.region.includes(h.region.slug as never)) &&
		(skip === 'city' || !query.city.length || query.city.includes(h.city.slug)) &&
		(skip === 'kind' || !query.kind.length || query.kind.includes(h.kind)) &&
		(skip === 'status' || !query.status.length || query.status.includes(h.status)) &&
		(skip === 'priority' ||
			!query.priority.length ||
			h.priority_areas.some((p) => query.priority.includes(p)));
	const hits = all.filter((h) => match(h));
	const facet = (
		f: Facet,
		get: (h: SearchHit) => { value: string; label: string }[]
	): FacetValue[] => {
		const map = new Map<string, FacetValue>();
		for (const h of all.filter((x) => match(x, f)))
			for (const v of get(h)) {
				const e = map.get(v.value) ?? { ...v, count: 0 };
				e.count++;
				map.set(v.value, e);
			}
		return [...map.values()].sort((a, b) => b.count - a.count);
	};
	const pages = Math.max(1, Math.ceil(hits.length / query.limit));
	return {
		engine: 'postgres',
		query,
		total: hits.length,
		page: query.page,
		pages,
		hits: hits
			.slice((query.page - 1) * query.limit, query.page * query.limit)
			.map((h) => ({
				...h,
				snippet: query.q
					? h.summary.replace(new RegExp(query.q, 'ig'), (x) => `<mark>${x}</mark>`)
					: null
			})),
		facets: {
			domain: facet('domain', (h) => [{ value: h.domain, label: h.domain }]),
			region: facet('region', (h) => [{ value: h.region.slug, label: h.region.name }]),
			city: facet('city', (h) => [{ value: h.city.slug, label: h.city.name }]),
			kind: facet('kind', (h) => [{ value: h.kind, label: h.kind }]),
			status: facet('status', (h) => [{ value: h.status, label: h.status }]),
			priority: facet('priority', (h) => h.priority_areas.map((p) => ({ value: p, label: p })))
		},
		took_ms: 1
	};
}

export async function similarChallenges(db: Db, id: string): Promise<SearchHit[]> {
	const r = await search(db, {
		q: '',
		domain: [],
		region: [],
		city: [],
		kind: [],
		status: [],
		priority: [],
		sort: 'relevance',
		page: 1,
		limit: 50
	});
	return r.hits.filter((h) => h.id !== id).slice(0, 4);
}
