// The challenges a member follows and the searches they saved, each with remove (issue 13, item 3).
import { fail } from '@sveltejs/kit';
import { idSchema } from '$lib/domain/notifications/forms';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import { deleteSavedSearch, myFollows, mySavedSearches, unfollow } from '$lib/server/db/qa';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime.js';

export const load: PageServerLoad = async (event) => {
	const { user } = requireUser(event);
	const db = event.locals.supabase;
	const [follows, searches] = await Promise.all([
		myFollows(db, user.id, getLocale()),
		mySavedSearches(db, user.id)
	]);
	return { follows, searches, saved: event.url.searchParams.has('saved') };
};

async function idOf(request: Request) {
	return idSchema.safeParse({ id: String((await request.formData()).get('id') ?? '') });
}

export const actions: Actions = {
	unfollow: async (event) => {
		requireUser(event);
		const parsed = await idOf(event.request);
		if (!parsed.success) return fail(400, { error: m.qa_error_failed() });
		await unfollow(event.locals.supabase, parsed.data.id);
		return { notice: m.follow_removed() };
	},
	deleteSearch: async (event) => {
		requireUser(event);
		const parsed = await idOf(event.request);
		if (!parsed.success) return fail(400, { error: m.qa_error_failed() });
		try {
			await deleteSavedSearch(event.locals.supabase, parsed.data.id);
		} catch {
			return fail(404, { error: m.qa_error_failed() });
		}
		return { notice: m.follow_removed() };
	}
};
