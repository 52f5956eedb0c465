import { pageNow } from '$lib/server/http-cache';
import { error } from '@sveltejs/kit';
import { listCityChallenges } from '$lib/server/db/challenges';
import { profileInLanguage } from '$lib/domain/organisations/profile-versions';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getCity } from '$lib/server/db/cities';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const [city, challenges] = await Promise.all([
		getCity(locals.supabase, params.slug),
		listCityChallenges(locals.supabase, params.slug)
	]);
	if (!city) error(404, { message: 'Not found' });
	// The description in the visitor's language when there is a version in it (issue 16).
	return {
		city,
		about: profileInLanguage(city, city.translations, getLocale()),
		challenges,
		now: pageNow()
	};
};
