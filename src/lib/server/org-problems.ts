// What a refused organisation write means to the person who tried it: the database functions
// raise with a message key (DataError.refusal: 'last_admin', …); each has a text in
// messages/*.json. A refusal this map does not know reads as the generic "did not work".
import { m } from '$lib/paraglide/messages.js';
import {
	DataError,
	fieldErrors,
	throwHttp,
	type FieldRule,
	type Refusal
} from '$lib/server/errors';

const TEXTS: Partial<Record<Refusal, () => string>> = {
	last_admin: m.org_error_last_admin,
	not_org_admin: m.org_error_forbidden,
	not_member: m.org_error_forbidden,
	not_hub_staff: m.org_error_forbidden,
	not_signed_in: m.org_error_forbidden,
	already_member: m.org_error_already_member,
	request_pending: m.org_error_already_requested,
	hub_by_invitation: m.org_error_hub_by_invitation,
	join_request_decided: m.org_error_decided,
	join_request_unknown: m.org_error_gone,
	member_unknown: m.org_error_gone,
	translation_unknown: m.org_error_gone,
	city_unknown: m.org_error_gone,
	organisation_unknown: m.org_error_pick,
	organisation_unverified: m.manage_unverified_city,
	invitation_expired: m.invitation_expired,
	invitation_used: m.invitation_used,
	invitation_revoked: m.invitation_revoked,
	invitation_not_for_you: m.invitation_not_for_you_short,
	invitation_unknown: m.invitation_unknown
};

export interface OrgProblem {
	key: Refusal | null;
	text: string;
	fields: Record<string, FieldRule>;
}

/**
 * A refused write as a text for the form (and the fields it is about, for a constraint on one of
 * `fields`). The data service being down, or a bug, is not the form's business: rethrown.
 */
export function orgProblem(e: unknown, fields: readonly string[] = []): OrgProblem {
	if (!(e instanceof DataError) || e.kind === 'unavailable' || e.kind === 'bug') {
		if (e instanceof DataError) throwHttp(e);
		throw e;
	}
	const key = e.refusal;
	const known = key ? TEXTS[key] : undefined;
	const text = known
		? known()
		: e.kind === 'forbidden'
			? m.org_error_forbidden()
			: e.kind === 'conflict'
				? m.org_error_taken()
				: m.org_error_generic();
	return { key, text, fields: fieldErrors(e, fields) };
}

/** A rule broken by a field's value, in words (next to the field). */
export function fieldRuleText(field: string, rule: FieldRule): string {
	if (rule === 'taken') return m.org_error_taken();
	switch (field) {
		case 'name':
			return m.org_error_name();
		case 'country':
			return m.org_error_country();
		case 'website':
			return m.org_error_website();
		case 'profile':
			return m.org_error_description();
		case 'contact_email':
			return m.auth_error_email();
		default:
			return m.org_error_generic();
	}
}
