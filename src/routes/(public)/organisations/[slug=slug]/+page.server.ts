import { error } from '@sveltejs/kit';
import { profileInLanguage } from '$lib/domain/organisations/profile-versions';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getOrganisation } from '$lib/server/db/organisations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const organisation = await getOrganisation(locals.supabase, params.slug);
	if (!organisation) error(404, { message: 'Not found' });
	// The profile in the visitor's language when there is a version in it (issue 16).
	return {
		organisation,
		about: profileInLanguage(organisation, organisation.translations, getLocale())
	};
};
