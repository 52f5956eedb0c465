// Proposals in Chromium (issue 13, item 4; docs/collaboration.md § Proposals): vendor.a@demo.test
// (admin of AquaSense Analytics) goes from a challenge's "Propose a solution" through sign-in to
// the form, writes (the autosave says when it saved), reloads without losing anything, submits,
// edits (version 2), finds it on /proposals and withdraws it; bad input is named next to its field
// with everything kept; the same without JavaScript; a challenge past its deadline says so and the
// database refuses. axe on every state, on a desktop and at 390×844. The challenges are made here
// as the superuser and removed afterwards (their proposals with them).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures';
import { DEMO_PASSWORD, db, uniqueClientIp } from './auth-helpers';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const run = Math.random().toString(36).slice(2, 8);
const slugs = {
	journey: `e2e-proposals-${run}-journey`,
	invalid: `e2e-proposals-${run}-invalid`,
	nojs: `e2e-proposals-${run}-nojs`,
	late: `e2e-proposals-${run}-late`,
	decided: `e2e-proposals-${run}-decided`
};

test.beforeAll(async () => {
	for (const [key, slug] of Object.entries(slugs)) {
		await db().query(
			`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
			 select $1, c.id, c.organisation_id, $2, 'Sensors that warn the districts before the river floods.',
			        'environment', 'open', now() + $3::interval, now()
			   from public.cities c join public.organisations o on o.id = c.organisation_id and o.verified
			  order by c.slug limit 1`,
			[slug, `E2E proposals ${key} ${run}`, key === 'late' ? '-1 hour' : '30 days']
		);
	}
});

/** AquaSense's proposal on the `decided` challenge, submitted and then shortlisted by the city. */
async function decidedProposal() {
	const { rows } = await db().query<{ id: string }>(
		`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
		 select c.id, o.id, 'submitted', 'Shortlisted sensors', 'A summary of the proposal.', 'An approach of the proposal.'
		   from public.challenges c, public.organisations o
		  where c.slug = $1 and o.name = 'AquaSense Analytics'
		 returning id`,
		[slugs.decided]
	);
	// A second statement: an update in the same statement as the insert would not see its row.
	await db().query(
		`update public.proposals set status = 'shortlisted', decided_at = now(),
		        feedback = 'Strong pilot plan; please detail the maintenance costs.'
		  where id = $1`,
		[rows[0]!.id]
	);
}

test.afterAll(async () => {
	await db().query(`delete from public.challenges where slug like $1`, [`e2e-proposals-${run}-%`]);
});

async function newPage(
	browser: Browser,
	opts: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}
) {
	const context = await browser.newContext({
		viewport: opts.viewport ?? DESKTOP,
		javaScriptEnabled: opts.javaScriptEnabled ?? true,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
	});
	return context.newPage();
}

/** Signs in on the sign-in page the app sent us to; we come back where we were going. */
async function signInHere(page: Page) {
	const form = page.locator('form[action="?/password"]');
	await form.getByLabel('E-mail address').fill('vendor.a@demo.test');
	await form.getByLabel('Password').fill(DEMO_PASSWORD);
	await form.getByRole('button', { name: 'Sign in' }).click();
}

async function openForm(page: Page, slug: string) {
	await page.goto(`/challenges/${slug}/propose`);
	await expect(page).toHaveURL(/\/signin\?redirectTo=/);
	await signInHere(page);
	await expect(page).toHaveURL(new RegExp(`/challenges/${slug}/propose$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your proposal');
}

async function fitsWidth(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

const form = (page: Page) => page.getByTestId('proposal-form');

// Many states, each scanned by axe: on a busy two-core machine a scan alone takes seconds.
test.describe.configure({ timeout: 300_000 });

for (const [name, viewport] of [
	['desktop', DESKTOP],
	['phone', PHONE]
] as const) {
	test(`a vendor proposes, autosaves, submits, edits and withdraws (${name})`, async ({
		browser
	}) => {
		const slug = `${slugs.journey}`;
		const page = await newPage(browser, { viewport });
		// The public challenge page invites to propose; a visitor is sent to sign in and back.
		await page.goto(`/challenges/${slug}`);
		await page.getByTestId('propose-link').click();
		await expect(page).toHaveURL(/\/signin\?redirectTo=/);
		await signInHere(page);
		await expect(page).toHaveURL(new RegExp(`/challenges/${slug}/propose$`));
		await expect(page.getByTestId('autosave-status')).toHaveText(/saved automatically/);
		await expectNoAxeViolations(page);
		await fitsWidth(page);

		// Autosave: type, and the status line says when it saved.
		await form(page).getByLabel('Title').fill('River flood early warning');
		await form(page)
			.getByLabel('Summary')
			.fill('Low-cost sensors and SMS alerts for the districts.');
		await form(page).getByLabel('Approach').fill('A mesh of water-level sensors with a dashboard.');
		await expect(page.getByTestId('autosave-status')).toHaveText(/^Saved \d\d:\d\d$/);
		await expectNoAxeViolations(page);
		// Nothing is lost on a reload.
		await page.reload();
		await expect(form(page).getByLabel('Approach')).toHaveValue(
			'A mesh of water-level sensors with a dashboard.'
		);
		await expect(page.getByTestId('proposal-status')).toContainText('Draft');

		// Submit: version 1.
		await form(page).getByLabel('Cost estimate').fill('12500.50');
		await form(page).getByLabel('Currency').selectOption('USD');
		await form(page).getByLabel('Links to documents').fill('https://example.org/deck');
		await form(page).getByRole('button', { name: 'Submit proposal' }).click();
		await expect(page.getByText('Proposal submitted. The city sees version 1.')).toBeVisible();
		await expect(page.getByTestId('proposal-status')).toContainText('Submitted');
		await expect(page.getByTestId('proposal-version')).toContainText(
			'Version 1 is the current one'
		);
		await expectNoAxeViolations(page);

		// Edit while open: version 2.
		await form(page).getByLabel('Title').fill('River flood early warning, two districts');
		await form(page).getByRole('button', { name: 'Save changes and resubmit' }).click();
		await expect(page.getByText('Changes saved as version 2.')).toBeVisible();
		await expect(page.getByTestId('proposal-version')).toContainText(
			'Version 2 is the current one'
		);
		await expect(page.getByTestId('proposal-versions').getByRole('listitem')).toHaveCount(2);
		await expectNoAxeViolations(page);
		await fitsWidth(page);

		// The organisation's list.
		await page.goto('/proposals');
		const item = page
			.getByTestId('proposal-list')
			.getByRole('listitem')
			.filter({ hasText: 'River flood early warning, two districts' })
			.filter({ hasText: 'Submitted' });
		await expect(item).toContainText('Submitted');
		await expect(item).toContainText('version 2');
		await expectNoAxeViolations(page);
		await fitsWidth(page);

		// Withdraw, after confirming.
		await item.getByRole('link', { name: 'River flood early warning, two districts' }).click();
		await page.getByRole('button', { name: 'Withdraw proposal' }).click();
		const confirm = page.getByTestId('withdraw-confirm');
		await expect(confirm.getByRole('heading', { name: 'Withdraw this proposal?' })).toBeVisible();
		await expectNoAxeViolations(page);
		await confirm.getByRole('button', { name: 'Yes, withdraw it' }).click();
		await expect(page.getByText('Proposal withdrawn.')).toBeVisible();
		await expect(page.getByTestId('proposal-status')).toContainText('Withdrawn');
		await expectNoAxeViolations(page);

		const { rows } = await db().query(
			`select p.status::text, p.version from public.proposals p join public.challenges c on c.id = p.challenge_id
			 where c.slug = $1 order by p.created_at`,
			[slug]
		);
		expect(rows.at(-1)).toEqual({ status: 'withdrawn', version: 2 });
		await page.context().close();
	});
}

test('bad input is named next to each field and everything typed is kept', async ({ browser }) => {
	const page = await newPage(browser, { viewport: PHONE });
	await openForm(page, slugs.invalid);
	const longTitle = 'T'.repeat(201);
	await form(page).getByLabel('Title').fill(longTitle);
	await form(page).getByLabel('Summary').fill('A summary that is kept.');
	await form(page).getByLabel('Cost estimate').fill('-5');
	await form(page).getByLabel('Currency').selectOption('EUR');
	await form(page).getByLabel('Links to documents').fill('https://example.org/ok\nnot a link');
	await form(page).getByRole('button', { name: 'Save draft' }).click();
	await expect(page.getByText('Please correct the fields marked below.')).toBeVisible();
	await expect(form(page).getByLabel('Title')).toHaveAccessibleDescription(
		/At most 200 characters/
	);
	await expect(form(page).getByLabel('Cost estimate')).toHaveAccessibleDescription(
		/Enter a cost of 0 or more/
	);
	await expect(form(page).getByLabel('Links to documents')).toHaveAccessibleDescription(
		/Each line must be one link/
	);
	await expect(form(page).getByLabel('Title')).toHaveValue(longTitle);
	await expect(form(page).getByLabel('Summary')).toHaveValue('A summary that is kept.');
	await expect(form(page).getByLabel('Cost estimate')).toHaveValue('-5');
	await expect(form(page).getByLabel('Links to documents')).toHaveValue(
		'https://example.org/ok\nnot a link'
	);
	await expectNoAxeViolations(page);
	await fitsWidth(page);
	const { rows } = await db().query(
		`select p.title from public.proposals p join public.challenges c on c.id = p.challenge_id where c.slug = $1`,
		[slugs.invalid]
	);
	// The autosave may have stored a valid moment of the draft; never the refused values.
	for (const r of rows) expect(r.title.length).toBeLessThanOrEqual(200);
	await page.context().close();
});

// axe needs JavaScript in the page; the same states are scanned by the tests with it.
test('without JavaScript: save a draft, then submit', async ({ browser }) => {
	const page = await newPage(browser, { viewport: PHONE, javaScriptEnabled: false });
	await openForm(page, slugs.nojs);
	await expect(page.getByTestId('autosave-status')).toHaveCount(0);
	await form(page).getByLabel('Title').fill('Culvert inspection drones');
	await form(page).getByRole('button', { name: 'Save draft' }).click();
	await expect(page.getByText('Draft saved.')).toBeVisible();
	await expect(form(page).getByLabel('Title')).toHaveValue('Culvert inspection drones');
	// Submitting an incomplete draft names what is missing.
	await form(page).getByRole('button', { name: 'Submit proposal' }).click();
	await expect(form(page).getByLabel('Summary')).toHaveAccessibleDescription(/Needed to submit/);
	await form(page).getByLabel('Summary').fill('Drones inspect the culverts every month.');
	await form(page).getByLabel('Approach').fill('Autonomous flights along the corridor.');
	await form(page).getByRole('button', { name: 'Submit proposal' }).click();
	await expect(page.getByText('Proposal submitted. The city sees version 1.')).toBeVisible();
	await page.goto(`/challenges/${slugs.nojs}/propose`);
	await expect(page.getByTestId('proposal-status')).toContainText('Submitted');
	const { rows } = await db().query(
		`select p.status::text, p.version, (select count(*)::int from public.proposal_versions v where v.proposal_id = p.id) as versions
		   from public.proposals p join public.challenges c on c.id = p.challenge_id where c.slug = $1`,
		[slugs.nojs]
	);
	expect(rows).toEqual([{ status: 'submitted', version: 1, versions: 1 }]);
	await page.context().close();
});

for (const [name, viewport] of [
	['desktop', DESKTOP],
	['phone', PHONE]
] as const) {
	test(`past its deadline the page says so and the database refuses (${name})`, async ({
		browser
	}) => {
		const page = await newPage(browser, { viewport });
		await openForm(page, slugs.late);
		await expect(page.getByTestId('proposal-closed')).toContainText(
			'The deadline for this challenge has passed'
		);
		await expect(page.getByTestId('autosave-status')).toHaveCount(0);
		await expectNoAxeViolations(page);
		await fitsWidth(page);
		await form(page).getByLabel('Title').fill('Too late, but kept');
		await form(page).getByRole('button', { name: 'Save draft' }).click();
		await expect(page.getByText('Refused: the deadline has passed.')).toBeVisible();
		await expect(form(page).getByLabel('Title')).toHaveValue('Too late, but kept');
		await expectNoAxeViolations(page);
		const { rows } = await db().query(
			`select count(*)::int as n from public.proposals p join public.challenges c on c.id = p.challenge_id where c.slug = $1`,
			[slugs.late]
		);
		expect(rows[0].n).toBe(0);
		await page.context().close();
	});
}

test("once decided, the vendor sees the status and the city's feedback", async ({ browser }) => {
	await decidedProposal();
	const page = await newPage(browser, { viewport: PHONE });
	await openForm(page, slugs.decided);
	await expect(page.getByTestId('proposal-status')).toContainText('Shortlisted');
	await expect(page.getByTestId('proposal-feedback')).toContainText(
		'Strong pilot plan; please detail the maintenance costs.'
	);
	await expect(page.getByTestId('proposal-form')).toHaveCount(0);
	await expectNoAxeViolations(page);
	await fitsWidth(page);
	await page.context().close();
});
