import { describe, expect, it } from 'vitest';
import { canEdit, canWithdraw, proposalMode, proposalWindow } from './state';

const now = Date.parse('2026-12-07T12:00:00Z');

describe('proposalWindow', () => {
	it('is accepting while open and before the deadline', () => {
		expect(proposalWindow('open', '2026-12-07T12:00:01Z', now)).toBe('accepting');
		expect(proposalWindow('open', null, now)).toBe('accepting');
	});
	it('closes at the deadline itself', () => {
		expect(proposalWindow('open', '2026-12-07T12:00:00Z', now)).toBe('deadline_passed');
		expect(proposalWindow('open', '2026-12-01T00:00:00Z', now)).toBe('deadline_passed');
	});
	it('is closed for any other status', () => {
		for (const s of ['in_review', 'decided', 'archived', 'draft', 'withdrawn']) {
			expect(proposalWindow(s, '2027-01-01T00:00:00Z', now)).toBe('closed');
		}
	});
});

describe('proposalMode and what it allows', () => {
	it('maps each status', () => {
		expect(proposalMode(null)).toBe('new');
		expect(proposalMode('draft')).toBe('draft');
		expect(proposalMode('submitted')).toBe('submitted');
		expect(proposalMode('withdrawn')).toBe('withdrawn');
		expect(proposalMode('shortlisted')).toBe('decided');
		expect(proposalMode('declined')).toBe('decided');
		expect(proposalMode('selected')).toBe('decided');
	});
	it('edits only while accepting and not decided', () => {
		expect(canEdit('draft', 'accepting')).toBe(true);
		expect(canEdit('submitted', 'accepting')).toBe(true);
		expect(canEdit('submitted', 'deadline_passed')).toBe(false);
		expect(canEdit('decided', 'accepting')).toBe(false);
	});
	it('withdraws before a decision', () => {
		expect(canWithdraw('shortlisted')).toBe(true);
		expect(canWithdraw('declined')).toBe(false);
		expect(canWithdraw('withdrawn')).toBe(false);
		expect(canWithdraw(null)).toBe(false);
	});
});
