// Pure helpers of the notification mails: grouping claimed notifications into one mail per user
// (a digest, or each on its own), newest last, each user's address and language taken once.

export type NotificationKind =
	| 'deadline_extended'
	| 'status_changed'
	| 'question_answered'
	| 'saved_search_match'
	| 'proposal_decided';

export interface ClaimedNotification {
	id: string;
	user_id: string;
	email: string;
	display_name: string;
	locale: string;
	kind: string;
	challenge_id: string | null;
	params: unknown;
	link: string;
	created_at: string;
}

export interface MailBatch {
	userId: string;
	email: string;
	name: string;
	locale: 'en' | 'zh';
	items: ClaimedNotification[];
}

const locale = (l: string): 'en' | 'zh' => (l === 'zh' ? 'zh' : 'en');

/** One batch per user, in the order users first appear; each batch's items oldest first. */
export function groupByUser(rows: ClaimedNotification[]): MailBatch[] {
	const byUser = new Map<string, MailBatch>();
	for (const row of rows) {
		let batch = byUser.get(row.user_id);
		if (!batch) {
			batch = {
				userId: row.user_id,
				email: row.email,
				name: row.display_name,
				locale: locale(row.locale),
				items: []
			};
			byUser.set(row.user_id, batch);
		}
		batch.items.push(row);
	}
	for (const b of byUser.values()) {
		b.items.sort(
			(a, z) => Date.parse(a.created_at) - Date.parse(z.created_at) || a.id.localeCompare(z.id)
		);
	}
	return [...byUser.values()];
}

/** Immediate delivery: one mail per notification. */
export function oneByOne(rows: ClaimedNotification[]): MailBatch[] {
	return groupByUser(rows).flatMap((b) => b.items.map((item) => ({ ...b, items: [item] })));
}

/** The text parameters of a notification (params jsonb), as strings; anything else is dropped. */
export function textParams(params: unknown): Record<string, string> {
	if (!params || typeof params !== 'object' || Array.isArray(params)) return {};
	return Object.fromEntries(
		Object.entries(params as Record<string, unknown>)
			.filter(([, v]) => typeof v === 'string')
			.map(([k, v]) => [k, v as string])
	);
}
