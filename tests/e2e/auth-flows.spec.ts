// Identity flows against the running app (Better Auth at /api/auth, the pages, Mailpit).
test.describe.configure({ timeout: 120_000 });
import { expect, test } from '@playwright/test';
import {
	DEMO_PASSWORD,
	GOOD_PASSWORD,
	apiClient,
	db,
	latestMail,
	linkIn,
	mailTo,
	signUpApi,
	uniqueClientIp,
	uniqueEmail
} from './auth-helpers';

test.describe('sign-up and verification', () => {
	test('sign-up → the mail from Mailpit → verified and signed in, from another browser', async ({
		browser,
		baseURL
	}) => {
		const api = await apiClient(baseURL!);
		const email = uniqueEmail('signup');
		const res = await signUpApi(api, email);
		expect(res.status()).toBe(200);

		const early = await api.post('/api/auth/sign-in/email', {
			data: { email, password: GOOD_PASSWORD }
		});
		expect(early.status()).toBe(403);
		expect(await early.json()).toMatchObject({ code: 'EMAIL_NOT_VERIFIED' });

		const mail = await latestMail(email, /Confirm your e-mail address/);
		expect(mail.HTML).toContain('<html lang="en">');
		const other = await browser.newContext({
			extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
		});
		const page = await other.newPage();
		await page.goto(linkIn(mail));
		await expect(page).toHaveURL(/\/verify\?status=verified/);
		await expect(page.getByRole('status')).toContainText('confirmed and you are signed in');
		await expect(page.getByRole('banner')).toContainText('E2E Person');
		const token = await page.request.get('/api/auth/token');
		expect(token.status()).toBe(200);
		expect((await token.json()).token).toMatch(/^eyJ/);
		await other.close();
	});

	test('sign-in before verifying says so and offers to resend the link', async ({
		page,
		baseURL
	}) => {
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
		const api = await apiClient(baseURL!);
		const email = uniqueEmail('unverified');
		await signUpApi(api, email);
		await mailTo(email, 1);
		await page.goto('/signin');
		const form = page.locator('form[action="?/password"]');
		await form.getByLabel('E-mail address').fill(email);
		await form.getByLabel('Password').fill(GOOD_PASSWORD);
		await form.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toContainText('confirm your e-mail address first');
		await page.getByRole('button', { name: 'Send the confirmation link again' }).click();
		await expect(page.getByRole('status').first()).toContainText('a new link is on its way');
		await mailTo(email, 2);
	});

	test('a known and an unknown address get the same answer; the known one is told by mail', async ({
		baseURL
	}) => {
		const api = await apiClient(baseURL!);
		const known = uniqueEmail('known');
		await signUpApi(api, known);
		await mailTo(known, 1);
		const unknown = uniqueEmail('unknown');
		const again = await signUpApi(api, known);
		const fresh = await signUpApi(api, unknown);
		expect(again.status()).toBe(fresh.status());
		const a = await again.json();
		const b = await fresh.json();
		expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
		expect(Object.keys(a.user).sort()).toEqual(Object.keys(b.user).sort());
		expect(a.token).toBe(b.token);
		await latestMail(known, /You already have an account/, 2);
		await latestMail(unknown, /Confirm your e-mail address/);

		const nobody = uniqueEmail('nobody');
		for (const path of ['/api/auth/request-password-reset', '/api/auth/sign-in/magic-link']) {
			const answers = await Promise.all(
				[known, nobody].map(async (email) => {
					const res = await api.post(path, { data: { email, redirectTo: '/reset' } });
					return { status: res.status(), body: await res.json() };
				})
			);
			expect(answers[0], path).toEqual(answers[1]);
		}
		await latestMail(nobody, /No account with this e-mail address/);
		await latestMail(known, /Your sign-in link/, 3);
	});
});

test.describe('password sign-in', () => {
	test('a wrong password gets a clear message, next to the field, with the address kept', async ({
		page
	}) => {
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
		await page.goto('/signin');
		const form = page.locator('form[action="?/password"]');
		await form.getByLabel('E-mail address').fill('vendor.a@demo.test');
		await form.getByLabel('Password').fill('not-the-password');
		await form.getByRole('button', { name: 'Sign in' }).click();
		await expect(form.getByText('The e-mail address or the password is wrong.')).toBeVisible();
		await expect(form.getByLabel('E-mail address')).toHaveValue('vendor.a@demo.test');
		await expect(form.getByLabel('Password')).toHaveValue('');
	});

	test('repeated failures get 429 in the visitor language, from the API and the form', async ({
		baseURL,
		page
	}) => {
		const ip = uniqueClientIp();
		const api = await apiClient(baseURL!, { 'x-forwarded-for': ip, 'accept-language': 'zh-CN,zh' });
		const statuses: number[] = [];
		let last: { code?: string; message?: string } = {};
		for (let i = 0; i < 11; i++) {
			const res = await api.post('/api/auth/sign-in/email', {
				data: { email: 'vendor.b@demo.test', password: `wrong-${i}-password` }
			});
			statuses.push(res.status());
			last = await res.json();
		}
		expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
		expect(statuses[10]).toBe(429);
		expect(last.code).toBe('RATE_LIMITED');
		expect(last.message).toMatch(/尝试次数过多/);

		// The same client through the form: the count is kept in the database, not per path used.
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': ip });
		await page.goto('/signin');
		const form = page.locator('form[action="?/password"]');
		await form.getByLabel('E-mail address').fill('vendor.b@demo.test');
		await form.getByLabel('Password').fill(DEMO_PASSWORD);
		await form.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toContainText('Too many attempts');
	});
});

test.describe('magic link', () => {
	test('signs in once; a used or an expired link says so', async ({ browser, baseURL }) => {
		const api = await apiClient(baseURL!);
		const email = uniqueEmail('magic');
		await signUpApi(api, email);
		const verify = await latestMail(email, /Confirm/);
		await api.get(linkIn(verify));

		const context = await browser.newContext({
			extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
		});
		const page = await context.newPage();
		await page.goto('/signin');
		const form = page.locator('form[action="?/magic"]');
		await form.getByLabel('E-mail address').fill(email);
		await form.getByRole('button', { name: 'Send me a sign-in link' }).click();
		await expect(page.getByRole('status')).toContainText(`We sent a message to ${email}`);
		const link = linkIn(await latestMail(email, /Your sign-in link/));
		await page.goto(link);
		await expect(page.getByRole('banner')).toContainText('E2E Person');

		const again = await browser.newContext({
			extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
		});
		const second = await again.newPage();
		await second.goto(link);
		await expect(second).toHaveURL(/\/signin\?magic=invalid/);
		await expect(second.getByRole('alert')).toContainText('already used or has expired');

		// A fresh link whose time is up (made to expire now, as 15 minutes would).
		await second.goto('/signin');
		await second.locator('form[action="?/magic"]').getByLabel('E-mail address').fill(email);
		await second.getByRole('button', { name: 'Send me a sign-in link' }).click();
		await expect(second.getByRole('status')).toContainText('We sent a message');
		const fresh = linkIn(await latestMail(email, /Your sign-in link/, 3));
		const expired = await db().query(
			`update identity.verification set "expiresAt" = now() - interval '1 second'
			 where value like '%"magic-link"%' and value like $1`,
			[`%${email}%`]
		);
		expect(expired.rowCount).toBe(1);
		await second.goto(fresh);
		await expect(second.getByRole('alert')).toContainText('already used or has expired');
		await context.close();
		await again.close();
	});
});

test.describe('password reset', () => {
	test('forgot → mail → a new password; the old one stops working', async ({ page, baseURL }) => {
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
		const api = await apiClient(baseURL!);
		const email = uniqueEmail('reset');
		await signUpApi(api, email);
		await api.get(linkIn(await latestMail(email, /Confirm/)));

		await page.goto('/forgot');
		await page.getByLabel('E-mail address').fill(email);
		await page.getByRole('button', { name: 'Send me a link' }).click();
		await expect(page.getByRole('status')).toContainText('we sent it a link');
		const mail = await latestMail(email, /Choose a new password/, 2);
		await page.goto(linkIn(mail));
		await expect(page).toHaveURL(/\/reset\?token=/);
		await page.getByLabel('New password').fill('password123');
		await page.getByRole('button', { name: 'Save the new password' }).click();
		await expect(page.getByText('This is one of the most common passwords')).toBeVisible();
		await page.getByLabel('New password').fill('a brand new harbour phrase');
		await page.getByRole('button', { name: 'Save the new password' }).click();
		await expect(page).toHaveURL(/\/signin\?reset=done/);

		const old = await api.post('/api/auth/sign-in/email', {
			data: { email, password: GOOD_PASSWORD }
		});
		expect(old.status()).toBe(401);
		const renewed = await api.post('/api/auth/sign-in/email', {
			data: { email, password: 'a brand new harbour phrase' }
		});
		expect(renewed.status()).toBe(200);

		// The link works once.
		await page.goto(linkIn(mail));
		await expect(page.getByRole('alert')).toContainText('already used or has expired');
	});
});

test.describe('change of e-mail address', () => {
	test('is confirmed from the old address, then from the new one', async ({ page, baseURL }) => {
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
		const api = await apiClient(baseURL!);
		const email = uniqueEmail('move');
		const next = uniqueEmail('moved');
		await signUpApi(api, email);
		await page.goto(linkIn(await latestMail(email, /Confirm your e-mail/)));
		await page.goto('/account');
		const section = page.getByRole('region', { name: 'E-mail address' });
		await section.getByLabel('New e-mail address').fill(next);
		await section.getByRole('button', { name: 'Change e-mail address' }).click();
		await expect(section.getByRole('status')).toContainText(`open the link we sent to ${email}`);
		const confirm = await latestMail(email, /Confirm the change of your e-mail address/, 2);
		expect(confirm.Text).toContain(next);
		await page.goto(linkIn(confirm));
		const last = await latestMail(next, /Confirm your e-mail address/);
		await page.goto(linkIn(last));
		await expect(page).toHaveURL(/\/account\?email=changed/);
		await expect(page.getByText(`Your address is ${next}.`)).toBeVisible();
	});
});

test.describe('sessions', () => {
	test('"sign out everywhere else" ends a second browser\'s session', async ({ browser }) => {
		const email = 'hub@demo.test';
		const signIn = async () => {
			const context = await browser.newContext({
				extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
			});
			const page = await context.newPage();
			await page.goto('/signin');
			const form = page.locator('form[action="?/password"]');
			await form.getByLabel('E-mail address').fill(email);
			await form.getByLabel('Password').fill(DEMO_PASSWORD);
			await form.getByRole('button', { name: 'Sign in' }).click();
			await expect(page.getByRole('banner')).toContainText('Hub staff');
			return { context, page };
		};
		const first = await signIn();
		const second = await signIn();
		await first.page.goto('/account');
		await first.page.getByRole('button', { name: 'Sign out everywhere else' }).click();
		await expect(first.page.getByRole('status')).toContainText('signed out on every other browser');
		await second.page.goto('/account');
		await expect(second.page).toHaveURL(/\/signin\?redirectTo=%2Faccount/);
		await first.page.goto('/account');
		await expect(first.page.getByRole('heading', { name: 'Your account' })).toBeVisible();
		await first.context.close();
		await second.context.close();
	});

	test('each demo account signs in and gets a token PostgREST accepts', async ({ baseURL }) => {
		for (const email of [
			'official.shanghai@demo.test',
			'official.sepang@demo.test',
			'vendor.a@demo.test',
			'vendor.b@demo.test',
			'hub@demo.test'
		]) {
			const api = await apiClient(baseURL!);
			const res = await api.post('/api/auth/sign-in/email', {
				data: { email, password: DEMO_PASSWORD }
			});
			expect(res.status(), email).toBe(200);
			const { token } = await (await api.get('/api/auth/token')).json();
			const rest = await fetch(`${process.env.SUPABASE_URL}/rest/v1/profiles?select=id`, {
				headers: { apikey: process.env.SUPABASE_ANON_KEY ?? '', authorization: `Bearer ${token}` }
			});
			expect(rest.status, email).toBe(200);
			// Their own profile is among the rows (colleagues' and, for hub staff, everyone's too:
			// docs/organisations.md).
			const sub = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;
			expect((await rest.json()) as { id: string }[], email).toContainEqual({ id: sub });
			await api.dispose();
		}
	});
});
