// The hub's weekly digest (issue 14; docs/collaboration.md § Exports and the weekly digest): one
// mail per hub staff member per ISO week, in their language, listing stalled partnerships, overdue
// next steps and the challenge deadlines of the coming 7 days. The database records each (person,
// week) it was sent for (claim_hub_weekly_digests → complete_hub_weekly_digest, or
// release_hub_weekly_digest when sending failed), so a second run in the same week sends nothing
// and two runs at once never mail the same person. No $env or $app imports (a vite-node job).
import type { Database } from '$lib/database.types';
import { m } from '$lib/paraglide/messages.js';
import { compose, type Mail, type SendMail } from '$lib/server/auth/mail';
import { asLocale, type MailLocale } from '$lib/server/auth/mailer';
import type { ServiceDb } from './mail';

type Fns = Database['public']['Functions'];
export type DigestItem = Fns['hub_weekly_digest_items']['Returns'][number];
export type DigestRecipient = Fns['claim_hub_weekly_digests']['Returns'][number];

function stageLabel(stage: string | null, locale: MailLocale): string {
	const o = { locale };
	switch (stage) {
		case 'matched':
			return m.partnership_stage_matched({}, o);
		case 'intro':
			return m.partnership_stage_intro({}, o);
		case 'pilot':
			return m.partnership_stage_pilot({}, o);
		case 'contract':
			return m.partnership_stage_contract({}, o);
		case 'deployed':
			return m.partnership_stage_deployed({}, o);
		case 'closed':
			return m.partnership_stage_closed({}, o);
		default:
			return stage ?? '';
	}
}

/** 2026-12-07 (dates in the digest are UTC days: unambiguous in every language). */
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
/** 2026-12-10 09:00 */
const minute = (iso: string | null) =>
	iso ? new Date(iso).toISOString().slice(0, 16).replace('T', ' ') : '';

/** The mail for one hub staff member: the same three lists for everyone, in their language. */
export function weeklyDigestMail(to: DigestRecipient, items: DigestItem[], origin: string): Mail {
	const locale = asLocale(to.locale);
	const o = { locale };
	const url = (path: string) => new URL(path, origin).toString();
	const stalled = items.filter((i) => i.section === 'stalled');
	const overdue = items.filter((i) => i.section === 'overdue');
	const deadlines = items.filter((i) => i.section === 'deadline');
	const section = (heading: string, lines: string[]) => [
		heading,
		...(lines.length ? lines : [m.digest_weekly_none({}, o)])
	];
	return compose(to.email, {
		locale,
		name: to.display_name ?? undefined,
		subject: m.digest_weekly_subject(
			{
				week: to.week,
				stalled: stalled.length,
				overdue: overdue.length,
				deadlines: deadlines.length
			},
			o
		),
		paragraphs: [
			m.digest_weekly_intro({ week: to.week }, o),
			...section(
				m.digest_weekly_stalled({}, o),
				stalled.map((i) =>
					m.digest_weekly_stalled_item(
						{
							challenge: i.challenge_title,
							city: i.city,
							vendor: i.vendor ?? '',
							stage: stageLabel(i.stage, locale),
							date: day(i.last_activity_at)
						},
						o
					)
				)
			),
			...section(
				m.digest_weekly_overdue({}, o),
				overdue.map((i) =>
					m.digest_weekly_overdue_item(
						{
							challenge: i.challenge_title,
							city: i.city,
							vendor: i.vendor ?? '',
							step: i.next_step ?? '',
							date: day(i.next_step_due)
						},
						o
					)
				)
			),
			...section(
				m.digest_weekly_deadlines({}, o),
				deadlines.map(
					(i) =>
						`${m.digest_weekly_deadline_item(
							{ challenge: i.challenge_title, city: i.city, date: minute(i.deadline) },
							o
						)} ${url(`/challenges/${encodeURIComponent(i.challenge_slug)}`)}`
				)
			),
			m.digest_weekly_footer({}, o)
		],
		action: { label: m.digest_weekly_action({}, o), url: url('/hub/partnerships') }
	});
}

export interface WeeklyDigestResult {
	claimed: number;
	mails: number;
	failed: number;
}

/** Sends this week's digest to every hub staff member not yet sent it (`users` narrows). */
export async function sendWeeklyDigests(
	db: ServiceDb,
	send: SendMail,
	origin: string,
	opts: { users?: string[] } = {}
): Promise<WeeklyDigestResult> {
	const claimed = await db.rpc('claim_hub_weekly_digests', {
		...(opts.users ? { only_users: opts.users } : {})
	});
	if (claimed.error) throw new Error(`claim_hub_weekly_digests: ${claimed.error.message}`);
	const recipients = claimed.data ?? [];
	if (recipients.length === 0) return { claimed: 0, mails: 0, failed: 0 };
	const listed = await db.rpc('hub_weekly_digest_items');
	if (listed.error) {
		for (const r of recipients) {
			await db.rpc('release_hub_weekly_digest', { user_id: r.user_id, week: r.week });
		}
		throw new Error(`hub_weekly_digest_items: ${listed.error.message}`);
	}
	const items = listed.data ?? [];
	let mails = 0;
	let failed = 0;
	for (const r of recipients) {
		try {
			await send(weeklyDigestMail(r, items, origin));
		} catch {
			failed++;
			await db.rpc('release_hub_weekly_digest', { user_id: r.user_id, week: r.week });
			continue;
		}
		const done = await db.rpc('complete_hub_weekly_digest', { user_id: r.user_id, week: r.week });
		if (done.error) throw new Error(`complete_hub_weekly_digest: ${done.error.message}`);
		mails++;
	}
	return { claimed: recipients.length, mails, failed };
}
