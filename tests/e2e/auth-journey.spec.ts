// A visitor becomes a member in Chromium: signs up, confirms by mail, lands signed in, changes
test.describe.configure({ timeout: 120_000 });
// language, signs out; with JavaScript and without, on a phone; axe on every page state.
import { expect, test, type Page } from '@playwright/test';
import { PHONE, expectNoAxeViolations } from './fixtures';
import {
	GOOD_PASSWORD,
	apiClient,
	latestMail,
	linkIn,
	signUpApi,
	uniqueClientIp,
	uniqueEmail
} from './auth-helpers';

async function fitsWidth(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

for (const javaScriptEnabled of [true, false]) {
	test(`a visitor signs up, confirms, changes language and signs out (JavaScript ${javaScriptEnabled ? 'on' : 'off'}, phone width)`, async ({
		browser
	}) => {
		const context = await browser.newContext({
			javaScriptEnabled,
			viewport: PHONE,
			extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
		});
		const page = await context.newPage();
		const email = uniqueEmail(javaScriptEnabled ? 'journey-js' : 'journey-nojs');
		// axe runs inside the page, so only with JavaScript on; the server sends the same markup
		// for every state either way.
		const axe = (p: Page) => (javaScriptEnabled ? expectNoAxeViolations(p) : Promise.resolve());

		await page.goto('/');
		await page.getByRole('link', { name: 'Sign in' }).click();
		await page.getByRole('link', { name: 'Create one' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an account');
		await axe(page);
		await fitsWidth(page);

		// bad input: messages next to the fields, what was typed kept (except the password)
		await page.getByLabel('Your name').fill('Mei Chen');
		await page.getByLabel('E-mail address').fill('not-an-address');
		await page.getByLabel('Password').fill('qwertyuiop');
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(
			page.getByText('Enter an e-mail address, such as name@example.org.')
		).toBeVisible();
		await expect(page.getByText('This is one of the most common passwords')).toBeVisible();
		await expect(page.getByLabel('Your name')).toHaveValue('Mei Chen');
		await expect(page.getByLabel('E-mail address')).toHaveValue('not-an-address');
		await expect(page.getByLabel('Password')).toHaveValue('');
		await expect(page.getByLabel('E-mail address')).toHaveAttribute('aria-invalid', 'true');
		await axe(page);

		await page.getByLabel('E-mail address').fill(email);
		await page.getByLabel('Password').fill(GOOD_PASSWORD);
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
		await axe(page);

		const mail = await latestMail(email, /Confirm your e-mail address/);
		await page.goto(linkIn(mail));
		await expect(page.getByRole('status')).toContainText('confirmed and you are signed in');
		await expect(page.getByRole('banner')).toContainText('Mei Chen');
		await axe(page);
		await fitsWidth(page);

		await page
			.getByRole('banner')
			.getByRole('link', { name: /Mei Chen/ })
			.click();
		await expect(page).toHaveURL(/\/account$/);
		await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
		await axe(page);
		await fitsWidth(page);

		await page.getByLabel('Language of the portal and of our messages to you').selectOption('zh');
		await page
			.getByRole('region', { name: 'Language' })
			.getByRole('button', { name: 'Save' })
			.click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的账户');
		await expect(page.getByRole('status').first()).toContainText('您的语言设置已保存');
		await axe(page);

		await page.getByRole('banner').getByRole('button', { name: '退出登录' }).click();
		await expect(page).toHaveURL(/\/$/);
		await expect(page.getByRole('banner').getByRole('link', { name: '登录' })).toBeVisible();
		const account = await page.request.get('/account', { maxRedirects: 0 });
		expect(account.status()).toBe(303);
		await context.close();
	});
}

test.describe('every identity page state passes axe', () => {
	test('sign-in: empty, wrong password, unconfirmed with resend, link sent, link used, guard', async ({
		page,
		baseURL
	}) => {
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
		await page.goto('/signin');
		await expectNoAxeViolations(page);
		const form = page.locator('form[action="?/password"]');
		await form.getByLabel('E-mail address').fill('vendor.a@demo.test');
		await form.getByLabel('Password').fill('wrong-password-here');
		await form.getByRole('button', { name: 'Sign in' }).click();
		await expect(form.getByText('The e-mail address or the password is wrong.')).toBeVisible();
		await expectNoAxeViolations(page);

		const api = await apiClient(baseURL!);
		const email = uniqueEmail('axe');
		await signUpApi(api, email);
		await form.getByLabel('E-mail address').fill(email);
		await form.getByLabel('Password').fill(GOOD_PASSWORD);
		await form.getByRole('button', { name: 'Sign in' }).click();
		await expect(
			page.getByRole('button', { name: 'Send the confirmation link again' })
		).toBeVisible();
		await expectNoAxeViolations(page);

		const magic = page.locator('form[action="?/magic"]');
		await magic.getByLabel('E-mail address').fill('nobody-here@example.test');
		await magic.getByRole('button', { name: 'Send me a sign-in link' }).click();
		await expect(page.getByRole('status')).toContainText('We sent a message');
		await expectNoAxeViolations(page);

		await page.goto('/signin?magic=invalid');
		await expectNoAxeViolations(page);
		await page.goto('/account');
		await expect(page).toHaveURL(/\/signin\?redirectTo=%2Faccount/);
		await expect(page.getByRole('status')).toContainText('Please sign in to continue');
		await expectNoAxeViolations(page);
	});

	test('forgot, reset and verify, in English and Chinese, on a phone', async ({
		page,
		baseURL
	}) => {
		await page.setViewportSize(PHONE);
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
		for (const lang of ['zh', 'en']) {
			await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: lang, url: baseURL! }]);
			for (const path of [
				'/forgot',
				'/reset?token=x&error=INVALID_TOKEN',
				'/reset?token=abc',
				'/verify',
				'/verify?error=TOKEN_EXPIRED',
				'/verify?error=INVALID_TOKEN',
				'/signup',
				'/signin'
			]) {
				await page.goto(path);
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				await expectNoAxeViolations(page);
				await fitsWidth(page);
			}
		}
		await page.goto('/forgot');
		await page.getByLabel('E-mail address').fill('someone@example.test');
		await page.getByRole('button', { name: 'Send me a link' }).click();
		await expect(page.getByRole('status')).toBeVisible();
		await expectNoAxeViolations(page);
		await page.goto('/verify');
		await page.getByLabel('E-mail address').fill('');
		await page.getByRole('button', { name: 'Send the confirmation link again' }).click();
		await expect(page.getByText('Enter an e-mail address')).toBeVisible();
		await expectNoAxeViolations(page);
	});

	test('account: saved profile, wrong current password, e-mail change sent, other sessions', async ({
		page
	}) => {
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
		await page.goto('/signin?redirectTo=%2Faccount');
		const form = page.locator('form[action="?/password"]');
		await form.getByLabel('E-mail address').fill('official.sepang@demo.test');
		await form.getByLabel('Password').fill('city-portal-demo');
		await form.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(/\/account$/);
		await expectNoAxeViolations(page);

		const profile = page.getByRole('region', { name: 'Profile' });
		await profile.getByLabel('Your name').fill('Sepang city official (demo)');
		await profile.getByRole('button', { name: 'Save' }).click();
		await expect(profile.getByRole('status')).toContainText('Your name has been saved');
		await expectNoAxeViolations(page);

		const password = page.getByRole('region', { name: 'Password' });
		await password.getByLabel('Current password').fill('not-my-password');
		await password.getByLabel('New password').fill('a fresh harbour phrase');
		await password.getByRole('button', { name: 'Change password' }).click();
		await expect(password.getByText('This is not your current password.')).toBeVisible();
		await expectNoAxeViolations(page);

		const email = page.getByRole('region', { name: 'E-mail address' });
		await email.getByLabel('New e-mail address').fill('official.sepang@demo.test');
		await email.getByRole('button', { name: 'Change e-mail address' }).click();
		await expect(email.getByRole('alert')).toContainText('already your e-mail address');
		await expectNoAxeViolations(page);
	});
});
