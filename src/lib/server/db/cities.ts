import type { Db } from '$lib/server/db/client';
import type { OrganisationLink } from '$lib/server/db/organisations';
import { unavailableOr } from '$lib/server/errors';

export interface CityListItem {
	id: string;
	slug: string;
	name: string;
	country: string;
	region: { slug: string; name: string };
	/** Public challenges only: RLS filters the embedded rows. */
	challenge_count: number;
	/** Of those, the ones taking proposals: open, deadline ahead or none. */
	open_count: number;
}

export interface CityProfile {
	id: string;
	slug: string;
	name: string;
	country: string;
	profile: string | null;
	population: number | null;
	region: { slug: string; name: string };
	organisation: OrganisationLink | null;
}

export async function listCities(db: Db, now = new Date()): Promise<CityListItem[]> {
	const { data, error, status } = await db
		.from('cities')
		.select(
			'id, slug, name, country, region_row:regions!inner (slug, name), challenges (count), open:challenges (count)'
		)
		.eq('open.status', 'open')
		.or(`deadline.is.null,deadline.gt.${now.toISOString()}`, { referencedTable: 'open' })
		.order('name');
	if (error) unavailableOr(error, status);
	type Row = Omit<CityListItem, 'region' | 'challenge_count' | 'open_count'> & {
		region_row: CityListItem['region'];
		challenges: { count: number }[];
		open: { count: number }[];
	};
	return ((data ?? []) as unknown as Row[]).map((c) => ({
		id: c.id,
		slug: c.slug,
		name: c.name,
		country: c.country,
		region: c.region_row,
		challenge_count: c.challenges?.[0]?.count ?? 0,
		open_count: c.open?.[0]?.count ?? 0
	}));
}

export async function getCity(db: Db, slug: string): Promise<CityProfile | null> {
	const { data, error, status } = await db
		.from('cities')
		.select(
			`id, slug, name, country, profile, population,
			region_row:regions!inner (slug, name),
			organisation:organisations (slug, name, verified)`
		)
		.eq('slug', slug)
		.maybeSingle();
	if (error) unavailableOr(error, status);
	if (!data) return null;
	type Row = Omit<CityProfile, 'region'> & { region_row: CityProfile['region'] };
	const { region_row, ...rest } = data as unknown as Row;
	return { ...rest, region: region_row };
}
