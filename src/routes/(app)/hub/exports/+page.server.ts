import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import { isHubStaff, myMemberships } from '$lib/server/db/memberships';
import type { PageServerLoad } from './$types';

/** Hub staff only: the page of CSV downloads (each download checks again, and so does the database). */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	if (!isHubStaff(await myMemberships(event.locals.supabase))) {
		error(403, { message: m.hub_forbidden() });
	}
	return {};
};
