// One partnership, read-only, for the members of its city and vendor organisations (and hub
// staff): its stage, next step and due date, and the history of stage changes. RLS decides: a
// partnership the caller may not read is "not found" (404), and the city and the vendor read only
// the 'created' and 'stage' events (the hub's next-step, owner and note events are not theirs).
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { isHubStaff, myMemberships } from '$lib/server/db/memberships';
import { partnershipById, partnershipEvents } from '$lib/server/db/partnerships';
import type { PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime.js';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const db = event.locals.supabase;
	const partnership = await partnershipById(db, event.params.id, getLocale());
	if (!partnership) error(404, { message: 'Not found' });
	const [events, memberships] = await Promise.all([
		partnershipEvents(db, partnership.id),
		myMemberships(db)
	]);
	return {
		partnership,
		// The same history for everyone on this page (hub staff read more on the board's page).
		events: events.filter((e) => e.kind === 'created' || e.kind === 'stage'),
		hubStaff: isHubStaff(memberships)
	};
};
