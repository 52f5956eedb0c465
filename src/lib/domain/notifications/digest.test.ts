import { describe, expect, it } from 'vitest';
import { groupByUser, oneByOne, textParams, type ClaimedNotification } from './digest';
import { notificationText } from './text';

const row = (id: string, user: string, at: string, locale = 'en'): ClaimedNotification => ({
	id,
	user_id: user,
	email: `${user}@example.test`,
	display_name: user,
	locale,
	kind: 'question_answered',
	challenge_id: null,
	params: { title: `T${id}` },
	link: '/challenges/x',
	created_at: at
});

describe('digest grouping', () => {
	it('one batch per user, items oldest first, the language of the user', () => {
		const batches = groupByUser([
			row('3', 'b', '2026-12-07T10:00:00Z', 'zh'),
			row('2', 'a', '2026-12-07T09:00:00Z'),
			row('1', 'a', '2026-12-07T08:00:00Z'),
			row('4', 'b', '2026-12-07T07:00:00Z', 'zh')
		]);
		expect(batches.map((b) => [b.userId, b.locale, b.items.map((i) => i.id)])).toEqual([
			['b', 'zh', ['4', '3']],
			['a', 'en', ['1', '2']]
		]);
	});

	it('an unknown language is English; nothing in, nothing out', () => {
		expect(groupByUser([row('1', 'a', '2026-12-07T08:00:00Z', 'fr')])[0]!.locale).toBe('en');
		expect(groupByUser([])).toEqual([]);
	});

	it('immediate delivery: one batch per notification', () => {
		const batches = oneByOne([
			row('1', 'a', '2026-12-07T08:00:00Z'),
			row('2', 'a', '2026-12-07T09:00:00Z')
		]);
		expect(batches.map((b) => b.items.map((i) => i.id))).toEqual([['1'], ['2']]);
	});

	it('text parameters keep strings only', () => {
		expect(textParams({ title: 'A', n: 3, nested: { x: 1 } })).toEqual({ title: 'A' });
		expect(textParams(null)).toEqual({});
		expect(textParams(['a'])).toEqual({});
	});
});

describe('notification text', () => {
	it('words each kind in the reader language', () => {
		expect(notificationText('question_answered', { title: 'Leaks' }, 'en')).toBe(
			'A question on “Leaks” was answered.'
		);
		expect(
			notificationText('status_changed', { title: 'Leaks', status: 'in_review' }, 'en')
		).toContain('Leaks');
		expect(
			notificationText('proposal_decided', { title: 'Leaks', status: 'shortlisted' }, 'en')
		).toContain('shortlisted');
		expect(
			notificationText(
				'deadline_extended',
				{ title: 'Leaks', deadline: '2027-01-08T23:59:00Z' },
				'en'
			)
		).toContain('2027');
		expect(
			notificationText('saved_search_match', { title: 'Leaks', search: 'Water' }, 'zh')
		).toContain('Water');
	});
});
