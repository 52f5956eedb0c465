import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { feedbackFromRubric } from '$lib/domain/review/board';
import { decisionSchema, parseScoreForm } from '$lib/domain/review/forms';
import { m } from '$lib/paraglide/messages.js';
import type { AuthMessage } from '$lib/server/auth/form-result';
import { requireUser } from '$lib/server/auth/guard';
import {
	challengeBySlug,
	decideProposal,
	reviewBoard,
	reviewProposal,
	saveScores
} from '$lib/server/db/review';
import { reviewProblem } from '$lib/server/review-problems';
import type { Actions, PageServerLoad } from './$types';
import { sendPendingNotifications } from '$lib/server/notifications/send';

/**
 * The challenge and the proposal of the URL, with the caller's place: 404 when the proposal is
 * not on this challenge's board, 403 for someone who is no reviewer or admin of it.
 */
async function context(event: RequestEvent<{ slug: string; id: string }>) {
	const { user } = requireUser(event);
	const db = event.locals.supabase;
	const challenge = await challengeBySlug(db, event.params.slug);
	if (!challenge) error(404, { message: 'Not found' });
	let board;
	try {
		board = await reviewBoard(db, challenge.id);
	} catch (e) {
		reviewProblem(e);
		error(403, { message: m.review_forbidden() });
	}
	const entry = board.proposals.find((p) => p.id === event.params.id);
	if (!entry) error(404, { message: 'Not found' });
	return { user, db, challenge, board, entry };
}

export const load: PageServerLoad = async (event) => {
	const { user, db, board, entry } = await context(event);
	// A proposal is read only by those who declared no conflict on it (RLS): nothing else is loaded.
	const proposal = entry.cleared ? await reviewProposal(db, entry.id) : null;
	const mine = proposal?.scores.filter((s) => s.reviewer_id === user.id) ?? [];
	const canScore =
		board.me.reviewer &&
		entry.cleared &&
		(entry.status === 'submitted' || entry.status === 'shortlisted');
	const canDecide =
		board.me.admin &&
		entry.cleared &&
		(entry.status === 'submitted' || entry.status === 'shortlisted');
	const feedback = proposal
		? (proposal.proposal.feedback ?? feedbackFromRubric(proposal.criteria, proposal.scores))
		: '';
	return {
		challenge: board.challenge,
		me: board.me,
		entry,
		proposal,
		scoreValues: {
			score: Object.fromEntries(mine.map((s) => [s.criterion_id, String(s.score)])),
			comment: Object.fromEntries(mine.map((s) => [s.criterion_id, s.comment]))
		},
		canScore,
		canDecide,
		decision: await superValidate(
			{ decision: entry.status === 'shortlisted' ? 'selected' : 'shortlisted', feedback },
			zod4(decisionSchema),
			{ id: 'decision', errors: false }
		)
	};
};

export const actions: Actions = {
	score: async (event) => {
		const { db, entry } = await context(event);
		const proposal = await reviewProposal(db, entry.id);
		const ids = proposal?.criteria.map((c) => c.id) ?? [];
		const parsed = parseScoreForm(await event.request.formData(), ids);
		if (Object.keys(parsed.errors).length > 0) {
			return fail(400, {
				score: { values: parsed.values, errors: parsed.errors, text: m.review_scores_fix() }
			});
		}
		try {
			await saveScores(db, entry.id, parsed.scores);
		} catch (e) {
			return fail(400, {
				score: { values: parsed.values, errors: parsed.errors, text: reviewProblem(e) }
			});
		}
		return { scored: m.review_scores_saved() };
	},

	decide: async (event) => {
		const { db, entry } = await context(event);
		const form = await superValidate<typeof decisionSchema._output, AuthMessage>(
			event.request,
			zod4(decisionSchema),
			{ id: 'decision' }
		);
		if (!form.valid) return fail(400, { form });
		try {
			await decideProposal(db, entry.id, form.data.decision, form.data.feedback);
		} catch (e) {
			const text = reviewProblem(e);
			if (text === m.decision_error_feedback_long()) return setError(form, 'feedback', text);
			return message(form, { kind: 'error', text }, { status: 400 });
		}
		// The vendor's members are told of the decision (a trigger): mail them now.
		await sendPendingNotifications(event.url.origin);
		return message(form, { kind: 'success', text: m.decision_done() });
	}
};
