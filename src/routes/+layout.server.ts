import { getLocale } from '$lib/paraglide/runtime.js';
import { chineseCityNames } from '$lib/server/db/cities';
import { myOrganisations, type MyOrganisation } from '$lib/server/db/org-pages';
import { log } from '$lib/server/log';
import { unreadCount } from '$lib/server/db/qa';
import type { LayoutServerLoad } from './$types';

const none = { organisations: [] as MyOrganisation[], activeId: null as string | null };

/**
 * Who is signed in, for the header (never more than the name and address), with the organisations
 * they act for and the one the header shows (the switcher); on the Chinese pages, the cities'
 * Chinese names (cities.name_zh) by slug, for every page that shows a city (cityName() in
 * $lib/components/challenges/city-name.ts). Both cosmetic: if they cannot be read, the page still
 * loads (its own reads decide what it shows) and shows the cities' own names.
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user ? { name: locals.user.name, email: locals.user.email } : null;
	const [memberships, unread] = locals.user
		? await Promise.all([
				myOrganisations(locals.supabase).catch((err: unknown) => {
					log.warn({ err: String(err) }, 'memberships for the header not read');
					return none;
				}),
				// The header's unread notifications (issue 13); cosmetic too.
				unreadCount(locals.supabase, locals.user.id).catch(() => 0)
			])
		: [none, 0];
	if (getLocale() !== 'zh')
		return { user, memberships, unread, cityNames: {} as Record<string, string> };
	const cityNames = await chineseCityNames().catch((err: unknown) => {
		log.warn({ err }, 'city names in Chinese not read');
		return {} as Record<string, string>;
	});
	return { user, memberships, unread, cityNames };
};
