import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	challengeFormSchema,
	criteriaArg,
	deadlineField,
	deadlineInstant,
	filledCriteria,
	FIXED_WHEN_OPEN,
	LIMITS,
	lifecycleActions,
	LIFECYCLE_TARGET,
	toChallengeArgs,
	weightTotal
} from './manage-forms';
import { STATUSES } from './vocabulary';

const valid = {
	city: '8f14e45f-ceea-467a-9575-8f0b1c2d3e4f',
	title: '  Flood sensors  ',
	summary: 'Sensors that warn of flash floods.',
	description: '## Background',
	domain: 'environment',
	kind: 'challenge',
	language: 'en',
	priority_areas: ['climate-resilience'],
	expected_outcomes: '',
	budget_min: '1000',
	budget_max: '2500.50',
	currency: 'eur',
	deadline: '2027-03-31T23:59',
	contact_name: '',
	contact_email: '',
	criterion_name: ['Fit', 'Cost', ''],
	criterion_description: ['How well it fits', '', ''],
	criterion_weight: ['60', '40', '']
};

/** The messages of a failed parse, by path. */
function issues(input: Record<string, unknown>) {
	const r = challengeFormSchema.safeParse(input);
	expect(r.success).toBe(false);
	return r.success
		? {}
		: Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('the challenge form', () => {
	it('accepts a complete challenge, trims, upper-cases the currency, skips blank criteria rows', () => {
		const r = challengeFormSchema.safeParse(valid);
		expect(r.success).toBe(true);
		if (!r.success) return;
		expect(r.data.title).toBe('Flood sensors');
		expect(r.data.currency).toBe('EUR');
		expect(criteriaArg(r.data)).toEqual([
			{ name: 'Fit', description: 'How well it fits', weight: 60 },
			{ name: 'Cost', description: '', weight: 40 }
		]);
		expect(toChallengeArgs(r.data)).toMatchObject({
			budget_min: 1000,
			budget_max: 2500.5,
			currency: 'EUR',
			deadline: '2027-03-31T23:59:00.000Z',
			expected_outcomes: undefined,
			contact_email: undefined
		});
	});

	it('refuses weights that do not total 100, next to the criteria, with the total', () => {
		const found = issues({ ...valid, criterion_weight: ['50', '40', ''] });
		expect(found['criterion_weight']).toBe('The weights total 90; they must total 100.');
	});

	it('refuses a weight that is not a whole number from 1 to 100, next to its row', () => {
		expect(Object.keys(issues({ ...valid, criterion_weight: ['60.5', '39.5', ''] }))).toEqual(
			expect.arrayContaining(['criterion_weight.0', 'criterion_weight.1'])
		);
		expect(issues({ ...valid, criterion_weight: ['0', '100', ''] })['criterion_weight.0']).toBe(
			'A weight is a whole number from 1 to 100.'
		);
		expect(issues({ ...valid, criterion_weight: ['abc', '100', ''] })).toHaveProperty(
			'criterion_weight.0'
		);
	});

	it('allows no criteria at all on a draft, but not more than the database takes', () => {
		expect(
			challengeFormSchema.safeParse({
				...valid,
				criterion_name: [],
				criterion_description: [],
				criterion_weight: []
			}).success
		).toBe(true);
		const n = LIMITS.criteria + 1;
		const many = {
			...valid,
			criterion_name: Array.from({ length: n }, (_, i) => `Criterion ${i}`),
			criterion_description: Array.from({ length: n }, () => ''),
			criterion_weight: Array.from({ length: n }, (_, i) => (i < 20 ? '5' : '0'))
		};
		expect(issues(many)['criterion_weight']).toBe('At most 20 criteria.');
	});

	it('keeps the limits of the database constraints', () => {
		const sql = readFileSync('supabase/migrations/20261203000000_baseline.sql', 'utf8');
		const core = readFileSync('supabase/migrations/20261207000000_collaboration_core.sql', 'utf8');
		expect(sql).toContain(
			`challenges_title_length check (char_length(btrim(title)) between ${LIMITS.title.min} and ${LIMITS.title.max})`
		);
		expect(sql).toContain(
			`challenges_summary_length check (char_length(btrim(summary)) between ${LIMITS.summary.min} and ${LIMITS.summary.max})`
		);
		expect(sql).toContain(`char_length(description) <= ${LIMITS.description}`);
		expect(sql).toContain(`char_length(expected_outcomes) <= ${LIMITS.expectedOutcomes}`);
		expect(sql).toContain(`cardinality(priority_areas) <= ${LIMITS.priorityAreas}`);
		expect(sql).toContain(
			`char_length(contact_name) between ${LIMITS.contactName.min} and ${LIMITS.contactName.max}`
		);
		expect(sql).toContain(`char_length(contact_email) <= ${LIMITS.contactEmail}`);
		expect(sql).toContain(`budget_min numeric(${LIMITS.budgetDigits + 2}, 2)`);
		expect(core).toContain(
			`char_length(btrim(name)) between ${LIMITS.criterionName.min} and ${LIMITS.criterionName.max}`
		);
		expect(core).toContain(`char_length(description) <= ${LIMITS.criterionDescription}`);
		expect(core).toContain(`position between 1 and ${LIMITS.criteria}`);
	});

	it('refuses an over-long title (201 characters) and accepts 200', () => {
		expect(issues({ ...valid, title: 'x'.repeat(201) })['title']).toBe(
			'Write a title of 3 to 200 characters.'
		);
		expect(challengeFormSchema.safeParse({ ...valid, title: 'x'.repeat(200) }).success).toBe(true);
	});

	it('refuses an unknown-looking currency, a budget without currency, min above max, a bad amount', () => {
		expect(issues({ ...valid, currency: 'EURO' })).toHaveProperty('currency');
		expect(issues({ ...valid, currency: '' })['currency']).toBe(
			'Choose the currency of the budget.'
		);
		expect(issues({ ...valid, budget_min: '3000' })['budget_max']).toBe(
			'The maximum cannot be less than the minimum.'
		);
		expect(issues({ ...valid, budget_min: '1,000' })).toHaveProperty('budget_min');
		expect(issues({ ...valid, budget_min: '1'.repeat(LIMITS.budgetDigits + 1) })).toHaveProperty(
			'budget_min'
		);
	});

	it('refuses a malformed mailbox, language or deadline; a short contact name', () => {
		expect(issues({ ...valid, contact_email: 'desk@' })).toHaveProperty('contact_email');
		expect(issues({ ...valid, language: 'English' })).toHaveProperty('language');
		expect(issues({ ...valid, deadline: '31/03/2027' })).toHaveProperty('deadline');
		expect(issues({ ...valid, contact_name: 'A' })).toHaveProperty('contact_name');
	});
});

describe('criteria and deadlines', () => {
	it('totals whole weights only, and drops blank rows', () => {
		expect(weightTotal(['60', ' 40 ', '', 'x', '2.5'])).toBe(100);
		expect(
			filledCriteria([
				{ name: '', description: '', weight: '' },
				{ name: 'A', description: '', weight: '' }
			])
		).toHaveLength(1);
	});

	it('reads a datetime-local value as UTC and writes one back', () => {
		expect(deadlineInstant('2027-03-31T23:59')).toBe('2027-03-31T23:59:00.000Z');
		expect(deadlineInstant('2027-03-31T23:59:00+08:00')).toBe('2027-03-31T15:59:00.000Z');
		expect(deadlineInstant('')).toBeNull();
		expect(deadlineField('2027-03-31T15:59:00+00:00')).toBe('2027-03-31T15:59');
	});
});

describe('the lifecycle buttons', () => {
	// The database's list (private.challenge_status_transition_allowed), read from the baseline.
	const sql = readFileSync('supabase/migrations/20261203000000_baseline.sql', 'utf8');
	const list =
		/create function private\.challenge_status_transition_allowed\([\s\S]*?\$\$([\s\S]*?)\$\$/.exec(
			sql
		)![1]!;
	const legal = [...list.matchAll(/\('(\w+)'(?:::public\.challenge_status)?, '(\w+)'/g)].map(
		([, from, to]) => `${from}→${to}`
	);

	it('offers exactly the legal transitions of each status', () => {
		expect(legal).toHaveLength(8);
		for (const status of STATUSES) {
			const offered = [
				...new Set(lifecycleActions(status).map((a) => `${status}→${LIFECYCLE_TARGET[a].status}`))
			].sort();
			expect(offered, status).toEqual(legal.filter((t) => t.startsWith(`${status}→`)).sort());
		}
	});

	it('fixes city, kind, domain, language, budget and deadline once open', () => {
		expect([...FIXED_WHEN_OPEN].sort()).toEqual(
			[
				'budget_max',
				'budget_min',
				'city',
				'currency',
				'deadline',
				'domain',
				'kind',
				'language'
			].sort()
		);
	});
});
