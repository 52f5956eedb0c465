// npm run digest:weekly
// Mails every hub staff member the week's digest: stalled partnerships, overdue next steps and the
// challenge deadlines of the coming 7 days. Once per person per ISO week (UTC), recorded in the
// database: run it from a scheduler as often as you like (e.g. cron `0 7 * * 1`, Mondays 07:00);
// a second run in the same week sends nothing. Env as notifications:send.
import { smtpSender } from '../src/lib/server/auth/mail';
import { sendWeeklyDigests } from '../src/lib/server/notifications/weekly-digest';
import { jobDb } from './search-job-env';

const { env, db } = jobDb();
if (!env.SMTP_URL) throw new Error('Invalid environment: SMTP_URL is missing');
const origin = env.ORIGIN ?? 'http://127.0.0.1:3000';
const from =
	env.MAIL_FROM ?? `City Challenges & Opportunities <no-reply@${new URL(origin).hostname}>`;
const r = await sendWeeklyDigests(db, smtpSender(env.SMTP_URL, from), origin);
console.log(
	`digest:weekly: ${r.mails} digests sent (${r.claimed} hub staff due), ${r.failed} failed`
);
if (r.failed > 0) process.exitCode = 1;
