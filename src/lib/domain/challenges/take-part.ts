import type { Outcome, PublicStatus } from '$lib/domain/challenges/vocabulary';

/**
 * What a challenge page may honestly invite a visitor to do, from the challenge's status, its
 * outcome and its deadline (proposals close at the deadline even before the city moves the
 * challenge on to review).
 */
export type TakePart =
	| 'open'
	| 'deadline_passed'
	| 'in_review'
	| 'awarded'
	| 'not_awarded'
	| 'archived'
	| 'archived_awarded'
	| 'archived_not_awarded';

export function takePart(
	status: PublicStatus,
	outcome: Outcome | null,
	deadline: string | null,
	now: number
): TakePart {
	switch (status) {
		case 'open':
			return deadline !== null && Date.parse(deadline) <= now ? 'deadline_passed' : 'open';
		case 'in_review':
			return 'in_review';
		case 'decided':
			return outcome === 'awarded' ? 'awarded' : 'not_awarded';
		case 'archived':
			if (outcome === 'awarded') return 'archived_awarded';
			if (outcome === 'not_awarded') return 'archived_not_awarded';
			return 'archived';
	}
}

/** Whether the page may still invite questions and proposals. */
export function acceptsProposals(state: TakePart): boolean {
	return state === 'open';
}
