// The Better Auth instance's configuration, free of SvelteKit imports ($env, $app), so Node scripts
// (stack start-up writing the JWKS, auth:rotate-keys, the demo accounts) build the same instance the
// app runs. The app's own instance is in ./index.ts.
import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { jwt, magicLink } from 'better-auth/plugins';
import { PostgresDialect } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { TOKEN_AUDIENCE, TOKEN_TTL_SECONDS, tokenClaims } from '$lib/server/auth/claims';
import { LINK_MINUTES, asLocale, type Mailer } from '$lib/server/auth/mailer';
import { DEV_AUTH_SECRET, isLocalOrigin } from '$lib/server/auth/config-constants';
import { PASSWORD_MAX, PASSWORD_MIN, isCommonPassword } from '$lib/server/auth/passwords';

export { DEV_AUTH_SECRET, isLocalOrigin };

/** Better Auth's base path: its documented HTTP API and client work unchanged. */
export const AUTH_BASE_PATH = '/api/auth';
/** The schema of Better Auth's tables (migration 20261203001000_identity.sql); never exposed. */
export const AUTH_SCHEMA = 'identity';
/** Set by the app from the connection (never from the client) for Better Auth's rate limits. */
export const CLIENT_IP_HEADER = 'x-portal-client-ip';
/** A signing key stays published this long after it stopped signing (tokens live 15 minutes). */
export const KEY_GRACE_SECONDS = TOKEN_TTL_SECONDS + 5 * 60;

/** Per client address; kept in the database (identity."rateLimit"), so they hold across processes. */
export const RATE_LIMITS = {
	'/sign-in/email': { window: 60, max: 10 },
	'/sign-up/email': { window: 600, max: 10 },
	'/request-password-reset': { window: 600, max: 5 },
	'/reset-password': { window: 600, max: 10 },
	'/sign-in/magic-link': { window: 600, max: 5 },
	'/send-verification-email': { window: 600, max: 5 }
} as const;

export interface AuthSettings {
	/** Postgres, as a role that may use schema `identity` (locally the superuser). */
	databaseUrl: string;
	secret: string;
	/** The portal's origin, e.g. https://portal.example (links, cookies, token issuer). */
	origin: string;
	mailer: Mailer;
	/** Default true; scripts that only manage keys or seed accounts turn it off. */
	rateLimit?: boolean;
	/** Pool size (the app: 10; scripts: 2). */
	poolMax?: number;
}

const PASSWORD_PATHS = new Set(['/sign-up/email', '/reset-password', '/change-password']);

/** Refuses the most common passwords wherever Better Auth takes a new one. */
function commonPasswordPolicy() {
	return {
		id: 'common-password-policy',
		hooks: {
			before: [
				{
					matcher: (ctx) => PASSWORD_PATHS.has(ctx.path ?? ''),
					handler: createAuthMiddleware(async (ctx) => {
						const body = (ctx.body ?? {}) as { password?: unknown; newPassword?: unknown };
						const password = ctx.path === '/sign-up/email' ? body.password : body.newPassword;
						if (typeof password === 'string' && isCommonPassword(password)) {
							throw new APIError('BAD_REQUEST', {
								code: 'PASSWORD_TOO_COMMON',
								message: 'This password is one of the most common ones; choose another'
							});
						}
					})
				}
			]
		}
	} satisfies BetterAuthPlugin;
}

/** The language of a request, for mail to someone who has no account yet. */
function requestLocale(request: Request | undefined | null) {
	const cookie = request?.headers.get('cookie') ?? '';
	const chosen = /(?:^|;\s*)PARAGLIDE_LOCALE=([a-z]{2})/.exec(cookie)?.[1];
	if (chosen) return asLocale(chosen);
	const accept = request?.headers.get('accept-language') ?? '';
	return /^\s*zh\b/i.test(accept) ? asLocale('zh') : asLocale('en');
}

export function createAuth(settings: AuthSettings, extraPlugins: BetterAuthPlugin[] = []) {
	const { mailer, origin } = settings;
	const pool = new pg.Pool({
		connectionString: settings.databaseUrl,
		max: settings.poolMax ?? 10,
		application_name: 'better-auth'
	});
	return betterAuth({
		appName: 'City Challenges & Opportunities',
		baseURL: origin,
		basePath: AUTH_BASE_PATH,
		secret: settings.secret,
		telemetry: { enabled: false },
		database: {
			dialect: new PostgresDialect({ pool }),
			type: 'postgres',
			schemaName: AUTH_SCHEMA,
			// sign-up's user + account rows (and the profile the trigger adds) commit together
			transaction: true
		},
		trustedOrigins: [new URL(origin).origin],
		user: {
			additionalFields: {
				/** The language at sign-up; public.profiles.preferred_language mirrors it both ways. */
				locale: {
					type: 'string',
					required: false,
					defaultValue: 'en',
					input: true,
					validator: { input: z.enum(['en', 'zh']) }
				}
			},
			changeEmail: {
				enabled: true,
				// a verified member confirms from the old address, then from the new one
				sendChangeEmailConfirmation: async ({ user, newEmail, url }) =>
					mailer.changeEmail({
						to: user.email,
						name: user.name,
						newEmail,
						url,
						locale: asLocale((user as { locale?: unknown }).locale)
					})
			}
		},
		emailAndPassword: {
			enabled: true,
			requireEmailVerification: true,
			minPasswordLength: PASSWORD_MIN,
			maxPasswordLength: PASSWORD_MAX,
			autoSignIn: false,
			revokeSessionsOnPasswordReset: true,
			resetPasswordTokenExpiresIn: LINK_MINUTES.reset * 60,
			sendResetPassword: async ({ user, url }) =>
				mailer.resetPassword({
					to: user.email,
					name: user.name,
					url,
					locale: asLocale((user as { locale?: unknown }).locale)
				}),
			// Sign-up answers the same for a known address; its owner is told by mail instead.
			onExistingUserSignUp: async ({ user }) =>
				mailer.existingAccount({
					to: user.email,
					name: user.name,
					locale: asLocale((user as { locale?: unknown }).locale)
				})
		},
		emailVerification: {
			sendOnSignUp: true,
			sendOnSignIn: false,
			autoSignInAfterVerification: true,
			expiresIn: LINK_MINUTES.verify * 60,
			sendVerificationEmail: async ({ user, url }) =>
				mailer.verifyEmail({
					to: user.email,
					name: user.name,
					url,
					locale: asLocale((user as { locale?: unknown }).locale)
				})
		},
		rateLimit: {
			enabled: settings.rateLimit ?? true,
			storage: 'database',
			window: 60,
			max: 100,
			customRules: RATE_LIMITS
		},
		advanced: {
			database: { generateId: 'uuid' },
			useSecureCookies: !isLocalOrigin(origin) || origin.startsWith('https:'),
			defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
			ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] }
		},
		plugins: [
			commonPasswordPolicy(),
			magicLink({
				expiresIn: LINK_MINUTES.magic * 60,
				// accounts are made by sign-up (with a password), never by a sign-in link
				disableSignUp: true,
				storeToken: 'hashed',
				sendMagicLink: async ({ email, url, metadata }, ctx) => {
					const found = await ctx?.context.internalAdapter.findUserByEmail(email);
					const user = found?.user as { name: string; locale?: unknown } | undefined;
					// The same answer either way; an unknown address is told it has no account.
					if (!user) {
						await mailer.noAccount({
							to: email,
							locale: asLocale(metadata?.locale ?? requestLocale(ctx?.request))
						});
						return;
					}
					await mailer.magicLink({
						to: email,
						name: user.name,
						url,
						locale: asLocale(user.locale)
					});
				}
			}),
			jwt({
				jwks: {
					keyPairConfig: { alg: 'RS256', modulusLength: 2048 },
					gracePeriod: KEY_GRACE_SECONDS
				},
				jwt: {
					issuer: new URL(origin).origin,
					audience: TOKEN_AUDIENCE,
					expirationTime: `${TOKEN_TTL_SECONDS}s`,
					definePayload: ({ user, session }) => tokenClaims({ user, session })
				},
				// the token is handed out by GET /api/auth/token only, never in a response header
				disableSettingJwtHeader: true
			}),
			...extraPlugins
		]
	});
}

export type Auth = ReturnType<typeof createAuth>;
