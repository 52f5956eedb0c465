// Shared by the identity end-to-end tests: mail read from Mailpit's API, unique addresses and
// client addresses (the rate limits count per client), and a superuser connection for the one
// thing no page can do: make a link expire now.
import { randomUUID } from 'node:crypto';
import {
	expect,
	request as playwrightRequest,
	type APIRequestContext,
	type Browser,
	type BrowserContext,
	type Page
} from '@playwright/test';
import pg from 'pg';

export const MAILPIT_URL = process.env.MAILPIT_URL ?? 'http://127.0.0.1:54324';
export const DEMO_PASSWORD = 'city-portal-demo';
export const GOOD_PASSWORD = 'harbour lanterns at dusk';

export function uniqueEmail(tag: string): string {
	return `e2e-${tag}-${randomUUID().slice(0, 8)}@example.test`;
}

let ipCounter = Math.floor(Math.random() * 200);
/** A client address of its own (a TEST-NET-3 value, only ever sent as X-Forwarded-For). */
export function uniqueClientIp(): string {
	ipCounter += 1;
	return `203.0.${113 + (Math.floor(ipCounter / 250) % 10)}.${(ipCounter % 250) + 1}`;
}

/**
 * A request context that is its own client (its own rate-limit bucket) and, like a browser, says
 * where its requests come from (Better Auth refuses a cookie-carrying POST without an Origin).
 */
export async function apiClient(baseURL: string, extra: Record<string, string> = {}) {
	return playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp(), origin: baseURL, ...extra }
	});
}

export interface Mail {
	ID: string;
	Subject: string;
	Text: string;
	HTML: string;
	To: { Address: string }[];
}

/** All mail to `to`, newest first (waits until at least `count` arrived). */
export async function mailTo(to: string, count = 1): Promise<Mail[]> {
	let found: { ID: string }[] = [];
	await expect
		.poll(
			async () => {
				const res = await fetch(
					`${MAILPIT_URL}/api/v1/search?query=${encodeURIComponent(`to:"${to}"`)}`
				);
				found = (await res.json()).messages ?? [];
				return found.length;
			},
			{ timeout: 45_000, message: `mail to ${to}` }
		)
		.toBeGreaterThanOrEqual(count);
	return Promise.all(
		found.map(async (m) => (await fetch(`${MAILPIT_URL}/api/v1/message/${m.ID}`)).json())
	);
}

/** The newest mail to `to` whose subject matches. */
export async function latestMail(to: string, subject: RegExp, count = 1): Promise<Mail> {
	const mails = await mailTo(to, count);
	const mail = mails.find((m) => subject.test(m.Subject));
	expect(mail, `a mail to ${to} with subject ${subject}`).toBeTruthy();
	return mail as Mail;
}

/** The first link into the portal's identity API in a mail's text. */
export function linkIn(mail: Mail): string {
	const url = /(https?:\/\/\S+\/api\/auth\/\S+)/.exec(mail.Text)?.[1];
	expect(url, `a link in "${mail.Subject}"`).toBeTruthy();
	return url as string;
}

/** Signs up through Better Auth's HTTP API; returns its answer. */
export async function signUpApi(api: APIRequestContext, email: string, password = GOOD_PASSWORD) {
	return api.post('/api/auth/sign-up/email', {
		data: { name: 'E2E Person', email, password, callbackURL: '/verify?status=verified' }
	});
}

let pool: pg.Pool | undefined;
export function db(): pg.Pool {
	pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
	return pool;
}

/** Signs in with the password form on this page's browser context (the demo password by default). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, redirectTo = '') {
	await page.goto(redirectTo ? `/signin?redirectTo=${encodeURIComponent(redirectTo)}` : '/signin');
	const form = page.locator('form[action="?/password"]');
	await form.getByLabel('E-mail address').fill(email);
	await form.getByLabel('Password').fill(password);
	await form.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** A new browser context of its own (its own client address for the rate limits), signed in. */
export async function signedIn(
	browser: Browser,
	email: string,
	options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}
): Promise<{ page: Page; context: BrowserContext }> {
	const context = await browser.newContext({
		viewport: options.viewport ?? { width: 1280, height: 900 },
		javaScriptEnabled: options.javaScriptEnabled ?? true,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
	});
	const page = await context.newPage();
	await signIn(page, email);
	return { page, context };
}
