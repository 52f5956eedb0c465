// Review, decisions and partnerships in Chromium (issue 13, items 5–7; docs/collaboration.md): the
// Shanghai admin assigns a colleague and themself as reviewers; both declare conflicts of
// interest (the colleague without JavaScript, at phone width) and score; a score of 6 is refused
// next to its field with everything typed kept; the board shows totals, progress and a
// disagreement flag; the admin shortlists with feedback drafted from the rubric; hub staff see the
// partnership. axe on every new page state at desktop width and at 390×844. The fixture (an open
// Shanghai challenge with criteria, proposals of vendor A's and vendor B's organisations, a second
// Shanghai member) is made as superuser and removed afterwards.
test.describe.configure({ timeout: 300_000 });
import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures';
import {
	GOOD_PASSWORD,
	apiClient,
	db,
	signUpApi,
	signIn,
	uniqueClientIp,
	uniqueEmail
} from './auth-helpers';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function fitsWidth(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** axe at the page's width and at the phone's (and back), with nothing wider than the phone. */
async function checkBothWidths(page: Page) {
	const size = page.viewportSize() ?? DESKTOP;
	const other = size.width === PHONE.width ? DESKTOP : PHONE;
	await expectNoAxeViolations(page);
	await page.setViewportSize(other);
	await expectNoAxeViolations(page);
	await page.setViewportSize(PHONE);
	await fitsWidth(page);
	await page.setViewportSize(size);
}

async function newPage(
	browser: Browser,
	opts: { javaScriptEnabled?: boolean; phone?: boolean } = {}
) {
	const context = await browser.newContext({
		viewport: opts.phone ? PHONE : DESKTOP,
		javaScriptEnabled: opts.javaScriptEnabled ?? true,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
	});
	return context.newPage();
}

interface Fixture {
	slug: string;
	title: string;
	challengeId: string;
	proposalA: string;
	proposalB: string;
	vendorA: string;
	vendorB: string;
	reviewerEmail: string;
	reviewerName: string;
	reviewerId: string;
}
let fx: Fixture;

test.beforeAll(async ({ baseURL }) => {
	const run = randomBytes(3).toString('hex');
	const orgs = await db().query<{ slug: string; id: string; name: string }>(
		`select slug, id, name from public.organisations
		 where slug in ('shanghai-municipal-commission', 'aquasense-analytics', 'voltway-charging')`
	);
	const org = (slug: string) => orgs.rows.find((o) => o.slug === slug)!;
	const shanghai = org('shanghai-municipal-commission');

	// a second Shanghai member, signed up through Better Auth, confirmed here
	const reviewerEmail = uniqueEmail('reviewer');
	const reviewerName = `Wang Reviewer ${run}`;
	const api = await apiClient(baseURL!);
	const res = await signUpApi(api, reviewerEmail, GOOD_PASSWORD);
	expect(res.status()).toBe(200);
	await api.dispose();
	const u = await db().query<{ id: string }>(
		`update identity."user" set "emailVerified" = true, name = $2 where email = $1 returning id`,
		[reviewerEmail, reviewerName]
	);
	const reviewerId = u.rows[0]!.id;
	await db().query(`update public.profiles set display_name = $2 where id = $1`, [
		reviewerId,
		reviewerName
	]);
	await db().query(
		`insert into public.memberships (organisation_id, user_id, role) values ($1, $2, 'member')`,
		[shanghai.id, reviewerId]
	);

	const slug = `e2e-review-${run}`;
	const title = `Smart lamp posts for Pudong ${run}`;
	const c = await db().query<{ id: string }>(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
		 select $1, c.city_id, $2, $3, 'Lamp posts that also count traffic and measure air.', 'technologies', 'open',
		        now() + interval '20 days', now()
		 from public.challenges c where c.organisation_id = $2 limit 1
		 returning id`,
		[slug, shanghai.id, title]
	);
	const challengeId = c.rows[0]!.id;
	await db().query(
		`insert into public.challenge_criteria (challenge_id, position, name, weight, description)
		 values ($1, 1, 'Impact', 60, 'How much the city gains.'), ($1, 2, 'Cost', 40, 'Value for money.')`,
		[challengeId]
	);
	const insertProposal = async (orgId: string, t: string) =>
		(
			await db().query<{ id: string }>(
				`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach, pilot_plan, links)
				 values ($1, $2, 'submitted', $3, 'Sensors on every lamp post.', 'We fit low-power sensors and a mesh network.',
				         'Three streets for three months.', '{https://example.com/deck}') returning id`,
				[challengeId, orgId, t]
			)
		).rows[0]!.id;
	const proposalA = await insertProposal(org('aquasense-analytics').id, `Lamp sensing by A ${run}`);
	const proposalB = await insertProposal(org('voltway-charging').id, `Charging lamps by B ${run}`);
	// vendor A edited its proposal once: two versions
	await db().query(
		`update public.proposals set summary = 'Sensors on every lamp post, version two.' where id = $1`,
		[proposalA]
	);
	fx = {
		slug,
		title,
		challengeId,
		proposalA,
		proposalB,
		vendorA: org('aquasense-analytics').name,
		vendorB: org('voltway-charging').name,
		reviewerEmail,
		reviewerName,
		reviewerId
	};
});

test.afterAll(async () => {
	if (!fx) return;
	await db().query(`delete from public.challenges where id = $1`, [fx.challengeId]);
	await db().query(`delete from identity."user" where id = $1`, [fx.reviewerId]);
});

let admin: Page;

test.describe.serial('review, decision and partnership', () => {
	test('the admin assigns reviewers and declares; a score of 6 is refused next to its field', async ({
		browser
	}) => {
		const board = `/manage/challenges/${fx.slug}/review`;
		// -- the admin assigns a colleague and themself ------------------------------------------------
		admin = await newPage(browser);
		await signIn(admin, 'official.shanghai@demo.test');
		// the public challenge page links the organisation's admins to the board
		await admin.goto(`/challenges/${fx.slug}`);
		await admin.getByRole('link', { name: 'Open the review board' }).click();
		await expect(admin).toHaveURL(new RegExp(`${board}$`));
		await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Review board');
		await expect(admin.getByText('No reviewers are assigned yet.')).toBeVisible();
		await checkBothWidths(admin);
		await admin.getByLabel('Assign a reviewer').selectOption({ label: fx.reviewerName });
		await admin.getByRole('button', { name: 'Assign reviewer' }).click();
		await expect(
			admin.getByRole('status').filter({ hasText: 'The reviewer was assigned.' })
		).toBeVisible();
		await admin
			.getByLabel('Assign a reviewer')
			.selectOption({ label: 'Shanghai city official (demo)' });
		await admin.getByRole('button', { name: 'Assign reviewer' }).click();
		const reviewers = admin.getByRole('region', { name: 'Reviewers and their progress' });
		await expect(reviewers.getByText(fx.reviewerName)).toBeVisible();
		await expect(reviewers.getByText('Shanghai city official (demo)')).toBeVisible();
		await expect(reviewers.getByText('0 of 0 scored').first()).toBeVisible();

		// vendor names only until a declaration: no link to the proposal
		const proposals = admin.getByRole('region', { name: 'Proposals side by side' });
		await expect(proposals.getByRole('link', { name: fx.vendorA })).toHaveCount(0);
		await expect(proposals.getByText('Declare first to see this proposal').first()).toBeVisible();
		await checkBothWidths(admin);

		// -- the admin declares no conflict on both ----------------------------------------------------
		const declare = admin.getByRole('region', { name: 'Your conflict declarations' });
		await declare
			.getByRole('group', { name: fx.vendorA })
			.getByLabel('No conflict of interest')
			.check();
		await declare
			.getByRole('group', { name: fx.vendorB })
			.getByLabel('No conflict of interest')
			.check();
		await declare.getByRole('button', { name: 'Save declarations' }).click();
		await expect(
			admin.getByRole('status').filter({ hasText: 'Declarations saved: 2.' })
		).toBeVisible();
		await checkBothWidths(admin);

		// -- the admin scores A: a 6 is refused next to its field, the rest is kept ----------------------
		await proposals.getByRole('link', { name: fx.vendorA }).click();
		await expect(admin.getByRole('heading', { level: 1 })).toHaveText(
			`Proposal from ${fx.vendorA}`
		);
		await expect(admin.getByText('Sensors on every lamp post, version two.')).toBeVisible();
		await expect(admin.getByText('Version 1, submitted')).toBeVisible();
		await admin.getByText('Version 1, submitted').click();
		await expect(admin.getByText('Sensors on every lamp post.', { exact: true })).toBeVisible();
		await checkBothWidths(admin);
		await admin.getByLabel('Score for Impact (0–5)').fill('6');
		await admin.getByLabel('Comment on Impact').fill('Covers the whole district.');
		await admin.getByLabel('Score for Cost (0–5)').fill('3');
		await admin.getByLabel('Comment on Cost').fill('Fair price for the hardware.');
		await admin.getByRole('button', { name: 'Save scores' }).click();
		await expect(admin.getByText('Enter a whole number from 0 to 5.')).toBeVisible();
		await expect(admin.getByLabel('Score for Impact (0–5)')).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		await expect(admin.getByLabel('Score for Impact (0–5)')).toHaveValue('6');
		await expect(admin.getByLabel('Comment on Impact')).toHaveValue('Covers the whole district.');
		await expect(admin.getByLabel('Comment on Cost')).toHaveValue('Fair price for the hardware.');
		await checkBothWidths(admin);
		await admin.getByLabel('Score for Impact (0–5)').fill('5');
		await admin.getByRole('button', { name: 'Save scores' }).click();
		await expect(
			admin.getByRole('status').filter({ hasText: 'Your scores were saved.' })
		).toBeVisible();

		// and B: 3 and 3
		await admin.goto(`${board}/${fx.proposalB}`);
		await admin.getByLabel('Score for Impact (0–5)').fill('3');
		await admin.getByLabel('Score for Cost (0–5)').fill('3');
		await admin.getByRole('button', { name: 'Save scores' }).click();
		await expect(
			admin.getByRole('status').filter({ hasText: 'Your scores were saved.' })
		).toBeVisible();
	});

	test('a colleague declares a conflict and scores without JavaScript, at phone width', async ({
		browser
	}) => {
		const board = `/manage/challenges/${fx.slug}/review`;
		// -- the colleague at phone width (axe needs JavaScript: the scoring below is without) -------
		const reviewer = await newPage(browser, { phone: true });
		await signIn(reviewer, fx.reviewerEmail, GOOD_PASSWORD);
		await reviewer.goto(board);
		// an unanswered form asks for an answer per vendor
		const rDeclare = reviewer.getByRole('region', { name: 'Your conflict declarations' });
		await rDeclare.getByRole('button', { name: 'Save declarations' }).click();
		await expect(reviewer.getByRole('alert')).toContainText('Some declarations need an answer');
		await checkBothWidths(reviewer);
		await rDeclare
			.getByRole('group', { name: fx.vendorA })
			.getByLabel('No conflict of interest')
			.check();
		const groupB = rDeclare.getByRole('group', { name: fx.vendorB });
		await groupB.getByLabel('I have a conflict of interest').check();
		await groupB
			.getByLabel(`Statement about ${fx.vendorB} (optional)`)
			.fill('I advised them in 2025.');
		await rDeclare.getByRole('button', { name: 'Save declarations' }).click();
		await expect(
			reviewer.getByRole('status').filter({ hasText: 'Declarations saved: 2.' })
		).toBeVisible();
		const rProposals = reviewer.getByRole('region', { name: 'Proposals side by side' });
		await expect(rProposals.getByText('Conflict declared: no access').last()).toBeVisible();
		await checkBothWidths(reviewer);

		// the conflicted proposal stays closed, even by its address
		await reviewer.goto(`${board}/${fx.proposalB}`);
		await expect(
			reviewer.getByText('You declared a conflict of interest with this vendor')
		).toBeVisible();
		await expect(reviewer.getByText('We fit low-power sensors')).toHaveCount(0);
		await expect(reviewer.getByLabel('Score for Impact (0–5)')).toHaveCount(0);
		await checkBothWidths(reviewer);

		// scoring A without JavaScript: the bad value first, everything typed kept
		const noJs = await newPage(browser, { javaScriptEnabled: false, phone: true });
		await signIn(noJs, fx.reviewerEmail, GOOD_PASSWORD);
		await noJs.goto(board);
		await noJs
			.getByRole('region', { name: 'Proposals side by side' })
			.getByRole('link', { name: fx.vendorA })
			.click();
		await noJs.getByLabel('Score for Impact (0–5)').fill('6');
		await noJs.getByLabel('Comment on Impact').fill('Only one district.');
		await noJs.getByLabel('Score for Cost (0–5)').fill('4');
		await noJs.getByLabel('Comment on Cost').fill('Cheap to run.');
		await noJs.getByRole('button', { name: 'Save scores' }).click();
		await expect(noJs.getByText('Enter a whole number from 0 to 5.')).toBeVisible();
		await expect(noJs.getByLabel('Score for Impact (0–5)')).toHaveValue('6');
		await expect(noJs.getByLabel('Comment on Impact')).toHaveValue('Only one district.');
		await expect(noJs.getByLabel('Comment on Cost')).toHaveValue('Cheap to run.');
		await noJs.getByLabel('Score for Impact (0–5)').fill('2');
		await noJs.getByRole('button', { name: 'Save scores' }).click();
		await expect(
			noJs.getByRole('status').filter({ hasText: 'Your scores were saved.' })
		).toBeVisible();
		// a reviewer has no decision form
		await expect(noJs.getByRole('heading', { name: 'Decision' })).toHaveCount(0);
		await noJs.context().close();
		// the saved scores, as the reviewer sees them next time
		await reviewer.goto(`${board}/${fx.proposalA}`);
		await expect(reviewer.getByLabel('Score for Impact (0–5)')).toHaveValue('2');
		await expect(reviewer.getByLabel('Comment on Cost')).toHaveValue('Cheap to run.');
		await checkBothWidths(reviewer);
	});

	test('the board shows totals, progress and disagreements; the admin shortlists with feedback', async () => {
		const board = `/manage/challenges/${fx.slug}/review`;
		// -- the board: totals, progress, disagreement, sorted by score --------------------------------
		// A: admin (5, 3) → 84, colleague (2, 4) → 56: 70.0; B: admin (3, 3) → 60.0.
		await admin.goto(`${board}?sort=score`);
		const table = admin.getByRole('table');
		const rowA = table.getByRole('row').filter({ hasText: fx.vendorA });
		await expect(rowA).toContainText('70.0 of 100');
		await expect(rowA).toContainText('2 complete reviews');
		await expect(rowA).toContainText('Reviewers disagree (2 or more apart)');
		const rowB = table.getByRole('row').filter({ hasText: fx.vendorB });
		await expect(rowB).toContainText('60.0 of 100');
		await expect(rowB).not.toContainText('Reviewers disagree');
		const order = await table.locator('tbody tr th').allInnerTexts();
		expect(order[0]).toContain(fx.vendorA);
		const progress = admin.getByRole('region', { name: 'Reviewers and their progress' });
		await expect(progress.getByRole('listitem').filter({ hasText: fx.reviewerName })).toContainText(
			'1 of 1 scored'
		);
		await expect(
			progress.getByRole('listitem').filter({ hasText: 'Shanghai city official (demo)' })
		).toContainText('2 of 2 scored');
		await checkBothWidths(admin);
		// cards at phone width say the same
		await admin.setViewportSize(PHONE);
		await expect(admin.getByRole('listitem').filter({ hasText: fx.vendorA }).last()).toContainText(
			'70.0 of 100'
		);
		await admin.setViewportSize(DESKTOP);

		// -- the admin shortlists A with feedback drafted from the rubric -------------------------------
		await rowA.getByRole('link', { name: fx.vendorA }).click();
		const feedback = admin.getByLabel('Feedback to the vendor');
		await expect(feedback).toHaveValue(/Impact: .*Covers the whole district\./);
		await expect(feedback).toHaveValue(/Cost: .*Cheap to run\./);
		await checkBothWidths(admin);
		await admin.getByLabel('Shortlist').check();
		await feedback.fill(`${await feedback.inputValue()}\nWe would like to meet you in January.`);
		await admin.getByRole('button', { name: 'Send decision' }).click();
		await expect(
			admin.getByRole('status').filter({ hasText: 'The decision was recorded' })
		).toBeVisible();
		await admin.reload();
		await expect(admin.getByText('Shortlisted', { exact: false }).first()).toBeVisible();
		await expect(
			admin.getByRole('paragraph').filter({ hasText: 'We would like to meet you in January.' })
		).toBeVisible();
		await checkBothWidths(admin);
	});

	test('hub staff see the partnership; a vendor has no board', async ({ browser }) => {
		const board = `/manage/challenges/${fx.slug}/review`;
		// -- hub staff see the partnership --------------------------------------------------------------
		const hub = await newPage(browser);
		await signIn(hub, 'hub@demo.test');
		await hub.goto('/hub/partnerships');
		await expect(hub.getByRole('heading', { level: 1 })).toHaveText('Partnership board');
		const row = hub
			.getByTestId('column-matched')
			.getByTestId('partnership-card')
			.filter({ hasText: fx.title });
		await expect(row).toContainText(fx.vendorA);
		await checkBothWidths(hub);

		// vendor B's people are no reviewers: no board for them
		const vendor = await newPage(browser);
		await signIn(vendor, 'vendor.b@demo.test');
		await vendor.goto(`/challenges/${fx.slug}`);
		await expect(vendor.getByRole('heading', { level: 1 })).toHaveText(fx.title);
		await expect(vendor.getByRole('link', { name: 'Open the review board' })).toHaveCount(0);
		const res = await vendor.goto(board);
		expect(res?.status()).toBe(403);
	});
});
