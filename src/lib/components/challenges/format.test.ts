import { describe, expect, it } from 'vitest';
import { budget, deadlineState, formatDate, formatDeadline, formatMoney } from './format';

const now = Date.parse('2026-03-10T12:00:00Z');

describe('deadlineState', () => {
	it('has no deadline when none is set or the date is invalid', () => {
		expect(deadlineState(null, now)).toEqual({ state: 'none' });
		expect(deadlineState('not a date', now)).toEqual({ state: 'none' });
	});
	it('is closed once the deadline has passed', () => {
		expect(deadlineState('2026-03-10T11:59:59Z', now)).toEqual({ state: 'closed' });
		expect(deadlineState('2026-03-10T12:00:00Z', now)).toEqual({ state: 'closed' });
	});
	it('closes today when the deadline is later the same UTC day', () => {
		expect(deadlineState('2026-03-10T23:00:00Z', now)).toEqual({ state: 'today' });
	});
	it('counts whole calendar days', () => {
		expect(deadlineState('2026-03-11T00:30:00Z', now)).toEqual({ state: 'days', days: 1 });
		expect(deadlineState('2026-03-22T09:00:00Z', now)).toEqual({ state: 'days', days: 12 });
	});
});

describe('formatting', () => {
	it('prints money without decimals in the locale', () => {
		expect(formatMoney(250000, 'EUR', 'en')).toBe('€250,000');
		expect(formatMoney(1000, 'XYZ', 'en')).toContain('1,000');
	});
	it('prints a date in UTC', () => {
		expect(formatDate('2026-03-22T23:30:00Z', 'en')).toBe('Mar 22, 2026');
		expect(formatDate('2026-03-22T23:30:00Z', 'zh')).toBe('2026年3月22日');
	});

	it('prints a deadline with its time and says it is UTC', () => {
		expect(formatDeadline('2026-03-22T23:30:00Z', 'en')).toBe('Mar 22, 2026, 23:30 UTC');
		expect(formatDeadline(null, 'en')).toBe('');
		expect(formatDate(null, 'en')).toBe('');
	});
	it('formats budget ranges and open ends', () => {
		expect(budget(100000, 250000, 'EUR', 'en')).toEqual({
			kind: 'range',
			text: '€100,000 – €250,000'
		});
		expect(budget(null, 50000, 'USD', 'en')).toEqual({ kind: 'upTo', max: '$50,000' });
		expect(budget(5000, null, 'USD', 'en')).toEqual({ kind: 'from', min: '$5,000' });
		expect(budget(null, null, null, 'en')).toEqual({ kind: 'none' });
	});
});
