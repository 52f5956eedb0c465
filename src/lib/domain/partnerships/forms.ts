// The partnership board's forms (issue 14): a stage move (with an optional note), closing (with a
// required reason), the next step and its due date, the owner, a working note; and the board's
// filters, read from the URL. The database repeats each limit (partnerships_next_step_length 500,
// partnerships_closed_reason_length 1000, partnership_events_note_length 5000, a reason to close,
// a step for a due date), so no path around these forms can break them.
import { z } from 'zod';
import { DOMAINS, type Domain } from '$lib/domain/challenges/vocabulary';
import { m } from '$lib/paraglide/messages.js';
import { STAGES, isStage, type Stage } from './stages';

export const NOTE_MAX = 5000;
export const MOVE_NOTE_MAX = 2000;
export const REASON_MAX = 1000;
export const NEXT_STEP_MAX = 500;

const stage = z.enum(STAGES, { error: () => m.board_error_stage() });

/** A move to another stage (next, previous, reopen), from the stage the form was shown at. */
export const moveSchema = z.object({
	stage,
	expected: stage,
	note: z
		.string()
		.trim()
		.max(MOVE_NOTE_MAX, { error: () => m.board_error_note_long({ max: MOVE_NOTE_MAX }) })
		.default('')
});

/** Closing, with the reason (visible to the city and the vendor). */
export const closeSchema = z.object({
	expected: stage,
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.board_error_reason() })
		.max(REASON_MAX, { error: () => m.board_error_note_long({ max: REASON_MAX }) })
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The next step and its due date (both blank: cleared). */
export const nextStepSchema = z
	.object({
		next_step: z
			.string()
			.trim()
			.max(NEXT_STEP_MAX, { error: () => m.board_error_step_long({ max: NEXT_STEP_MAX }) })
			.default(''),
		due: z
			.string()
			.trim()
			.refine((v) => v === '' || (DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), {
				error: () => m.board_error_due()
			})
			.default('')
	})
	.superRefine((v, ctx) => {
		if (v.next_step === '' && v.due !== '') {
			ctx.addIssue({
				code: 'custom',
				path: ['next_step'],
				message: m.board_error_due_without_step()
			});
		}
	});

/** The owner: a hub member's id, or '' to leave it unassigned. */
export const ownerSchema = z.object({
	owner: z.union([z.uuid({ error: () => m.board_error_owner() }), z.literal('')]).default('')
});

/** A working note (hub staff only). */
export const noteSchema = z.object({
	note: z
		.string()
		.trim()
		.min(1, { error: () => m.board_error_note() })
		.max(NOTE_MAX, { error: () => m.board_error_note_long({ max: NOTE_MAX }) })
});

/** The board's filters (GET form, the URL holds them); values that make no sense are dropped. */
export interface BoardFilters {
	city: string | null;
	domain: Domain | null;
	stage: Stage | null;
	/** A hub member's id, or 'none' for the unassigned. */
	owner: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseBoardFilters(params: URLSearchParams): BoardFilters {
	const city = params.get('city') ?? '';
	const domain = params.get('domain') ?? '';
	const stageValue = params.get('stage') ?? '';
	const owner = params.get('owner') ?? '';
	return {
		city: UUID.test(city) ? city.toLowerCase() : null,
		domain: (DOMAINS as readonly string[]).includes(domain) ? (domain as Domain) : null,
		stage: isStage(stageValue) ? stageValue : null,
		owner: owner === 'none' ? 'none' : UUID.test(owner) ? owner.toLowerCase() : null
	};
}
