// requireUser: every signed-in load and action starts here (RLS is still the real gate);
// requireHubStaff: every hub page's (the database refuses everyone else anyway).
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { isHubStaff, myMemberships } from '$lib/server/db/memberships';

/** Where to sign in, coming back to this page afterwards. */
export function signinPath(url: URL): string {
	return `/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;
}

/** The signed-in member, or a redirect to sign-in that returns here. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const { user, session } = event.locals;
	if (!user || !session) redirect(303, signinPath(event.url));
	return { user, session };
}

/**
 * A signed-in member of the hub's staff, with their request's database client; else a redirect to
 * sign-in (signed out) or the 403 page (anyone else).
 */
export async function requireHubStaff(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const { user, session } = requireUser(event);
	const db = event.locals.supabase;
	if (!isHubStaff(await myMemberships(db))) error(403, { message: m.hub_forbidden() });
	return { user, session, db };
}
