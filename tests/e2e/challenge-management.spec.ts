// Challenge management in Chromium (issue 13, item 1): Shanghai's official posts a challenge from
// the home with criteria, previews the Markdown, publishes it and finds it on the public list by
// search, with its criteria and the "Manage" link on its page; bad input (weights 90, an over-long
// title) is answered next to the fields with everything kept; the whole form without JavaScript
// (add a criterion, preview, save, withdraw after a confirmation). axe on every state, at desktop
// and phone width (390×844). What the tests create is deleted afterwards.
// A slow, shared machine: the publishing journey checks five page states with axe.
test.describe.configure({ timeout: 360_000 });
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures';
import { db, signedIn } from './auth-helpers';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const OFFICIAL = 'official.shanghai@demo.test';
const run = randomBytes(4)
	.toString('hex')
	.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);
/** A word no other challenge has, to find ours by search. */
const word = (tag: string) => `zq${run}${tag}`;

test.afterAll(async () => {
	await db().query(`delete from public.challenges where title like $1`, [`%zq${run}%`]);
});

async function check(page: Page) {
	await expectNoAxeViolations(page);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

const criterion = (page: Page, n: number) => page.getByRole('group', { name: `Criterion ${n}` });

async function fillChallenge(page: Page, title: string) {
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Summary').fill('Sensors that warn residents of flash floods.');
	await page
		.getByRole('textbox', { name: 'Description' })
		.fill('## Background\n\nStreets flood **fast** after storms.\n\n- sensors\n- alerts');
	await page.getByLabel('Domain').selectOption('environment');
	await page.getByLabel('Budget from').fill('100000');
	await page.getByLabel('Budget up to').fill('250000');
	await page.getByLabel('Currency').selectOption('CNY');
	await page.getByLabel('Deadline (UTC)').fill('2030-06-30T12:00');
	await page.getByLabel('Contact e-mail').fill('smartcity@shanghai.example');
}

test('an official posts a challenge with criteria, previews it, publishes it and finds it by search', async ({
	browser
}) => {
	const { page, context } = await signedIn(browser, OFFICIAL, { viewport: DESKTOP });
	await page
		.getByTestId('home-post-challenge')
		.getByRole('link', { name: 'Post a challenge' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Post a challenge');
	await check(page);

	const title = `Flood sensors ${word('pub')}`;
	await fillChallenge(page, title);
	// The live preview follows the typing (rendered by the server's sanitiser).
	const preview = page.getByTestId('description-preview');
	await expect(preview.getByRole('heading', { name: 'Background' })).toBeVisible();
	await expect(preview.locator('strong')).toHaveText('fast');
	await criterion(page, 1).getByLabel('Name').fill('Fit with the need');
	await criterion(page, 1).getByLabel('Weight (%)').fill('60');
	await criterion(page, 2).getByLabel('Name').fill('Cost');
	await criterion(page, 2).getByLabel('Weight (%)').fill('30');
	await expect(page.getByTestId('criteria-total')).toHaveText('Total: 90 of 100');
	await criterion(page, 3).getByLabel('Name').fill('References');
	await criterion(page, 3).getByLabel('Weight (%)').fill('10');
	await expect(page.getByTestId('criteria-total')).toHaveText('Total: 100 of 100');
	await page.getByRole('button', { name: 'Save draft' }).last().click();

	await expect(page).toHaveURL(
		new RegExp(`/manage/challenges/shanghai-flood-sensors-${word('pub')}\\?created$`)
	);
	await expect(page.getByRole('status').first()).toContainText('The draft has been saved');
	// (The challenge's own title: the versions in other languages have one too.)
	await expect(page.getByRole('group', { name: 'The challenge' }).getByLabel('Title')).toHaveValue(
		title
	);
	await check(page);
	await page.getByRole('button', { name: 'Publish' }).click();
	await expect(page.getByTestId('lifecycle')).toContainText('The challenge is now: Open.');
	await expect(
		page.getByTestId('lifecycle').getByRole('button', { name: 'Close for review' })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Publish' })).toHaveCount(0);
	await check(page);

	// The public list finds it by search; its page shows the criteria and, to its city, "Manage".
	await page.goto(`/?q=${word('pub')}`);
	await page.getByRole('link', { name: title }).click();
	const criteria = page.getByTestId('criteria');
	await expect(criteria.getByRole('listitem')).toHaveCount(3);
	await expect(criteria.getByRole('listitem').first()).toContainText('Fit with the need');
	await expect(criteria.getByRole('listitem').first()).toContainText('60%');
	await page
		.getByTestId('manage-link')
		.getByRole('link', { name: 'Manage this challenge' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(title);

	// Withdrawing asks first (the confirmation state, checked by axe); cancelling keeps it open.
	await page.getByRole('button', { name: 'Withdraw…' }).click();
	await expect(page.getByRole('alertdialog')).toContainText('This cannot be undone.');
	await check(page);
	await page.getByRole('link', { name: 'Cancel' }).click();
	await expect(page.getByTestId('lifecycle')).toContainText('Status: Open');

	// My organisation's challenges lists it under Open (axe on that page: the last test).
	await page.goto('/manage/challenges');
	await expect(
		page.getByTestId('manage-group-open').getByRole('link', { name: title })
	).toBeVisible();
	await context.close();

	// A visitor sees the criteria, never the manage link.
	const visitor = await browser.newContext({ viewport: PHONE });
	const vp = await visitor.newPage();
	await vp.goto(`/challenges/shanghai-flood-sensors-${word('pub')}`);
	await expect(vp.getByTestId('criteria')).toBeVisible();
	await expect(vp.getByTestId('manage-link')).toHaveCount(0);
	await visitor.close();
});

test('bad input is answered next to the fields and nothing typed is lost (phone width)', async ({
	browser
}) => {
	const { page, context } = await signedIn(browser, OFFICIAL, { viewport: PHONE });
	await page.goto('/manage/challenges/new');
	const long = `${word('long')} ${'x'.repeat(200)}`;
	await fillChallenge(page, long);
	await criterion(page, 1).getByLabel('Name').fill('Fit with the need');
	await criterion(page, 1).getByLabel('Weight (%)').fill('50');
	await criterion(page, 2).getByLabel('Name').fill('Cost');
	await criterion(page, 2).getByLabel('Weight (%)').fill('40');
	await page.getByRole('button', { name: 'Save draft' }).last().click();

	await expect(page.getByRole('alert').first()).toContainText('Some fields need a change');
	const title = page.getByLabel('Title');
	await expect(title).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('Write a title of 3 to 200 characters.')).toBeVisible();
	await expect(page.getByTestId('criteria-error')).toHaveText(
		/The weights total 90; they must total 100\./
	);
	await expect(title).toHaveValue(long);
	await expect(criterion(page, 1).getByLabel('Weight (%)')).toHaveValue('50');
	await expect(criterion(page, 2).getByLabel('Name')).toHaveValue('Cost');
	await expect(page.getByLabel('Budget up to')).toHaveValue('250000');
	await check(page);
	await expect(page).toHaveURL(/\/manage\/challenges\/new/);
	const { rows } = await db().query(`select 1 from public.challenges where title like $1`, [
		`%${word('long')}%`
	]);
	expect(rows).toHaveLength(0);
	await context.close();
});

test('the whole form works without JavaScript: add a criterion, preview, save, withdraw after confirming', async ({
	browser
}) => {
	const { page, context } = await signedIn(browser, OFFICIAL, {
		viewport: PHONE,
		javaScriptEnabled: false
	});
	await page.goto('/manage/challenges/new');
	const title = `Heat shelters ${word('nojs')}`;
	await fillChallenge(page, title);
	await expect(page.getByRole('group', { name: /^Criterion \d$/ })).toHaveCount(3);
	await criterion(page, 1).getByLabel('Name').fill('Fit');
	await criterion(page, 1).getByLabel('Weight (%)').fill('70');
	await page.getByRole('button', { name: 'Add a criterion' }).click();
	// The server re-renders the form with one more blank row, keeping what was typed.
	await expect(criterion(page, 1).getByLabel('Weight (%)')).toHaveValue('70');
	await expect(page.getByLabel('Title')).toHaveValue(title);
	await criterion(page, 2).getByLabel('Name').fill('Cost');
	await criterion(page, 2).getByLabel('Weight (%)').fill('30');
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(
		page.getByTestId('description-preview').getByRole('heading', { name: 'Background' })
	).toBeVisible();
	await expect(page.getByTestId('criteria-total')).toHaveText('Total: 100 of 100');
	await page.getByRole('button', { name: 'Save draft' }).last().click();
	await expect(page).toHaveURL(/\/manage\/challenges\/shanghai-heat-shelters-/);
	await expect(page.getByRole('status').first()).toContainText('The draft has been saved');

	await page.getByRole('button', { name: 'Withdraw…' }).click();
	await expect(page.getByRole('alertdialog')).toContainText('This cannot be undone.');
	await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
	await expect(page.getByTestId('lifecycle')).toContainText('The challenge is now: Withdrawn.');
	await expect(page.getByTestId('not-editable')).toBeVisible();
	await context.close();
});

test('my challenges and a missing challenge at desktop width', async ({ browser }) => {
	const { page, context } = await signedIn(browser, OFFICIAL, { viewport: DESKTOP });
	await page.goto('/manage/challenges');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("My organisation's challenges");
	await expect(page.getByTestId('manage-group-open').getByRole('listitem').first()).toBeVisible();
	await check(page);
	const res = await page.goto('/manage/challenges/no-such-challenge-here');
	expect(res?.status()).toBe(404);
	await check(page);
	await page.goto('/manage/challenges/new');
	await check(page);
	await context.close();
});
