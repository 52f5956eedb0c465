// Identity's security properties, seen from outside: cross-site writes refused everywhere, the
// session cookie's attributes, a new session on every sign-in, the token kept from the browser.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, apiClient, uniqueClientIp } from './auth-helpers';

const EVIL = 'https://evil.example';

test.describe('cross-site requests', () => {
	const endpoints = [
		'/api/auth/sign-in/email',
		'/api/auth/sign-up/email',
		'/api/auth/sign-in/magic-link',
		'/api/auth/request-password-reset',
		'/api/auth/reset-password',
		'/api/auth/send-verification-email',
		'/api/auth/sign-out',
		'/api/auth/change-password',
		'/api/auth/change-email',
		'/api/auth/revoke-other-sessions',
		'/api/auth/update-user'
	];
	for (const path of endpoints) {
		test(`POST ${path} from another site is refused`, async ({ baseURL }) => {
			const api = await apiClient(baseURL!);
			const variants: Record<string, string>[] = [
				{ origin: EVIL, 'content-type': 'application/json' },
				{ 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
				{ origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' }
			];
			for (const headers of variants) {
				const res = await api.post(path, {
					headers,
					data:
						headers['content-type'] === 'application/json'
							? JSON.stringify({ email: 'vendor.a@demo.test', password: DEMO_PASSWORD })
							: 'email=vendor.a%40demo.test'
				});
				expect(res.status(), JSON.stringify(headers)).toBe(403);
			}
		});
	}

	const actions = [
		'/signin?/password',
		'/signin?/magic',
		'/signin?/resend',
		'/signup',
		'/forgot',
		'/reset',
		'/verify',
		'/signout',
		'/account?/profile',
		'/account?/language',
		'/account?/password',
		'/account?/email',
		'/account?/revoke',
		'/account?/revokeOthers'
	];
	for (const action of actions) {
		test(`form action ${action} from another site is refused`, async ({ baseURL }) => {
			const api = await apiClient(baseURL!);
			const res = await api.post(action, {
				headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
				data: 'email=vendor.a%40demo.test&password=x'
			});
			expect(res.status()).toBe(403);
		});
	}

	test('the same requests from the portal itself go through', async ({ baseURL }) => {
		const api = await apiClient(baseURL!);
		const res = await api.post('/api/auth/sign-in/email', {
			headers: { origin: baseURL!, 'sec-fetch-site': 'same-origin' },
			data: { email: 'vendor.a@demo.test', password: DEMO_PASSWORD }
		});
		expect(res.status()).toBe(200);
	});
});

test.describe('the session', () => {
	test('its cookie is HttpOnly and SameSite=Lax (Secure off this machine: integration test)', async ({
		page
	}) => {
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
		await page.goto('/signin');
		const form = page.locator('form[action="?/password"]');
		await form.getByLabel('E-mail address').fill('vendor.a@demo.test');
		await form.getByLabel('Password').fill(DEMO_PASSWORD);
		await form.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('banner')).toContainText('Vendor A');
		const cookie = (await page.context().cookies()).find(
			(c) => c.name === 'better-auth.session_token'
		);
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
		// plain HTTP on 127.0.0.1 only: any other origin gets Secure (tests/integration/auth-cookies)
		expect(cookie?.secure).toBe(false);
	});

	test('signing in always starts a new session, whatever cookie the browser brought', async ({
		page,
		baseURL
	}) => {
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
		await page
			.context()
			.addCookies([{ name: 'better-auth.session_token', value: 'planted.value', url: baseURL! }]);
		const token = async () =>
			(await page.context().cookies()).find((c) => c.name === 'better-auth.session_token')?.value;
		const signIn = async () => {
			await page.goto('/signin');
			const form = page.locator('form[action="?/password"]');
			await form.getByLabel('E-mail address').fill('vendor.b@demo.test');
			await form.getByLabel('Password').fill(DEMO_PASSWORD);
			await form.getByRole('button', { name: 'Sign in' }).click();
			await expect(page.getByRole('banner')).toContainText('Vendor B');
		};
		await signIn();
		const first = await token();
		expect(first).not.toBe('planted.value');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page.getByRole('banner')).toContainText('Sign in');
		await signIn();
		const second = await token();
		expect(second).not.toBe(first);
	});

	test('pages never carry the PostgREST token, and get-session sends none', async ({ page }) => {
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
		await page.goto('/signin');
		const form = page.locator('form[action="?/password"]');
		await form.getByLabel('E-mail address').fill('official.sepang@demo.test');
		await form.getByLabel('Password').fill(DEMO_PASSWORD);
		await form.getByRole('button', { name: 'Sign in' }).click();
		const account = await page.request.get('/account');
		expect(await account.text()).not.toMatch(/eyJhbGciOiJSUzI1Ni/);
		const session = await page.request.get('/api/auth/get-session');
		expect(session.headers()['set-auth-jwt']).toBeUndefined();
		expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toMatch(/eyJ/);
	});
});
