// The challenge management forms (issue 13, item 1; docs/collaboration.md#challenge-management):
// one zod schema for the create and edit forms, the criteria rules and the lifecycle's buttons.
// The limits are the database's (challenges_* and challenge_criteria_* constraints, the functions
// of 20261207000100_challenge_management.sql), so a path around the form meets the same rules.
// Messages are functions: each parse speaks the language of the request that runs it.
//
// No transforms (superforms derives the form's defaults from a JSON schema): every field stays a
// string as typed (budgets, weights, the deadline), so a refused form gives back exactly what the
// official wrote; toChallengeArgs() turns a valid form into the database's values.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import {
	DOMAINS,
	KINDS,
	PRIORITY_AREAS,
	type Outcome,
	type Status
} from '$lib/domain/challenges/vocabulary';

/** The database's limits (constraints), mirrored. */
export const LIMITS = {
	title: { min: 3, max: 200 },
	summary: { min: 10, max: 600 },
	description: 20000,
	expectedOutcomes: 5000,
	priorityAreas: 8,
	contactName: { min: 2, max: 200 },
	contactEmail: 254,
	criteria: 20,
	criterionName: { min: 2, max: 120 },
	criterionDescription: 1000,
	/** numeric(16, 2): 14 digits before the point. */
	budgetDigits: 14
} as const;

/** Rows of the criteria editor without JavaScript: the saved ones plus this many blank rows. */
export const BLANK_CRITERIA_ROWS = 2;

/** More rows than anyone needs (blank ones included) is a forged request. */
const MAX_ROWS = 60;
/** A whole weight from 1 to 100. */
const WEIGHT = /^\d{1,3}$/;
const AMOUNT = new RegExp(`^\\d{1,${LIMITS.budgetDigits}}(\\.\\d{1,2})?$`);
/** An <input type="datetime-local"> value (read as UTC) or a full ISO instant (a kept deadline). */
const DEADLINE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** The database's challenges_contact_email_format. */
const EMAIL = /^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i;

const textBetween = (min: number, max: number, error: () => string) =>
	z.string().trim().min(min, { error }).max(max, { error });
const optionalText = (max: number, error: () => string) =>
	z.string().trim().max(max, { error }).default('');

/** A criterion row as the editor holds it; blank rows (no name, no weight) are dropped. */
export interface CriterionRow {
	name: string;
	description: string;
	weight: string;
}

/** The rows that are not blank, in order. */
export function filledCriteria(rows: CriterionRow[]): CriterionRow[] {
	return rows.filter(
		(r) => r.name.trim() !== '' || r.weight.trim() !== '' || r.description.trim() !== ''
	);
}

/** The total of the weights typed so far (what is not a whole number counts 0). */
export function weightTotal(weights: readonly string[]): number {
	return weights.reduce((sum, w) => sum + (WEIGHT.test(w.trim()) ? Number(w.trim()) : 0), 0);
}

/** The editor's parallel lists as rows (a form without JavaScript sends one list per column). */
export function criteriaRows(form: {
	criterion_name: string[];
	criterion_description: string[];
	criterion_weight: string[];
}): CriterionRow[] {
	const n = Math.max(
		form.criterion_name.length,
		form.criterion_description.length,
		form.criterion_weight.length
	);
	return Array.from({ length: n }, (_, i) => ({
		name: form.criterion_name[i] ?? '',
		description: form.criterion_description[i] ?? '',
		weight: form.criterion_weight[i] ?? ''
	}));
}

export const challengeFormSchema = z
	.object({
		// z.guid: the seed's ids are md5-derived (8-4-4-4-12 hex, not RFC 9562 versions).
		city: z.guid({ error: () => m.manage_ch_error_city() }),
		title: textBetween(LIMITS.title.min, LIMITS.title.max, () =>
			m.manage_ch_error_title({ min: LIMITS.title.min, max: LIMITS.title.max })
		),
		summary: textBetween(LIMITS.summary.min, LIMITS.summary.max, () =>
			m.manage_ch_error_summary({ min: LIMITS.summary.min, max: LIMITS.summary.max })
		),
		description: z
			.string()
			.max(LIMITS.description, {
				error: () => m.manage_ch_error_too_long({ max: LIMITS.description })
			})
			.default(''),
		domain: z.enum(DOMAINS, { error: () => m.manage_ch_error_domain() }),
		kind: z.enum(KINDS, { error: () => m.manage_ch_error_kind() }).default('challenge'),
		language: z
			.string()
			.trim()
			.regex(LANGUAGE, { error: () => m.manage_ch_error_language() })
			.default('en'),
		priority_areas: z.array(z.enum(PRIORITY_AREAS)).max(LIMITS.priorityAreas).default([]),
		expected_outcomes: optionalText(LIMITS.expectedOutcomes, () =>
			m.manage_ch_error_too_long({ max: LIMITS.expectedOutcomes })
		),
		budget_min: z
			.string()
			.trim()
			.regex(new RegExp(`(${AMOUNT.source})|^$`), { error: () => m.manage_ch_error_amount() })
			.default(''),
		budget_max: z
			.string()
			.trim()
			.regex(new RegExp(`(${AMOUNT.source})|^$`), { error: () => m.manage_ch_error_amount() })
			.default(''),
		currency: z
			.string()
			.trim()
			.toUpperCase()
			.regex(/^([A-Z]{3})?$/, { error: () => m.manage_ch_error_currency() })
			.default(''),
		deadline: z
			.string()
			.trim()
			.regex(new RegExp(`(${DEADLINE.source})|^$`), { error: () => m.manage_ch_error_deadline() })
			.default(''),
		contact_name: z
			.string()
			.trim()
			.refine(
				(v) =>
					v === '' || (v.length >= LIMITS.contactName.min && v.length <= LIMITS.contactName.max),
				{
					error: () => m.manage_ch_error_contact_name()
				}
			)
			.default(''),
		contact_email: z
			.string()
			.trim()
			.max(LIMITS.contactEmail, { error: () => m.auth_error_email() })
			.regex(new RegExp(`(${EMAIL.source})|^$`, 'i'), { error: () => m.auth_error_email() })
			.default(''),
		// One list per column of the criteria editor (a form without JavaScript sends them so).
		criterion_name: z.array(z.string()).max(MAX_ROWS).default([]),
		criterion_description: z.array(z.string()).max(MAX_ROWS).default([]),
		criterion_weight: z.array(z.string()).max(MAX_ROWS).default([])
	})
	.superRefine((v, ctx) => {
		if (v.budget_min && v.budget_max && Number(v.budget_min) > Number(v.budget_max)) {
			ctx.addIssue({
				code: 'custom',
				path: ['budget_max'],
				message: m.manage_ch_error_budget_range()
			});
		}
		if ((v.budget_min || v.budget_max) && !v.currency) {
			ctx.addIssue({
				code: 'custom',
				path: ['currency'],
				message: m.manage_ch_error_currency_needed()
			});
		}
		const rows = criteriaRows(v);
		const filled = rows.filter((r) => filledCriteria([r]).length > 0);
		if (filled.length > LIMITS.criteria) {
			ctx.addIssue({
				code: 'custom',
				path: ['criterion_weight'],
				message: m.manage_ch_error_criteria_count({ max: LIMITS.criteria })
			});
		}
		rows.forEach((r, i) => {
			if (filledCriteria([r]).length === 0) return;
			const name = r.name.trim();
			if (name.length < LIMITS.criterionName.min || name.length > LIMITS.criterionName.max) {
				ctx.addIssue({
					code: 'custom',
					path: ['criterion_name', i],
					message: m.manage_ch_error_criterion_name({
						min: LIMITS.criterionName.min,
						max: LIMITS.criterionName.max
					})
				});
			}
			if (r.description.length > LIMITS.criterionDescription) {
				ctx.addIssue({
					code: 'custom',
					path: ['criterion_description', i],
					message: m.manage_ch_error_too_long({ max: LIMITS.criterionDescription })
				});
			}
			const w = r.weight.trim();
			if (!WEIGHT.test(w) || Number(w) < 1 || Number(w) > 100) {
				ctx.addIssue({
					code: 'custom',
					path: ['criterion_weight', i],
					message: m.manage_ch_error_weight()
				});
			}
		});
		const total = weightTotal(filled.map((r) => r.weight));
		if (filled.length > 0 && total !== 100) {
			ctx.addIssue({
				code: 'custom',
				path: ['criterion_weight'],
				message: m.manage_ch_error_criteria_total({ total })
			});
		}
	});
export type ChallengeFormInput = z.output<typeof challengeFormSchema>;

/** The form's fields that name a column of public.challenges (for the database's field errors). */
export const CHALLENGE_FIELDS = [
	'city',
	'title',
	'summary',
	'description',
	'domain',
	'kind',
	'language',
	'priority_areas',
	'expected_outcomes',
	'budget_min',
	'budget_max',
	'currency',
	'deadline',
	'contact_name',
	'contact_email'
] as const;

/** Fixed once the challenge is open (docs/collaboration.md#challenge-management). */
export const FIXED_WHEN_OPEN = [
	'city',
	'kind',
	'domain',
	'language',
	'budget_min',
	'budget_max',
	'currency',
	'deadline'
] as const satisfies readonly (typeof CHALLENGE_FIELDS)[number][];

/** A deadline field's value as an instant: a datetime-local value is read as UTC. */
export function deadlineInstant(value: string): string | null {
	if (!value) return null;
	const iso = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
	const t = Date.parse(iso);
	return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** An instant as a datetime-local value in UTC (minutes), for the form. */
export function deadlineField(iso: string | null): string {
	return iso ? new Date(iso).toISOString().slice(0, 16) : '';
}

/** The criteria as the database function takes them (weights as numbers). */
export function criteriaArg(form: ChallengeFormInput) {
	return filledCriteria(criteriaRows(form)).map((r) => ({
		name: r.name.trim(),
		description: r.description.trim(),
		weight: Number(r.weight.trim())
	}));
}

/**
 * A valid form as the arguments of create_challenge / update_challenge (without the ids). An empty
 * optional field is left out: the function's default is "none" (null).
 */
export function toChallengeArgs(form: ChallengeFormInput) {
	const amount = (v: string) => (v === '' ? undefined : Number(v));
	return {
		city: form.city,
		title: form.title,
		summary: form.summary,
		description: form.description,
		domain: form.domain,
		kind: form.kind,
		language: form.language,
		priority_areas: form.priority_areas,
		expected_outcomes: form.expected_outcomes || undefined,
		budget_min: amount(form.budget_min),
		budget_max: amount(form.budget_max),
		currency: form.currency || undefined,
		deadline: deadlineInstant(form.deadline) ?? undefined,
		contact_name: form.contact_name || undefined,
		contact_email: form.contact_email.toLowerCase() || undefined,
		criteria: criteriaArg(form)
	};
}

export const extendDeadlineSchema = z.object({
	deadline: z
		.string()
		.trim()
		.regex(DEADLINE, { error: () => m.manage_ch_error_deadline() })
});

export const LIFECYCLE_ACTIONS = [
	'publish',
	'review',
	'award',
	'close_without_award',
	'archive',
	'withdraw'
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** What each action asks of the database: the status it moves to (and the outcome). */
export const LIFECYCLE_TARGET: Record<LifecycleAction, { status: Status; outcome?: Outcome }> = {
	publish: { status: 'open' },
	review: { status: 'in_review' },
	award: { status: 'decided', outcome: 'awarded' },
	close_without_award: { status: 'decided', outcome: 'not_awarded' },
	archive: { status: 'archived' },
	withdraw: { status: 'withdrawn' }
};

/**
 * The lifecycle buttons a challenge in `status` shows: exactly the database's legal transitions
 * (private.challenge_status_transition_allowed), each once.
 */
export function lifecycleActions(status: Status): LifecycleAction[] {
	switch (status) {
		case 'draft':
			return ['publish', 'withdraw'];
		case 'open':
			return ['review', 'award', 'close_without_award', 'withdraw'];
		case 'in_review':
			return ['award', 'close_without_award', 'withdraw'];
		case 'decided':
			return ['archive'];
		default:
			return [];
	}
}

export const lifecycleSchema = z.object({
	action: z.enum(LIFECYCLE_ACTIONS),
	/** The withdraw button asks first; the confirmation page sends confirm=yes. */
	confirm: z.enum(['yes', '']).default('')
});

/** Whether a challenge in `status` can be edited at all (texts, and criteria while allowed). */
export function editable(status: Status): boolean {
	return status === 'draft' || status === 'open';
}
