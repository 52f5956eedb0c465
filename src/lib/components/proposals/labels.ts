// Words and tones for a proposal's status (both languages through paraglide).
import type { ProposalStatus } from '$lib/domain/proposals/state';
import { m } from '$lib/paraglide/messages.js';

export const proposalStatusLabel: Record<ProposalStatus, () => string> = {
	draft: m.proposal_status_draft,
	submitted: m.proposal_status_submitted,
	shortlisted: m.proposal_status_shortlisted,
	declined: m.proposal_status_declined,
	selected: m.proposal_status_selected,
	withdrawn: m.proposal_status_withdrawn
};

/** Badge tones (Badge.svelte) that read right for each status. */
type Tone = 'neutral' | 'in_review' | 'open' | 'not_awarded' | 'awarded' | 'archived';

export const proposalStatusTone: Record<ProposalStatus, Tone> = {
	draft: 'neutral',
	submitted: 'in_review',
	shortlisted: 'open',
	declined: 'not_awarded',
	selected: 'awarded',
	withdrawn: 'archived'
};
