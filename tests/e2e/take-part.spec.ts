import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, PHONE } from './fixtures';

// Issue 16: each status says what a visitor can do, and how to take part is explained.
test.describe('how to take part', () => {
	const cases = [
		{
			slug: 'barcelona-smart-parking-loading-bays',
			state: 'open',
			heading: 'How to take part',
			text: /takes proposals until its deadline/
		},
		{
			slug: 'lisbon-baixa-flood-early-warning',
			state: 'in_review',
			heading: 'Proposals are closed',
			text: /reviewing the proposals/
		},
		{
			slug: 'medellin-green-corridors-cooling',
			state: 'awarded',
			heading: 'What came of it',
			text: /awarded this challenge/
		},
		{
			slug: 'curitiba-permit-chatbot',
			state: 'not_awarded',
			heading: 'What came of it',
			text: /without an award/
		}
	] as const;

	for (const c of cases) {
		test(`a challenge in state ${c.state} shows its own call to action`, async ({ page }) => {
			await page.goto(`/challenges/${c.slug}`);
			const box = page.getByTestId('take-part');
			await expect(box).toHaveAttribute('data-state', c.state);
			await expect(box.getByRole('heading', { level: 2 })).toHaveText(c.heading);
			await expect(box).toContainText(c.text);
			if (c.state === 'open') {
				await expect(
					box.getByRole('link', { name: 'See challenges that are open now' })
				).toHaveCount(0);
			} else {
				// Nothing invites a proposal once proposals are closed; a way to open ones instead.
				await expect(page.getByText(/before the deadline|Propose a solution/)).toHaveCount(0);
				await box.getByRole('link', { name: 'See challenges that are open now' }).click();
				await expect(page).toHaveURL(/\/\?status=open$/);
				return;
			}
			await expectNoAxeViolations(page);
		});
	}

	test('the decided page passes axe, in Chinese too', async ({ page }) => {
		await page.goto('/challenges/medellin-green-corridors-cooling');
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.getByTestId('take-part').getByRole('heading', { level: 2 })).toHaveText(
			'结果'
		);
		await expectNoAxeViolations(page);
	});

	test('the about page explains each role, is linked from header and footer, at phone width', async ({
		page
	}) => {
		await page.setViewportSize(PHONE);
		await page.goto('/');
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'How it works' })
			.click();
		await expect(page).toHaveURL(/\/about$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('How the portal works');
		for (const h of ['For cities', 'For solution providers', 'For the hub']) {
			await expect(page.getByRole('heading', { level: 2, name: h })).toBeVisible();
		}
		await expect(
			page.getByRole('contentinfo').getByRole('link', { name: 'How it works' })
		).toBeVisible();
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await expectNoAxeViolations(page);
	});

	test('link previews carry the page title, description and URL', async ({ page }) => {
		await page.goto('/challenges/medellin-green-corridors-cooling');
		const og = (p: string) => page.locator(`meta[property="og:${p}"]`).getAttribute('content');
		expect(await og('title')).toMatch(/^Monitoring the cooling effect of green corridors – /);
		expect(await og('type')).toBe('article');
		expect(await og('url')).toBe(page.url());
		expect(await og('description')).toMatch(/green corridors cool streets/);
		expect(await page.locator('meta[name="twitter:card"]').getAttribute('content')).toBe('summary');
		for (const path of ['/?q=flood', '/cities/medellin', '/cities', '/vendors']) {
			await page.goto(path);
			await expect(page.locator('meta[property="og:title"]')).toHaveCount(1);
		}
	});

	test('sitemap.xml lists public pages only; robots.txt points at it', async ({
		request,
		baseURL
	}) => {
		const robots = await request.get('/robots.txt');
		expect(robots.status()).toBe(200);
		expect(await robots.text()).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
		const res = await request.get('/sitemap.xml');
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toContain('application/xml');
		const xml = await res.text();
		expect(xml).toContain(`<loc>${baseURL}/about</loc>`);
		expect(xml).toContain(`<loc>${baseURL}/challenges/medellin-green-corridors-cooling</loc>`);
		expect(xml).toContain(`<loc>${baseURL}/cities/medellin</loc>`);
		// Drafts never appear.
		expect(xml).not.toContain('/challenges/barcelona-superblock-delivery-microhubs<');
		const loc = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
		expect(new Set(loc).size).toBe(loc.length);
	});
});
