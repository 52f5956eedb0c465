// The partnership board in Chromium (issue 14; docs/collaboration.md § The partnership board):
// hub staff filter the board, move one partnership from a card and then through every stage to
// deployed with notes and next steps, close another with a reason, see the stalled and overdue
// flags on an old one (its time set back as superuser, not waited for) and move it without
// JavaScript at phone width; the vendor and the city read the partnership's page; others get 404
// or 403. axe on every new page state, at desktop width and at 360 px. The fixture (two Shanghai
// challenges, proposals of AquaSense and Voltway, three partnerships) is made as superuser and
// removed afterwards.
test.describe.configure({ timeout: 300_000 });
import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, PHONE } from './fixtures';
import { db, signIn, uniqueClientIp } from './auth-helpers';

const DESKTOP = { width: 1280, height: 900 };

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
	challenges: string[];
	slugA: string;
	titleA: string;
	titleB: string;
	/** AquaSense on challenge A: walked to deployed. */
	walk: string;
	/** Voltway on challenge A: closed with a reason. */
	closing: string;
	/** AquaSense on challenge B (environment): old, stalled, its next step overdue. */
	old: string;
}
let fx: Fixture;

test.beforeAll(async () => {
	const run = randomBytes(3).toString('hex');
	const orgs = await db().query<{ slug: string; id: string }>(
		`select slug, id from public.organisations
		 where slug in ('shanghai-municipal-commission', 'aquasense-analytics', 'voltway-charging')`
	);
	const org = (slug: string) => orgs.rows.find((o) => o.slug === slug)!.id;
	const shanghai = org('shanghai-municipal-commission');
	const challenge = async (slug: string, title: string, domain: string) =>
		(
			await db().query<{ id: string }>(
				`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
				 select $1, c.city_id, $2, $3, 'A challenge for the board tests (illustrative).', $4, 'open',
				        now() + interval '20 days', now()
				 from public.challenges c where c.organisation_id = $2 limit 1
				 returning id`,
				[slug, shanghai, title, domain]
			)
		).rows[0]!.id;
	const slugA = `e2e-board-a-${run}`;
	const titleA = `Quiet night buses ${run}`;
	const titleB = `Rain gardens for Hongkou ${run}`;
	const a = await challenge(slugA, titleA, 'mobility');
	const b = await challenge(`e2e-board-b-${run}`, titleB, 'environment');
	const partnership = async (challengeId: string, vendor: string) => {
		const p = await db().query<{ id: string }>(
			`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
			 values ($1, $2, 'submitted', 'Board proposal', 'A summary.', 'An approach.') returning id`,
			[challengeId, vendor]
		);
		return (
			await db().query<{ id: string }>(
				`insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id)
				 values ($1, $2, $3, $4) returning id`,
				[p.rows[0]!.id, challengeId, shanghai, vendor]
			)
		).rows[0]!.id;
	};
	const walk = await partnership(a, org('aquasense-analytics'));
	const closing = await partnership(a, org('voltway-charging'));
	const old = await partnership(b, org('aquasense-analytics'));
	// Time set back, not waited for: nothing has happened for 30 days, the next step was due 3 days ago.
	await db().query(
		`update public.partnership_events set at = now() - interval '30 days' where partnership_id = $1`,
		[old]
	);
	await db().query(
		`update public.partnerships set last_activity_at = now() - interval '30 days',
		        next_step = 'Send the pilot report', next_step_due = current_date - 3
		 where id = $1`,
		[old]
	);
	fx = { challenges: [a, b], slugA, titleA, titleB, walk, closing, old };
});

test.afterAll(async () => {
	if (!fx) return;
	await db().query(`delete from public.challenges where id = any ($1::uuid[])`, [fx.challenges]);
});

const card = (page: Page | Locator, title: string) =>
	page.getByTestId('partnership-card').filter({ hasText: title });

test.describe.serial('the partnership board', () => {
	test('hub staff see the board: stalled and overdue flagged in words; filters in the URL', async ({
		browser
	}) => {
		const hub = await newPage(browser);
		await signIn(hub, 'hub@demo.test');
		await hub.goto('/hub/partnerships');
		await expect(hub.getByRole('heading', { level: 1 })).toHaveText('Partnership board');
		for (const stage of ['Matched', 'Introduction', 'Pilot', 'Contract', 'Deployed', 'Closed']) {
			await expect(
				hub.getByRole('heading', { level: 2, name: new RegExp(`^${stage}`) })
			).toBeVisible();
		}
		const matched = hub.getByTestId('column-matched');
		const old = card(matched, fx.titleB);
		await expect(old.getByTestId('flag-stalled')).toHaveText(/Stalled/);
		await expect(old.getByTestId('flag-overdue')).toHaveText(/Next step overdue/);
		await expect(old).toContainText('Send the pilot report');
		await expect(old).toContainText('Unassigned');
		const fresh = card(matched, fx.titleA).first();
		await expect(fresh.getByTestId('flag-stalled')).toHaveCount(0);
		await expect(fresh.getByTestId('flag-overdue')).toHaveCount(0);
		await checkBothWidths(hub);

		// filters: a GET form, the URL holds them
		const filters = hub.getByTestId('board-filters');
		await filters.getByLabel('Domain').selectOption({ label: 'Environment' });
		await filters.getByLabel('Owner').selectOption({ label: 'Unassigned' });
		await filters.getByRole('button', { name: 'Filter' }).click();
		await expect(hub).toHaveURL(/domain=environment/);
		await expect(hub).toHaveURL(/owner=none/);
		await expect(card(hub, fx.titleB)).toHaveCount(1);
		await expect(card(hub, fx.titleA)).toHaveCount(0);
		await expectNoAxeViolations(hub);
		await hub.goto('/hub/partnerships?stage=closed');
		await expect(hub.getByTestId('column-matched')).toHaveCount(0);
		await expect(hub.getByTestId('column-closed')).toBeVisible();
		await expect(hub.getByLabel('Stage')).toHaveValue('closed');
		await hub.getByRole('link', { name: 'Clear the filters' }).click();
		await expect(hub).toHaveURL(/\/hub\/partnerships$/);
		await hub.context().close();
	});

	test('hub staff move one partnership through every stage to deployed, with notes and next steps', async ({
		browser
	}) => {
		const hub = await newPage(browser);
		await signIn(hub, 'hub@demo.test');
		await hub.goto('/hub/partnerships');
		// first step from its card (keyboard: the button is a plain form's submit)
		const walkCard = hub
			.getByTestId('column-matched')
			.getByTestId('partnership-card')
			.filter({ has: hub.locator(`a[href="/hub/partnerships/${fx.walk}"]`) });
		const forward = walkCard.getByRole('button', { name: `Move to Introduction: ${fx.titleA}` });
		await forward.focus();
		await hub.keyboard.press('Enter');
		await expect(
			hub.getByRole('status').filter({ hasText: 'Moved to Introduction.' })
		).toBeVisible();
		await expect(
			hub.getByTestId('column-intro').locator(`a[href="/hub/partnerships/${fx.walk}"]`)
		).toBeVisible();
		await checkBothWidths(hub);

		await hub.goto(`/hub/partnerships/${fx.walk}`);
		await expect(hub.getByRole('heading', { level: 1 })).toHaveText(fx.titleA);
		await expect(hub.getByTestId('partnership-stage')).toHaveText('Introduction');
		await checkBothWidths(hub);

		// a form error: a due date without a step, kept next to its field
		const step = hub.locator('form[action="?/nextStep"]');
		await step.getByLabel('Due date (optional)').fill('2030-01-15');
		await step.getByRole('button', { name: 'Save the next step' }).click();
		await expect(step.getByText('A due date needs a next step.')).toBeVisible();
		await expect(step.getByLabel('Due date (optional)')).toHaveValue('2030-01-15');
		await checkBothWidths(hub);

		// the owner, and a working note
		await hub
			.locator('form[action="?/owner"]')
			.getByLabel('Owner')
			.selectOption({ label: 'Hub staff (demo)' });
		await hub.getByRole('button', { name: 'Save the owner' }).click();
		await expect(hub.getByRole('status').filter({ hasText: 'Owner saved.' })).toBeVisible();
		await hub
			.locator('form[action="?/note"]')
			.getByRole('textbox')
			.fill('Hub only: the vendor is stretched.');
		await hub.getByRole('button', { name: 'Add the note' }).click();
		await expect(hub.getByRole('status').filter({ hasText: 'Note added.' })).toBeVisible();

		const stages = [
			['Pilot', 'Pilot streets agreed.', 'Install the first sensors'],
			['Contract', 'Pilot went well.', 'Sign the contract'],
			['Deployed', 'Live in all districts.', '']
		] as const;
		for (const [stage, note, next] of stages) {
			const move = hub.locator('form[action="?/move"]');
			await move.getByLabel(`Move to ${stage}`).check();
			await move.getByLabel('Note on this change (optional)').fill(note);
			await move.getByRole('button', { name: 'Change the stage' }).click();
			await expect(hub.getByRole('status').filter({ hasText: `Moved to ${stage}.` })).toBeVisible();
			await expect(hub.getByTestId('partnership-stage')).toHaveText(stage);
			await expect(move.getByLabel('Note on this change (optional)')).toHaveValue('');
			const history = hub.getByTestId('partnership-history');
			await expect(history.getByText(note)).toBeVisible();
			if (next) {
				await step.getByLabel('Next step', { exact: true }).fill(next);
				await step.getByLabel('Due date (optional)').fill('2030-02-01');
				await step.getByRole('button', { name: 'Save the next step' }).click();
				await expect(hub.getByRole('status').filter({ hasText: 'Next step saved.' })).toBeVisible();
				await expect(history.getByText(`Next step: ${next}, due`)).toBeVisible();
			}
		}
		// deployed: no closing, one step back offered
		await expect(hub.getByRole('heading', { name: 'Close the partnership' })).toHaveCount(0);
		await expect(hub.locator('form[action="?/move"]').getByLabel('Back to Contract')).toBeVisible();
		const history = hub.getByTestId('partnership-history');
		await expect(history.getByText('Moved from Contract to Deployed')).toBeVisible();
		await expect(history.getByText('Owner: Hub staff (demo)')).toBeVisible();
		await expect(history.getByText('by Hub staff (demo)').first()).toBeVisible();
		await checkBothWidths(hub);

		// -- another one is closed, with a reason (required) ----------------------------------------
		await hub.goto(`/hub/partnerships/${fx.closing}`);
		const close = hub.locator('form[action="?/close"]');
		await close.getByRole('button', { name: 'Close the partnership' }).click();
		await expect(close.getByText('Say why the partnership closes.')).toBeVisible();
		await checkBothWidths(hub);
		await close.getByLabel('Reason for closing').fill('The city chose another approach.');
		await close.getByRole('button', { name: 'Close the partnership' }).click();
		await expect(
			hub.getByRole('status').filter({ hasText: 'The partnership is closed.' })
		).toBeVisible();
		await expect(hub.getByTestId('partnership-stage')).toHaveText('Closed');
		await expect(
			hub.locator('form[action="?/move"]').getByLabel('Reopen at Matched')
		).toBeVisible();
		await hub.goto('/hub/partnerships');
		await expect(
			hub.getByTestId('column-closed').locator(`a[href="/hub/partnerships/${fx.closing}"]`)
		).toBeVisible();
		await expect(
			hub.getByTestId('column-deployed').locator(`a[href="/hub/partnerships/${fx.walk}"]`)
		).toBeVisible();
		await hub.context().close();
	});

	test('without JavaScript at 360 px: the stage form and a card’s button work', async ({
		browser
	}) => {
		const hub = await newPage(browser, { javaScriptEnabled: false, phone: true });
		await signIn(hub, 'hub@demo.test');
		await hub.goto(`/hub/partnerships/${fx.old}`);
		await expect(hub.getByTestId('flag-stalled')).toBeVisible();
		await expect(hub.getByTestId('flag-overdue')).toBeVisible();
		await fitsWidth(hub);
		const move = hub.locator('form[action="?/move"]');
		await expect(move.getByLabel('Move to Introduction')).toBeChecked();
		await move.getByLabel('Note on this change (optional)').fill('Back on track after the rains.');
		await move.getByRole('button', { name: 'Change the stage' }).click();
		await expect(
			hub.getByRole('status').filter({ hasText: 'Moved to Introduction.' })
		).toBeVisible();
		await expect(hub.getByTestId('partnership-stage')).toHaveText('Introduction');
		// the move is activity: no longer stalled (the step is still overdue)
		await expect(hub.getByTestId('flag-stalled')).toHaveCount(0);
		await expect(hub.getByTestId('flag-overdue')).toBeVisible();
		// (axe needs JavaScript in the page: the same states are scanned in the tests above)
		await fitsWidth(hub);

		await hub.goto('/hub/partnerships');
		await card(hub.getByTestId('column-intro'), fx.titleB)
			.getByRole('button', { name: `Move to Pilot: ${fx.titleB}` })
			.click();
		await expect(hub.getByRole('status').filter({ hasText: 'Moved to Pilot.' })).toBeVisible();
		await expect(card(hub.getByTestId('column-pilot'), fx.titleB)).toHaveCount(1);
		await fitsWidth(hub);
		await hub.context().close();
	});

	test('the vendor and the city read the partnership; nobody else', async ({ browser }) => {
		// -- the vendor, from its proposals ---------------------------------------------------------
		const vendor = await newPage(browser);
		await signIn(vendor, 'vendor.a@demo.test');
		await vendor.goto('/proposals');
		await vendor.locator(`a[href="/partnerships/${fx.walk}"]`).click();
		await expect(vendor).toHaveURL(new RegExp(`/partnerships/${fx.walk}$`));
		await expect(vendor.getByRole('heading', { level: 1 })).toHaveText(`Partnership: ${fx.titleA}`);
		await expect(vendor.getByTestId('partnership-stage')).toHaveText('Deployed');
		const history = vendor.getByTestId('partnership-history');
		await expect(history.getByText('Moved from Contract to Deployed')).toBeVisible();
		await expect(history.getByText('Live in all districts.')).toBeVisible();
		// the hub's working notes, next-step and owner events are not theirs
		await expect(vendor.getByText('Hub only: the vendor is stretched.')).toHaveCount(0);
		await expect(history.getByText(/^Next step:/)).toHaveCount(0);
		await expect(history.getByText(/^Owner:/)).toHaveCount(0);
		await checkBothWidths(vendor);
		await vendor.goto('/partnerships');
		await expect(
			vendor.getByTestId('my-partnerships').locator(`a[href="/partnerships/${fx.walk}"]`)
		).toBeVisible();
		await checkBothWidths(vendor);
		// not the board, not another vendor's partnership
		expect((await vendor.goto('/hub/partnerships'))?.status()).toBe(403);
		expect((await vendor.goto(`/partnerships/${fx.closing}`))?.status()).toBe(404);
		await vendor.context().close();

		// -- the other vendor reads its own closed one, with the reason -------------------------------
		const other = await newPage(browser, { phone: true });
		await signIn(other, 'vendor.b@demo.test');
		await other.goto(`/partnerships/${fx.closing}`);
		await expect(other.getByTestId('partnership-stage')).toHaveText('Closed');
		await expect(other.getByText('The city chose another approach.').first()).toBeVisible();
		await checkBothWidths(other);
		expect((await other.goto(`/partnerships/${fx.walk}`))?.status()).toBe(404);
		await other.context().close();

		// -- the city, from the challenge's management page ----------------------------------------
		const city = await newPage(browser);
		await signIn(city, 'official.shanghai@demo.test');
		await city.goto(`/manage/challenges/${fx.slugA}`);
		const list = city.getByTestId('challenge-partnerships');
		await expect(list.locator('li')).toHaveCount(2);
		await list.locator(`a[href="/partnerships/${fx.walk}"]`).click();
		await expect(city.getByTestId('partnership-stage')).toHaveText('Deployed');
		await expect(city.getByText('Hub only: the vendor is stretched.')).toHaveCount(0);
		await checkBothWidths(city);
		expect((await city.goto('/hub/partnerships'))?.status()).toBe(403);
		expect((await city.goto(`/hub/partnerships/${fx.walk}`))?.status()).toBe(403);
		await city.context().close();

		// -- an official of another city reads nothing ---------------------------------------------
		const sepang = await newPage(browser);
		await signIn(sepang, 'official.sepang@demo.test');
		expect((await sepang.goto(`/partnerships/${fx.walk}`))?.status()).toBe(404);
		await sepang.context().close();
	});
});
