// npm run notifications:send
// Mails every pending notification of users whose delivery is "immediate" (one mail each), and
// marks them mailed. Idempotent (mailed_at) and safe when run twice at once (claim_notifications
// locks with for update skip locked). Env: SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, SMTP_URL,
// ORIGIN (the portal's public URL for the links)[, MAIL_FROM].
import { smtpSender } from '../src/lib/server/auth/mail';
import { deliverPending } from '../src/lib/server/notifications/mail';
import { jobDb } from './search-job-env';

const { env, db } = jobDb();
if (!env.SMTP_URL) throw new Error('Invalid environment: SMTP_URL is missing');
const origin = env.ORIGIN ?? 'http://127.0.0.1:3000';
const from =
	env.MAIL_FROM ?? `City Challenges & Opportunities <no-reply@${new URL(origin).hostname}>`;
const send = smtpSender(env.SMTP_URL, from);

let total = { claimed: 0, mails: 0, failed: 0 };
for (;;) {
	const r = await deliverPending(db, send, origin, 'immediate', { maxRows: 200 });
	total = {
		claimed: total.claimed + r.claimed,
		mails: total.mails + r.mails,
		failed: total.failed + r.failed
	};
	if (r.claimed < 200 || r.failed > 0) break;
}
console.log(`notifications:send: ${total.mails} mails sent, ${total.failed} failed`);
if (total.failed > 0) process.exitCode = 1;
