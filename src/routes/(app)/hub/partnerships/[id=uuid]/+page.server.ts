// One partnership for hub staff (issue 14): its stage with the moves allowed from it (one step
// forward or back, close with a reason, reopen to the stage it was closed from), the next step and
// its due date, the owner, working notes, and the whole history. Each form works without
// JavaScript; the database refuses anyone but hub staff and any other move.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { partnershipStageLabel } from '$lib/components/review/labels';
import {
	closeSchema,
	moveSchema,
	nextStepSchema,
	noteSchema,
	ownerSchema
} from '$lib/domain/partnerships/forms';
import { canClose, nextStage, previousStage, reopenStage } from '$lib/domain/partnerships/stages';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { AuthMessage } from '$lib/server/auth/form-result';
import { requireHubStaff } from '$lib/server/auth/guard';
import {
	addNote,
	hubStaffList,
	movePartnership,
	partnershipById,
	partnershipEvents,
	setNextStep,
	setOwner
} from '$lib/server/db/partnerships';
import { partnershipProblem } from '$lib/server/partnership-problems';
import type { Actions, PageServerLoad } from './$types';

/** Hub staff only; the partnership of the URL (404 when there is none). */
async function context(event: RequestEvent<{ id: string }>) {
	const { db } = await requireHubStaff(event);
	const partnership = await partnershipById(db, event.params.id, getLocale());
	if (!partnership) error(404, { message: 'Not found' });
	return { db, partnership };
}

export const load: PageServerLoad = async (event) => {
	const { db, partnership } = await context(event);
	const [events, staff] = await Promise.all([
		partnershipEvents(db, partnership.id),
		hubStaffList(db)
	]);
	const moves = [
		nextStage(partnership.stage),
		previousStage(partnership.stage),
		partnership.stage === 'closed' ? reopenStage(events) : null
	].filter((s) => s !== null);
	return {
		partnership,
		events,
		staff,
		moves,
		closable: canClose(partnership.stage),
		// The first move offered (the next stage, else back, else reopen) is chosen to begin with.
		move: await superValidate(
			{ stage: moves[0] ?? partnership.stage, expected: partnership.stage, note: '' },
			zod4(moveSchema),
			{ id: 'move', errors: false }
		),
		close: await superValidate({ expected: partnership.stage, reason: '' }, zod4(closeSchema), {
			id: 'close',
			errors: false
		}),
		nextStep: await superValidate(
			{ next_step: partnership.next_step ?? '', due: partnership.next_step_due ?? '' },
			zod4(nextStepSchema),
			{ id: 'next-step', errors: false }
		),
		owner: await superValidate({ owner: partnership.owner_id ?? '' }, zod4(ownerSchema), {
			id: 'owner',
			errors: false
		}),
		note: await superValidate(zod4(noteSchema), { id: 'note', errors: false })
	};
};

export const actions: Actions = {
	move: async (event) => {
		const { db, partnership } = await context(event);
		const form = await superValidate<typeof moveSchema._output, AuthMessage>(
			event.request,
			zod4(moveSchema),
			{ id: 'move' }
		);
		if (!form.valid) return fail(400, { move: form });
		try {
			await movePartnership(
				db,
				partnership.id,
				form.data.stage,
				form.data.expected,
				form.data.note
			);
		} catch (e) {
			const p = partnershipProblem(e);
			if (p.field === 'note') return setError(form, 'note', p.text);
			return message(form, { kind: 'error', text: p.text }, { status: 400 });
		}
		form.data.note = '';
		return message(form, {
			kind: 'success',
			text: m.board_moved({ stage: partnershipStageLabel(form.data.stage) })
		});
	},

	close: async (event) => {
		const { db, partnership } = await context(event);
		const form = await superValidate<typeof closeSchema._output, AuthMessage>(
			event.request,
			zod4(closeSchema),
			{ id: 'close' }
		);
		if (!form.valid) return fail(400, { close: form });
		try {
			await movePartnership(db, partnership.id, 'closed', form.data.expected, form.data.reason);
		} catch (e) {
			const p = partnershipProblem(e);
			if (p.field === 'reason' || p.field === 'note') return setError(form, 'reason', p.text);
			return message(form, { kind: 'error', text: p.text }, { status: 400 });
		}
		form.data.reason = '';
		return message(form, { kind: 'success', text: m.board_closed_done() });
	},

	nextStep: async (event) => {
		const { db, partnership } = await context(event);
		const form = await superValidate<typeof nextStepSchema._output, AuthMessage>(
			event.request,
			zod4(nextStepSchema),
			{ id: 'next-step' }
		);
		if (!form.valid) return fail(400, { nextStep: form });
		try {
			await setNextStep(db, partnership.id, form.data.next_step, form.data.due);
		} catch (e) {
			const p = partnershipProblem(e);
			if (p.field === 'next_step') return setError(form, 'next_step', p.text);
			return message(form, { kind: 'error', text: p.text }, { status: 400 });
		}
		return message(form, {
			kind: 'success',
			text: form.data.next_step ? m.board_step_saved() : m.board_step_cleared()
		});
	},

	owner: async (event) => {
		const { db, partnership } = await context(event);
		const form = await superValidate<typeof ownerSchema._output, AuthMessage>(
			event.request,
			zod4(ownerSchema),
			{ id: 'owner' }
		);
		if (!form.valid) return fail(400, { owner: form });
		try {
			await setOwner(db, partnership.id, form.data.owner);
		} catch (e) {
			const p = partnershipProblem(e);
			if (p.field === 'owner') return setError(form, 'owner', p.text);
			return message(form, { kind: 'error', text: p.text }, { status: 400 });
		}
		return message(form, { kind: 'success', text: m.board_owner_saved() });
	},

	note: async (event) => {
		const { db, partnership } = await context(event);
		const form = await superValidate<typeof noteSchema._output, AuthMessage>(
			event.request,
			zod4(noteSchema),
			{ id: 'note' }
		);
		if (!form.valid) return fail(400, { note: form });
		try {
			await addNote(db, partnership.id, form.data.note);
		} catch (e) {
			const p = partnershipProblem(e);
			if (p.field === 'note') return setError(form, 'note', p.text);
			return message(form, { kind: 'error', text: p.text }, { status: 400 });
		}
		form.data.note = '';
		return message(form, { kind: 'success', text: m.board_note_saved() });
	}
};
