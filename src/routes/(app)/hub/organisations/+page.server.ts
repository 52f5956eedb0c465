import { error, fail } from '@sveltejs/kit';
import { verifySchema } from '$lib/domain/organisations/forms';
import { m } from '$lib/paraglide/messages.js';
import { requireHubStaff } from '$lib/server/auth/guard';
import { setOrganisationVerified } from '$lib/server/db/memberships';
import { organisationsForHub, recentAudit } from '$lib/server/db/org-pages';
import { orgProblem } from '$lib/server/org-problems';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireHubStaff(event);
	const db = event.locals.supabase;
	const [organisations, audit] = await Promise.all([organisationsForHub(db), recentAudit(db, 50)]);
	return { organisations, audit };
};

export const actions: Actions = {
	verify: async (event) => {
		await requireHubStaff(event);
		const parsed = verifySchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) error(400, { message: 'Bad request', code: 'bad_request' });
		const verified = parsed.data.verified === 'true';
		const row = parsed.data.organisation;
		try {
			const org = await setOrganisationVerified(event.locals.supabase, row, verified);
			return {
				notice: {
					kind: 'success' as const,
					row,
					text: verified
						? m.hub_verified_done({ name: org.name })
						: m.hub_unverified_done({ name: org.name })
				}
			};
		} catch (e) {
			return fail(400, { notice: { kind: 'error' as const, row, text: orgProblem(e).text } });
		}
	}
};
