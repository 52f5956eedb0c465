// The proposal form of one challenge (issue 13, item 4; docs/collaboration.md § Proposals), for
// members of a vendor organisation: write and save a draft (autosave with JavaScript, "Save draft"
// without), submit, edit and resubmit while the challenge is open, withdraw. The database decides
// (the functions and the guard trigger); a refusal is shown next to the form with everything the
// member typed. The page is private (a signed-in member's view: never cached for others).
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import {
	PROPOSAL_LIMITS,
	proposalSchema,
	toProposalForm,
	toProposalInput,
	type ProposalForm
} from '$lib/domain/proposals/forms';
import { canWithdraw } from '$lib/domain/proposals/state';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { requireUser } from '$lib/server/auth/guard';
import { activeMembership, myMemberships } from '$lib/server/db/memberships';
import {
	proposalChallenge,
	proposalFieldErrors,
	proposalFor,
	proposalVersions,
	saveProposalDraft,
	submitProposal,
	updateSubmittedProposal,
	withdrawProposal,
	type Proposal
} from '$lib/server/db/proposals';
import { DataError, dataOrThrow, throwHttp, type Refusal } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** What an action says above the form; savedAt tells the autosave status line when. */
export interface ProposalMessage {
	kind: 'error' | 'success' | 'info';
	text: string;
	savedAt?: string;
}

type Form = SuperValidated<ProposalForm, ProposalMessage>;

/** The challenge of the URL, the vendor organisation the member writes for, and its proposal. */
async function context(event: RequestEvent<{ slug: string }>) {
	requireUser(event);
	const db = event.locals.supabase;
	const [challenge, memberships] = await Promise.all([
		proposalChallenge(db, event.params.slug, getLocale()),
		myMemberships(db)
	]);
	if (!challenge) error(404, { message: 'Not found' });
	// The organisation the member acts for when it is a vendor, else their first vendor one.
	const active = activeMembership(memberships);
	const vendor =
		active?.kind === 'vendor' ? active : (memberships.find((x) => x.kind === 'vendor') ?? null);
	const proposal = vendor ? await proposalFor(db, challenge.id, vendor.organisation_id) : null;
	return { db, challenge, vendor, proposal };
}

async function currencies(event: RequestEvent) {
	return dataOrThrow(
		await event.locals.supabase.from('currencies').select('code, name').order('code')
	);
}

export const load: PageServerLoad = async (event) => {
	const { db, challenge, vendor, proposal } = await context(event);
	const live = proposal && proposal.status !== 'withdrawn' ? proposal : null;
	const [versions, currencyList] = await Promise.all([
		live && live.version > 0 ? proposalVersions(db, live.id) : Promise.resolve([]),
		currencies(event)
	]);
	const form = await superValidate(
		live ? toProposalForm(live) : { intent: 'save' as const },
		zod4(proposalSchema),
		{ errors: false }
	);
	return {
		challenge,
		organisation: vendor ? { id: vendor.organisation_id, name: vendor.name } : null,
		proposal: proposal
			? {
					id: proposal.id,
					status: proposal.status,
					version: proposal.version,
					submitted_at: proposal.submitted_at,
					updated_at: proposal.updated_at,
					withdrawn_at: proposal.withdrawn_at,
					feedback: proposal.feedback,
					decided_at: proposal.decided_at
				}
			: null,
		versions,
		currencies: currencyList,
		now: Date.now(),
		form
	};
};

const REFUSAL_TEXT: Partial<Record<Refusal, () => string>> = {
	deadline_passed: m.proposal_refused_deadline_passed,
	challenge_not_open: m.proposal_refused_challenge_not_open,
	challenge_unknown: m.proposal_refused_gone,
	proposal_unknown: m.proposal_refused_gone,
	proposal_final: m.proposal_refused_final,
	proposal_status_illegal: m.proposal_refused_final,
	proposal_already_submitted: m.proposal_refused_already_submitted,
	proposal_not_submitted: m.proposal_refused_generic,
	proposal_incomplete: m.proposal_refused_incomplete,
	proposal_vendor_only: m.proposal_refused_forbidden,
	proposal_organisation_required: m.proposal_refused_forbidden,
	not_member: m.proposal_refused_forbidden,
	not_signed_in: m.proposal_refused_forbidden
};

/** A constraint's field in words, next to the field. */
function fieldText(field: string): string {
	switch (field) {
		case 'cost_estimate':
			return m.proposal_error_cost();
		case 'currency':
			return m.proposal_error_currency();
		case 'links':
			return m.proposal_error_link();
		default: {
			const max = PROPOSAL_LIMITS[field as keyof typeof PROPOSAL_LIMITS];
			return typeof max === 'number'
				? m.proposal_error_too_long({ max })
				: m.proposal_refused_generic();
		}
	}
}

/** A refused write back to the form: next to its field, or above the form; the text stays. */
function refused(form: Form, e: unknown) {
	if (!(e instanceof DataError) || e.kind === 'unavailable' || e.kind === 'bug') {
		if (e instanceof DataError) throwHttp(e);
		throw e;
	}
	const fields = Object.keys(proposalFieldErrors(e));
	if (fields.length > 0) {
		for (const f of fields) setError(form, f as 'title', fieldText(f));
		return message(form, { kind: 'error', text: m.proposal_error_form() }, { status: 400 });
	}
	const text = (e.refusal && REFUSAL_TEXT[e.refusal]) || m.proposal_refused_generic;
	return message(form, { kind: 'error', text: text() }, { status: e.status === 409 ? 409 : 400 });
}

export const actions: Actions = {
	/** Save the draft (also the autosave's target), submit it, or save a submitted one's changes. */
	save: async (event) => {
		const { db, challenge, vendor, proposal } = await context(event);
		const form = await superValidate<ProposalForm, ProposalMessage>(
			event.request,
			zod4(proposalSchema)
		);
		if (!form.valid) {
			return message(form, { kind: 'error', text: m.proposal_error_form() }, { status: 400 });
		}
		if (!vendor)
			return message(form, { kind: 'error', text: m.proposal_need_vendor() }, { status: 403 });
		const input = toProposalInput(form.data);
		const live = proposal && proposal.status !== 'withdrawn' ? proposal : null;
		let saved: Proposal;
		try {
			if (form.data.intent === 'submit' && live?.status === 'submitted') {
				// The second request of a double-clicked submit (without JavaScript the browser sends
				// both): the submission stands, once.
				saved = await submitProposal(db, live.id);
				return message(form, {
					kind: 'success',
					text: m.proposal_submitted({ version: saved.version }),
					savedAt: saved.updated_at
				});
			}
			if (form.data.intent === 'update') {
				if (!live) {
					return message(form, { kind: 'error', text: m.proposal_refused_gone() }, { status: 404 });
				}
				const before = live.version;
				saved = await updateSubmittedProposal(db, live.id, input);
				return message(form, {
					kind: 'success',
					text:
						saved.version > before
							? m.proposal_updated({ version: saved.version })
							: m.proposal_unchanged({ version: saved.version }),
					savedAt: saved.updated_at
				});
			}
			saved = await saveProposalDraft(db, challenge.id, vendor.organisation_id, input);
			if (form.data.intent === 'submit') {
				saved = await submitProposal(db, saved.id);
				return message(form, {
					kind: 'success',
					text: m.proposal_submitted({ version: saved.version }),
					savedAt: saved.updated_at
				});
			}
		} catch (e) {
			return refused(form, e);
		}
		return message(form, {
			kind: 'success',
			text: m.proposal_saved_draft(),
			savedAt: saved.updated_at
		});
	},

	/** First asks to confirm (without JavaScript too), then withdraws. */
	withdraw: async (event) => {
		const { db, proposal } = await context(event);
		const data = await event.request.formData();
		if (!proposal || !canWithdraw(proposal.status)) {
			return fail(409, { withdraw: { kind: 'error' as const, text: m.proposal_refused_final() } });
		}
		if (data.get('confirm') !== 'yes') return { confirmWithdraw: true };
		try {
			await withdrawProposal(db, proposal.id);
		} catch (e) {
			if (!(e instanceof DataError) || e.kind === 'unavailable' || e.kind === 'bug') {
				if (e instanceof DataError) throwHttp(e);
				throw e;
			}
			const text = (e.refusal && REFUSAL_TEXT[e.refusal]) || m.proposal_refused_generic;
			return fail(409, { withdraw: { kind: 'error' as const, text: text() } });
		}
		return { withdraw: { kind: 'success' as const, text: m.proposal_withdrawn() } };
	}
};
