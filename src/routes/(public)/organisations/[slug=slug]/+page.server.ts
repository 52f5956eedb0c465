import { error } from '@sveltejs/kit';
import { getOrganisation } from '$lib/server/db/organisations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const organisation = await getOrganisation(locals.supabase, params.slug);
	if (!organisation) error(404, { message: 'Not found' });
	return { organisation };
};
