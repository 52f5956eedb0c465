// Real members for the integration tests: Better Auth built from the app's own configuration
// (src/lib/server/auth/config.ts) against the stack's database, with mail captured in memory.
// Tokens come from Better Auth's GET /token, signed with the key PostgREST has in its JWKS.
import { randomUUID } from 'node:crypto';
import { createAuth, type Auth } from '../../../src/lib/server/auth/config';
import type { Mailer } from '../../../src/lib/server/auth/mailer';
import { loadConfig } from '../../../scripts/stack/config.mjs';
import { DATABASE_URL } from './stack';

export const sentMail: { kind: string; to: string; url?: string }[] = [];

const capture = new Proxy(
	{},
	{
		get: (_t, kind: string) => async (p: { to: string; url?: string }) =>
			void sentMail.push({ kind, to: p.to, url: p.url })
	}
) as Mailer;

let instance: Auth | undefined;

/** The stack's Better Auth (the same secret and keys as the app's); rate limits off. */
export function testAuth(origin = 'http://127.0.0.1:3000'): Auth {
	instance ??= createAuth({
		databaseUrl: DATABASE_URL,
		secret: loadConfig().authSecret,
		origin,
		mailer: capture,
		rateLimit: false,
		poolMax: 2
	});
	return instance;
}

export const PASSWORD = 'integration-test-passphrase';

/** A verified member with a password, created the way the demo accounts are. */
export async function createMember(name = 'Member'): Promise<{ id: string; email: string }> {
	const ctx = await testAuth().$context;
	const email = `it-${randomUUID()}@example.test`;
	const user = await ctx.internalAdapter.createUser(
		{
			email,
			name,
			emailVerified: true,
			locale: 'en'
		},
		{ method: 'admin' }
	);
	await ctx.internalAdapter.linkAccount({
		userId: user.id,
		providerId: 'credential',
		accountId: user.id,
		password: await ctx.password.hash(PASSWORD)
	});
	return { id: user.id, email };
}

/** Signs in with the password; returns the session cookie. */
export async function signIn(email: string): Promise<string> {
	const res = await testAuth().api.signInEmail({
		body: { email, password: PASSWORD },
		returnHeaders: true
	});
	const cookie = res.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error('no session cookie');
	return cookie;
}

/** The member's PostgREST token, as GET /api/auth/token hands it out. */
export async function tokenFor(cookie: string): Promise<string> {
	const { token } = await testAuth().api.getToken({ headers: new Headers({ cookie }) });
	return token;
}

export function claimsOf(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}
export function headerOf(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
}
