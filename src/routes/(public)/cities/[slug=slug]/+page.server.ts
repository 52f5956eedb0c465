import { pageNow } from '$lib/server/http-cache';
import { error } from '@sveltejs/kit';
import { listCityChallenges } from '$lib/server/db/challenges';
import { getCity } from '$lib/server/db/cities';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const [city, challenges] = await Promise.all([
		getCity(locals.supabase, params.slug),
		listCityChallenges(locals.supabase, params.slug, getLocale())
	]);
	if (!city) error(404, { message: 'Not found' });
	return { city, challenges, now: pageNow() };
};
