import { error } from '@sveltejs/kit';
import { listCityChallenges } from '$lib/server/db/challenges';
import { getCity } from '$lib/server/db/cities';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const city = await getCity(locals.supabase, params.slug);
	if (!city) error(404, { message: 'Not found' });
	const challenges = await listCityChallenges(locals.supabase, city);
	return { city, challenges, now: Date.now() };
};
