// The review board's rules that the page applies (issue 13, docs/collaboration.md). The totals,
// progress and disagreement flags themselves are computed by the database (review_board(), pgTAP
// 06_review); here: the order of the proposals, how progress is worded, and the feedback a
// decision starts from (drafted from the rubric's comments, edited by the city).

/** A criterion as the board and the proposal page carry it. */
export interface Criterion {
	id: string;
	position: number;
	name: string;
	weight: number;
	description?: string;
}

export interface BoardCriterionSummary {
	id: string;
	/** Mean of the counted reviewers' scores (0–5), null when nobody scored it. */
	mean: number | null;
	count: number;
	/** Two reviewers' scores differ by 2 or more. */
	disagreement: boolean;
}

export interface BoardProposal {
	id: string;
	vendor: string;
	status: 'submitted' | 'shortlisted' | 'declined' | 'selected';
	version: number;
	submitted_at: string;
	/** The caller's own declaration on it (null: not declared yet). */
	declaration: { conflicted: boolean } | null;
	/** The caller declared no conflict: the summary below is filled in. */
	cleared: boolean;
	/** Weighted total 0–100 (mean over complete reviews); null when none or not cleared. */
	total: number | null;
	complete_reviews: number | null;
	criteria: BoardCriterionSummary[] | null;
	disagreement: boolean | null;
}

export interface BoardReviewer {
	id: string;
	name: string | null;
	declared: number;
	cleared: number;
	scored: number;
}

export interface Board {
	challenge: {
		id: string;
		slug: string;
		title: string;
		status: string;
		deadline: string | null;
		organisation_id: string;
	};
	me: { admin: boolean; reviewer: boolean };
	criteria: Criterion[];
	reviewers: BoardReviewer[];
	proposals: BoardProposal[];
}

export const BOARD_SORTS = ['score', 'vendor'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

/** The sort of the URL (?sort=vendor), score by default. */
export function boardSort(value: string | null): BoardSort {
	return (BOARD_SORTS as readonly string[]).includes(value ?? '') ? (value as BoardSort) : 'score';
}

/**
 * Proposals by weighted total, highest first; those without a total (not scored fully, or not
 * readable to the caller) after them; ties and the rest by vendor name. Or by vendor name.
 */
export function sortProposals(proposals: BoardProposal[], by: BoardSort): BoardProposal[] {
	const byName = (a: BoardProposal, b: BoardProposal) =>
		a.vendor.localeCompare(b.vendor) || a.id.localeCompare(b.id);
	if (by === 'vendor') return [...proposals].sort(byName);
	return [...proposals].sort((a, b) => {
		if (a.total === null && b.total === null) return byName(a, b);
		if (a.total === null) return 1;
		if (b.total === null) return -1;
		return b.total - a.total || byName(a, b);
	});
}

/** A reviewer's progress as numbers: proposals fully scored, of those they are cleared for. */
export function progress(r: Pick<BoardReviewer, 'scored' | 'cleared'>): {
	scored: number;
	of: number;
	done: boolean;
} {
	return { scored: r.scored, of: r.cleared, done: r.cleared > 0 && r.scored >= r.cleared };
}

/** One score with its comment, as the proposal page reads them. */
export interface RubricScore {
	reviewer_id: string;
	criterion_id: string;
	score: number;
	comment: string;
}

/**
 * The feedback a decision starts from: per criterion (in order) its name and the reviewers'
 * comments, one line each; criteria without comments are left out. Scores stay out: the vendor
 * reads the feedback, and the scores are the city's.
 */
export function feedbackFromRubric(criteria: Criterion[], scores: RubricScore[]): string {
	const lines: string[] = [];
	for (const c of [...criteria].sort((a, b) => a.position - b.position)) {
		const comments = scores
			.filter((s) => s.criterion_id === c.id)
			.map((s) => s.comment.trim())
			.filter((s) => s.length > 0);
		const unique = [...new Set(comments)];
		if (unique.length > 0) lines.push(`${c.name}: ${unique.join(' ')}`);
	}
	return lines.join('\n');
}

/** The fields of a submitted version (proposal_versions.content). */
export interface VersionContent {
	title: string;
	summary: string;
	approach: string;
	pilot_plan: string;
	cost_estimate: number | null;
	currency: string | null;
	timeline: string;
	client_references: string;
	links: string[];
}
