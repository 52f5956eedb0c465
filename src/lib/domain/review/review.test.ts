import { describe, expect, it } from 'vitest';
import {
	boardSort,
	feedbackFromRubric,
	progress,
	sortProposals,
	type BoardProposal
} from './board';
import { decisionSchema, parseDeclarationForm, parseScoreForm } from './forms';

const proposal = (vendor: string, total: number | null): BoardProposal => ({
	id: `id-${vendor}`,
	vendor,
	status: 'submitted',
	version: 1,
	submitted_at: '2026-12-01T00:00:00Z',
	declaration: { conflicted: false },
	cleared: true,
	total,
	complete_reviews: total === null ? 0 : 1,
	criteria: [],
	disagreement: false
});

describe('sorting the board', () => {
	const list = [
		proposal('Beta', 55),
		proposal('Alpha', null),
		proposal('Gamma', 80),
		proposal('Delta', 55)
	];

	it('by weighted total, highest first, unscored last, ties by vendor', () => {
		expect(sortProposals(list, 'score').map((p) => p.vendor)).toEqual([
			'Gamma',
			'Beta',
			'Delta',
			'Alpha'
		]);
	});
	it('by vendor name', () => {
		expect(sortProposals(list, 'vendor').map((p) => p.vendor)).toEqual([
			'Alpha',
			'Beta',
			'Delta',
			'Gamma'
		]);
	});
	it('reads the sort from the URL, score by default', () => {
		expect(boardSort('vendor')).toBe('vendor');
		expect(boardSort(null)).toBe('score');
		expect(boardSort('nonsense')).toBe('score');
	});
});

describe('progress', () => {
	it('is fully scored of cleared, done only when all are scored', () => {
		expect(progress({ scored: 3, cleared: 7 })).toEqual({ scored: 3, of: 7, done: false });
		expect(progress({ scored: 2, cleared: 2 })).toEqual({ scored: 2, of: 2, done: true });
		expect(progress({ scored: 0, cleared: 0 }).done).toBe(false);
	});
});

describe('feedback from the rubric', () => {
	const criteria = [
		{ id: 'c2', position: 2, name: 'Cost', weight: 40 },
		{ id: 'c1', position: 1, name: 'Impact', weight: 60 }
	];
	it('lists each criterion’s comments in order, without scores or empty comments', () => {
		const text = feedbackFromRubric(criteria, [
			{ reviewer_id: 'r1', criterion_id: 'c2', score: 1, comment: 'Too expensive.' },
			{ reviewer_id: 'r1', criterion_id: 'c1', score: 5, comment: 'Citywide reach.' },
			{ reviewer_id: 'r2', criterion_id: 'c1', score: 4, comment: ' ' },
			{ reviewer_id: 'r2', criterion_id: 'c2', score: 2, comment: 'Too expensive.' }
		]);
		expect(text).toBe('Impact: Citywide reach.\nCost: Too expensive.');
		expect(text).not.toMatch(/\d/);
	});
	it('is empty without comments', () => {
		expect(feedbackFromRubric(criteria, [])).toBe('');
	});
});

describe('the score form', () => {
	const form = (entries: Record<string, string>) => {
		const f = new FormData();
		for (const [k, v] of Object.entries(entries)) f.set(k, v);
		return f;
	};
	it('accepts whole numbers 0–5 with comments', () => {
		const r = parseScoreForm(
			form({ 'score.a': '0', 'comment.a': ' fine ', 'score.b': '5', 'comment.b': '' }),
			['a', 'b']
		);
		expect(r.errors).toEqual({});
		expect(r.scores).toEqual([
			{ criterion: 'a', score: 0, comment: 'fine' },
			{ criterion: 'b', score: 5, comment: '' }
		]);
	});
	it('refuses 6, -1, 2.5, empty and an over-long comment, next to each field, keeping what was typed', () => {
		const long = 'x'.repeat(2001);
		const r = parseScoreForm(
			form({
				'score.a': '6',
				'score.b': '-1',
				'score.c': '2.5',
				'score.d': '',
				'score.e': '3',
				'comment.e': long
			}),
			['a', 'b', 'c', 'd', 'e']
		);
		expect(Object.keys(r.errors).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(r.errors.a?.score).toBeTruthy();
		expect(r.errors.e).toEqual({ comment: expect.any(String) });
		expect(r.values.score.a).toBe('6');
		expect(r.values.comment.e).toBe(long);
	});
});

describe('the declarations form', () => {
	it('takes the answered ones and leaves the others for later', () => {
		const f = new FormData();
		f.set('conflict.p1', 'yes');
		f.set('statement.p1', 'My cousin.');
		const r = parseDeclarationForm(f, ['p1', 'p2']);
		expect(r.errors).toEqual({});
		expect(r.declarations).toEqual([{ proposal: 'p1', conflicted: true, statement: 'My cousin.' }]);
	});
	it('asks for an answer when nothing was answered, or only a statement', () => {
		expect(Object.keys(parseDeclarationForm(new FormData(), ['p1', 'p2']).errors)).toEqual([
			'p1',
			'p2'
		]);
		const f = new FormData();
		f.set('statement.p1', 'Hmm');
		expect(parseDeclarationForm(f, ['p1']).errors.p1?.conflicted).toBeTruthy();
	});
});

describe('the decision form', () => {
	it('requires a decision and feedback of at most 5000 characters', () => {
		expect(decisionSchema.safeParse({ decision: 'shortlisted', feedback: 'Good' }).success).toBe(
			true
		);
		expect(decisionSchema.safeParse({ decision: 'withdrawn', feedback: 'Good' }).success).toBe(
			false
		);
		expect(decisionSchema.safeParse({ decision: 'declined', feedback: '  ' }).success).toBe(false);
		expect(
			decisionSchema.safeParse({ decision: 'declined', feedback: 'x'.repeat(5001) }).success
		).toBe(false);
	});
});
