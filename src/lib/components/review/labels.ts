import { m } from '$lib/paraglide/messages.js';

/** A proposal's status in words. */
export function proposalStatusLabel(status: string): string {
	switch (status) {
		case 'submitted':
			return m.review_status_submitted();
		case 'shortlisted':
			return m.review_status_shortlisted();
		case 'declined':
			return m.review_status_declined();
		case 'selected':
			return m.review_status_selected();
		case 'withdrawn':
			return m.review_status_withdrawn();
		default:
			return status;
	}
}

/** A partnership's stage in words. */
export function partnershipStageLabel(stage: string): string {
	switch (stage) {
		case 'matched':
			return m.partnership_stage_matched();
		case 'intro':
			return m.partnership_stage_intro();
		case 'pilot':
			return m.partnership_stage_pilot();
		case 'contract':
			return m.partnership_stage_contract();
		case 'deployed':
			return m.partnership_stage_deployed();
		case 'closed':
			return m.partnership_stage_closed();
		default:
			return stage;
	}
}
