// What a refused review write means to the person who tried it (issue 13): the review functions
// raise with a message key (reviewRefusal: 'conflict_not_declared', …); each has a text in
// messages/*.json. The data service being down, or a bug, is not the form's business: rethrown.
import { m } from '$lib/paraglide/messages.js';
import { DataError, throwHttp } from '$lib/server/errors';
import { reviewRefusal, type ReviewRefusal } from '$lib/server/db/review';

const TEXTS: Partial<Record<ReviewRefusal, () => string>> = {
	not_signed_in: m.review_error_forbidden,
	not_org_admin: m.review_error_admins_only,
	not_reviewer: m.review_error_forbidden,
	reviewer_not_member: m.review_error_not_member,
	challenge_unknown: m.review_error_gone,
	proposal_unknown: m.review_error_gone,
	conflict_declared: m.review_error_conflict_declared,
	declaration_invalid: m.review_error_declare,
	conflict_not_declared: m.review_error_not_cleared,
	proposal_not_in_review: m.review_error_not_in_review,
	criterion_unknown: m.review_error_gone,
	score_invalid: m.review_error_score,
	decision_invalid: m.decision_error_pick,
	feedback_required: m.decision_error_feedback,
	proposal_status_illegal: m.decision_error_illegal
};

/** A refused review write as a text for the form. */
export function reviewProblem(e: unknown): string {
	if (!(e instanceof DataError) || e.kind === 'unavailable' || e.kind === 'bug') {
		if (e instanceof DataError) throwHttp(e);
		throw e;
	}
	const key = reviewRefusal(e);
	const known = key ? TEXTS[key] : undefined;
	if (known) return known();
	// A score outside 0–5 (scores_score_range) or a comment too long, refused by a constraint.
	if (e.code === '23514' && /scores_score_range/.test(e.message)) return m.review_error_score();
	if (e.code === '23514' && /scores_comment_length/.test(e.message))
		return m.review_error_comment();
	if (e.code === '23514' && /proposals_feedback_length/.test(e.message)) {
		return m.decision_error_feedback_long();
	}
	return e.kind === 'forbidden' ? m.review_error_forbidden() : m.review_error_generic();
}
