import { listCities, type CityListItem } from '$lib/server/db/cities';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const cities = await listCities(locals.supabase);
	const byRegion = new Map<string, { slug: string; name: string; cities: CityListItem[] }>();
	for (const city of cities) {
		const group = byRegion.get(city.region.slug) ?? { ...city.region, cities: [] };
		group.cities.push(city);
		byRegion.set(city.region.slug, group);
	}
	const regions = [...byRegion.values()].sort((a, b) => a.name.localeCompare(b.name));
	return { regions, total: cities.length };
};
