import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, PHONE } from './fixtures';

test.describe('app shell', () => {
	test('the skip link is the first stop and jumps to the content', async ({ page }) => {
		await page.goto('/cities');
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Skip to main content' });
		await expect(skip).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.locator('main')).toBeFocused();
	});

	test('navigation marks the current section', async ({ page }) => {
		await page.goto('/');
		const nav = page.getByRole('navigation', { name: 'Main' });
		await expect(nav.getByRole('link', { name: 'Challenges' })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await nav.getByRole('link', { name: 'Cities' }).click();
		await expect(page).toHaveURL(/\/cities$/);
		await expect(nav.getByRole('link', { name: 'Cities' })).toHaveAttribute('aria-current', 'page');
		await expect(page.getByRole('contentinfo')).toContainText('Demo data is illustrative');
	});

	test('cities, a city page and the open-data page have no axe violations', async ({ page }) => {
		await page.goto('/cities');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cities');
		await expectNoAxeViolations(page);

		const firstCity = page.getByRole('main').getByRole('listitem').getByRole('link').first();
		const cityName = (await firstCity.locator('span span').first().innerText()).trim();
		await firstCity.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(cityName);
		await expect(page.getByRole('heading', { name: /Public challenges/ })).toBeVisible();
		await expectNoAxeViolations(page);

		await page
			.getByRole('link', { name: `Search and filter the challenges of ${cityName}` })
			.click();
		await expect(page).toHaveURL(/[?&]city=[a-z0-9-]+/);

		await page.goto('/open-data');
		await expect(page.getByRole('link', { name: /CSV/ }).first()).toHaveAttribute(
			'href',
			'/challenges.csv'
		);
		await expectNoAxeViolations(page);
	});

	test('unknown pages answer a friendly 404', async ({ page }) => {
		const response = await page.goto('/challenges/no-such-challenge-here');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
		await expectNoAxeViolations(page);
		expect((await page.goto('/cities/no-such-city'))?.status()).toBe(404);
		expect((await page.goto('/challenges/Not_A_Slug'))?.status()).toBe(404);
	});

	test('the language switch persists across pages and sets <html lang>', async ({ page }) => {
		await page.goto('/?domain=mobility');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
		// Back on the same search.
		await expect(page).toHaveURL(/domain=mobility/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('查找城市挑战');
		await expectNoAxeViolations(page);

		await page
			.getByRole('navigation', { name: '主导航' })
			.getByRole('link', { name: '城市' })
			.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('城市');
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh');

		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cities');
	});

	test('cards mark their own language, whatever the page language', async ({ page }) => {
		// A Chinese challenge with an English version is shown in English in the English list (no
		// lang of its own), an English one without a Chinese version keeps its own in the Chinese
		// list, and so do a city's cards.
		await page.goto('/?city=shanghai&sort=newest');
		const versionCard = page.getByRole('article').filter({ hasText: 'Sponge city rainwater' });
		await expect(versionCard.getByRole('heading', { level: 3 })).not.toHaveAttribute('lang', /./);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');

		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
		await page.goto('/?city=chonburi');
		const enOriginal = page.getByRole('article').filter({ hasText: 'Coastal flood sensors' });
		await expect(enOriginal.getByRole('heading', { level: 3 })).toHaveAttribute('lang', 'en');
		await page.goto('/cities/sepang');
		const enCard = page.getByRole('article').first();
		await expect(enCard.getByRole('heading')).toHaveAttribute('lang', 'en');
		await expect(enCard.locator('p[lang="en"]')).toHaveCount(1);
		await page.getByRole('button', { name: 'English' }).click();
	});

	test('the Chinese pages name cities in Chinese', async ({ page }) => {
		await page.goto('/?city=shanghai');
		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
		// The card, the facet and the chip.
		await expect(page.getByRole('article').first()).toContainText('上海, 中国');
		await expect(
			page.getByRole('group', { name: '城市' }).getByRole('checkbox', { name: /^上海/ })
		).toBeChecked();
		await expect(page.getByRole('link', { name: /上海/ }).first()).toBeVisible();
		await expectNoAxeViolations(page);
		// The challenge page and the cities index.
		await page.getByRole('article').first().getByRole('heading').getByRole('link').click();
		await expect(page.getByRole('link', { name: '上海' }).first()).toBeVisible();
		await page.goto('/cities');
		await expect(page.getByRole('link', { name: /上海/ })).toBeVisible();
		// Searching by the name the Chinese pages show finds that city's challenges.
		await page.goto(`/?q=${encodeURIComponent('岘港')}`);
		const cards = page.getByRole('main').getByRole('article');
		await expect(cards.first()).toContainText('岘港');
		expect(await cards.count()).toBeGreaterThan(1);
		for (const card of await cards.all()) await expect(card).toContainText('岘港, 越南');
		// A word from inside a Chinese title and one from inside a summary (bigram index); the
		// second is also in the titles of other challenges' Chinese versions, which rank first.
		for (const word of ['内涝', '传感器']) {
			await page.goto(`/?q=${encodeURIComponent(word)}`);
			await expect(cards.filter({ hasText: '海绵城市雨水收集与内涝监测试点' })).toBeVisible();
		}
		await page.goto('/cities/da-nang');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('岘港');
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Da Nang');
	});

	test("a challenge page shows its publisher, and the deadline in UTC and in the city's own time", async ({
		page
	}) => {
		await page.goto('/challenges/da-nang-flood-sensors-han-river');
		// Who publishes it: the city's organisation, linked, with its verified badge.
		const publisher = page.locator('dd').filter({
			has: page.getByRole('link', { name: 'Da Nang Department of Information and Communications' })
		});
		await expect(publisher).toContainText('Verified');
		await expect(publisher.getByRole('link')).toHaveAttribute(
			'href',
			'/organisations/da-nang-information-communications'
		);
		const deadline = page.locator('dd').filter({ hasText: 'UTC' }).first();
		const instant = new Date((await deadline.locator('time').first().getAttribute('datetime'))!);
		expect(Number.isNaN(instant.getTime())).toBe(false);
		// Da Nang is UTC+7 all year: the local line's hour is seven hours on from UTC's.
		const hh = String((instant.getUTCHours() + 7) % 24).padStart(2, '0');
		const mm = String(instant.getUTCMinutes()).padStart(2, '0');
		await expect(deadline.locator('time').nth(1)).toHaveText(
			new RegExp(`^\\w{3} \\d{1,2}, \\d{4}, ${hh}:${mm} in Da Nang \\(UTC\\+7\\)$`)
		);
		await expect(deadline.locator('time').first()).toHaveText(
			new RegExp(`, ${String(instant.getUTCHours()).padStart(2, '0')}:${mm} UTC$`)
		);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: '中文' }).click();
		await expect(deadline.locator('time').nth(1)).toHaveText(
			new RegExp(`^岘港当地时间 \\d{4}年\\d{1,2}月\\d{1,2}日 ${hh}:${mm}（UTC\\+7）$`)
		);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'English' }).click();
	});

	test('the header fits a phone screen', async ({ page }) => {
		await page.setViewportSize(PHONE);
		await page.goto('/cities');
		await expect(page.getByRole('button', { name: '中文' })).toBeVisible();
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await expectNoAxeViolations(page);
	});
});

test.describe('app shell without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the language switch is a plain form', async ({ page }) => {
		await page.goto('/cities');
		await page.getByRole('button', { name: '中文' }).click();
		await expect(page).toHaveURL(/\/cities$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('查找城市挑战');
	});
});

// Issue 16, item 6: only real twins, each with the reason it was chosen.
test('the same problem in other cities: real twins only, each says why', async ({ page }) => {
	await page.goto('/challenges/da-nang-flood-sensors-han-river');
	const twins = page.getByRole('region', { name: 'The same problem in other cities' });
	await expect(twins.getByRole('article').first()).toBeVisible();
	for (const title of await twins.getByRole('article').getByRole('heading').allInnerTexts()) {
		expect(title).toMatch(/flood|landslide/i);
	}
	await expect(twins.getByText(/^Also about flood/).first()).toBeVisible();
	await page.goto('/challenges/sepang-electric-vehicle-charging-municipal-car-parks');
	await expect(twins.getByRole('article').first()).toBeVisible();
	await expect(twins).not.toContainText('food waste');
	await expect(twins).not.toContainText('Food waste');
});
