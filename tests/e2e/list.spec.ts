import { expect, test, type Page } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { expectNoAxeViolations, PHONE } from './fixtures';

/** The number in "69 challenges" (the live result count). */
async function resultCount(page: Page): Promise<number> {
	const text = await page.getByRole('main').getByRole('status').innerText();
	const n = text.replace(/[,\s]/g, '').match(/\d+/);
	expect(n, `result count in "${text}"`).not.toBeNull();
	return Number(n![0]);
}

/** The "Apply" buttons are for visitors without JavaScript; they go away once the page is hydrated. */
async function hydrated(page: Page) {
	await expect(page.locator('button', { hasText: 'Apply filters' })).toHaveCount(0);
}

function resultTitles(page: Page) {
	return page.getByRole('main').locator('article h3 a');
}

test.describe('the list with JavaScript', () => {
	test('home page lists challenges and has no axe violations', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find city challenges');
		expect(await resultCount(page)).toBeGreaterThan(0);
		await expect(resultTitles(page).first()).toBeVisible();
		await expect(
			page.getByText('Demo data: the challenges listed here are illustrative')
		).toBeVisible();
		await expectNoAxeViolations(page);
	});

	test('keyboard: tab to the search box, type, submit with Enter', async ({ page }) => {
		await page.goto('/');
		await hydrated(page);
		const box = page.getByRole('searchbox', { name: 'Search challenges' });
		for (let i = 0; i < 15 && !(await box.evaluate((el) => el === document.activeElement)); i++) {
			await page.keyboard.press('Tab');
		}
		await expect(box).toBeFocused();
		await page.keyboard.type('water');
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/[?&]q=water\b/);
		await expect(page.getByRole('main').getByRole('status')).toContainText('water');
		await expect(box).toBeFocused();
	});

	test('typing updates the results without a full page load', async ({ page }) => {
		await page.goto('/');
		await hydrated(page);
		const before = await resultCount(page);
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
		await page.getByRole('searchbox', { name: 'Search challenges' }).fill('flood');
		await expect(page).toHaveURL(/[?&]q=flood\b/);
		await expect(page.getByRole('main').getByRole('status')).toContainText('flood');
		expect(await resultCount(page)).toBeLessThan(before);
		// Same document: the marker survived, so there was no reload.
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
	});

	test('a facet applies at once, shows a chip, and the chip removes it', async ({ page }) => {
		await page.goto('/');
		await hydrated(page);
		const total = await resultCount(page);
		await page
			.getByRole('group', { name: 'Domain' })
			.getByRole('checkbox', { name: /^Mobility/ })
			.check();
		await expect(page).toHaveURL(/[?&]domain=mobility\b/);
		// The URL changes first, the results when the new data has come: wait for them.
		await expect.poll(() => resultCount(page)).toBeLessThan(total);
		const badges = page.getByRole('main').locator('article').getByText('Mobility', { exact: true });
		await expect(badges.first()).toBeVisible();
		expect(await badges.count()).toBe(await page.getByRole('main').locator('article').count());
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Remove filter: Domain: Mobility' }).click();
		await expect(page).not.toHaveURL(/domain=/);
		await expect.poll(() => resultCount(page)).toBe(total);
	});

	test('an empty result suggests what to do next', async ({ page }) => {
		await page.goto('/?q=qqqxyzzyqqq');
		await expect(
			page.getByRole('heading', { name: 'No challenges match your search' })
		).toBeVisible();
		await expect(page.getByRole('link', { name: 'Mobility' })).toBeVisible();
		expect(await resultCount(page)).toBe(0);
		await expectNoAxeViolations(page);
	});

	test('pagination moves to the next page and marks the current one', async ({ page }) => {
		await page.goto('/?limit=5');
		const firstPageTitle = await resultTitles(page).first().innerText();
		const pagination = page.getByRole('navigation', { name: 'Pagination' });
		await pagination.getByRole('link', { name: 'Next' }).click();
		await expect(page).toHaveURL(/[?&]page=2\b/);
		await expect(pagination.getByRole('link', { name: 'Page 2' })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await expect(resultTitles(page).first()).not.toHaveText(firstPageTitle);
		await expectNoAxeViolations(page);
	});

	test('a shared URL reproduces the same results in a new browser context', async ({
		page,
		browser
	}) => {
		const url = '/?q=water&sort=deadline&status=open';
		await page.goto(url);
		const count = await resultCount(page);
		const titles = await resultTitles(page).allInnerTexts();

		const other = await browser.newContext();
		const page2 = await other.newPage();
		await page2.goto(url);
		expect(await resultCount(page2)).toBe(count);
		expect(await resultTitles(page2).allInnerTexts()).toEqual(titles);
		await other.close();
	});

	test('a result opens the challenge page with its details', async ({ page }) => {
		await page.goto('/');
		const first = resultTitles(page).first();
		const title = await first.innerText();
		await first.click();
		await expect(page).toHaveURL(/\/challenges\/[a-z0-9-]+$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page.getByRole('heading', { name: 'Key facts' })).toBeVisible();
		await expect(
			page.getByRole('heading', { name: 'The same problem in other cities' })
		).toBeVisible();
		await expect(page.getByTestId('take-part')).toBeVisible();
		await expectNoAxeViolations(page);
	});

	test('a bad parameter answers 400 with a clear message', async ({ page }) => {
		const response = await page.goto('/?domain=space');
		expect(response?.status()).toBe(400);
		await expect(page.getByText('domain: "space" is not one of')).toBeVisible();
		await expectNoAxeViolations(page);
		// In the portal's own words, not the validation library's.
		expect((await page.goto('/?page=abc'))?.status()).toBe(400);
		await expect(page.getByText('page: must be a whole number, such as 2')).toBeVisible();
		await expect(page.getByText(/received|NaN/)).toHaveCount(0);
	});

	test('every city can be chosen from one "Show more" when there are few', async ({ page }) => {
		await page.goto('/');
		await hydrated(page);
		const city = page.getByRole('group', { name: 'City' });
		// 16 cities: all of them are on the page, the quieter ones behind one "Show N more".
		await expect(city.getByRole('checkbox', { name: /^Tallinn/ })).toBeHidden();
		await expect(city.getByRole('link', { name: /^List all/ })).toHaveCount(0);
		await city.getByText(/^Show \d+ more$/).click();
		await expect(city.getByRole('checkbox')).toHaveCount(16);
		await expect(city.getByRole('checkbox', { name: /^Tallinn/ })).toBeVisible();
		await expectNoAxeViolations(page);
		await city.getByRole('checkbox', { name: /^Tallinn/ }).check();
		await expect(page).toHaveURL(/city=tallinn/);
		await expect(page.getByRole('link', { name: 'Remove filter: City: Tallinn' })).toBeVisible();
		// `more=city` (the "List all N" link of a long list, e.g. 216 cities) opens the list.
		await page.goto('/?more=city');
		await expect(city.getByRole('checkbox', { name: /^Tallinn/ })).toBeVisible();
	});

	test('from the search box, the next link skips the filters to the results', async ({ page }) => {
		await page.goto('/');
		await hydrated(page);
		await page.getByRole('searchbox', { name: 'Search challenges' }).focus();
		// The Search button, then the link.
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeFocused();
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Skip to the results' });
		await expect(skip).toBeFocused();
		await expect(skip).toBeVisible();
		await expectNoAxeViolations(page);
		await page.keyboard.press('Enter');
		await expect(page.getByRole('region', { name: 'Results' })).toBeFocused();
		await page.keyboard.press('Tab');
		await expect(page.getByRole('combobox', { name: 'Sort by' })).toBeFocused();
	});

	test('a chosen city that nothing matches keeps its name, and a long query wraps', async ({
		page
	}) => {
		await page.goto('/?domain=mobility&city=da-nang&status=decided');
		await expect(page.getByRole('link', { name: 'Remove filter: City: Da Nang' })).toBeVisible();
		await expect(
			page.getByRole('group', { name: 'City' }).getByRole('checkbox', { name: /^Da Nang/ })
		).toBeChecked();
		await expectNoAxeViolations(page);

		await page.setViewportSize(PHONE);
		const word = 'x'.repeat(250);
		await page.goto(`/?q=${word}`);
		await expect(
			page.getByText('Only the first 200 characters of your search were used.')
		).toBeVisible();
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		const chip = page.getByRole('link', { name: /^Remove filter: Keywords: x+$/ });
		const box = await chip.boundingBox();
		expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
		await expectNoAxeViolations(page);
	});

	test('each filter or sort change is a step Back undoes', async ({ page }) => {
		await page.goto('/');
		await hydrated(page);
		await page.getByRole('searchbox', { name: 'Search challenges' }).fill('flood');
		await expect(page).toHaveURL(/[?&]q=flood\b/);
		await page
			.getByRole('group', { name: 'Region' })
			.getByRole('checkbox', { name: /^Southeast Asia/ })
			.check();
		await expect(page).toHaveURL(/region=southeast-asia/);
		await page.getByRole('combobox', { name: 'Sort by' }).selectOption('deadline');
		await expect(page).toHaveURL(/sort=deadline/);

		await page.goBack();
		await expect(page).toHaveURL(/region=southeast-asia/);
		await expect(page).not.toHaveURL(/sort=/);
		await page.goBack();
		await expect(page).toHaveURL(/[?&]q=flood\b/);
		await expect(page).not.toHaveURL(/region=/);
		await expect(
			page.getByRole('group', { name: 'Region' }).getByRole('checkbox', { name: /^Southeast Asia/ })
		).not.toBeChecked();
		await page.goBack();
		await expect(page).toHaveURL(/\/$/);
	});

	test('arrow keys through the sort menu make one step, not one per key', async ({ page }) => {
		await page.goto('/?q=flood');
		await hydrated(page);
		const sort = page.getByRole('combobox', { name: 'Sort by' });
		await sort.focus();
		// A visitor's pace, inside the 250 ms pause: one navigation, one step. (On a busy machine the
		// first key's pause may end before the second key; the next test pins that order down.)
		await page.keyboard.press('ArrowDown');
		await page.waitForTimeout(150);
		await page.keyboard.press('ArrowDown');
		await expect(page).toHaveURL(/[?&]sort=newest\b/);
		await expect(sort).toBeFocused();
		await page.goBack();
		await expect(page).toHaveURL(/\/\?q=flood$/);
	});

	test('a key pressed on the sort menu while its last change is loading is not lost', async ({
		page
	}) => {
		// The page's timers run on a clock this test moves, so the order is the same on any machine:
		// the first key's pause ends and its results are requested; the second key comes while they
		// load; they arrive within the second key's pause.
		await page.clock.install();
		await page.goto('/?q=flood');
		await hydrated(page);
		const sort = page.getByRole('combobox', { name: 'Sort by' });
		await sort.focus();
		await page.clock.pauseAt(Date.now() + 60_000);
		let deliver!: () => void;
		const delivered = new Promise<void>((resolve) => (deliver = resolve));
		const firstChange = /__data\.json\?(?=.*q=flood)(?=.*sort=deadline)/;
		await page.route(firstChange, async (route) => {
			const response = await route.fetch();
			await delivered;
			await route.fulfill({ response });
		});
		const loading = page.waitForRequest(firstChange);
		await page.keyboard.press('ArrowDown');
		await page.clock.runFor(300);
		await loading;
		await page.keyboard.press('ArrowDown');
		deliver();
		await expect(page).toHaveURL(/[?&]sort=deadline\b/);
		// The first key's results are in; the menu still shows the visitor's second choice…
		await expect(sort).toHaveValue('newest');
		// …and applies it after its pause, as one step with the first.
		await page.clock.runFor(300);
		await expect(page).toHaveURL(/[?&]sort=newest\b/);
		await expect(sort).toHaveValue('newest');
		await expect(sort).toBeFocused();
		await page.goBack();
		await expect(page).toHaveURL(/\/\?q=flood$/);
		await expect(sort).toHaveValue('relevance');
	});

	test('the next page starts at its results; a page past the end goes to the last one', async ({
		page
	}) => {
		await page.goto('/?limit=5');
		await hydrated(page);
		const next = page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', {
			name: 'Next'
		});
		await next.scrollIntoViewIfNeeded();
		expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
		await next.click();
		await expect(page).toHaveURL(/[?&]page=2\b/);
		const results = page.getByRole('region', { name: 'Results' });
		await expect(results).toBeFocused();
		await expect
			.poll(async () => Math.round((await results.boundingBox())!.y))
			.toBeLessThanOrEqual(20);
		await expect(resultTitles(page).first()).toBeInViewport();

		const last = await page.goto('/?limit=5&page=999');
		expect(last?.status()).toBe(200);
		const pages = Number(new URL(page.url()).searchParams.get('page'));
		expect(pages).toBeGreaterThan(1);
		expect(pages).toBeLessThan(999);
		await expect(page.getByRole('main').getByRole('status')).toContainText(
			`Page ${pages} of ${pages}`
		);
		expect(await resultTitles(page).count()).toBeGreaterThan(0);
	});

	test('the page title names the search, in the HTML the server sends', async ({ request }) => {
		const html = await (await request.get('/?q=flood')).text();
		expect(html.match(/<title>([^<]*)<\/title>/g)).toEqual([
			'<title>flood – Find city challenges – City Challenges &amp; Opportunities</title>'
		]);
		expect(html.match(/<meta name="description"/g)).toHaveLength(1);
		const challenge = await (
			await request.get('/challenges/da-nang-flood-sensors-han-river')
		).text();
		expect(challenge.match(/<meta name="description"/g)).toHaveLength(1);
	});

	test('the list offers its own search as open data', async ({ page, request }) => {
		await page.goto('/?q=flood&domain=environment');
		const csv = page.getByRole('link', { name: 'CSV', exact: true });
		await expect(csv).toHaveAttribute('href', /\/challenges\.csv\?q=flood&domain=environment$/);
		await expect(page.getByRole('link', { name: 'Calendar of deadlines' })).toHaveAttribute(
			'href',
			/\/challenges\.ics\?q=flood&domain=environment$/
		);
		await expect(
			page.locator('link[rel="alternate"][type="application/atom+xml"]')
		).toHaveAttribute('href', /\/feed\.xml\?q=flood&domain=environment$/);
		const rows = parseCsv(
			await (await request.get('/challenges.csv?q=flood&domain=environment')).text(),
			{ columns: true, bom: true }
		) as unknown[];
		expect(rows.length).toBe(await resultCount(page));
	});

	test('from a result, "Back to the results" returns to the same search', async ({ page }) => {
		await page.goto('/?q=flood+sensors&region=southeast-asia');
		await resultTitles(page).first().click();
		await expect(page).toHaveURL(/\/challenges\//);
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Back to the results' }).click();
		await expect(page).toHaveURL(/\/\?q=flood\+sensors&region=southeast-asia$/);
		await expect(page.getByRole('searchbox', { name: 'Search challenges' })).toHaveValue(
			'flood sensors'
		);
		// Opened directly (a shared link): back to the whole list.
		await page.goto('/challenges/da-nang-flood-sensors-han-river');
		await expect(page.getByRole('link', { name: 'Back to all challenges' })).toBeVisible();
	});
});

test.describe('the list without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('search and filters work with plain form submissions', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('searchbox', { name: 'Search challenges' }).fill('water');
		await page.getByRole('button', { name: 'Search', exact: true }).click();
		await expect(page).toHaveURL(/[?&]q=water\b/);
		const withWords = await resultCount(page);

		await page
			.getByRole('group', { name: 'Domain' })
			.getByRole('checkbox', { name: /^Utilities/ })
			.check();
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await expect(page).toHaveURL(/domain=utilities/);
		await expect(page).toHaveURL(/q=water/);
		expect(await resultCount(page)).toBeLessThanOrEqual(withWords);
		await expect(
			page.getByRole('link', { name: 'Remove filter: Domain: Utilities' })
		).toBeVisible();

		await page.getByRole('link', { name: 'Remove filter: Domain: Utilities' }).click();
		await expect(page).not.toHaveURL(/domain=/);
	});

	test('sort and pagination are links and a form', async ({ page }) => {
		await page.goto('/?limit=5');
		await page.getByRole('combobox', { name: 'Sort by' }).selectOption('deadline');
		await page.getByRole('button', { name: 'Apply', exact: true }).click();
		await expect(page).toHaveURL(/sort=deadline/);
		await page
			.getByRole('navigation', { name: 'Pagination' })
			.getByRole('link', { name: 'Page 2' })
			.click();
		await expect(page).toHaveURL(/page=2/);
		await expect(page).toHaveURL(/sort=deadline/);
	});
});

test.describe('the list on a phone', () => {
	test.use({ viewport: PHONE });

	// Issue 16, item 9: at 390×844, with the demo banner shown, the first challenge's title is on
	// the first screen, in both languages.
	test('the first challenge is visible without scrolling, in English and Chinese', async ({
		page
	}) => {
		const screen = { width: 390, height: 844 };
		await page.setViewportSize(screen);
		await page.goto('/');
		for (const language of ['English', '中文']) {
			if (language === '中文') await page.getByRole('button', { name: '中文' }).click();
			await expect(
				page.getByText(
					language === '中文'
						? '演示数据：此处列出的挑战均为示例。'
						: 'Demo data: the challenges listed here are illustrative'
				)
			).toBeVisible();
			const title = page.getByRole('main').locator('article h3 a').first();
			await expect(title).toBeInViewport();
			const box = await title.boundingBox();
			expect(box!.y + box!.height, `${language}: bottom of the first title`).toBeLessThanOrEqual(
				screen.height
			);
		}
		await expectNoAxeViolations(page);
	});

	test('facets collapse into a disclosure and the page does not scroll sideways', async ({
		page
	}) => {
		await page.goto('/');
		await hydrated(page);
		const domain = page.getByRole('group', { name: 'Domain' });
		await expect(domain).toBeHidden();
		await page.getByText('Show filters').click();
		await expect(domain).toBeVisible();
		await domain.getByRole('checkbox', { name: /^Environment/ }).check();
		await expect(page).toHaveURL(/domain=environment/);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await expectNoAxeViolations(page);
	});

	test('a tapped filter stays under the finger while options above it come and go', async ({
		page
	}) => {
		await page.goto('/');
		await hydrated(page);
		await page.getByText('Show filters').click();
		const shanghai = page
			.getByRole('group', { name: 'City' })
			.getByRole('checkbox', { name: /^Shanghai/ });
		await shanghai.scrollIntoViewIfNeeded();
		const before = (await shanghai.boundingBox())!.y;
		await shanghai.check();
		await expect(page).toHaveURL(/city=shanghai/);
		// Regions and priority areas without a Shanghai challenge left the groups above.
		await expect(
			page.getByRole('group', { name: 'Region' }).getByRole('checkbox', { name: /^Africa/ })
		).toHaveCount(0);
		await expect
			.poll(async () => Math.abs((await shanghai.boundingBox())!.y - before))
			.toBeLessThan(2);
		await expect(shanghai).toBeChecked();
	});

	test('a challenge page shows its deadline and budget on the first screen', async ({ page }) => {
		await page.goto('/challenges/curitiba-barigui-flood-sensors');
		const short = page.getByTestId('key-facts-short');
		await expect(short).toBeInViewport();
		await expect(short).toContainText(/Deadline: .+ UTC/);
		await expect(short).toContainText(/Budget: R\$/);
		await expectNoAxeViolations(page);
		// On a wide screen the key facts box beside the text is in view already.
		await page.setViewportSize({ width: 1280, height: 800 });
		await expect(short).toBeHidden();
	});

	test('after choosing filters, one button closes them and goes to the results', async ({
		page
	}) => {
		await page.goto('/');
		await hydrated(page);
		await page.getByText('Show filters').click();
		const domain = page.getByRole('group', { name: 'Domain' });
		await domain.getByRole('checkbox', { name: /^Mobility/ }).check();
		await expect(page).toHaveURL(/domain=mobility/);
		const count = await resultCount(page);
		const show = page.getByRole('button', { name: `Show ${count} challenges` });
		await expectNoAxeViolations(page);
		await show.click();
		await expect(domain).toBeHidden();
		await expect(page.getByRole('region', { name: 'Results' })).toBeFocused();
		await expect(resultTitles(page).first()).toBeInViewport();
	});
});

// Issue 16, item 4: what the search did with the words is said, with a way back to the exact words.
test.describe('corrections are visible', () => {
	test('a corrected word says so and links to a search for the exact words', async ({ page }) => {
		await page.goto('/?q=moblity');
		const notice = page.getByTestId('search-notice');
		await expect(notice).toContainText('Showing results for mobility');
		const corrected = await resultCount(page);
		expect(corrected).toBeGreaterThan(0);
		await expectNoAxeViolations(page);
		await notice.getByRole('link', { name: 'moblity' }).click();
		await expect(page).toHaveURL(/[?&]q=%22moblity%22/);
		// Taken word for word, full text finds nothing: no correction, only close matches, fewer.
		await expect(notice).not.toContainText('Showing results for');
		await expect(notice).toContainText('Nothing matched “"moblity"” word for word');
		expect(await resultCount(page)).toBeLessThan(corrected);
	});

	test('a synonym that widened the search is named', async ({ page }) => {
		await page.goto('/?q=ev');
		await expect(page.getByTestId('search-notice')).toContainText(
			'Also searching for “electric vehicle”, which means the same as “ev”.'
		);
	});

	test('close matches say they are close, in Chinese too, at phone width', async ({ page }) => {
		await page.setViewportSize(PHONE);
		// No text has the word, but titles have its letters ("flood sensors").
		await page.goto('/?q=floodsensors');
		const notice = page.getByTestId('search-notice');
		await expect(notice).toContainText('Nothing matched “floodsensors” word for word');
		expect(await resultCount(page)).toBeGreaterThan(0);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: '中文' }).click();
		await expect(notice).toContainText('没有与“floodsensors”完全匹配的结果');
		await expectNoAxeViolations(page);
	});
});
