import { getLocale } from '$lib/paraglide/runtime.js';
import { chineseCityNames } from '$lib/server/db/cities';
import { log } from '$lib/server/log';
import type { LayoutServerLoad } from './$types';

/**
 * On the Chinese pages, the cities' Chinese names (cities.name_zh), by slug, for every page that
 * shows a city (cityName() in $lib/components/challenges/city-name.ts). Cosmetic: if they cannot
 * be read, pages show the cities' own names.
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	// Who is signed in, for the header (never more than the name and address).
	const user = locals.user ? { name: locals.user.name, email: locals.user.email } : null;
	if (getLocale() !== 'zh') return { user, cityNames: {} as Record<string, string> };
	const cityNames = await chineseCityNames().catch((err: unknown) => {
		log.warn({ err }, 'city names in Chinese not read');
		return {} as Record<string, string>;
	});
	return { user, cityNames };
};
