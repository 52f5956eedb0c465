import { describe, expect, it, vi } from 'vitest';
import {
	budget,
	budgetUsd,
	formatUsd,
	formatUsdExact,
	deadlineState,
	formatDate,
	formatDeadline,
	formatDeadlineIn,
	formatMoney,
	countryName
} from '$lib/components/challenges/format';

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
	it("prints a deadline in the city's own time, with its offset that day", () => {
		// 16:59 UTC is 23:59 in Da Nang (UTC+7, no daylight saving)
		expect(formatDeadlineIn('2027-01-08T16:59:00Z', 'en', 'Asia/Ho_Chi_Minh')).toEqual({
			time: 'Jan 8, 2027, 23:59',
			offset: 'UTC+7'
		});
		// 02:30 UTC on the 9th is still the 8th in Curitiba (UTC-3)
		expect(formatDeadlineIn('2027-01-09T02:30:00Z', 'en', 'America/Sao_Paulo')).toEqual({
			time: 'Jan 8, 2027, 23:30',
			offset: 'UTC-3'
		});
		// daylight saving: Lisbon is GMT in winter, GMT+1 in summer
		expect(formatDeadlineIn('2027-01-15T12:00:00Z', 'en', 'Europe/Lisbon')?.offset).toBe('UTC+0');
		expect(formatDeadlineIn('2027-07-15T12:00:00Z', 'en', 'Europe/Lisbon')).toEqual({
			time: 'Jul 15, 2027, 13:00',
			offset: 'UTC+1'
		});
		expect(formatDeadlineIn('2027-01-08T16:59:00Z', 'zh', 'Asia/Shanghai')?.time).toBe(
			'2027年1月9日 00:59'
		);
		expect(formatDeadlineIn('2027-01-08T16:59:00Z', 'en', 'Asia/Kolkata')?.offset).toBe('UTC+5:30');
	});

	it('gives no local time without a zone, for UTC itself, or for a zone Intl does not know', () => {
		expect(formatDeadlineIn('2027-01-08T16:59:00Z', 'en', null)).toBeNull();
		expect(formatDeadlineIn(null, 'en', 'Asia/Dubai')).toBeNull();
		expect(formatDeadlineIn('not a date', 'en', 'Asia/Dubai')).toBeNull();
		expect(formatDeadlineIn('2027-01-08T16:59:00Z', 'en', 'UTC')).toBeNull();
		expect(formatDeadlineIn('2027-01-08T16:59:00Z', 'en', 'Etc/UTC')).toBeNull();
		expect(formatDeadlineIn('2027-01-08T16:59:00Z', 'en', 'Mars/Olympus')).toBeNull();
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

	it('keeps formatters apart by locale, currency and zone when reusing them', () => {
		const at = '2027-01-08T16:59:00Z';
		// alternating calls: a reused formatter must never answer for another key
		for (let i = 0; i < 2; i++) {
			expect(formatMoney(1000, 'EUR', 'en')).toBe('€1,000');
			expect(formatMoney(1000, 'USD', 'en')).toBe('$1,000');
			expect(formatMoney(1000, 'EUR', 'zh')).toBe('€1,000');
			expect(formatMoney(1000, 'EURO', 'en')).toBe('1,000 EURO');
			expect(formatDeadlineIn(at, 'en', 'Asia/Bangkok')?.offset).toBe('UTC+7');
			expect(formatDeadlineIn(at, 'en', 'Europe/Paris')?.offset).toBe('UTC+1');
			expect(countryName('MY', 'en')).toBe('Malaysia');
			expect(countryName('MY', 'zh')).toBe('马来西亚');
		}
	});
});

describe('budgets in US dollars', () => {
	it('rounds a converted amount to two significant digits, with the code', () => {
		expect(formatUsd(79_000, 'en')).toBe('USD\u00a079,000');
		expect(formatUsd(1_234_567, 'en')).toBe('USD\u00a01,200,000');
		expect(formatUsd(55_440.5, 'en')).toBe('USD\u00a055,000');
		expect(formatUsd(79_000, 'zh')).toMatch(/^USD\s?79,000$/);
	});
	it('keeps the typed bounds of the filter whole', () => {
		expect(formatUsdExact(250_000, 'en')).toBe('USD\u00a0250,000');
	});
	it('words a range, one end or nothing, like the local budget', () => {
		expect(budgetUsd(11_000, 26_400, 'MYR', 'en')).toEqual({
			kind: 'range',
			text: 'USD\u00a011,000 – USD\u00a026,000'
		});
		expect(budgetUsd(79_000, 79_000, 'VND', 'en')).toEqual({
			kind: 'range',
			text: 'USD\u00a079,000'
		});
		expect(budgetUsd(11_000, null, 'MYR', 'en')).toEqual({ kind: 'from', min: 'USD\u00a011,000' });
		expect(budgetUsd(null, 26_400, 'MYR', 'en')).toEqual({ kind: 'upTo', max: 'USD\u00a026,000' });
		expect(budgetUsd(null, null, 'MYR', 'en')).toEqual({ kind: 'none' });
	});
	it('says nothing more for a budget in dollars already', () => {
		expect(budgetUsd(100_000, 200_000, 'USD', 'en')).toEqual({ kind: 'none' });
	});
	it('builds each formatter once per locale', () => {
		const spy = vi.spyOn(Intl, 'NumberFormat');
		formatUsd(1, 'en');
		formatUsd(2, 'en');
		formatUsd(3, 'en');
		expect(spy).not.toHaveBeenCalled();
		spy.mockRestore();
	});
});
