import { describe, expect, it } from 'vitest';
import { acceptsProposals, takePart } from '$lib/domain/challenges/take-part';

const now = Date.parse('2026-12-03T12:00:00Z');

describe('what a challenge page invites a visitor to do', () => {
	it('invites proposals while open and before the deadline, or with none', () => {
		expect(takePart('open', null, '2026-12-04T00:00:00Z', now)).toBe('open');
		expect(takePart('open', null, null, now)).toBe('open');
		expect(acceptsProposals('open')).toBe(true);
	});

	it('stops inviting at the deadline, even before the city moves the challenge on', () => {
		expect(takePart('open', null, '2026-12-03T12:00:00Z', now)).toBe('deadline_passed');
		expect(takePart('open', null, '2026-06-01T00:00:00Z', now)).toBe('deadline_passed');
		expect(acceptsProposals('deadline_passed')).toBe(false);
	});

	it('says what came of a decided or archived challenge', () => {
		expect(takePart('in_review', null, '2026-06-01T00:00:00Z', now)).toBe('in_review');
		expect(takePart('decided', 'awarded', null, now)).toBe('awarded');
		expect(takePart('decided', 'not_awarded', null, now)).toBe('not_awarded');
		expect(takePart('archived', 'awarded', null, now)).toBe('archived_awarded');
		expect(takePart('archived', 'not_awarded', null, now)).toBe('archived_not_awarded');
		expect(takePart('archived', null, null, now)).toBe('archived');
		for (const s of ['in_review', 'awarded', 'not_awarded', 'archived'] as const) {
			expect(acceptsProposals(s)).toBe(false);
		}
	});
});
