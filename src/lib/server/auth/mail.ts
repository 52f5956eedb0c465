// Identity mail: every message in the recipient's language (en, zh), plain text + HTML, sent over
// SMTP with nodemailer (Mailpit locally, any SMTP server by SMTP_URL). The links come from Better
// Auth and carry their own token, so they work from any browser.
import nodemailer from 'nodemailer';
import { m } from '$lib/paraglide/messages.js';
import { LINK_MINUTES, type MailLocale as Locale, type Mailer } from '$lib/server/auth/mailer';

export interface Mail {
	to: string;
	subject: string;
	text: string;
	html: string;
}
export type SendMail = (mail: Mail) => Promise<void>;

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
	);

/** "15 minutes", "24 hours" (whole hours from an hour on). */
function duration(minutes: number, locale: Locale): string {
	return minutes >= 60 && minutes % 60 === 0
		? m.mail_duration_hours({ count: minutes / 60 }, { locale })
		: m.mail_duration_minutes({ count: minutes }, { locale });
}

interface Parts {
	locale: Locale;
	name?: string;
	subject: string;
	paragraphs: string[];
	action?: { label: string; url: string };
	/** A second, plain link after the action (e.g. "forgot your password?"). */
	extra?: { label: string; url: string };
	minutes?: number;
}

/** One layout for every message: greeting, paragraphs, the link (as a button and as text), note. */
export function compose(to: string, p: Parts): Mail {
	const opts = { locale: p.locale };
	const greeting = p.name?.trim()
		? m.mail_greeting({ name: p.name.trim() }, opts)
		: m.mail_greeting_anonymous({}, opts);
	const notes = [
		...(p.minutes ? [m.mail_link_note({ duration: duration(p.minutes, p.locale) }, opts)] : []),
		m.mail_ignore({}, opts)
	];
	const signature = m.mail_signature({}, opts);
	const text = [
		greeting,
		...p.paragraphs,
		...(p.action ? [`${p.action.label}: ${p.action.url}`] : []),
		...(p.extra ? [`${p.extra.label} ${p.extra.url}`] : []),
		...notes,
		`— ${signature}`
	].join('\n\n');
	const button = p.action
		? `<p><a href="${escapeHtml(p.action.url)}" style="display:inline-block;padding:10px 16px;background:#083d5e;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">${escapeHtml(p.action.label)}</a></p>
<p style="font-size:13px;color:#444">${escapeHtml(p.action.url)}</p>`
		: '';
	const extra = p.extra
		? `<p>${escapeHtml(p.extra.label)} <a href="${escapeHtml(p.extra.url)}">${escapeHtml(p.extra.url)}</a></p>`
		: '';
	const html = `<!doctype html>
<html lang="${p.locale}"><head><meta charset="utf-8"><title>${escapeHtml(p.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#111;max-width:600px">
<p>${escapeHtml(greeting)}</p>
${p.paragraphs.map((x) => `<p>${escapeHtml(x)}</p>`).join('\n')}
${button}
${extra}
${notes.map((x) => `<p style="font-size:14px;color:#444">${escapeHtml(x)}</p>`).join('\n')}
<p>— ${escapeHtml(signature)}</p>
</body></html>`;
	return { to, subject: p.subject, text, html };
}

/** The mailer Better Auth uses: `origin` builds the links to the portal's own pages. */
export function createMailer(send: SendMail, origin: string): Mailer {
	const page = (path: string) => new URL(path, origin).toString();
	return {
		async verifyEmail({ to, name, url, locale }) {
			const o = { locale };
			await send(
				compose(to, {
					locale,
					name,
					subject: m.mail_verify_subject({}, o),
					paragraphs: [m.mail_verify_body({}, o)],
					action: { label: m.mail_verify_action({}, o), url },
					minutes: LINK_MINUTES.verify
				})
			);
		},
		async existingAccount({ to, name, locale }) {
			const o = { locale };
			await send(
				compose(to, {
					locale,
					name,
					subject: m.mail_existing_subject({}, o),
					paragraphs: [m.mail_existing_body({}, o)],
					action: { label: m.mail_existing_action({}, o), url: page('/signin') },
					extra: { label: m.mail_existing_forgot({}, o), url: page('/forgot') }
				})
			);
		},
		async resetPassword({ to, name, url, locale }) {
			const o = { locale };
			await send(
				compose(to, {
					locale,
					name,
					subject: m.mail_reset_subject({}, o),
					paragraphs: [m.mail_reset_body({}, o)],
					action: { label: m.mail_reset_action({}, o), url },
					minutes: LINK_MINUTES.reset
				})
			);
		},
		async magicLink({ to, name, url, locale }) {
			const o = { locale };
			await send(
				compose(to, {
					locale,
					name,
					subject: m.mail_magic_subject({}, o),
					paragraphs: [m.mail_magic_body({}, o)],
					action: { label: m.mail_magic_action({}, o), url },
					minutes: LINK_MINUTES.magic
				})
			);
		},
		async noAccount({ to, locale }) {
			const o = { locale };
			await send(
				compose(to, {
					locale,
					subject: m.mail_noaccount_subject({}, o),
					paragraphs: [m.mail_noaccount_body({}, o)],
					action: { label: m.mail_noaccount_action({}, o), url: page('/signup') }
				})
			);
		},
		async changeEmail({ to, name, newEmail, url, locale }) {
			const o = { locale };
			await send(
				compose(to, {
					locale,
					name,
					subject: m.mail_change_subject({}, o),
					paragraphs: [m.mail_change_body({ newEmail }, o)],
					action: { label: m.mail_change_action({}, o), url },
					minutes: LINK_MINUTES.change
				})
			);
		}
	};
}

/** SMTP through nodemailer; `smtpUrl` like smtp://user:pass@host:587 (smtps:// for TLS on 465). */
export function smtpSender(smtpUrl: string, from: string): SendMail {
	const transport = nodemailer.createTransport(smtpUrl);
	return async (mail) => {
		await transport.sendMail({ from, ...mail });
	};
}
