// "Your partnerships" (issue 14): the partnerships of the member's city and vendor organisations,
// read-only (the hub keeps them on its board). RLS returns only those.
import { requireUser } from '$lib/server/auth/guard';
import { isHubStaff, myMemberships } from '$lib/server/db/memberships';
import { myPartnerships } from '$lib/server/db/partnerships';
import type { PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime.js';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const db = event.locals.supabase;
	const memberships = await myMemberships(db);
	return {
		partnerships: await myPartnerships(db, memberships, getLocale()),
		hubStaff: isHubStaff(memberships)
	};
};
