// Questions and answers, follows, saved searches and notifications (issue 13, items 2 and 3;
// docs/collaboration.md#questions-following-and-notifications): typed calls of the database
// functions and the reads the pages need. Every call runs with the caller's own client (a
// visitor's or a member's token): the database decides; nothing here grants anything.
import type { Database, Json } from '$lib/database.types';
import type { Db } from '$lib/server/db/client';
import { dataOrThrow } from '$lib/server/errors';
import { withChallengeTitleIn } from '$lib/domain/challenges/versions';

type Fn = Database['public']['Functions'];
export type MyQuestion = Fn['my_questions']['Returns'][number];
export type CityQuestion = Fn['challenge_questions']['Returns'][number];
export type Delivery = 'immediate' | 'daily' | 'off';

export interface PublicQuestion {
	id: string;
	body: string;
	answer: string;
	answered_at: string;
	created_at: string;
}

/** A refusal of the question and follow functions: its key, PostgREST's status and detail. */
export class QaRefusal extends Error {
	constructor(
		readonly key: string,
		readonly status: number,
		readonly detail: string | null
	) {
		super(`refused: ${key}`);
		this.name = 'QaRefusal';
	}
}

const KEYS = new Set([
	'not_signed_in',
	'challenge_unknown',
	'challenge_not_open',
	'deadline_passed',
	'not_vendor_member',
	'question_rate_limited',
	'question_unknown',
	'not_challenge_member',
	'saved_search_limit',
	'saved_search_unknown',
	'delivery_unknown'
]);

type Result<T> =
	| { data: T; error: null; status: number }
	| {
			data: null;
			error: { code?: string; message?: string; details?: string | null; hint?: string | null };
			status: number;
	  };

/** The data, a QaRefusal for one of this part's refusals, or the HTTP answer for anything else. */
function refusalOr<T>(result: Result<T>): T {
	if (result.error && result.error.message && KEYS.has(result.error.message)) {
		throw new QaRefusal(result.error.message, result.status, result.error.details ?? null);
	}
	return dataOrThrow(result as never) as T;
}

// ---------------------------------------------------------------------------------------------
// Questions
// ---------------------------------------------------------------------------------------------

/** Answered questions of a challenge (anyone who reads the challenge), oldest first. */
export async function answeredQuestions(db: Db, challengeId: string): Promise<PublicQuestion[]> {
	const rows = dataOrThrow(
		await db
			.from('questions')
			.select('id, body, answer, answered_at, created_at')
			.eq('challenge_id', challengeId)
			.not('answered_at', 'is', null)
			.order('answered_at', { ascending: true })
			.limit(500)
	);
	return rows.filter((r): r is PublicQuestion => r.answer !== null && r.answered_at !== null);
}

/** The caller's organisations' questions on a challenge (pending ones too). */
export async function myQuestions(db: Db, challengeId: string): Promise<MyQuestion[]> {
	return refusalOr(await db.rpc('my_questions', { challenge: challengeId }));
}

/** Every question of a challenge with the asking organisation (members of the city only). */
export async function challengeQuestions(db: Db, challengeId: string): Promise<CityQuestion[]> {
	return refusalOr(await db.rpc('challenge_questions', { challenge: challengeId }));
}

export async function askQuestion(
	db: Db,
	challengeId: string,
	body: string,
	organisationId: string | null
): Promise<void> {
	refusalOr(
		await db.rpc('ask_question', {
			challenge: challengeId,
			body,
			...(organisationId ? { organisation: organisationId } : {})
		})
	);
}

export async function answerQuestion(db: Db, id: string, answer: string): Promise<void> {
	refusalOr(await db.rpc('answer_question', { id, answer }));
}

/** A challenge the caller reads in any status (members of its organisation read their drafts). */
export async function challengeForMember(db: Db, slug: string) {
	return dataOrThrow(
		await db
			.from('challenges')
			.select('id, slug, title, status, deadline, organisation_id')
			.eq('slug', slug)
			.maybeSingle()
	);
}

// ---------------------------------------------------------------------------------------------
// Follows and saved searches
// ---------------------------------------------------------------------------------------------

export async function isFollowing(db: Db, userId: string, challengeId: string): Promise<boolean> {
	const rows = dataOrThrow(
		await db
			.from('follows')
			.select('challenge_id')
			.eq('user_id', userId)
			.eq('challenge_id', challengeId)
	);
	return rows.length > 0;
}

export async function follow(db: Db, challengeId: string): Promise<void> {
	refusalOr(await db.rpc('follow_challenge', { challenge: challengeId }));
}

export async function unfollow(db: Db, challengeId: string): Promise<void> {
	refusalOr(await db.rpc('unfollow_challenge', { challenge: challengeId }));
}

export interface FollowedChallenge {
	challenge_id: string;
	created_at: string;
	/** Its title in the reader's language when it has a version in it; `language` is the title's. */
	challenge: {
		slug: string;
		title: string;
		language: string;
		status: string;
		deadline: string | null;
	} | null;
}

/** The caller's followed challenges (newest follow first); one they can no longer read has no challenge. */
export async function myFollows(
	db: Db,
	userId: string,
	locale: string
): Promise<FollowedChallenge[]> {
	const rows = dataOrThrow(
		await db
			.from('follows')
			.select(
				'challenge_id, created_at, challenge:challenges (slug, title, language, status, deadline, versions:challenge_translations (language, title))'
			)
			.eq('user_id', userId)
			.order('created_at', { ascending: false })
			.limit(500)
	);
	return rows.map((r) => withChallengeTitleIn(r, locale));
}

export async function mySavedSearches(db: Db, userId: string) {
	return dataOrThrow(
		await db
			.from('saved_searches')
			.select('id, name, query, created_at, last_checked')
			.eq('user_id', userId)
			.order('created_at', { ascending: false })
	);
}

export async function saveSearch(
	db: Db,
	name: string,
	query: string,
	params: Record<string, unknown>
): Promise<void> {
	refusalOr(await db.rpc('save_search', { name, query, params: params as Json }));
}

export async function deleteSavedSearch(db: Db, id: string): Promise<void> {
	refusalOr(await db.rpc('delete_saved_search', { id }));
}

// ---------------------------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------------------------

export interface NotificationRow {
	id: string;
	kind: string;
	challenge_id: string | null;
	params: Json;
	link: string;
	created_at: string;
	read_at: string | null;
}

export async function myNotifications(
	db: Db,
	userId: string,
	limit = 100
): Promise<NotificationRow[]> {
	return dataOrThrow(
		await db
			.from('notifications')
			.select('id, kind, challenge_id, params, link, created_at, read_at')
			.eq('user_id', userId)
			.order('created_at', { ascending: false })
			.limit(limit)
	);
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
	const result = await db
		.from('notifications')
		.select('id', { count: 'exact', head: true })
		.eq('user_id', userId)
		.is('read_at', null);
	if (result.error) dataOrThrow(result as never);
	return result.count ?? 0;
}

export async function markRead(db: Db, ids: string[] | null): Promise<number> {
	return refusalOr(await db.rpc('mark_notifications_read', ids ? { ids } : {}));
}

export async function myDelivery(db: Db, userId: string): Promise<Delivery> {
	const rows = dataOrThrow(
		await db.from('notification_settings').select('delivery').eq('user_id', userId)
	);
	return (rows[0]?.delivery as Delivery | undefined) ?? 'immediate';
}

export async function setDelivery(db: Db, delivery: Delivery): Promise<void> {
	refusalOr(await db.rpc('set_notification_delivery', { delivery }));
}
