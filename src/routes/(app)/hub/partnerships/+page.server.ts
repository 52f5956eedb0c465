import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import { isHubStaff, myMemberships } from '$lib/server/db/memberships';
import { partnershipsList } from '$lib/server/db/review';
import type { PageServerLoad } from './$types';

/** Hub staff only: every partnership, newest first (read-only; the board is issue 14). */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const db = event.locals.supabase;
	if (!isHubStaff(await myMemberships(db))) error(403, { message: m.hub_forbidden() });
	return { partnerships: await partnershipsList(db) };
};
