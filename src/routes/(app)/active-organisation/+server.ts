import { error, redirect } from '@sveltejs/kit';
import { activeOrganisationSchema } from '$lib/domain/organisations/forms';
import { requireUser } from '$lib/server/auth/guard';
import { myMemberships, setActiveOrganisation } from '$lib/server/db/memberships';
import { safeRedirectPath } from '$lib/server/safe-redirect';
import type { RequestHandler } from './$types';

/**
 * The header's switcher (a plain form post, so it works without JavaScript): which of the
 * member's organisations the header shows and forms act for. UI only: no policy or function
 * reads it (each takes the organisation as an argument and checks membership).
 */
export const POST: RequestHandler = async (event) => {
	const { user } = requireUser(event);
	const parsed = activeOrganisationSchema.safeParse(
		Object.fromEntries(await event.request.formData())
	);
	if (!parsed.success) error(400, { message: 'Bad request', code: 'bad_request' });
	const mine = await myMemberships(event.locals.supabase);
	if (!mine.some((o) => o.organisation_id === parsed.data.organisation)) {
		error(400, { message: 'Bad request', code: 'bad_request' });
	}
	await setActiveOrganisation(event.locals.supabase, user.id, parsed.data.organisation);
	redirect(303, safeRedirectPath(parsed.data.redirectTo, event.url.origin, '/'));
};
