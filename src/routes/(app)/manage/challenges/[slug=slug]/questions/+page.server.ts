// City officials answer their challenge's questions (issue 13, item 2). Members of the
// organisation that posted the challenge only (challenge_questions refuses anyone else). Answers
// are published on the challenge page without the asker; an answer may be edited. After an
// answer, the pending immediate notifications (followers, the asking organisation) are mailed.
import { error, fail } from '@sveltejs/kit';
import { answerSchema } from '$lib/domain/notifications/forms';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import {
	QaRefusal,
	answerQuestion,
	challengeForMember,
	challengeQuestions
} from '$lib/server/db/qa';
import { sendPendingNotifications } from '$lib/server/notifications/send';
import type { Actions, PageServerLoad } from './$types';

export interface AnswerNotice {
	id: string;
	kind: 'error' | 'success';
	text: string;
	/** What was typed, kept when refused. */
	answer?: string;
}

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const db = event.locals.supabase;
	const challenge = await challengeForMember(db, event.params.slug);
	if (!challenge) error(404, { message: 'Not found' });
	try {
		const questions = await challengeQuestions(db, challenge.id);
		return { challenge, questions };
	} catch (e) {
		if (e instanceof QaRefusal && e.key === 'not_challenge_member') {
			error(403, { message: m.qa_error_not_city() });
		}
		throw e;
	}
};

export const actions: Actions = {
	answer: async (event) => {
		requireUser(event);
		const data = await event.request.formData();
		const raw = { id: String(data.get('id') ?? ''), answer: String(data.get('answer') ?? '') };
		const parsed = answerSchema.safeParse(raw);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const notice: AnswerNotice = {
				id: raw.id,
				kind: 'error',
				text: issue?.message ?? m.qa_error_failed(),
				answer: raw.answer
			};
			return fail(400, { notice });
		}
		try {
			await answerQuestion(event.locals.supabase, parsed.data.id, parsed.data.answer);
		} catch (e) {
			if (e instanceof QaRefusal) {
				const text =
					e.key === 'not_challenge_member' ? m.qa_error_not_city() : m.qa_error_unknown();
				return fail(e.status === 403 ? 403 : 404, {
					notice: { id: raw.id, kind: 'error', text, answer: raw.answer } satisfies AnswerNotice
				});
			}
			if ((e as { kind?: string }).kind === 'bad_request') {
				return fail(400, {
					notice: {
						id: raw.id,
						kind: 'error',
						text: m.qa_error_answer({ min: 2, max: 5000 }),
						answer: raw.answer
					} satisfies AnswerNotice
				});
			}
			throw e;
		}
		await sendPendingNotifications(event.url.origin);
		return {
			notice: { id: raw.id, kind: 'success', text: m.qa_manage_saved() } satisfies AnswerNotice
		};
	}
};
