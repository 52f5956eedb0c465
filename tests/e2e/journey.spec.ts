// The whole collaboration in Chromium (issue 13, "Must show"), each person in their own browser
// context: a Shanghai official posts a challenge with criteria and publishes it; vendor A finds it
// by search and asks; the official answers; the vendor proposes; the official and a colleague
// (reviewer.shanghai) are assigned, declare no conflict and score; the official shortlists with
// feedback; the vendor sees status and feedback (and is mailed); hub staff see the new
// partnership. axe at the states this journey adds (the parts' own specs scan the rest, at phone
// width and without JavaScript too). The challenge is removed afterwards (its proposals,
// questions, scores and partnership go with it).
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures';
import { db, mailTo, signedIn } from './auth-helpers';

test.describe.configure({ mode: 'serial', timeout: 420_000 });

const run = randomBytes(4)
	.toString('hex')
	.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);
const WORD = `zj${run}`;
const TITLE = `Street flooding alerts ${WORD}`;
const SLUG = `shanghai-street-flooding-alerts-${WORD}`;

test.afterAll(async () => {
	await db().query(`delete from public.challenges where slug = $1`, [SLUG]);
});

test('from a posted challenge to a partnership, across four people', async ({ browser }) => {
	const official = (await signedIn(browser, 'official.shanghai@demo.test')).page;
	const vendor = (await signedIn(browser, 'vendor.a@demo.test')).page;

	// 1. The city posts and publishes.
	await official.goto('/manage/challenges/new');
	await official.getByLabel('Title').fill(TITLE);
	await official.getByLabel('Summary').fill('Warn residents of street flooding before it happens.');
	await official
		.getByRole('textbox', { name: 'Description' })
		.fill('Low-lying streets in Pudong flood within minutes of a storm.');
	await official.getByLabel('Domain').selectOption('environment');
	await official.getByLabel('Deadline (UTC)').fill('2031-03-31T12:00');
	await official.getByLabel('Contact e-mail').fill('smartcity@shanghai.example');
	const criterion = (n: number) => official.getByRole('group', { name: `Criterion ${n}` });
	await criterion(1).getByLabel('Name').fill('Warning lead time');
	await criterion(1).getByLabel('Weight (%)').fill('60');
	await criterion(2).getByLabel('Name').fill('Cost');
	await criterion(2).getByLabel('Weight (%)').fill('40');
	await official.getByRole('button', { name: 'Save draft' }).last().click();
	await expect(official).toHaveURL(new RegExp(`/manage/challenges/${SLUG}\\?created$`));
	await official.getByRole('button', { name: 'Publish' }).click();
	await expect(official.getByTestId('lifecycle')).toContainText('The challenge is now: Open.');

	// 2. The vendor finds it by search and asks.
	await vendor.goto(`/?q=${WORD}`);
	await vendor.getByRole('link', { name: TITLE }).click();
	await expect(vendor.getByTestId('criteria')).toContainText('Warning lead time');
	const question = `Are the storm drains' water levels shared with the vendor? (${WORD})`;
	await vendor.getByLabel('Your question').fill(question);
	await vendor.getByRole('button', { name: 'Send question' }).click();
	await expect(
		vendor.getByRole('status').filter({ hasText: 'Your question was sent' })
	).toBeVisible();

	// 3. The city answers; the answer is public.
	await official.goto(`/challenges/${SLUG}`);
	await official.getByRole('link', { name: 'Answer questions' }).click();
	const item = official.getByRole('listitem').filter({ hasText: question });
	await item.getByLabel('Your answer').fill('Yes, from the first day of the pilot.');
	await item.getByRole('button', { name: 'Publish answer' }).click();
	await expect(
		official.getByRole('status').filter({ hasText: 'The answer is published.' })
	).toBeVisible();
	await vendor.goto(`/challenges/${SLUG}`);
	await expect(vendor.getByTestId('answered-questions')).toContainText(
		'Yes, from the first day of the pilot.'
	);
	await expectNoAxeViolations(vendor);

	// 4. The vendor proposes.
	await vendor.getByTestId('propose-link').click();
	const form = vendor.getByTestId('proposal-form');
	await form.getByLabel('Title').fill('Water-level sensors in every storm drain');
	await form.getByLabel('Summary').fill('Sensors in the drains warn a street before it floods.');
	await form.getByLabel('Approach').fill('A mesh of drain sensors with SMS alerts to residents.');
	await form.getByRole('button', { name: 'Submit proposal' }).click();
	await expect(vendor.getByText('Proposal submitted. The city sees version 1.')).toBeVisible();

	// 5. Two reviewers: the official assigns a colleague and themself; each declares and scores.
	await official.goto(`/challenges/${SLUG}`);
	await official.getByRole('link', { name: 'Open the review board' }).click();
	await expect(official.getByRole('heading', { level: 1 })).toHaveText('Review board');
	for (const name of ['Shanghai reviewer (demo)', 'Shanghai city official (demo)']) {
		await official.getByLabel('Assign a reviewer').selectOption({ label: name });
		await official.getByRole('button', { name: 'Assign reviewer' }).click();
		await expect(
			official.getByRole('status').filter({ hasText: 'The reviewer was assigned.' })
		).toBeVisible();
	}
	const board = official.url();
	const reviewer = (await signedIn(browser, 'reviewer.shanghai@demo.test')).page;
	for (const [page, scores] of [
		[official, ['4', '3']],
		[reviewer, ['5', '3']]
	] as const) {
		await page.goto(board);
		const declare = page.getByRole('region', { name: 'Your conflict declarations' });
		await declare
			.getByRole('group', { name: 'AquaSense Analytics' })
			.getByLabel('No conflict of interest')
			.check();
		await declare.getByRole('button', { name: 'Save declarations' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: 'Declarations saved: 1.' })
		).toBeVisible();
		await page
			.getByRole('region', { name: 'Proposals side by side' })
			.getByRole('link', { name: 'AquaSense Analytics' })
			.click();
		await page.getByLabel('Score for Warning lead time (0–5)').fill(scores[0]);
		await page.getByLabel('Comment on Warning lead time').fill('Alerts reach the street in time.');
		await page.getByLabel('Score for Cost (0–5)').fill(scores[1]);
		await page.getByLabel('Comment on Cost').fill('Sensor upkeep needs a price.');
		await page.getByRole('button', { name: 'Save scores' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: 'Your scores were saved.' })
		).toBeVisible();
	}
	// Both reviews are in: (4·60 + 3·40)/5 = 72 and (5·60 + 3·40)/5 = 84, mean 78.
	await official.goto(board);
	const row = official.getByRole('table').getByRole('row').filter({ hasText: 'AquaSense' });
	await expect(row).toContainText('78.0 of 100');
	await expect(row).toContainText('2 complete reviews');
	await expectNoAxeViolations(official);

	// 6. The city shortlists, with feedback drafted from the rubric.
	await row.getByRole('link', { name: 'AquaSense Analytics' }).click();
	const feedback = official.getByLabel('Feedback to the vendor');
	await expect(feedback).toHaveValue(/Alerts reach the street in time\./);
	await official.getByLabel('Shortlist').check();
	await feedback.fill(`${await feedback.inputValue()}\nPlease price the sensor upkeep.`);
	await official.getByRole('button', { name: 'Send decision' }).click();
	await expect(
		official.getByRole('status').filter({ hasText: 'The decision was recorded' })
	).toBeVisible();

	// 7. The vendor sees the status and the feedback, and was mailed.
	await vendor.goto(`/challenges/${SLUG}/propose`);
	await expect(vendor.getByTestId('proposal-status')).toContainText('Shortlisted');
	await expect(vendor.getByText('Please price the sensor upkeep.')).toBeVisible();
	await expectNoAxeViolations(vendor);
	await expect
		.poll(
			async () =>
				(await mailTo('vendor.a@demo.test')).some(
					(m) => m.Subject.includes(WORD) || m.Text.includes(WORD)
				),
			{ timeout: 30_000, message: 'the decision mailed to the vendor' }
		)
		.toBe(true);

	// 8. Hub staff see the new partnership at stage matched.
	const hub = (await signedIn(browser, 'hub@demo.test')).page;
	await hub.goto('/hub/partnerships');
	const partnership = hub
		.getByTestId('column-matched')
		.getByTestId('partnership-card')
		.filter({ hasText: TITLE });
	await expect(partnership).toContainText('AquaSense Analytics');
	await expectNoAxeViolations(hub);
});
