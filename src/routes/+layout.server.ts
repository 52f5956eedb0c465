import { getLocale } from '$lib/paraglide/runtime.js';
import { myOrganisations, type MyOrganisation } from '$lib/server/db/org-pages';
import { log } from '$lib/server/log';
import type { LayoutServerLoad } from './$types';

/**
 * On the Chinese pages, the cities' Chinese names (cities.name_zh), by slug, for every page that
 * shows a city (cityName() in $lib/components/challenges/city-name.ts). Cosmetic: if they cannot
 * be read, pages show the cities' own names.
 */
const none = { organisations: [] as MyOrganisation[], activeId: null as string | null };

export const load: LayoutServerLoad = async ({ locals }) => {
	// Who is signed in, for the header (never more than the name and address), with the
	// organisations they act for and the one the header shows (the switcher).
	const user = locals.user ? { name: locals.user.name, email: locals.user.email } : null;
	const memberships = locals.user
		? await myOrganisations(locals.supabase).catch((err: unknown) => {
				// Cosmetic too: the page itself still loads (its own reads decide what it shows).
				log.warn({ err: String(err) }, 'memberships for the header not read');
				return none;
			})
		: none;
	if (getLocale() !== 'zh') return { user, memberships, cityNames: {} as Record<string, string> };
	const { data, error } = await locals.supabase
		.from('cities')
		.select('slug, name_zh')
		.not('name_zh', 'is', null);
	if (error) log.warn({ err: error.message }, 'city names in Chinese not read');
	return {
		user,
		memberships,
		cityNames: Object.fromEntries((data ?? []).map((c) => [c.slug, c.name_zh ?? ''])) as Record<
			string,
			string
		>
	};
};
