import { error } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { Logger } from 'pino';
import { CHALLENGE_MANAGEMENT_REFUSALS, VERSION_REFUSALS } from '$lib/server/challenge-refusals';
import { PROFILE_VERSION_REFUSALS } from '$lib/server/profile-refusals';
import { log } from '$lib/server/log';

/**
 * The one place where a failed database call (supabase-js → gateway → PostgREST → Postgres) gets
 * its meaning. Every data function passes `{ error, status }` to `dataError()`; what it returns
 * says who is at fault, and two views of it serve the two kinds of caller:
 * - pages and endpoints: `throwHttp()` answers 400 (the request asked for something invalid),
 *   404 (nothing there) or 503 (the data service is down), and throws anything else as a bug;
 * - form actions: `fieldErrors()` names the field a constraint refused, so the form can show the
 *   message next to it and keep what the user typed.
 */

/** What a supabase-js / PostgREST error carries (PostgrestError's fields). */
export interface PostgrestLikeError {
	message?: string;
	code?: string;
	details?: string | null;
	hint?: string | null;
}

/**
 * Refusals the database words as a message key (`raise exception using message = 'last_admin',
 * errcode = 'PT409'`): the membership functions and rules of issue 12 (docs/organisations.md).
 * A page names each in the user's language; the errcode gives PostgREST's HTTP status.
 */
export const REFUSALS = [
	'not_signed_in',
	'not_member',
	'not_org_admin',
	'not_hub_staff',
	'organisation_unknown',
	'member_unknown',
	'already_member',
	'last_admin',
	'kind_not_allowed',
	'organisation_kind_fixed',
	'verified_by_hub_only',
	'organisation_unverified',
	'invitation_unknown',
	'invitation_used',
	'invitation_revoked',
	'invitation_expired',
	'invitation_not_for_you',
	'hub_by_invitation',
	// Proposals (issue 13, docs/collaboration.md § Proposals): the guard trigger's and the functions'.
	'challenge_unknown',
	'challenge_not_open',
	'deadline_passed',
	'proposal_final',
	'proposal_status_illegal',
	'proposal_unknown',
	'proposal_vendor_only',
	'proposal_organisation_required',
	'proposal_already_submitted',
	'proposal_not_submitted',
	'proposal_incomplete',
	'request_pending',
	'join_request_unknown',
	'join_request_decided',
	'audit_log_append_only',
	...CHALLENGE_MANAGEMENT_REFUSALS,
	...VERSION_REFUSALS,
	...PROFILE_VERSION_REFUSALS
] as const;
export type Refusal = (typeof REFUSALS)[number];

export function isRefusal(value: unknown): value is Refusal {
	return typeof value === 'string' && (REFUSALS as readonly string[]).includes(value);
}

export type DataErrorKind =
	'unavailable' | 'bad_request' | 'not_found' | 'conflict' | 'forbidden' | 'bug';

/** A database call that failed, classified. */
export class DataError extends Error {
	constructor(
		readonly kind: DataErrorKind,
		/** The PostgREST or Postgres error code (PGRST116, 23505, P0001, PT400…), '' when none. */
		readonly code: string,
		readonly details: string | null,
		readonly hint: string | null,
		/** The HTTP status PostgREST (or the gateway) answered; 0 when nothing answered. */
		readonly status: number,
		message: string,
		/** The database's refusal, when it raised one of REFUSALS; null otherwise. */
		readonly refusal: Refusal | null = null
	) {
		super(message);
		this.name = 'DataError';
	}
}

// Postgres error classes (SQLSTATE) that mean "the input is not acceptable".
const INVALID_INPUT = /^(22|23)/;

function kindOf(err: PostgrestLikeError, status: number): DataErrorKind {
	const code = err.code ?? '';
	const text = `${err.message ?? ''} ${err.details ?? ''}`;
	// Nothing answered, the gateway could not reach PostgREST, or PostgREST could not reach Postgres.
	if (
		status === 0 ||
		status === 502 ||
		status === 503 ||
		status === 504 ||
		/^PGRST00[0-3]$/.test(code) ||
		/fetch failed|ECONNREFUSED|ECONNRESET|socket hang up/i.test(text)
	) {
		return 'unavailable';
	}
	// Statement timeout: the database is too busy to answer in time (or the request too costly).
	if (code === '57014') return 'unavailable';
	// .single() found no row.
	if (code === 'PGRST116') return 'not_found';
	if (code === '23505' || code === '23P01') return 'conflict';
	if (code === '42501' || code === 'PT403' || status === 401 || status === 403) return 'forbidden';
	// A membership function's "no such invitation / member / organisation" (PT404).
	if (code === 'PT404') return 'not_found';
	// Used, pending, already a member, the last admin (PT409); expired or withdrawn (PT410).
	if (code === 'PT409' || code === 'PT410') return 'conflict';
	// A function's own refusal (raise exception: P0001), a status chosen with PT4xx, or input the
	// database refuses (22xxx data exceptions, 23xxx constraint violations).
	if (code === 'P0001' || /^PT4/.test(code) || INVALID_INPUT.test(code)) return 'bad_request';
	return 'bug';
}

/** Classifies a supabase-js error (`{ error, status }` of a query or RPC). */
export function dataError(err: PostgrestLikeError, status: number): DataError {
	const kind = kindOf(err, status);
	return new DataError(
		kind,
		err.code ?? '',
		err.details ?? null,
		err.hint ?? null,
		status,
		`Database error ${err.code ?? ''} (${kind}): ${err.message ?? 'unknown'}`,
		isRefusal(err.message) ? err.message : null
	);
}

/** The request's logger (with its request id) while a request is being served, else the root one. */
function currentLog(): Logger {
	try {
		return getRequestEvent().locals.log ?? log;
	} catch {
		return log; // outside a request: a job or a test
	}
}

/**
 * What made the data service unavailable, as the log records it: PostgREST's (or the gateway's)
 * status, code and message, or the network error supabase-js reports (its `details` carry the
 * cause, e.g. `connect ECONNREFUSED 127.0.0.1:54321`).
 */
export function upstreamCause(e: DataError): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries({
			status: e.status,
			code: e.code,
			message: e.message,
			details: e.details,
			hint: e.hint
		}).filter(([, v]) => v !== undefined && v !== null && v !== '')
	);
}

/**
 * For pages and endpoints: answers the error as the right HTTP status. 400 and 404 carry no
 * database detail (a visitor sees "Not found" or the page's own message); a bug is rethrown
 * (SvelteKit logs it and shows 500).
 */
export function throwHttp(e: DataError): never {
	if (e.kind === 'unavailable') {
		// Each 503 names its upstream cause in the log (at warn: the service, not the code, failed).
		currentLog().warn({ upstream: upstreamCause(e) }, 'data service unavailable');
		error(503, { message: 'unavailable', code: 'unavailable' });
	}
	if (e.kind === 'not_found') error(404, { message: 'Not found' });
	if (e.kind === 'bad_request' || e.kind === 'conflict') {
		error(400, { message: 'Bad request', code: 'bad_request' });
	}
	throw e;
}

/** What a supabase-js query or RPC resolves to (PostgrestSingleResponse's two shapes). */
export type DataResult<T> =
	| { data: T; error: null; status: number }
	| { data: null; error: PostgrestLikeError; status: number };

/** The result of a supabase-js call: its data, or the HTTP answer for its error (throwHttp). */
export function dataOrThrow<R extends DataResult<unknown>>(
	result: R
): Extract<R, { error: null }>['data'] {
	if (result.error !== null) throwHttp(dataError(result.error, result.status));
	return result.data;
}

/**
 * The result of a supabase-js call: its data, or its error thrown as a DataError (not yet an HTTP
 * answer), for callers that read the refusal (refusalOf, fieldErrors) before answering.
 */
export function unwrap<R extends DataResult<unknown>>(
	result: R
): Extract<R, { error: null }>['data'] {
	if (result.error !== null) throw dataError(result.error, result.status);
	return result.data;
}

/** Why a constraint refused a value, for a form to word in the user's language. */
export type FieldRule = 'required' | 'taken' | 'invalid' | 'unknown_reference';

/**
 * For form actions: the fields a database error is about, with the rule each broke, when the
 * error names one of `fields` (the form's own field names, which are the table's column names).
 * Constraints are named `<table>_<column>_<rule>` (challenges_title_length); unique and foreign
 * key violations name their columns in the details ("Key (slug)=(…) already exists."). An error
 * about no field of the form (a status transition refused by a trigger, say) gives {} and is
 * shown with the whole form (`e.message` is not for users; use `e.kind`).
 */
export function fieldErrors(e: DataError, fields: readonly string[]): Record<string, FieldRule> {
	const message = e.message;
	const pick = (name: string | undefined, rule: FieldRule) =>
		name && fields.includes(name) ? { [name]: rule } : {};
	switch (e.code) {
		case '23502':
			// null value in column "title" of relation "challenges" violates not-null constraint
			return pick(/column "([^"]+)"/.exec(message)?.[1], 'required');
		case '23505':
			return pick(/Key \(([^)]+)\)/.exec(e.details ?? '')?.[1], 'taken');
		case '23503':
			return pick(/Key \(([^)]+)\)/.exec(e.details ?? '')?.[1], 'unknown_reference');
		case '23514': {
			// new row for relation "challenges" violates check constraint "challenges_title_length"
			const m = /relation "([^"]+)" violates check constraint "([^"]+)"/.exec(message);
			if (!m) return {};
			const [, table, constraint] = m;
			// The longest field the constraint's name starts with (name_zh before name).
			const field = [...fields]
				.sort((a, b) => b.length - a.length)
				.find((f) => constraint?.startsWith(`${table}_${f}_`));
			return pick(field, 'invalid');
		}
		default:
			return {};
	}
}
