import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';

// Runs in its own Playwright project after every other suite: it stops PostgREST for a moment.
const stack = (...args: string[]) =>
	execFileSync('node', ['scripts/stack/cli.mjs', ...args], { stdio: 'pipe', timeout: 60_000 });

test.describe.configure({ mode: 'serial' });

test.afterAll(() => {
	stack('start', 'postgrest');
});

test('with PostgREST stopped, a data page is a friendly 503 and recovers when it is back', async ({
	page
}) => {
	stack('stop', 'postgrest');
	const down = await page.goto('/');
	expect(down?.status()).toBe(503);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const body = await page.locator('body').innerText();
	expect(body).toMatch(/not reachable|unavailable/i);
	expect(body).not.toMatch(/at .*\.js:\d+|Error:|stack/i);

	stack('start', 'postgrest');
	const up = await page.goto('/');
	expect(up?.status()).toBe(200);
});
