// Questions, following and notifications in Chromium (issue 13, items 2–3): a vendor (vendor.a,
// AquaSense) follows an open Shanghai challenge and asks; the Shanghai official answers on the
// questions page; the answer is public (visitors never see who asked); the vendor gets the
// notification (unread count in the header, the mail) and marks it read. Without JavaScript:
// asking (errors next to the field, the rate limit), saving a search, removing it. axe on every
// new state at desktop width and at 390×844.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures';
import { db, mailTo, signIn, uniqueClientIp } from './auth-helpers';

test.describe.configure({ timeout: 480_000 });

const SLUG = 'shanghai-water-leak-detection-hongkou';
const RUN = Math.random().toString(36).slice(2, 8);
const MARK = `[e2e ${RUN}]`;
const VENDOR = 'vendor.a@demo.test';
const OFFICIAL = 'official.shanghai@demo.test';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const started = new Date();

async function challengeId(): Promise<string> {
	const { rows } = await db().query<{ id: string }>(
		`select id from public.challenges where slug = $1`,
		[SLUG]
	);
	return rows[0]!.id;
}

async function cleanUp() {
	const id = await challengeId();
	await db().query(`delete from public.questions where challenge_id = $1 and body like $2`, [
		id,
		`%${MARK}%`
	]);
	await db().query(
		`delete from public.follows f using identity."user" u where u.id = f.user_id and u.email = $1 and f.challenge_id = $2`,
		[VENDOR, id]
	);
	await db().query(
		`delete from public.notifications where challenge_id = $1 and created_at >= $2`,
		[id, started]
	);
	await db().query(`delete from public.saved_searches where name like $1`, [`%${MARK}%`]);
	// The delivery setting goes back to "no row" (immediate, as the demo has it).
	await db().query(
		`delete from public.notification_settings s using identity."user" u
		 where u.id = s.user_id and u.email = $1 and s.delivery = 'immediate'`,
		[VENDOR]
	);
}

test.beforeAll(cleanUp);
test.afterAll(cleanUp);

async function newPage(
	browser: Browser,
	opts: { javaScriptEnabled?: boolean; viewport?: typeof PHONE } = {}
) {
	const context = await browser.newContext({
		viewport: opts.viewport ?? DESKTOP,
		javaScriptEnabled: opts.javaScriptEnabled ?? true,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
	});
	return context.newPage();
}

/** axe at desktop width and at 390×844, then back. */
async function axeBothWidths(page: Page) {
	const before = page.viewportSize() ?? DESKTOP;
	for (const size of [DESKTOP, PHONE]) {
		await page.setViewportSize(size);
		await expectNoAxeViolations(page);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, `horizontal overflow on ${page.url()} at ${size.width}px`).toBeLessThanOrEqual(
			0
		);
	}
	await page.setViewportSize(before);
}

/**
 * axe needs the page's JavaScript: the same member (the no-JS page's cookies) in a JS context,
 * brought to the same state by `reach`, checked at both widths.
 */
async function axeWithJs(noJs: Page, reach: (page: Page) => Promise<void>) {
	const context = await noJs
		.context()
		.browser()!
		.newContext({
			viewport: DESKTOP,
			extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
		});
	await context.addCookies(await noJs.context().cookies());
	const page = await context.newPage();
	await reach(page);
	await axeBothWidths(page);
	await context.close();
}

test('a vendor follows and asks, the city answers, the answer is public and the vendor is told', async ({
	browser
}) => {
	const question = `Which pressure loggers are already installed in Hongkou? ${MARK}`;
	const answer = `Forty loggers from 2019 on the main trunk lines; we share their data. ${MARK}`;

	// The vendor: follow, then ask.
	const vendor = await newPage(browser);
	await signIn(vendor, VENDOR);
	await vendor.goto(`/challenges/${SLUG}`);
	await expect(vendor.getByRole('heading', { name: 'Questions and answers' })).toBeVisible();
	await axeBothWidths(vendor);
	await vendor.getByLabel('Your question').fill('Why?');
	await vendor.getByRole('button', { name: 'Send question' }).click();
	await expect(vendor.getByText('Write your question in 10 to 2000 characters.')).toBeVisible();
	await axeBothWidths(vendor);
	await vendor.getByRole('button', { name: 'Follow this challenge' }).click();
	await expect(vendor.getByText('You follow this challenge')).toBeVisible();
	await vendor.getByLabel('Your question').fill(question);
	await vendor.getByRole('button', { name: 'Send question' }).click();
	await expect(
		vendor.getByRole('status').filter({ hasText: 'Your question was sent' })
	).toBeVisible();
	const mine = vendor.getByTestId('my-questions');
	await expect(mine.getByRole('listitem').filter({ hasText: question })).toContainText(
		'Waiting for an answer'
	);
	await expect(vendor.getByLabel('Your question')).toHaveValue('');
	await axeBothWidths(vendor);

	// The official, on a phone: from the challenge page to the questions page, answers.
	const official = await newPage(browser, { viewport: PHONE });
	await signIn(official, OFFICIAL);
	await official.goto(`/challenges/${SLUG}`);
	await official.getByRole('link', { name: 'Answer questions' }).click();
	await expect(official).toHaveURL(new RegExp(`/manage/challenges/${SLUG}/questions$`));
	const item = official.getByRole('listitem').filter({ hasText: question });
	await expect(item).toContainText('From AquaSense Analytics');
	await axeBothWidths(official);
	// Too short: the message next to the field, what was typed kept.
	await item.getByLabel('Your answer').fill('x');
	await item.getByRole('button', { name: 'Publish answer' }).click();
	const again = official.getByRole('listitem').filter({ hasText: question });
	await expect(again.getByLabel('Your answer')).toHaveValue('x');
	await expect(again.getByText('Write the answer in 2 to 5000 characters.')).toBeVisible();
	await axeBothWidths(official);
	await again.getByLabel('Your answer').fill(answer);
	await again.getByRole('button', { name: 'Publish answer' }).click();
	await expect(
		official.getByRole('status').filter({ hasText: 'The answer is published.' })
	).toBeVisible();
	await expect(official.getByRole('heading', { name: /Answered/ })).toBeVisible();
	await axeBothWidths(official);

	// A visitor reads the answer, never who asked.
	const visitor = await newPage(browser);
	await visitor.goto(`/challenges/${SLUG}`);
	const answered = visitor.getByTestId('answered-questions');
	await expect(answered).toContainText(question);
	await expect(answered).toContainText(answer);
	await expect(visitor.locator('#questions')).not.toContainText('AquaSense');
	await expect(visitor.getByRole('button', { name: 'Follow this challenge' })).toHaveCount(0);
	await expect(visitor.getByLabel('Your question')).toHaveCount(0);

	// The vendor is told: the header's count, the list, the mail.
	await vendor.goto(`/challenges/${SLUG}`);
	const badge = vendor
		.getByRole('banner')
		.getByRole('link', { name: /^Notifications, \d+ unread$/ });
	await expect(badge).toBeVisible();
	await badge.click();
	await expect(vendor).toHaveURL(/\/notifications$/);
	const note = vendor
		.getByTestId('notifications')
		.getByRole('listitem')
		.filter({ hasText: 'was answered' })
		.first();
	await expect(note).toContainText('Unread');
	await axeBothWidths(vendor);
	const mail = await mailTo(VENDOR);
	expect(mail.some((mm) => mm.Text.includes(`/challenges/${SLUG}#questions`))).toBe(true);
	await vendor.getByRole('button', { name: 'Mark all read' }).click();
	await expect(vendor.getByRole('status').filter({ hasText: 'Marked read.' })).toBeVisible();
	await expect(
		vendor.getByRole('banner').getByRole('link', { name: 'Notifications', exact: true })
	).toBeVisible();
	await axeBothWidths(vendor);

	// Delivery: daily digest, then back.
	await vendor.getByLabel('Once a day, a digest').check();
	await vendor.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(vendor.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await expect(vendor.getByLabel('Once a day, a digest')).toBeChecked();
	await vendor.getByLabel('At once, for each notification').check();
	await vendor.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(vendor.getByLabel('At once, for each notification')).toBeChecked();

	// Following: the challenge is listed; unfollow it there.
	await vendor.goto('/following');
	await expect(vendor.getByTestId('followed')).toContainText('Hongkou');
	await axeBothWidths(vendor);
	await vendor
		.getByTestId('followed')
		.getByRole('button', { name: /^Unfollow / })
		.click();
	await expect(vendor.getByText('You follow no challenges yet.')).toBeVisible();
});

test('without JavaScript: ask (errors by the field, the rate limit), save a search and remove it', async ({
	browser
}) => {
	const page = await newPage(browser, { javaScriptEnabled: false, viewport: PHONE });
	await signIn(page, VENDOR);
	await page.goto(`/challenges/${SLUG}`);

	await page.getByLabel('Your question').fill('Why?');
	await page.getByRole('button', { name: 'Send question' }).click();
	await expect(page.getByLabel('Your question')).toHaveValue('Why?');
	await expect(page.getByText('Write your question in 10 to 2000 characters.')).toBeVisible();

	const question = `Is there a budget for a second phase after the pilot? ${MARK}`;
	await page.getByLabel('Your question').fill(question);
	await page.getByRole('button', { name: 'Send question' }).click();
	await expect(page.getByText('Your question was sent')).toBeVisible();
	await page.goto(`/challenges/${SLUG}`);
	await expect(page.getByTestId('my-questions')).toContainText(question);

	// Four more within the hour (as if asked before): the next is refused, by the field.
	await db().query(
		`insert into public.questions (challenge_id, organisation_id, asked_by, body)
		 select $1, m.organisation_id, u.id, 'Earlier question ' || g || ' ${MARK}'
		 from identity."user" u join public.memberships m on m.user_id = u.id
		 join public.organisations o on o.id = m.organisation_id and o.kind = 'vendor',
		 generate_series(1, 4) g where u.email = $2`,
		[await challengeId(), VENDOR]
	);
	const sixth = `One more question about the pilot districts? ${MARK}`;
	await page.getByLabel('Your question').fill(sixth);
	await page.getByRole('button', { name: 'Send question' }).click();
	await expect(page.getByText('You have asked 5 questions in the last hour.')).toBeVisible();
	await expect(page.getByLabel('Your question')).toHaveValue(sixth);
	await axeWithJs(page, async (js) => {
		await js.goto(`/challenges/${SLUG}`);
		await js.getByLabel('Your question').fill(sixth);
		await js.getByRole('button', { name: 'Send question' }).click();
		await expect(js.getByText('You have asked 5 questions in the last hour.')).toBeVisible();
	});

	// Save a search from the list, find it under Following, remove it.
	await page.goto('/?domain=utilities&q=leak');
	await page.getByText('Save this search').click();
	const name = `Leaks ${MARK}`;
	await page.getByLabel('Name of the search').fill(name);
	await page.getByRole('button', { name: 'Save search' }).click();
	await expect(page).toHaveURL(/\/following\?saved=1$/);
	await expect(page.getByText('Search saved.')).toBeVisible();
	const saved = page.getByTestId('saved-searches');
	await expect(saved.getByRole('link', { name })).toHaveAttribute(
		'href',
		/\/\?domain=utilities&q=leak$/
	);
	await axeWithJs(page, async (js) => {
		await js.goto('/following?saved=1');
		await expect(js.getByText('Search saved.')).toBeVisible();
	});
	await saved.getByRole('button', { name: `Remove saved search ${name}` }).click();
	await expect(page.getByText('No saved searches yet.')).toBeVisible();
});
