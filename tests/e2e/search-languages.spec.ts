// Search in every language of a challenge (issue 16, item 1; docs/search.md#languages): a visitor
// finds a challenge through its version in their language and sees it in that language, with a
// short note when the texts are a version or an original in another language. At phone width
// (390 px), with an axe scan of each state; the language switch is the header's plain form.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures';

const PHONE_390 = { width: 390, height: 844 };

function card(page: Page, title: string) {
	return page
		.getByRole('main')
		.getByRole('article')
		.filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

async function noSidewaysScroll(page: Page) {
	expect(
		await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		)
	).toBeLessThanOrEqual(0);
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(`search in every language (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		test.use({ viewport: PHONE_390, javaScriptEnabled });

		test('"flood" on the English pages finds the Chinese sponge-city challenge by its English version', async ({
			page
		}) => {
			await page.goto('/?q=flood');
			const shanghai = card(page, 'Sponge city rainwater harvesting and flood sensor pilot');
			await expect(shanghai).toBeVisible();
			// The version is in the page's language: no lang attribute, one small note.
			await expect(shanghai.getByRole('heading')).not.toHaveAttribute('lang', /./);
			await expect(shanghai.getByText('Translated from Chinese')).toBeVisible();
			// Its snippet comes from the English version, never the Chinese original.
			await expect(shanghai.locator('.card-text')).toContainText(/flood/i);
			await expect(shanghai.locator('.card-text')).not.toHaveAttribute('lang', /./);
			await noSidewaysScroll(page);
			// axe runs in the page: the run with JavaScript scans this state.
			if (javaScriptEnabled) await expectNoAxeViolations(page);
		});

		test('"洪水" on the Chinese pages finds Da Nang by its Chinese version', async ({ page }) => {
			await page.goto('/');
			await page.getByRole('button', { name: '中文' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
			await page.goto('/?q=%E6%B4%AA%E6%B0%B4');
			const daNang = card(page, '韩江与锦丽郡洪水传感器及预警系统');
			await expect(daNang).toBeVisible();
			await expect(daNang.getByText('译自英语')).toBeVisible();
			await noSidewaysScroll(page);
			// axe runs in the page: the run with JavaScript scans this state.
			if (javaScriptEnabled) await expectNoAxeViolations(page);
		});
	});
}

test.describe('an original in another language than the page', () => {
	test.use({ viewport: PHONE_390 });

	test('is marked with its lang attribute and a short note', async ({ page }) => {
		// Chonburi's coastal flood sensors have no Chinese version: the English original is shown.
		await page.goto('/');
		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
		await page.goto('/?city=chonburi');
		const original = card(page, 'Coastal flood sensors and tide gauges for Si Racha and Bang Saen');
		await expect(original.getByRole('heading')).toHaveAttribute('lang', 'en');
		await expect(original.getByText('英语原文')).toBeVisible();
		await expectNoAxeViolations(page);
	});
});

test('the twins of the Chinese sponge-city challenge are the flood-sensor challenges of other cities', async ({
	page
}) => {
	await page.goto('/challenges/shanghai-sponge-city-waterlogging-sensors');
	const twins = page.getByRole('region', { name: 'The same problem in other cities' });
	await expect(
		card(page, 'Flood sensors and early warning for the Han River and Cam Le district')
	).toBeVisible();
	await expect(twins.getByText(/^Also about flood/).first()).toBeVisible();
	await expectNoAxeViolations(page);
});

test('JSON API: hits in the asked language (lang), every version in translations', async ({
	request
}) => {
	type Hit = {
		slug: string;
		language: string;
		original_language: string;
		translated: boolean;
		title: string;
		translations: Record<string, { title: string; summary: string }>;
	};
	const find = (body: { data: Hit[] }) =>
		body.data.find((h) => h.slug === 'shanghai-sponge-city-waterlogging-sensors');

	const english = await (await request.get('/api/v1/challenges?q=flood&lang=en&limit=50')).json();
	expect(find(english)).toMatchObject({
		language: 'en',
		original_language: 'zh',
		translated: true,
		title: 'Sponge city rainwater harvesting and flood sensor pilot',
		translations: { en: { title: 'Sponge city rainwater harvesting and flood sensor pilot' } }
	});
	expect(new URL(english.links.self).searchParams.get('lang')).toBe('en');

	// Without lang, every hit shows its original (a shared cache may keep the answer).
	const originals = await (await request.get('/api/v1/challenges?q=flood&limit=50')).json();
	expect(find(originals)).toMatchObject({
		language: 'zh',
		translated: false,
		title: '海绵城市雨水收集与内涝监测试点'
	});

	const bad = await request.get('/api/v1/challenges?lang=fr');
	expect(bad.status()).toBe(400);
	expect((await bad.json()).error).toMatch(/lang: "fr"/);
});
