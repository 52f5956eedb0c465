import { describe, expect, it } from 'vitest';
import {
	canClose,
	isStage,
	nextStage,
	previousStage,
	reopenStage,
	type StageEvent
} from './stages';

describe('partnership stages', () => {
	it('moves one step forward and back along the path', () => {
		expect(nextStage('matched')).toBe('intro');
		expect(nextStage('contract')).toBe('deployed');
		expect(nextStage('deployed')).toBeNull();
		expect(nextStage('closed')).toBeNull();
		expect(previousStage('intro')).toBe('matched');
		expect(previousStage('deployed')).toBe('contract');
		expect(previousStage('matched')).toBeNull();
		expect(previousStage('closed')).toBeNull();
	});

	it('closes active partnerships only', () => {
		expect(['matched', 'intro', 'pilot', 'contract'].every((s) => canClose(s as never))).toBe(true);
		expect(canClose('deployed')).toBe(false);
		expect(canClose('closed')).toBe(false);
	});

	it('reopens to the stage it was last closed from', () => {
		const ev = (
			id: number,
			at: string,
			from: StageEvent['from_stage'],
			to: StageEvent['to_stage']
		) => ({
			id,
			at,
			kind: 'stage',
			from_stage: from,
			to_stage: to
		});
		expect(reopenStage([])).toBe('matched');
		expect(
			reopenStage([
				ev(1, '2026-01-01T00:00:00Z', 'intro', 'closed'),
				ev(2, '2026-01-02T00:00:00Z', 'closed', 'intro'),
				ev(3, '2026-01-03T00:00:00Z', 'intro', 'pilot'),
				ev(4, '2026-01-04T00:00:00Z', 'pilot', 'closed')
			])
		).toBe('pilot');
		// same time: the later event (higher id) wins
		expect(
			reopenStage([
				ev(5, '2026-01-04T00:00:00Z', 'contract', 'closed'),
				ev(4, '2026-01-04T00:00:00Z', 'pilot', 'closed')
			])
		).toBe('contract');
	});

	it('knows its stages', () => {
		expect(isStage('pilot')).toBe(true);
		expect(isStage('won')).toBe(false);
	});
});
