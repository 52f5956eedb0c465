// Lists that show a challenge by its title only (a vendor's proposals, the partnership board, a
// member's partnerships) show it in the reader's language when it has a version in it, marked
// with that language (docs/collaboration.md#languages). The demo trail: AquaSense's proposal and
// partnership on Shanghai's "老年人数字公共服务适老化改造", which has an English version.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, PHONE } from './fixtures';
import { signedIn } from './auth-helpers';

const ORIGINAL = '老年人数字公共服务适老化改造';
const ENGLISH = 'Digital public services adapted for older residents';

async function inChinese(page: Page) {
	await page
		.context()
		.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'zh', url: test.info().project.use.baseURL! }]);
}

test('a vendor reads its proposals’ challenges in its language, the original in Chinese', async ({
	browser
}) => {
	const { page, context } = await signedIn(browser, 'vendor.a@demo.test', { viewport: PHONE });
	await page.goto('/proposals');
	const english = page.getByRole('link', { name: ENGLISH });
	await expect(english).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('link', { name: ORIGINAL })).toHaveCount(0);
	await expectNoAxeViolations(page);

	// The proposal page names the challenge as its page does.
	await page.goto('/challenges/shanghai-elderly-digital-services/propose');
	await expect(page.getByRole('link', { name: ENGLISH })).toHaveAttribute('lang', 'en');

	await inChinese(page);
	await page.goto('/proposals');
	await expect(page.getByRole('link', { name: ORIGINAL })).toHaveAttribute('lang', 'zh');
	await expect(page.getByRole('link', { name: ENGLISH })).toHaveCount(0);
	await context.close();
});

test('the partnership board and a member’s partnerships title the challenge in the reader’s language', async ({
	browser
}) => {
	const hub = await signedIn(browser, 'hub@demo.test');
	await hub.page.goto('/hub/partnerships');
	await expect(hub.page.getByRole('link', { name: ENGLISH })).toHaveAttribute('lang', 'en');
	await hub.page.getByRole('link', { name: ENGLISH }).click();
	await expect(hub.page.getByRole('heading', { level: 1, name: ENGLISH })).toHaveAttribute(
		'lang',
		'en'
	);
	await expectNoAxeViolations(hub.page);
	await hub.context.close();

	const vendor = await signedIn(browser, 'vendor.a@demo.test');
	await vendor.page.goto('/partnerships');
	await expect(vendor.page.getByRole('link', { name: ENGLISH })).toHaveAttribute('lang', 'en');
	await vendor.context.close();
});
