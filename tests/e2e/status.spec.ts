import { expect, test } from '@playwright/test';
import pg from 'pg';
import { loadConfig } from '../../scripts/stack/config.mjs';
import { expectNoAxeViolations } from './fixtures';

const DB_URL = process.env.DATABASE_URL || loadConfig().dbUrl;

/** How many public challenges are decided, and of those awarded (SQL truth). */
async function decided() {
	const client = new pg.Client({ connectionString: DB_URL });
	await client.connect();
	try {
		const { rows } = await client.query<{ n: number; awarded: number }>(
			`select count(*)::int as n, count(*) filter (where outcome = 'awarded')::int as awarded
			 from public.challenges where status = 'decided'`
		);
		return rows[0]!;
	} finally {
		await client.end();
	}
}

// Issue 15: a challenge is open, under review or decided (awarded or not); the labels follow.
test.describe('the status vocabulary', () => {
	test('a decided challenge shows how it ended; the filter names the new statuses', async ({
		page
	}) => {
		const truth = await decided();
		expect(truth.n).toBeGreaterThan(0);
		await page.goto('/?status=decided&limit=50');
		const cards = page.getByRole('article');
		await expect(cards).toHaveCount(truth.n);
		await expect(cards.filter({ hasText: 'Awarded' })).toHaveCount(truth.awarded);
		await expect(cards.filter({ hasText: 'Closed without award' })).toHaveCount(
			truth.n - truth.awarded
		);
		const statuses = page.getByRole('group', { name: 'Status' });
		for (const label of ['Open', 'Under review', 'Decided']) {
			await expect(statuses.getByRole('checkbox', { name: new RegExp(`^${label}`) })).toBeVisible();
		}
		await expect(page.getByRole('link', { name: 'Remove filter: Status: Decided' })).toBeVisible();
		await expectNoAxeViolations(page);

		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
		await expect(cards.filter({ hasText: '已授予' })).toHaveCount(truth.awarded);
		await expect(
			page.getByRole('group', { name: '状态' }).getByRole('checkbox', { name: /^已决定/ })
		).toBeChecked();
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'English' }).click();
	});

	test('an old status in a bookmark answers a clear 400', async ({ page }) => {
		const response = await page.goto('/?status=awarded');
		expect(response?.status()).toBe(400);
		await expect(page.getByRole('main')).toContainText('status');
	});
});
