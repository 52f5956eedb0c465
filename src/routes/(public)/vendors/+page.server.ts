import { error, redirect } from '@sveltejs/kit';
import { describeDirectoryProblems, parseDirectoryParams } from '$lib/domain/organisations/schema';
import { listVendors } from '$lib/server/db/organisations';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';
import { directoryHref } from '$lib/urls';

export const load: PageServerLoad = async ({ url, locals }) => {
	const parsed = parseDirectoryParams(url.searchParams);
	if (!parsed.success) {
		error(400, {
			message: describeDirectoryProblems(url.searchParams, parsed.error),
			code: 'bad_request'
		});
	}
	const directory = await listVendors(locals.supabase, parsed.data, getLocale());
	// A page past the end (an old bookmark, a hand-edited URL): go to the last page there is.
	if (directory.page > directory.pages) {
		redirect(307, directoryHref({ ...parsed.data, page: directory.pages }));
	}
	return { query: parsed.data, directory };
};
