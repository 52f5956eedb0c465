// City descriptions and organisation profiles in more than one language (issue 16, item 9;
// docs/organisations.md#profiles-in-more-than-one-language): the city and organisation pages show
// the visitor's language when there is a version in it, and otherwise the original with its lang
// and a note (the meta description follows); an organisation's admins add, change and remove the
// versions on the manage page, with and without JavaScript, at phone width, axe-clean. The
// versions' writes and refusals are checked through the gateway in
// tests/integration/profile-translations.test.ts. The manage tests leave the demo as they found it.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signedIn } from './auth-helpers';
import { expectNoAxeViolations } from './fixtures';

const PHONE = { width: 390, height: 844 };
const SEPANG_COUNCIL = '/organisations/sepang-municipal-council';

async function visitor(browser: Browser, baseURL: string, locale: 'en' | 'zh'): Promise<Page> {
	const context = await browser.newContext({ viewport: PHONE });
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: baseURL }]);
	return context.newPage();
}

const description = (page: Page) => page.locator('meta[name="description"]');

test.describe('the pages show a profile in the visitor language', () => {
	test('the vendor directory shows each profile in the visitor language', async ({
		browser,
		baseURL
	}) => {
		const page = await visitor(browser, baseURL!, 'zh');
		await page.goto('/vendors?q=AquaSense');
		const text = page.getByText('利用声学与压力分析技术检测供水管网漏损', { exact: false });
		await expect(text).toBeVisible();
		await expect(text).toHaveAttribute('lang', 'zh');
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	test("Shanghai's city page in Chinese shows the Chinese description", async ({
		browser,
		baseURL
	}) => {
		const page = await visitor(browser, baseURL!, 'zh');
		await page.goto('/cities/shanghai');
		const text = page.getByText('中国最大的城市和全球性港口', { exact: false });
		await expect(text).toBeVisible();
		await expect(text).toHaveAttribute('lang', 'zh');
		await expect(page.getByTestId('profile-original-note')).toHaveCount(0);
		await expect(description(page)).toHaveAttribute('content', /^中国最大的城市和全球性港口/);
		await expectNoAxeViolations(page);

		await page.context().clearCookies();
		await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: baseURL! }]);
		await page.goto('/cities/shanghai');
		await expect(page.getByText("China's largest city and a global port")).toHaveAttribute(
			'lang',
			'en'
		);
		await expect(description(page)).toHaveAttribute('content', /^China's largest city/);
		await page.context().close();
	});

	test("the Shanghai commission's page: a Chinese original and an English version", async ({
		browser,
		baseURL
	}) => {
		const path = '/organisations/shanghai-municipal-commission';
		const en = await visitor(browser, baseURL!, 'en');
		await en.goto(path);
		const version = en.getByText('Coordinates the digital transformation programme of Shanghai');
		await expect(version).toHaveAttribute('lang', 'en');
		await expect(en.getByTestId('profile-original-note')).toHaveCount(0);
		await expect(description(en)).toHaveAttribute('content', /^Coordinates the digital/);
		await expectNoAxeViolations(en);
		await en.context().close();

		const zh = await visitor(browser, baseURL!, 'zh');
		await zh.goto(path);
		await expect(zh.getByText('统筹推进上海市城市数字化转型')).toHaveAttribute('lang', 'zh');
		await expect(zh.getByTestId('profile-original-note')).toHaveCount(0);
		await expect(description(zh)).toHaveAttribute('content', /^统筹推进上海市城市数字化转型/);
		await expectNoAxeViolations(zh);
		await zh.context().close();
	});

	test('a profile without a version in the visitor language: the original, marked, with a note', async ({
		browser,
		baseURL
	}) => {
		const page = await visitor(browser, baseURL!, 'zh');
		await page.goto('/organisations/lumengrid');
		await expect(page.getByText('Connected LED street lighting')).toHaveAttribute('lang', 'en');
		await expect(page.getByTestId('profile-original-note')).toHaveText(
			'原文为英语，暂无您所用语言的版本。'
		);
		await expectNoAxeViolations(page);
		await page.context().close();
	});
});

test.describe('admins write the versions on the manage page', () => {
	// Both journeys change the same demo organisation: one after the other.
	test.describe.configure({ mode: 'serial' });

	for (const javaScriptEnabled of [true, false]) {
		test(`add, refuse, remove a version of the profile (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({
			browser,
			baseURL
		}) => {
			const { page, context } = await signedIn(browser, 'official.sepang@demo.test', {
				viewport: PHONE,
				javaScriptEnabled
			});
			// axe runs inside the page, so only with JavaScript on; the server sends the same markup.
			const axe = (p: Page) => (javaScriptEnabled ? expectNoAxeViolations(p) : Promise.resolve());
			await page.goto(`${SEPANG_COUNCIL}/manage`);
			const field = page.getByLabel('Profile in Chinese');
			const form = page.locator('form', { has: field });
			await expect(field).toHaveValue('');
			await expect(form.getByRole('button', { name: 'Remove version' })).toHaveCount(0);
			// The city the council speaks for: its description's Chinese version, from the demo.
			await expect(page.getByLabel('Description of Sepang in Chinese')).toHaveValue(/^吉隆坡以南/);

			// Nothing written: the error next to the field.
			await form.getByRole('button', { name: 'Save version' }).click();
			await expect(field).toHaveAttribute('aria-invalid', 'true');
			await expect(field).toHaveAccessibleDescription(
				/Write the version, up to 5,000 characters; to have none, remove it\./
			);
			await axe(page);

			await field.fill('雪邦县的地方政府，辖区包括吉隆坡国际机场、赛城和雪邦赛道。');
			await form.getByRole('button', { name: 'Save version' }).click();
			await expect(form.getByRole('status')).toHaveText('The version in Chinese has been saved.');
			await expect(field).toHaveValue(/^雪邦县的地方政府/);
			await expect(field).toHaveAttribute('lang', 'zh');
			await axe(page);

			// Chinese has a version now: it cannot become the original's language. What was typed stays.
			const profileForm = page.locator('form[action="?/profile"]');
			const language = profileForm.getByLabel('Language the profile is written in');
			await language.fill('zh');
			await profileForm.getByRole('button', { name: 'Save profile' }).click();
			await expect(language).toHaveAccessibleDescription(
				/The profile has a version in this language: remove that version below/
			);
			await expect(language).toHaveValue('zh');
			await axe(page);

			// A visitor reading Chinese sees the version.
			const zh = await visitor(browser, baseURL!, 'zh');
			await zh.goto(SEPANG_COUNCIL);
			await expect(zh.getByText('雪邦县的地方政府')).toHaveAttribute('lang', 'zh');
			await zh.context().close();

			// Remove it: the demo is as it was.
			await page.goto(`${SEPANG_COUNCIL}/manage`);
			const again = page.locator('form', { has: page.getByLabel('Profile in Chinese') });
			await again.getByRole('button', { name: 'Remove version' }).click();
			await expect(again.getByRole('status')).toHaveText(
				'The version in Chinese has been removed.'
			);
			await expect(page.getByLabel('Profile in Chinese')).toHaveValue('');
			await expect(again.getByRole('button', { name: 'Remove version' })).toHaveCount(0);
			await axe(page);
			await context.close();
		});
	}

	test("change the Chinese version of a city's description, and put it back", async ({
		browser,
		baseURL
	}) => {
		const { page, context } = await signedIn(browser, 'official.sepang@demo.test', {
			viewport: PHONE
		});
		await page.goto(`${SEPANG_COUNCIL}/manage`);
		const field = page.getByLabel('Description of Sepang in Chinese');
		const form = page.locator('form', { has: field });
		const demo = await field.inputValue();
		expect(demo).toMatch(/^吉隆坡以南/);

		await field.fill('雪邦：测试用的新介绍。');
		await form.getByRole('button', { name: 'Save version' }).click();
		await expect(form.getByRole('status')).toHaveText('The version in Chinese has been saved.');
		await expectNoAxeViolations(page);
		const zh = await visitor(browser, baseURL!, 'zh');
		await zh.goto('/cities/sepang');
		await expect(zh.getByText('雪邦：测试用的新介绍。')).toHaveAttribute('lang', 'zh');
		await expect(description(zh)).toHaveAttribute('content', '雪邦：测试用的新介绍。');
		await zh.context().close();

		await field.fill(demo);
		await form.getByRole('button', { name: 'Save version' }).click();
		await expect(form.getByRole('status')).toHaveText('The version in Chinese has been saved.');
		await expect(field).toHaveValue(demo);
		await context.close();
	});
});
