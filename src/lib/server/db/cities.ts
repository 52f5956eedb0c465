import type { Tables } from '$lib/database.types';
import type { ProfileVersion } from '$lib/domain/organisations/profile-versions';
import { sharedValue } from '$lib/server/cache/shared';
import { publicClient, type Db } from '$lib/server/db/client';
import { SHARED_VALUE_TTL_MS } from '$lib/server/http-cache';
import type { OrganisationLink } from '$lib/server/db/organisations';
import { dataOrThrow } from '$lib/server/errors';

type CityRow = Tables<'cities'>;
type Region = Pick<Tables<'regions'>, 'slug' | 'name'>;

export type CityListItem = Pick<CityRow, 'id' | 'slug' | 'name' | 'country'> & {
	region: Region;
	/** Public challenges only: RLS filters the embedded rows. */
	challenge_count: number;
	/** Of those, the ones taking proposals: open, deadline ahead or none. */
	open_count: number;
};

export type CityProfile = Pick<
	CityRow,
	'id' | 'slug' | 'name' | 'country' | 'profile' | 'profile_language' | 'population'
> & {
	region: Region;
	organisation: OrganisationLink | null;
	/** The description's versions in the portal's languages (issue 16). */
	translations: ProfileVersion[];
};

export async function listCities(db: Db, now = new Date()): Promise<CityListItem[]> {
	const rows = dataOrThrow(
		await db
			.from('cities')
			.select(
				'id, slug, name, country, region_row:regions!inner (slug, name), challenges (count), open:challenges (count)'
			)
			.eq('open.status', 'open')
			.or(`deadline.is.null,deadline.gt.${now.toISOString()}`, { referencedTable: 'open' })
			.order('name')
	);
	return rows.map((c) => ({
		id: c.id,
		slug: c.slug,
		name: c.name,
		country: c.country,
		region: c.region_row,
		challenge_count: c.challenges[0]?.count ?? 0,
		open_count: c.open[0]?.count ?? 0
	}));
}

export async function getCity(db: Db, slug: string): Promise<CityProfile | null> {
	const row = dataOrThrow(
		await db
			.from('cities')
			.select(
				`id, slug, name, country, profile, profile_language, population,
				region_row:regions!inner (slug, name),
				organisation:organisations (slug, name, verified),
				translations:city_translations (language, profile)`
			)
			.eq('slug', slug)
			.maybeSingle()
	);
	if (!row) return null;
	const { region_row, ...rest } = row;
	return { ...rest, region: region_row };
}

/**
 * The cities' Chinese names (cities.name_zh) by slug, for the Chinese pages: read with the
 * anonymous client (public data) and kept per process ($lib/server/cache/shared).
 */
export const chineseCityNames = sharedValue(SHARED_VALUE_TTL_MS, async () => {
	const rows = dataOrThrow(
		await publicClient().from('cities').select('slug, name_zh').not('name_zh', 'is', null)
	);
	return Object.fromEntries(rows.map((c) => [c.slug, c.name_zh ?? ''])) as Record<string, string>;
});
