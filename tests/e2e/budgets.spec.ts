// Budgets comparable (issue 16, item 7): "≈ USD" beside the local budget on the cards and the
// challenge page (with the illustrative rate's date there), the list's budget range in US dollars
// and its budget order, with and without JavaScript, at phone width, axe-clean. Which challenges a
// range or the order gives is checked against SQL in tests/integration/budgets.test.ts; here the
// page is checked against the JSON API for the same parameters.
import { expect, test, type Page } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { expectNoAxeViolations, PHONE } from './fixtures';

/** The number in "23 challenges" (the live result count). */
async function resultCount(page: Page): Promise<number> {
	const text = await page.getByRole('main').getByRole('status').first().innerText();
	const n = text.replace(/[,\s]/g, '').match(/\d+/);
	expect(n, `result count in "${text}"`).not.toBeNull();
	return Number(n![0]);
}

async function hydrated(page: Page) {
	await expect(page.locator('button', { hasText: 'Apply filters' })).toHaveCount(0);
}

function resultTitles(page: Page) {
	return page.getByRole('main').locator('article h3 a');
}

/** The titles and total the JSON API gives for the same search. */
async function fromApi(page: Page, search: string) {
	// In the English pages' language: titles as the list shows them (a version when there is one).
	const res = await page.request.get(`/api/v1/challenges?${search}&lang=en&limit=50`);
	expect(res.ok()).toBe(true);
	const body = (await res.json()) as {
		data: { title: string; budget_max_usd: number | null; currency: string | null }[];
		meta: { total: number };
	};
	return body;
}

const RANGE_CHIP = /Remove filter: Budget: USD\s100,000 – USD\s300,000/;

test.describe('budgets with JavaScript', () => {
	test('a range in USD and the budget order update the list in place', async ({ page }) => {
		await page.goto('/');
		await hydrated(page);
		const all = await resultCount(page);
		const filters = page.getByTestId('budget-filter');
		await filters.getByLabel('At least (USD)').fill('100000');
		await filters.getByLabel('At most (USD)').fill('300000');
		await filters.getByLabel('At most (USD)').press('Enter');
		await expect(page).toHaveURL(/min_usd=100000&max_usd=300000/);
		await expect(page.getByRole('link', { name: RANGE_CHIP })).toBeVisible();
		const api = await fromApi(page, 'min_usd=100000&max_usd=300000');
		await expect.poll(() => resultCount(page)).toBe(api.meta.total);
		expect(api.meta.total).toBeLessThan(all);

		await page.getByRole('combobox', { name: 'Sort by' }).selectOption('budget');
		await expect(page).toHaveURL(/sort=budget/);
		const sorted = await fromApi(page, 'min_usd=100000&max_usd=300000&sort=budget');
		await expect(resultTitles(page).first()).toHaveText(sorted.data[0]!.title);
		await expect(resultTitles(page).nth(1)).toHaveText(sorted.data[1]!.title);
		await expectNoAxeViolations(page);

		// The chip removes the range and keeps the order.
		await page.getByRole('link', { name: RANGE_CHIP }).click();
		await expect(page).not.toHaveURL(/min_usd|max_usd/);
		await expect(page).toHaveURL(/sort=budget/);
		await expect.poll(() => resultCount(page)).toBe(all);
	});

	test('cards show "≈ USD" beside a budget in another currency', async ({ page }) => {
		await page.goto('/?city=sepang');
		const card = page.getByRole('article').filter({ hasText: 'MYR' }).first();
		await expect(card).toContainText(/≈ USD\s[\d,]+/);
		await expectNoAxeViolations(page);
	});

	test('the challenge page gives the USD figure at the illustrative rate of its date', async ({
		page
	}) => {
		await page.goto('/challenges/sepang-flood-early-warning-sensors');
		const usd = page.getByTestId('budget-usd');
		// MYR 250,000 – 600,000 at 0.22: USD 55,000 – 132,000, to two significant digits.
		await expect(usd).toHaveText(
			/≈ USD\s55,000 – USD\s130,000, at the illustrative rate of Dec 1, 2026/
		);
		await expectNoAxeViolations(page);
	});

	test('in Chinese: the filter, the order and the rate are worded, axe-clean', async ({ page }) => {
		await page.goto('/challenges/sepang-flood-early-warning-sensors');
		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.getByTestId('budget-usd')).toHaveText(
			/≈ USD\s55,000 – USD\s130,000（按 2026年12月1日 的示意汇率）/
		);
		await page.goto('/?min_usd=100000&sort=budget');
		await expect(page.getByRole('group', { name: '预算（美元）' })).toBeAttached();
		await expect(page.getByRole('combobox', { name: '排序' })).toHaveValue('budget');
		await expect(page.getByRole('link', { name: /预算: USD\s100,000 起/ })).toBeVisible();
		await expectNoAxeViolations(page);
	});

	test('a budget in US dollars is not repeated', async ({ page }) => {
		await page.goto('/challenges/da-nang-tourist-mobility-data');
		await expect(page.getByTestId('budget-usd')).toHaveText('');
	});

	test('a range that is not an amount answers 400, naming the parameter', async ({ page }) => {
		const res = await page.goto('/?min_usd=lots');
		expect(res?.status()).toBe(400);
		await expect(page.getByText(/min_usd: must be a whole number/)).toBeVisible();
	});
});

test('open data: the CSV and the JSON carry both budgets and the rate date, range and order too', async ({
	request
}) => {
	const api = (await (
		await request.get('/api/v1/challenges?min_usd=100000&sort=budget&limit=50')
	).json()) as {
		data: {
			slug: string;
			currency: string;
			budget_max: number;
			budget_max_usd: number;
			budget_usd_as_of: string;
		}[];
		meta: { total: number };
	};
	const first = api.data[0]!;
	expect(first.budget_max_usd).toBeGreaterThan(0);
	expect(first.budget_usd_as_of).toBe('2026-12-01');
	const rows = parseCsv(
		await (await request.get('/challenges.csv?min_usd=100000&sort=budget')).text(),
		{ columns: true, bom: true }
	) as Record<string, string>[];
	expect(rows).toHaveLength(api.meta.total);
	expect(rows.slice(0, api.data.length).map((r) => r.slug)).toEqual(api.data.map((d) => d.slug));
	expect(rows[0]).toMatchObject({
		currency: first.currency,
		budget_max_usd: String(first.budget_max_usd),
		budget_usd_as_of: '2026-12-01'
	});
});

test.describe('budgets without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the range and the order are a plain form', async ({ page }) => {
		await page.goto('/');
		const filters = page.getByTestId('budget-filter');
		await filters.getByLabel('At least (USD)').fill('100000');
		await filters.getByLabel('At most (USD)').fill('300000');
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await expect(page).toHaveURL(/min_usd=100000&max_usd=300000/);
		await expect(filters.getByLabel('At least (USD)')).toHaveValue('100000');
		await expect(page.getByRole('link', { name: RANGE_CHIP })).toBeVisible();
		const api = await fromApi(page, 'min_usd=100000&max_usd=300000');
		expect(await resultCount(page)).toBe(api.meta.total);

		await page.getByRole('combobox', { name: 'Sort by' }).selectOption('budget');
		await page.getByRole('button', { name: 'Apply', exact: true }).click();
		await expect(page).toHaveURL(/sort=budget/);
		await expect(page).toHaveURL(/min_usd=100000/);
		const sorted = await fromApi(page, 'min_usd=100000&max_usd=300000&sort=budget');
		await expect(resultTitles(page).first()).toHaveText(sorted.data[0]!.title);
	});

	test('the budget order alone: the largest budget first, none last', async ({ page }) => {
		await page.goto('/?sort=budget&limit=50&page=2');
		const sorted = await fromApi(page, 'sort=budget&page=2');
		const last = sorted.data.at(-1)!;
		expect(last.budget_max_usd).toBeNull();
		await expect(resultTitles(page).last()).toHaveText(last.title);
	});
});

test.describe('budgets on a phone', () => {
	test.use({ viewport: PHONE });

	test('the range fits and a card shows "≈ USD"', async ({ page }) => {
		await page.goto('/?min_usd=100000&max_usd=300000&sort=budget');
		await page.getByText('Show filters').click();
		const filters = page.getByTestId('budget-filter');
		await expect(filters.getByLabel('At most (USD)')).toBeVisible();
		const box = await filters.boundingBox();
		expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
		).toBe(true);
		await expect(page.getByRole('article').filter({ hasText: '≈ USD' }).first()).toBeVisible();
		await expectNoAxeViolations(page);
	});
});
