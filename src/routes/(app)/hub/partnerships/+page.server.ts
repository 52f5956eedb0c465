// The partnership board (issue 14, docs/collaboration.md § The partnership board): hub staff see
// every partnership in a column per stage, filtered by city, domain, stage and owner (a GET form:
// the URL holds the filters), and move a card one step forward or back with a plain POST form.
// Closing, reopening, the next step, the owner and notes are on the detail page.
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { moveSchema, parseBoardFilters } from '$lib/domain/partnerships/forms';
import { m } from '$lib/paraglide/messages.js';
import { partnershipStageLabel } from '$lib/components/review/labels';
import { requireHubStaff } from '$lib/server/auth/guard';
import {
	boardPartnerships,
	hubStaffList,
	movePartnership,
	partnershipCities
} from '$lib/server/db/partnerships';
import { partnershipProblem } from '$lib/server/partnership-problems';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime.js';

export const load: PageServerLoad = async (event) => {
	await requireHubStaff(event);
	const db = event.locals.supabase;
	const filters = parseBoardFilters(event.url.searchParams);
	const [partnerships, cities, staff] = await Promise.all([
		boardPartnerships(db, filters, getLocale()),
		partnershipCities(db),
		hubStaffList(db)
	]);
	return { filters, partnerships, cities, staff };
};

const boardMoveSchema = moveSchema.extend({ id: z.guid() });

export const actions: Actions = {
	/** One step forward or back, from a card (the note is the detail page's). */
	move: async (event) => {
		await requireHubStaff(event);
		const parsed = boardMoveSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) error(400, { message: 'Bad request', code: 'bad_request' });
		const { id, stage, expected } = parsed.data;
		try {
			await movePartnership(event.locals.supabase, id, stage, expected, '');
		} catch (e) {
			return fail(400, {
				notice: { kind: 'error' as const, id, text: partnershipProblem(e).text }
			});
		}
		return {
			notice: {
				kind: 'success' as const,
				id,
				text: m.board_moved({ stage: partnershipStageLabel(stage) })
			}
		};
	}
};
