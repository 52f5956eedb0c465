// What a refused board write means to the hub member who tried it (issue 14): the functions raise
// with a message key (partnershipRefusal: 'partnership_stage_stale', …); each has a text in
// messages/*.json, and the field it belongs to when it is about one. The data service being down,
// or a bug, is not the form's business: rethrown.
import { m } from '$lib/paraglide/messages.js';
import { DataError, throwHttp } from '$lib/server/errors';
import { partnershipRefusal, type PartnershipRefusal } from '$lib/server/db/partnerships';

const TEXTS: Record<PartnershipRefusal, () => string> = {
	not_signed_in: m.board_error_forbidden,
	not_hub_staff: m.board_error_forbidden,
	partnership_unknown: m.board_error_gone,
	partnership_stage_illegal: m.board_error_illegal,
	partnership_stage_stale: m.board_error_stale,
	partnership_reason_required: m.board_error_reason,
	partnership_note_required: m.board_error_note,
	partnership_due_without_step: m.board_error_due_without_step,
	partnership_owner_not_hub: m.board_error_owner
};

/** The field of the form a refusal is about, when it is about one. */
const FIELDS: Partial<Record<PartnershipRefusal, string>> = {
	partnership_reason_required: 'reason',
	partnership_note_required: 'note',
	partnership_due_without_step: 'next_step',
	partnership_owner_not_hub: 'owner'
};

/** A refused board write as a text for the form, and the field it belongs to (if any). */
export function partnershipProblem(e: unknown): { text: string; field: string | null } {
	if (!(e instanceof DataError) || e.kind === 'unavailable' || e.kind === 'bug') {
		if (e instanceof DataError) throwHttp(e);
		throw e;
	}
	const key = partnershipRefusal(e);
	if (key) return { text: TEXTS[key](), field: FIELDS[key] ?? null };
	// A text longer than a column allows, refused by a constraint.
	if (e.code === '23514' && /partnerships_next_step_length/.test(e.message)) {
		return { text: m.board_error_step_long({ max: 500 }), field: 'next_step' };
	}
	if (e.code === '23514' && /partnerships_closed_reason_length/.test(e.message)) {
		return { text: m.board_error_note_long({ max: 1000 }), field: 'reason' };
	}
	if (e.code === '23514' && /partnership_events_note_length/.test(e.message)) {
		return { text: m.board_error_note_long({ max: 5000 }), field: 'note' };
	}
	return {
		text: e.kind === 'forbidden' ? m.board_error_forbidden() : m.board_error_generic(),
		field: null
	};
}
