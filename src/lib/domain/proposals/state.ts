// What the proposal page offers, from the challenge and the organisation's proposal (pure rules;
// the database enforces the same with the guard trigger, at the moment of each write).

export type ProposalStatus =
	'draft' | 'submitted' | 'shortlisted' | 'declined' | 'selected' | 'withdrawn';

/** Whether the challenge takes proposals now: open, and before its deadline. */
export type Window = 'accepting' | 'deadline_passed' | 'closed';

export function proposalWindow(status: string, deadline: string | null, now: number): Window {
	if (status !== 'open') return 'closed';
	if (deadline !== null && Date.parse(deadline) <= now) return 'deadline_passed';
	return 'accepting';
}

/**
 * Which form the page shows: a new or draft proposal (save, autosave, submit), a submitted one
 * (edit and resubmit, withdraw), a decided one (status and feedback, nothing to change), or a
 * withdrawn one (a fresh form while the window is open).
 */
export type ProposalMode = 'new' | 'draft' | 'submitted' | 'decided' | 'withdrawn';

export function proposalMode(status: ProposalStatus | null): ProposalMode {
	switch (status) {
		case null:
			return 'new';
		case 'draft':
			return 'draft';
		case 'submitted':
			return 'submitted';
		case 'withdrawn':
			return 'withdrawn';
		default:
			return 'decided';
	}
}

/** Whether the form may be edited and sent (the database decides in the end). */
export function canEdit(mode: ProposalMode, window: Window): boolean {
	return window === 'accepting' && mode !== 'decided';
}

/** Whether the vendor may withdraw (any time before a decision, the deadline notwithstanding). */
export function canWithdraw(status: ProposalStatus | null): boolean {
	return status === 'draft' || status === 'submitted' || status === 'shortlisted';
}
