// requireUser: every signed-in load and action starts here (RLS is still the real gate).
import { redirect, type RequestEvent } from '@sveltejs/kit';

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
