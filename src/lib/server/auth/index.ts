// The app's Better Auth instance (made on first use, so `vite build` needs no environment), with
// the SvelteKit cookie plugin: auth.api calls from load functions and actions set their cookies.
import { env } from '$env/dynamic/private';
import { getRequestEvent } from '$app/server';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import { parseAuthEnv } from '$lib/server/env-schema';
import { createAuth, type Auth } from '$lib/server/auth/config';
import { createMailer, smtpSender } from '$lib/server/auth/mail';

let instance: Auth | undefined;

export function auth(): Auth {
	if (!instance) {
		const e = parseAuthEnv(env);
		const from =
			e.MAIL_FROM ?? `City Challenges & Opportunities <no-reply@${new URL(e.ORIGIN).hostname}>`;
		instance = createAuth(
			{
				databaseUrl: e.DATABASE_URL,
				secret: e.BETTER_AUTH_SECRET,
				origin: e.ORIGIN,
				mailer: createMailer(smtpSender(e.SMTP_URL, from), e.ORIGIN)
			},
			// must stay last: it copies the cookies every other endpoint and plugin set
			[sveltekitCookies(getRequestEvent)]
		);
	}
	return instance;
}

export type SessionData = NonNullable<Awaited<ReturnType<Auth['api']['getSession']>>>;
export type SessionUser = SessionData['user'];
export type Session = SessionData['session'];
