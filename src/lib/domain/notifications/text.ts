// A notification in words, in the reader's language, from its kind and text parameters (the
// challenge's title and the like, in the challenge's own words). Shared by /notifications and mail.
import { m } from '$lib/paraglide/messages.js';
import { formatDeadline } from '$lib/components/challenges/format';
import { textParams } from './digest';

type Locale = 'en' | 'zh';

function statusWord(status: string, outcome: string, locale: Locale): string {
	const o = { locale };
	if (status === 'decided' && outcome === 'awarded') return m.outcome_awarded({}, o);
	if (status === 'decided' && outcome === 'not_awarded') return m.outcome_not_awarded({}, o);
	switch (status) {
		case 'draft':
			return m.status_draft({}, o);
		case 'open':
			return m.status_open({}, o);
		case 'in_review':
			return m.status_in_review({}, o);
		case 'decided':
			return m.status_decided({}, o);
		case 'archived':
			return m.status_archived({}, o);
		case 'withdrawn':
			return m.status_withdrawn({}, o);
		default:
			return status;
	}
}

function decisionWord(status: string, locale: Locale): string {
	const o = { locale };
	if (status === 'shortlisted') return m.notify_decision_shortlisted({}, o);
	if (status === 'selected') return m.notify_decision_selected({}, o);
	return m.notify_decision_declined({}, o);
}

/**
 * The challenge's title in the reader's language: its version's (params.titles, taken when the
 * notification was made; 20261207002100_notification_titles.sql) when there is one, else the
 * original's (params.title).
 */
export function notificationTitle(params: unknown, locale: Locale): string | undefined {
	const titles =
		params && typeof params === 'object' && !Array.isArray(params)
			? (params as { titles?: unknown }).titles
			: undefined;
	const version =
		titles && typeof titles === 'object' ? (titles as Record<string, unknown>)[locale] : undefined;
	return typeof version === 'string' ? version : textParams(params).title;
}

/** One sentence saying what happened. */
export function notificationText(kind: string, params: unknown, locale: Locale): string {
	const p = textParams(params);
	const o = { locale };
	const title = notificationTitle(params, locale) ?? '';
	switch (kind) {
		case 'deadline_extended':
			return m.notify_text_deadline(
				{ title, deadline: formatDeadline(p.deadline ?? null, locale) },
				o
			);
		case 'status_changed':
			return m.notify_text_status(
				{ title, status: statusWord(p.status ?? '', p.outcome ?? '', locale) },
				o
			);
		case 'question_answered':
			return m.notify_text_answered({ title }, o);
		case 'saved_search_match':
			return m.notify_text_search({ title, search: p.search ?? '' }, o);
		case 'proposal_decided':
			return m.notify_text_decided({ title, decision: decisionWord(p.status ?? '', locale) }, o);
		default:
			return title;
	}
}
