// Matching in Chromium (issue 14; docs/collaboration.md § Matching): vendor A's home lists the
// open challenges that fit its profile with the reasons; the Shanghai official sees, on the
// management page of its Hongkou water-leak challenge, the vendors of the twins in other cities
// (vendor B named as Lisbon's partner, LumenGrid only as "has proposed", never a proposal's
// text); hub staff see the clusters and start joint challenges with and without JavaScript, and
// the cities involved see the draft on their challenges page. axe on every state; phone width
// 360. The fixture (proposals on Lisbon's and Kigali's twins, one a partnership) is made as
// superuser and removed afterwards, with the joint drafts.
test.describe.configure({ timeout: 240_000 });
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, PHONE } from './fixtures';
import { db, signedIn } from './auth-helpers';

const DESKTOP = { width: 1280, height: 900 };
const JOINT = 'E2E matching joint';
const SECRET = 'E2E-CONFIDENTIAL-APPROACH';

async function fitsWidth(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** axe at the page's width and at 360 px, with nothing wider than the phone. */
async function checkBothWidths(page: Page) {
	const size = page.viewportSize() ?? DESKTOP;
	await expectNoAxeViolations(page);
	await page.setViewportSize(PHONE);
	await expectNoAxeViolations(page);
	await fitsWidth(page);
	await page.setViewportSize(size);
}

const proposals: string[] = [];

test.beforeAll(async () => {
	await db().query(`delete from public.joint_challenges where title like $1`, [`${JOINT}%`]);
	await db().query(`delete from public.challenges where title like $1`, [`${JOINT}%`]);
	const org = async (slug: string) =>
		(
			await db().query<{ id: string }>(`select id from public.organisations where slug = $1`, [
				slug
			])
		).rows[0]!.id;
	const challenge = async (slug: string) =>
		(
			await db().query<{ id: string; organisation_id: string }>(
				`select id, organisation_id from public.challenges where slug = $1`,
				[slug]
			)
		).rows[0]!;
	const insert = async (challengeId: string, vendor: string) =>
		(
			await db().query<{ id: string }>(
				`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
				 values ($1, $2, 'submitted', 'E2E matching proposal', 'A summary.', $3) returning id`,
				[challengeId, vendor, SECRET]
			)
		).rows[0]!.id;
	const lisbon = await challenge('lisbon-alfama-water-leak-detection');
	const voltway = await org('voltway-charging');
	const partnered = await insert(lisbon.id, voltway);
	await db().query(
		`update public.proposals set status = 'shortlisted', feedback = 'Good.', decided_at = now() where id = $1`,
		[partnered]
	);
	await db().query(
		`insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id, stage)
		 values ($1, $2, $3, $4, 'deployed')`,
		[partnered, lisbon.id, lisbon.organisation_id, voltway]
	);
	const kigali = await challenge('kigali-water-leak-detection-nrw');
	proposals.push(partnered, await insert(kigali.id, await org('lumengrid')));
});

test.afterAll(async () => {
	if (proposals.length > 0)
		await db().query(`delete from public.proposals where id = any ($1::uuid[])`, [proposals]);
	await db().query(`delete from public.joint_challenges where title like $1`, [`${JOINT}%`]);
	await db().query(`delete from public.challenges where title like $1`, [`${JOINT}%`]);
});

test('a vendor sees the challenges that fit its profile, best first, with the reasons', async ({
	browser
}) => {
	const { page, context } = await signedIn(browser, 'vendor.a@demo.test');
	const items = page.getByTestId('home-matching').getByRole('listitem');
	await expect(items.first()).toBeVisible();
	// AquaSense: utilities and environment; "acoustic … water-leak detection" in its profile
	const first = items.first().getByTestId('match-reasons');
	await expect(first).toContainText('Why it fits:');
	await expect(first).toContainText('Your domain: Utilities');
	await expect(first).toContainText(/Mentions: .*water/);
	await expect(items.first().getByRole('link')).toContainText(/[Ww]ater-leak detection/);
	await checkBothWidths(page);
	await context.close();
});

test('the vendor home lists each challenge in the reader language when it has a version in it', async ({
	browser
}) => {
	const { page, context } = await signedIn(browser, 'vendor.a@demo.test');
	await context.addCookies([
		{ name: 'PARAGLIDE_LOCALE', value: 'zh', url: test.info().project.use.baseURL! }
	]);
	await page.goto('/app');
	const items = page.getByTestId('home-matching').getByRole('listitem');
	await expect(items.first()).toBeVisible();
	// Shanghai's Hongkou challenge is written in English with a Chinese version (the demo).
	const hongkou = page
		.getByTestId('home-matching')
		.getByRole('link', { name: '虹口区老旧供水管网漏损检测' });
	await expect(hongkou).toHaveAttribute('lang', 'zh');
	await expect(
		page
			.getByTestId('home-matching')
			.getByText('Water-leak detection for ageing water mains in Hongkou District')
	).toHaveCount(0);
	await checkBothWidths(page);
	await context.close();
});

test('a city official sees the vendors of similar challenges elsewhere, and no proposal text', async ({
	browser
}) => {
	const { page, context } = await signedIn(browser, 'official.shanghai@demo.test');
	await page.goto('/manage/challenges/shanghai-water-leak-detection-hongkou');
	const panel = page.getByRole('region', { name: 'Vendors from similar challenges elsewhere' });
	const partner = panel.getByRole('listitem').filter({ hasText: 'Voltway Charging' });
	await expect(partner).toContainText('Partnered with Lisbon on');
	await expect(partner.getByRole('link', { name: /Alfama/ })).toHaveAttribute(
		'href',
		'/challenges/lisbon-alfama-water-leak-detection'
	);
	const proposer = panel.getByRole('listitem').filter({ hasText: 'LumenGrid' });
	await expect(proposer).toContainText('Has proposed on a similar challenge elsewhere');
	await expect(proposer).not.toContainText('Kigali');
	await expect(page.locator('body')).not.toContainText(SECRET);
	await checkBothWidths(page);
	await context.close();
});

async function startFrom(page: Page, slug: string) {
	await page.goto('/hub/matching');
	const cluster = page
		.getByTestId('hub-clusters')
		.locator(':scope > li')
		.filter({ has: page.locator(`a[href$="/challenges/${slug}"]`) });
	await cluster.getByRole('link', { name: /^Start a joint challenge/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Start a joint challenge');
	await expect(page.getByTestId('joint-cities')).toContainText(
		slug === 'sepang-electric-vehicle-charging-municipal-car-parks' ? 'Sepang' : 'Shanghai'
	);
}

test('hub staff see clusters and start a joint challenge; the cities see the draft', async ({
	browser
}) => {
	const { page, context } = await signedIn(browser, 'hub@demo.test');
	await page.goto('/app');
	await page.getByRole('link', { name: 'Matching: similar challenges across cities' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Matching');
	await expect(page.getByTestId('hub-clusters').locator(':scope > li').first()).toBeVisible();
	await checkBothWidths(page);

	await startFrom(page, 'shanghai-water-leak-detection-hongkou');
	await checkBothWidths(page);
	const title = page.getByLabel('Title');
	await title.fill('');
	await page.getByRole('button', { name: 'Create the joint draft' }).click();
	await expect(page.getByText('Give it a title of 3 to 200 characters.')).toBeVisible();
	await expect(title).toHaveAttribute('aria-invalid', 'true');
	await checkBothWidths(page);
	await title.fill(`${JOINT} water leaks`);
	await page.getByLabel('Summary (optional)').fill('Procure leak detection together.');
	await page.getByRole('button', { name: 'Create the joint draft' }).click();
	await expect(page).toHaveURL(/\/hub\/matching\?started=/);
	await expect(
		page.getByRole('status').or(page.getByText('The joint challenge draft was created'))
	).toContainText('The joint challenge draft was created');
	const joints = page.getByTestId('hub-joint-challenges');
	await expect(joints).toContainText(`${JOINT} water leaks`);
	await checkBothWidths(page);
	await context.close();

	// the Shanghai official sees it on the challenges page
	const city = await signedIn(browser, 'official.shanghai@demo.test');
	await city.page.goto('/manage/challenges');
	const seen = city.page.getByTestId('city-joint-challenges');
	await expect(seen).toContainText(`${JOINT} water leaks`);
	await expect(seen).toContainText('Lisbon');
	await checkBothWidths(city.page);
	// … and posts its part as its own draft; a second click opens the same draft
	const item = seen
		.getByRole('listitem')
		.filter({ hasText: `${JOINT} water leaks` })
		.first();
	await item.getByRole('button', { name: 'Post our part as a draft' }).click();
	await expect(city.page).toHaveURL(
		/\/manage\/challenges\/shanghai-e2e-matching-joint-water-leaks[^/]*\?created/
	);
	const draftUrl = city.page.url().split('?')[0];
	await expect(city.page.getByRole('heading', { level: 1 })).toContainText(`${JOINT} water leaks`);
	await checkBothWidths(city.page);
	await city.page.goto('/manage/challenges');
	await city.page
		.getByTestId('city-joint-challenges')
		.getByRole('listitem')
		.filter({ hasText: `${JOINT} water leaks` })
		.first()
		.getByRole('button', { name: 'Post our part as a draft' })
		.click();
	await expect(city.page).toHaveURL(`${draftUrl}?created`);
	await city.context.close();
});

test('without JavaScript: an error next to the title keeps the summary; then the draft is made', async ({
	browser
}) => {
	const { page, context } = await signedIn(browser, 'hub@demo.test', { javaScriptEnabled: false });
	await page.setViewportSize(PHONE);
	await startFrom(page, 'sepang-electric-vehicle-charging-municipal-car-parks');
	await page.getByLabel('Title').fill('x');
	await page.getByLabel('Summary (optional)').fill('Charging depots, bought together.');
	await page.getByRole('button', { name: 'Create the joint draft' }).click();
	await expect(page.getByText('Give it a title of 3 to 200 characters.')).toBeVisible();
	await expect(page.getByLabel('Summary (optional)')).toHaveValue(
		'Charging depots, bought together.'
	);
	// (axe cannot run without JavaScript; the same states were scanned in the test above)
	await fitsWidth(page);
	await page.getByLabel('Title').fill(`${JOINT} EV charging`);
	await page.getByRole('button', { name: 'Create the joint draft' }).click();
	await expect(page).toHaveURL(/\/hub\/matching\?started=/);
	await expect(page.getByTestId('hub-joint-challenges')).toContainText(`${JOINT} EV charging`);
	await context.close();

	// Sepang sees it; a vendor reads no joint draft (RLS: nothing to list)
	const sepang = await signedIn(browser, 'official.sepang@demo.test', { javaScriptEnabled: false });
	await sepang.page.goto('/manage/challenges');
	await expect(sepang.page.getByTestId('city-joint-challenges')).toContainText(
		`${JOINT} EV charging`
	);
	await sepang.page.getByRole('button', { name: 'Post our part as a draft' }).first().click();
	await expect(sepang.page.getByRole('heading', { level: 1 })).toContainText(
		`${JOINT} EV charging`
	);
	await sepang.context.close();
	const vendor = await signedIn(browser, 'vendor.b@demo.test');
	const res = await vendor.page.goto('/hub/matching');
	expect(res?.status()).toBe(403);
	await vendor.context.close();
});
