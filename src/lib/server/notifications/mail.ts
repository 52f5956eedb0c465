// Notification mail (issue 13, item 3): claim pending notifications with the service role
// (public.claim_notifications: rows locked for update skip locked and leased, so two runs at the
// same time never claim the same row), send them, mark them mailed (complete_notifications), or
// give them back when sending failed (release_notifications). Immediate delivery: one mail per
// notification; daily: one digest per user with everything unmailed. Running twice sends once.
// No $env or $app imports: the npm scripts (vite-node) use this as the app does.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { m } from '$lib/paraglide/messages.js';
import { compose, type Mail, type SendMail } from '$lib/server/auth/mail';
import {
	groupByUser,
	oneByOne,
	type ClaimedNotification,
	type MailBatch
} from '$lib/domain/notifications/digest';
import { notificationText, notificationTitle } from '$lib/domain/notifications/text';

export type ServiceDb = SupabaseClient<Database>;
export type DeliveryMode = 'immediate' | 'daily';

/** The mail for one batch: a single notification, or a user's digest. */
export function batchMail(batch: MailBatch, mode: DeliveryMode, origin: string): Mail {
	const o = { locale: batch.locale };
	const url = (link: string) => new URL(link, origin).toString();
	const settings = `${m.notify_mail_settings({}, o)} ${url('/notifications')}`;
	if (mode === 'immediate' && batch.items.length === 1) {
		const item = batch.items[0]!;
		const title = notificationTitle(item.params, batch.locale) ?? m.app_name({}, o);
		return compose(batch.email, {
			locale: batch.locale,
			name: batch.name,
			subject: m.notify_mail_subject({ title }, o),
			paragraphs: [notificationText(item.kind, item.params, batch.locale), settings],
			action: { label: m.notify_mail_action({}, o), url: url(item.link) }
		});
	}
	return compose(batch.email, {
		locale: batch.locale,
		name: batch.name,
		subject: m.notify_digest_subject({ count: batch.items.length }, o),
		paragraphs: [
			m.notify_digest_intro({}, o),
			...batch.items.map(
				(i) => `• ${notificationText(i.kind, i.params, batch.locale)} ${url(i.link)}`
			),
			settings
		],
		action: { label: m.notify_mail_action({}, o), url: url('/notifications') }
	});
}

export interface DeliveryResult {
	claimed: number;
	mails: number;
	failed: number;
}

/**
 * Sends what is pending for `mode`: claims, mails each batch, marks each batch mailed as soon as
 * it is sent (a failure gives that batch back for the next run). `users` narrows to some users.
 */
export async function deliverPending(
	db: ServiceDb,
	send: SendMail,
	origin: string,
	mode: DeliveryMode,
	opts: { users?: string[]; maxRows?: number } = {}
): Promise<DeliveryResult> {
	const { data, error } = await db.rpc('claim_notifications', {
		delivery: mode,
		max_rows: opts.maxRows ?? 200,
		...(opts.users ? { only_users: opts.users } : {})
	});
	if (error) throw new Error(`claim_notifications: ${error.message}`);
	const rows = (data ?? []) as ClaimedNotification[];
	const batches = mode === 'immediate' ? oneByOne(rows) : groupByUser(rows);
	let mails = 0;
	let failed = 0;
	for (const batch of batches) {
		const ids = batch.items.map((i) => i.id);
		try {
			await send(batchMail(batch, mode, origin));
		} catch {
			failed++;
			await db.rpc('release_notifications', { ids });
			continue;
		}
		const done = await db.rpc('complete_notifications', { ids });
		if (done.error) throw new Error(`complete_notifications: ${done.error.message}`);
		mails++;
	}
	return { claimed: rows.length, mails, failed };
}
