// The review forms' rules (issue 13): a score per criterion, conflict declarations, the decision,
// assigning a reviewer. The database repeats each limit (scores_score_range 0–5, comment ≤ 2000,
// statement ≤ 2000, feedback ≤ 5000 and required), so no path around these forms can break them.
// The score and declaration forms have one field per criterion or proposal, so they are read from
// FormData by name (score.<criterion id>, conflict.<proposal id>) and checked with these schemas;
// errors go next to each field and every value typed comes back.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

export const SCORE_MIN = 0;
export const SCORE_MAX = 5;
export const COMMENT_MAX = 2000;
export const STATEMENT_MAX = 2000;
export const FEEDBACK_MAX = 5000;

/** One criterion's score: a whole number 0–5 (required) and an optional comment. */
export const scoreSchema = z.object({
	score: z
		.string()
		.trim()
		.min(1, { error: () => m.review_error_score() })
		.regex(/^\d+$/, { error: () => m.review_error_score() })
		.transform(Number)
		.pipe(
			z
				.number()
				.int()
				.min(SCORE_MIN, { error: () => m.review_error_score() })
				.max(SCORE_MAX, { error: () => m.review_error_score() })
		),
	comment: z
		.string()
		.trim()
		.max(COMMENT_MAX, { error: () => m.review_error_comment() })
});

export interface ScoreFormValues {
	score: Record<string, string>;
	comment: Record<string, string>;
}
export interface ScoreFormResult {
	values: ScoreFormValues;
	errors: Record<string, { score?: string; comment?: string }>;
	scores: { criterion: string; score: number; comment: string }[];
}

const text = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');

/** Reads the score form (score.<id>, comment.<id> for each criterion) and checks every field. */
export function parseScoreForm(form: FormData, criterionIds: string[]): ScoreFormResult {
	const values: ScoreFormValues = { score: {}, comment: {} };
	const errors: ScoreFormResult['errors'] = {};
	const scores: ScoreFormResult['scores'] = [];
	for (const id of criterionIds) {
		const raw = { score: text(form.get(`score.${id}`)), comment: text(form.get(`comment.${id}`)) };
		values.score[id] = raw.score;
		values.comment[id] = raw.comment;
		const parsed = scoreSchema.safeParse(raw);
		if (parsed.success) {
			scores.push({ criterion: id, score: parsed.data.score, comment: parsed.data.comment });
		} else {
			const e: { score?: string; comment?: string } = {};
			for (const issue of parsed.error.issues) {
				const field = issue.path[0] === 'comment' ? 'comment' : 'score';
				e[field] ??= issue.message;
			}
			errors[id] = e;
		}
	}
	return { values, errors, scores };
}

/** One declaration: conflicted or not (required), and a statement (optional, ≤ 2000). */
export const declarationSchema = z.object({
	conflicted: z.enum(['yes', 'no'], { error: () => m.review_error_declare() }),
	statement: z
		.string()
		.trim()
		.max(STATEMENT_MAX, { error: () => m.review_error_statement() })
});

export interface DeclarationFormResult {
	values: Record<string, { conflicted: string; statement: string }>;
	errors: Record<string, { conflicted?: string; statement?: string }>;
	declarations: { proposal: string; conflicted: boolean; statement: string }[];
}

/**
 * Reads the declarations form (conflict.<proposal id> = yes | no, statement.<proposal id>) for the
 * proposals still to declare; a proposal left unanswered is simply not declared yet, unless
 * nothing at all was answered (then each asks for an answer).
 */
export function parseDeclarationForm(form: FormData, proposalIds: string[]): DeclarationFormResult {
	const values: DeclarationFormResult['values'] = {};
	const errors: DeclarationFormResult['errors'] = {};
	const declarations: DeclarationFormResult['declarations'] = [];
	for (const id of proposalIds) {
		const raw = {
			conflicted: text(form.get(`conflict.${id}`)),
			statement: text(form.get(`statement.${id}`))
		};
		values[id] = raw;
		if (raw.conflicted === '' && raw.statement.trim() === '') continue;
		const parsed = declarationSchema.safeParse(raw);
		if (parsed.success) {
			declarations.push({
				proposal: id,
				conflicted: parsed.data.conflicted === 'yes',
				statement: parsed.data.statement
			});
		} else {
			const e: { conflicted?: string; statement?: string } = {};
			for (const issue of parsed.error.issues) {
				const field = issue.path[0] === 'statement' ? 'statement' : 'conflicted';
				e[field] ??= issue.message;
			}
			errors[id] = e;
		}
	}
	if (declarations.length === 0 && Object.keys(errors).length === 0) {
		for (const id of proposalIds) errors[id] = { conflicted: m.review_error_declare() };
	}
	return { values, errors, declarations };
}

export const DECISIONS = ['shortlisted', 'declined', 'selected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The decision on a proposal: shortlist, decline or select, with feedback for the vendor. */
export const decisionSchema = z.object({
	decision: z.enum(DECISIONS, { error: () => m.decision_error_pick() }),
	feedback: z
		.string()
		.trim()
		.min(1, { error: () => m.decision_error_feedback() })
		.max(FEEDBACK_MAX, { error: () => m.decision_error_feedback_long() })
});

/** A member of the owning organisation to assign as a reviewer (or to unassign). */
export const reviewerSchema = z.object({
	reviewer: z.uuid({ error: () => m.review_error_pick_reviewer() })
});
