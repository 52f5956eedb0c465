// What Better Auth asks the portal to send, without the templates (./mail.ts renders them with the
// compiled messages), so config.ts and the Node scripts that build it need no compiled messages.

/** The portal's languages (project.inlang/settings.json; a unit test keeps them equal). */
export const MAIL_LOCALES = ['en', 'zh'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

export function asLocale(value: unknown): MailLocale {
	return MAIL_LOCALES.includes(value as MailLocale) ? (value as MailLocale) : 'en';
}

/** How long each kind of link lives, in minutes (config.ts sets Better Auth's limits from these). */
export const LINK_MINUTES = { verify: 24 * 60, reset: 60, magic: 15, change: 24 * 60 } as const;

export interface Mailer {
	verifyEmail(p: { to: string; name: string; url: string; locale: MailLocale }): Promise<void>;
	existingAccount(p: { to: string; name: string; locale: MailLocale }): Promise<void>;
	resetPassword(p: { to: string; name: string; url: string; locale: MailLocale }): Promise<void>;
	magicLink(p: { to: string; name: string; url: string; locale: MailLocale }): Promise<void>;
	noAccount(p: { to: string; locale: MailLocale }): Promise<void>;
	changeEmail(p: {
		to: string;
		name: string;
		newEmail: string;
		url: string;
		locale: MailLocale;
	}): Promise<void>;
}
