// npm run digest:daily
// Mails each user whose delivery is "daily" one digest of their unmailed notifications and marks
// them mailed: running it twice sends once (and two runs at once never claim the same rows).
// Run once a day (cron). Env as notifications:send.
import { smtpSender } from '../src/lib/server/auth/mail';
import { deliverPending } from '../src/lib/server/notifications/mail';
import { jobDb } from './search-job-env';

const { env, db } = jobDb();
if (!env.SMTP_URL) throw new Error('Invalid environment: SMTP_URL is missing');
const origin = env.ORIGIN ?? 'http://127.0.0.1:3000';
const from =
	env.MAIL_FROM ?? `City Challenges & Opportunities <no-reply@${new URL(origin).hostname}>`;
const r = await deliverPending(db, smtpSender(env.SMTP_URL, from), origin, 'daily');
console.log(
	`digest:daily: ${r.mails} digests sent (${r.claimed} notifications), ${r.failed} failed`
);
if (r.failed > 0) process.exitCode = 1;
