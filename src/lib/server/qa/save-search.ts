// "Save this search" on the list (issue 13, item 3): the list's own query string, parsed with the
// list's schema into the parameters search_challenges() reads, saved for the signed-in member.
// Then to /following, which lists it.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { parseSearchParams } from '$lib/domain/challenges/search-query';
import { saveSearchSchema } from '$lib/domain/notifications/forms';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import { QaRefusal, saveSearch } from '$lib/server/db/qa';

/** The filters and keyword of a list URL's query (page, sort and limit are not part of a saved search). */
export function savedSearchParams(
	query: string
): { query: string; params: Record<string, unknown> } | null {
	const search = new URLSearchParams(query);
	for (const key of ['page', 'limit', 'sort', 'more']) search.delete(key);
	const parsed = parseSearchParams(search);
	if (!parsed.success) return null;
	const q = parsed.data;
	const params: Record<string, unknown> = {};
	if (q.q) params.q = q.q;
	for (const key of ['domain', 'region', 'city', 'kind', 'status', 'priority'] as const) {
		if (q[key].length) params[key] = q[key];
	}
	return { query: search.toString(), params };
}

export async function saveSearchAction(event: RequestEvent) {
	requireUser(event);
	const data = await event.request.formData();
	const raw = { name: String(data.get('name') ?? ''), query: String(data.get('query') ?? '') };
	const parsed = saveSearchSchema.safeParse(raw);
	if (!parsed.success) {
		const error =
			parsed.error.issues.find((i) => i.path[0] === 'name')?.message ?? m.qa_error_failed();
		return fail(400, { saveSearch: { error, name: raw.name } });
	}
	const search = savedSearchParams(parsed.data.query);
	if (!search) return fail(400, { saveSearch: { error: m.qa_error_failed(), name: raw.name } });
	try {
		await saveSearch(event.locals.supabase, parsed.data.name, search.query, search.params);
	} catch (e) {
		if (e instanceof QaRefusal && e.key === 'saved_search_limit') {
			return fail(409, { saveSearch: { error: m.follow_error_limit(), name: raw.name } });
		}
		throw e;
	}
	redirect(303, '/following?saved=1');
}
