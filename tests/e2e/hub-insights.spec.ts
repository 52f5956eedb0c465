// Insights for hub staff in Chromium (issue 14; docs/collaboration.md § Insights): hub staff see
// every chart with its heading, caption, drawing (hidden from screen readers) and table; each
// chart's CSV file downloads and parses to the same numbers as its table; without JavaScript the
// page, its tables and the files work the same; at phone width (360 px) nothing is wider than the
// screen; a city official and a vendor get 403 for the page and the files. axe on each state.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, PHONE } from './fixtures';
import { signIn, uniqueClientIp } from './auth-helpers';

test.describe.configure({ timeout: 180_000 });

const DESKTOP = { width: 1280, height: 900 };
const HUB_NAV = JSON.parse(readFileSync('messages/en.json', 'utf8')).hub_nav_label as string;
const CHARTS = [
	'challenges-by-domain',
	'challenges-by-region',
	'proposals-per-challenge',
	'time-to-first-proposal',
	'shortlist-rate',
	'pipeline',
	'deployments'
];

async function newPage(browser: Browser, opts: { javaScriptEnabled?: boolean; phone?: boolean }) {
	const context = await browser.newContext({
		viewport: opts.phone ? PHONE : DESKTOP,
		javaScriptEnabled: opts.javaScriptEnabled ?? true,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
	});
	return context.newPage();
}

async function fitsWidth(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** A table's body as the CSV has it: the row's category code, then each number ('' for none). */
async function tableRows(page: Page, chart: string): Promise<string[][]> {
	const rows = page.locator(`#${chart} table tbody tr`);
	const out: string[][] = [];
	for (let i = 0; i < (await rows.count()); i++) {
		const row = rows.nth(i);
		const code = (await row.getAttribute('data-code')) ?? '';
		const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
		out.push([code, ...cells.map((c) => (c === 'none' ? '' : c))]);
	}
	return out;
}

/** Every section: heading, caption, the drawing hidden from screen readers, the table, the CSV. */
async function checkCharts(page: Page) {
	await expect(page.locator('main section')).toHaveCount(CHARTS.length);
	for (const chart of CHARTS) {
		const section = page.locator(`#${chart}`);
		await expect(section.getByRole('heading', { level: 2 })).toBeVisible();
		await expect(section.locator('p').first()).not.toBeEmpty();
		const rows = section.locator('table tbody tr');
		if ((await rows.count()) === 0) {
			// only the deployments may be empty (no partnership deployed yet)
			expect(chart).toBe('deployments');
			await expect(section).toContainText('Nothing to count yet.');
		} else {
			// the drawing is server-rendered SVG, out of the accessibility tree
			await expect(section.locator('[aria-hidden="true"] svg').first()).toBeAttached();
			if ((await section.locator('details[open]').count()) === 0) {
				await section.getByText('The numbers as a table').click();
			}
			await expect(section.getByRole('table')).toBeVisible();
		}
		const link = section.getByRole('link', { name: /^Download as CSV/ });
		await expect(link).toHaveAccessibleName(/^Download as CSV ?: .+/);
		const href = new URL((await link.getAttribute('href')) ?? '', page.url()).pathname;
		expect(href).toBe(`/hub/insights/${chart}.csv`);
		// Tests in the other worker may publish a challenge or move a partnership between the page
		// and the file: the two must agree when nothing changed in between, so on a difference the
		// page is loaded again with the file fetched again (a real disagreement never passes).
		await expect(async () => {
			const numbers = await csvNumbers(page, href, chart);
			const table = await tableRows(page, chart);
			if (JSON.stringify(numbers) !== JSON.stringify(table)) {
				await page.reload();
				await openTables(page);
			}
			expect(numbers, `${chart}.csv = its table`).toEqual(table);
		}).toPass({ timeout: 30_000 });
	}
	await openTables(page);
}

/** A chart's CSV body as its table shows it. */
async function csvNumbers(page: Page, href: string, chart: string): Promise<string[][]> {
	const res = await page.request.get(href);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toMatch(/^text\/csv/);
	expect(res.headers()['content-disposition']).toContain(`insights-${chart}.csv`);
	const csv: string[][] = parse((await res.text()).replace(/^\uFEFF/, ''));
	const [, ...body] = csv;
	// a region's CSV has its name beside the slug; the table shows the name as the row's heading
	return chart === 'challenges-by-region' ? body.map((r) => [r[0] ?? '', ...r.slice(2)]) : body;
}

/** Opens every chart's table (after a reload they are closed again). */
async function openTables(page: Page) {
	const closed = page.locator('main details:not([open]) > summary');
	while ((await closed.count()) > 0) await closed.first().click();
}

test('hub staff see each chart with its table and CSV (desktop, phone, axe)', async ({
	browser
}) => {
	const page = await newPage(browser, {});
	await signIn(page, 'hub@demo.test');
	// the hub's pages link it
	await page.goto('/hub/organisations');
	await page
		.getByRole('navigation', { name: HUB_NAV })
		.getByRole('link', { name: 'Insights' })
		.click();
	await expect(page).toHaveURL(/\/hub\/insights$/);
	await expect(
		page.getByRole('navigation', { name: HUB_NAV }).getByRole('link', { name: 'Insights' })
	).toHaveAttribute('aria-current', 'page');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Insights');
	await expect(page.getByText(/Drafts never count, withdrawn challenges neither/)).toBeVisible();
	await expectNoAxeViolations(page);
	await checkCharts(page);
	// every table open: axe again, then at phone width
	await expectNoAxeViolations(page);
	await page.setViewportSize(PHONE);
	await fitsWidth(page);
	await expectNoAxeViolations(page);

	// a real download of one file through its link
	const download = page.waitForEvent('download');
	await page
		.locator('#challenges-by-domain')
		.getByRole('link', { name: /Download as CSV/ })
		.click();
	expect((await download).suggestedFilename()).toBe('insights-challenges-by-domain.csv');
	await page.context().close();
});

test('without JavaScript, at phone width: the same charts, tables and files', async ({
	browser
}) => {
	const page = await newPage(browser, { javaScriptEnabled: false, phone: true });
	await signIn(page, 'hub@demo.test');
	await page.goto('/hub/insights');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Insights');
	await fitsWidth(page);
	await checkCharts(page);
	await fitsWidth(page);
	await page.context().close();
});

// axe-core waits on timers between its steps, and a page without JavaScript runs none: on a page
// this size axe never finishes there. So axe reads the same server-rendered page with its scripts
// removed (nothing hydrates: the DOM a browser without JavaScript has), in a context where timers run.
test('without JavaScript: axe finds nothing (server HTML, scripts removed)', async ({
	browser
}) => {
	for (const phone of [false, true]) {
		const page = await newPage(browser, { phone });
		await signIn(page, 'hub@demo.test');
		await page.route('**/hub/insights', async (route) => {
			const res = await route.fetch();
			const html = (await res.text())
				.replace(/<script\b[\s\S]*?<\/script>/g, '')
				.replace(/<link rel="modulepreload"[^>]*>/g, '');
			await route.fulfill({ response: res, body: html });
		});
		await page.goto('/hub/insights');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Insights');
		expect(await page.locator('script').count()).toBe(0);
		await expectNoAxeViolations(page);
		for (const summary of await page.locator('summary').all()) await summary.click();
		await expectNoAxeViolations(page);
		if (phone) await fitsWidth(page);
		await page.context().close();
	}
});

test('a city official and a vendor get 403 for the page and the files; no Insights link', async ({
	browser
}) => {
	for (const email of ['official.shanghai@demo.test', 'vendor.a@demo.test']) {
		const page = await newPage(browser, {});
		await signIn(page, email);
		await expect(page.getByRole('link', { name: 'Insights' })).toHaveCount(0);
		const res = await page.goto('/hub/insights');
		expect(res?.status()).toBe(403);
		await expect(page.getByText('Error 403')).toBeVisible();
		await expectNoAxeViolations(page);
		const csv = await page.request.get('/hub/insights/pipeline.csv');
		expect(csv.status()).toBe(403);
		expect(await csv.text()).not.toContain('partnerships');
		await page.context().close();
	}
});

test('a visitor is sent to sign in', async ({ browser }) => {
	const page = await newPage(browser, {});
	await page.goto('/hub/insights');
	await expect(page).toHaveURL(/\/signin\?redirectTo=%2Fhub%2Finsights/);
	const csv = await page.request.get('/hub/insights/pipeline.csv', { maxRedirects: 0 });
	expect(csv.status()).toBe(303);
	await page.context().close();
});
