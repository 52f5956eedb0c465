import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { boardSort, sortProposals } from '$lib/domain/review/board';
import { parseDeclarationForm, reviewerSchema } from '$lib/domain/review/forms';
import { m } from '$lib/paraglide/messages.js';
import type { AuthMessage } from '$lib/server/auth/form-result';
import { requireUser } from '$lib/server/auth/guard';
import { listMembers } from '$lib/server/db/memberships';
import {
	assignReviewer,
	challengeBySlug,
	declareConflicts,
	reviewBoard,
	unassignReviewer
} from '$lib/server/db/review';
import { reviewProblem } from '$lib/server/review-problems';
import { challengePartnerships } from '$lib/server/db/partnerships';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime.js';

/** The challenge of the URL and its board; 404 when unreadable, 403 for a non-reviewer. */
async function context(event: RequestEvent<{ slug: string }>) {
	const { user } = requireUser(event);
	const db = event.locals.supabase;
	const challenge = await challengeBySlug(db, event.params.slug);
	if (!challenge) error(404, { message: 'Not found' });
	let board;
	try {
		board = await reviewBoard(db, challenge.id);
	} catch (e) {
		reviewProblem(e); // rethrows what is not a refusal
		error(403, { message: m.review_forbidden() });
	}
	return { user, db, challenge, board };
}

export const load: PageServerLoad = async (event) => {
	const { db, challenge, board } = await context(event);
	const sort = boardSort(event.url.searchParams.get('sort'));
	const [members, partnerships] = await Promise.all([
		board.me.admin ? listMembers(db, challenge.organisation_id) : Promise.resolve([]),
		challengePartnerships(db, challenge.id, getLocale())
	]);
	return {
		partnerships,
		board: { ...board, proposals: sortProposals(board.proposals, sort) },
		sort,
		members: members.map((x) => ({ id: x.userId, name: x.displayName ?? x.userId })),
		assign: await superValidate(zod4(reviewerSchema), { id: 'assign', errors: false })
	};
};

export const actions: Actions = {
	assign: async (event) => {
		const { db, challenge } = await context(event);
		const form = await superValidate<typeof reviewerSchema._output, AuthMessage>(
			event.request,
			zod4(reviewerSchema),
			{ id: 'assign' }
		);
		if (!form.valid) return fail(400, { form });
		try {
			await assignReviewer(db, challenge.id, form.data.reviewer);
		} catch (e) {
			return message(form, { kind: 'error', text: reviewProblem(e) }, { status: 400 });
		}
		return message(form, { kind: 'success', text: m.review_assigned() });
	},

	unassign: async (event) => {
		const { db, challenge } = await context(event);
		const parsed = reviewerSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) error(400, { message: 'Bad request', code: 'bad_request' });
		try {
			await unassignReviewer(db, challenge.id, parsed.data.reviewer);
		} catch (e) {
			return fail(400, { unassign: { kind: 'error' as const, text: reviewProblem(e) } });
		}
		return { unassign: { kind: 'success' as const, text: m.review_unassigned() } };
	},

	declare: async (event) => {
		const { db, challenge, board } = await context(event);
		const pending = board.proposals.filter((p) => p.declaration === null).map((p) => p.id);
		const parsed = parseDeclarationForm(await event.request.formData(), pending);
		if (Object.keys(parsed.errors).length > 0) {
			return fail(400, {
				declare: { values: parsed.values, errors: parsed.errors, text: m.review_declare_fix() }
			});
		}
		try {
			await declareConflicts(db, challenge.id, parsed.declarations);
		} catch (e) {
			return fail(400, {
				declare: { values: parsed.values, errors: parsed.errors, text: reviewProblem(e) }
			});
		}
		return { declared: m.review_declared({ count: parsed.declarations.length }) };
	}
};
