// The session cookie's attributes, as Better Auth sets them with the app's configuration: on this
// machine (plain HTTP) and for a public HTTPS origin.
import { afterAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../src/lib/server/auth/config';
import type { Mailer } from '../../src/lib/server/auth/mailer';
import { loadConfig } from '../../scripts/stack/config.mjs';
import { PASSWORD, createMember } from './helpers/auth';
import { DATABASE_URL, closePool, db } from './helpers/stack';

const noMail = {} as Mailer;
const authFor = (origin: string) =>
	createAuth({
		databaseUrl: DATABASE_URL,
		secret: loadConfig().authSecret,
		origin,
		mailer: noMail,
		rateLimit: false,
		poolMax: 1
	});

async function sessionCookie(origin: string) {
	const member = await createMember('Cookie');
	const res = await authFor(origin).api.signInEmail({
		body: { email: member.email, password: PASSWORD },
		returnHeaders: true
	});
	const line = res.headers.get('set-cookie') ?? '';
	const attributes = line.split(';').map((p) => p.trim().toLowerCase());
	return { line, attributes };
}

afterAll(async () => {
	await db().query(`delete from identity."user" where email like 'it-%@example.test'`);
	await closePool();
});

describe('the session cookie', () => {
	it('is HttpOnly and SameSite=Lax on this machine, without Secure (plain HTTP)', async () => {
		const { line, attributes } = await sessionCookie('http://127.0.0.1:3000');
		expect(line).toMatch(/^better-auth\.session_token=/);
		expect(attributes).toContain('httponly');
		expect(attributes).toContain('samesite=lax');
		expect(attributes).not.toContain('secure');
	});

	it('is also Secure (and __Secure- prefixed) for any other origin', async () => {
		const { line, attributes } = await sessionCookie('https://portal.example');
		expect(line).toMatch(/^__Secure-better-auth\.session_token=/);
		expect(attributes).toContain('httponly');
		expect(attributes).toContain('samesite=lax');
		expect(attributes).toContain('secure');
	});
});
