// The role-aware home (/app, issue 12 item 6): sign-in lands there; each demo account sees what its
// organisation needs first, with honest empty states; phone width; axe on every state.
import { expect, test, type Browser } from '@playwright/test';
import { PHONE, expectNoAxeViolations } from './fixtures';
import { db, signedIn } from './auth-helpers';

/** Signed in at phone width: sign-in lands on the home. */
async function signedInHome(browser: Browser, email: string) {
	const signed = await signedIn(browser, email, { viewport: PHONE });
	await expect(signed.page).toHaveURL(/\/app$/);
	await expect(signed.page.getByRole('heading', { level: 1 })).toHaveText('Your home');
	return signed;
}

async function fitsWidth(page: import('@playwright/test').Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

test.describe('the role-aware home', () => {
	test('a vendor sees open challenges in its domains, and an empty proposals list that says why', async ({
		browser
	}) => {
		const { page, context } = await signedInHome(browser, 'vendor.a@demo.test');
		await expect(page.getByRole('main').getByText(/Acting for/)).toContainText(
			'AquaSense Analytics'
		);
		const { rows } = await db().query<{ n: number }>(
			`select count(*)::int as n from public.challenges c, public.organisations o
			 where o.name = 'AquaSense Analytics' and c.status = 'open' and c.domain = any (o.domains) and (c.deadline is null or c.deadline > now())`
		);
		expect(rows[0]!.n).toBeGreaterThan(0);
		const shown = page.getByTestId('home-matching').getByRole('listitem');
		await expect(shown).toHaveCount(Math.min(rows[0]!.n, 10));
		await expect(page.getByRole('heading', { name: 'My proposals' })).toBeVisible();
		// The organisation's proposals (issue 13), or a line that says how to make one.
		await expect(
			page.getByTestId('home-proposals').or(page.getByTestId('home-proposals-empty'))
		).toBeVisible();
		await fitsWidth(page);
		await expectNoAxeViolations(page);
		await context.close();
	});

	test("a city official sees the city's challenges, drafts included", async ({ browser }) => {
		const { page, context } = await signedInHome(browser, 'official.sepang@demo.test');
		const list = page.getByTestId('home-challenges');
		// The demo's Sepang draft is visible to its own officials only.
		await expect(
			list.getByText('Drone inspection of drainage culverts along the ERL corridor')
		).toBeVisible();
		await expect(list.getByText('Draft').first()).toBeVisible();
		await fitsWidth(page);
		await expectNoAxeViolations(page);
		// A visitor cannot open a draft.
		const visitor = await context.request.get(
			'/challenges/sepang-drainage-culvert-drone-inspection',
			{
				headers: { cookie: '' }
			}
		);
		expect(visitor.status()).toBe(404);
		await context.close();
	});

	test('hub staff see organisations waiting and the list at a glance', async ({ browser }) => {
		const { page, context } = await signedInHome(browser, 'hub@demo.test');
		const { rows } = await db().query<{ n: number }>(
			`select count(*)::int as n from public.organisations where not verified and kind <> 'hub'`
		);
		const waiting = page.getByTestId('home-hub-unverified');
		await expect(waiting).toContainText(
			rows[0]!.n === 0 ? 'No organisation is waiting.' : `${rows[0]!.n} organisations are waiting.`
		);
		await expect(page.getByTestId('home-hub-overview')).toBeVisible();
		await fitsWidth(page);
		await expectNoAxeViolations(page);
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Your home' })
			.click();
		await expect(page).toHaveURL(/\/app$/);
		await context.close();
	});
});
