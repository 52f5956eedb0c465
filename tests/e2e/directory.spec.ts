import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { expectNoAxeViolations, PHONE } from './fixtures';
import { loadConfig } from '../../scripts/stack/config.mjs';

const DB_URL = process.env.DATABASE_URL || loadConfig().dbUrl;

/** Ground truth from direct SQL as the superuser, compared with what the pages show. */
const truth = {
	vendors: 0,
	mobilityVendors: 0,
	vendor: { slug: '', name: '', website: '' },
	city: { org: '', orgName: '', slug: '', name: '', publicChallenges: 0, open: 0 }
};

test.beforeAll(async () => {
	const client = new pg.Client({ connectionString: DB_URL });
	await client.connect();
	const one = async (sql: string) => (await client.query(sql)).rows[0];
	truth.vendors = Number(
		(await one(`select count(*) from public.organisations where kind = 'vendor'`)).count
	);
	truth.mobilityVendors = Number(
		(
			await one(
				`select count(*) from public.organisations
				 where kind = 'vendor' and domains && array['mobility']::public.challenge_domain[]`
			)
		).count
	);
	truth.vendor = await one(
		`select slug, name, website from public.organisations
		 where kind = 'vendor' and website like 'http%' order by name limit 1`
	);
	const city = await one(
		`select o.slug as org, o.name as "orgName", c.slug, c.name,
		        (select count(*) from public.challenges ch
		         where ch.city_id = c.id and ch.status not in ('draft', 'withdrawn')) as n,
		        (select count(*) from public.challenges ch
		         where ch.city_id = c.id and ch.status = 'open'
		           and (ch.deadline is null or ch.deadline > now())) as open
		 from public.cities c join public.organisations o on o.id = c.organisation_id
		 where c.slug = 'sepang'`
	);
	truth.city = { ...city, publicChallenges: Number(city.n), open: Number(city.open) };
	await client.end();
	expect(truth.vendors).toBeGreaterThan(1);
	expect(truth.mobilityVendors).toBeGreaterThan(0);
	expect(truth.mobilityVendors).toBeLessThan(truth.vendors);
});

/** The number in "8 solution providers" (the live result count). */
async function vendorCount(page: Page): Promise<number> {
	const text = await page.getByRole('main').getByRole('status').innerText();
	const n = text.replace(/[,\s]/g, '').match(/\d+/);
	expect(n, `vendor count in "${text}"`).not.toBeNull();
	return Number(n![0]);
}

function cards(page: Page) {
	return page.getByRole('main').locator('article');
}

/** The "Apply filters" button is for visitors without JavaScript; it goes once the page is hydrated. */
async function hydrated(page: Page) {
	await expect(page.getByRole('button', { name: 'Apply filters' })).toHaveCount(0);
}

test.describe('the vendor directory with JavaScript', () => {
	test('lists every vendor of the demo data, reachable from the main navigation', async ({
		page
	}) => {
		await page.goto('/');
		const nav = page.getByRole('navigation', { name: 'Main' });
		await expect(nav.getByRole('link')).toHaveText([
			'Challenges',
			'Cities',
			'Solution providers',
			'Open data',
			'How it works'
		]);
		await nav.getByRole('link', { name: 'Solution providers' }).click();
		await expect(page).toHaveURL(/\/vendors$/);
		await expect(nav.getByRole('link', { name: 'Solution providers' })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Solution providers');
		expect(await vendorCount(page)).toBe(truth.vendors);
		await expect(cards(page)).toHaveCount(truth.vendors);

		const card = cards(page).filter({ hasText: truth.vendor.name });
		await expect(card.getByRole('heading', { name: truth.vendor.name })).toBeVisible();
		const website = card.getByRole('link', {
			name: truth.vendor.website.replace(/^https?:\/\//, '')
		});
		await expect(website).toHaveAttribute('href', new URL(truth.vendor.website).href);
		await expect(website).toHaveAttribute('rel', /\bnofollow\b/);
		await expect(website).toHaveAttribute('rel', /\bnoopener\b/);
		await expectNoAxeViolations(page);
	});

	test('a domain filter narrows the list at once and clears again', async ({ page }) => {
		await page.goto('/vendors');
		await hydrated(page);
		await page
			.getByRole('group', { name: 'Domain' })
			.getByRole('checkbox', { name: 'Mobility' })
			.check();
		await expect(page).toHaveURL(/[?&]domain=mobility\b/);
		await expect(cards(page)).toHaveCount(truth.mobilityVendors);
		expect(await vendorCount(page)).toBe(truth.mobilityVendors);
		for (const card of await cards(page).all()) {
			await expect(card.getByText('Mobility', { exact: true })).toBeVisible();
		}
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Clear all', exact: true }).click();
		await expect(page).toHaveURL(/\/vendors$/);
		expect(await vendorCount(page)).toBe(truth.vendors);
	});

	test('word search and country filter update the URL; no match shows an empty state', async ({
		page
	}) => {
		await page.goto('/vendors');
		await hydrated(page);
		await page
			.getByRole('searchbox', { name: 'Name or what they do' })
			.fill(truth.vendor.name.slice(0, 5));
		await expect(page).toHaveURL(/[?&]q=/);
		await expect(cards(page).filter({ hasText: truth.vendor.name })).toHaveCount(1);
		// Words of what a vendor does find it too (ParkFlow's profile: "In-ground parking sensors").
		await page.getByRole('searchbox', { name: 'Name or what they do' }).fill('parking sensors');
		await expect(page).toHaveURL(/[?&]q=parking\+sensors/);
		await expect(cards(page).filter({ hasText: 'ParkFlow' })).toHaveCount(1);

		await page.getByRole('searchbox', { name: 'Name or what they do' }).fill('');
		await expect(page).not.toHaveURL(/[?&]q=/);
		const country = page.getByRole('combobox', { name: 'Country' });
		const firstCountry = await country.locator('option').nth(1).getAttribute('value');
		await country.selectOption(firstCountry!);
		await expect(page).toHaveURL(new RegExp(`[?&]country=${firstCountry}\\b`));
		expect(await vendorCount(page)).toBeGreaterThan(0);
		expect(await vendorCount(page)).toBeLessThan(truth.vendors);

		await page.goto('/vendors?q=qqqxyzzyqqq');
		await expect(
			page.getByRole('heading', { name: 'No solution providers match these filters' })
		).toBeVisible();
		expect(await vendorCount(page)).toBe(0);
		await expectNoAxeViolations(page);
	});

	test('an unknown domain answers 400 with a clear message', async ({ page }) => {
		const response = await page.goto('/vendors?domain=space');
		expect(response?.status()).toBe(400);
		await expect(page.getByText('domain: "space" is not one of')).toBeVisible();
		await expectNoAxeViolations(page);
		expect((await page.goto('/vendors?country=Malaysia'))?.status()).toBe(400);
	});

	test('the Chinese directory is translated', async ({ page, context, baseURL }) => {
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'zh', url: baseURL! }]);
		await page.goto('/vendors');
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('解决方案提供商');
		await expect(page.getByRole('main').getByRole('status')).toHaveText(
			`${truth.vendors} 家解决方案提供商`
		);
		await expectNoAxeViolations(page);
	});
});

test.describe('the vendor directory without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('filters are a plain GET form', async ({ page }) => {
		await page.goto('/vendors');
		await page
			.getByRole('group', { name: 'Domain' })
			.getByRole('checkbox', { name: 'Mobility' })
			.check();
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await expect(page).toHaveURL(/[?&]domain=mobility\b/);
		expect(await vendorCount(page)).toBe(truth.mobilityVendors);

		await page.getByRole('searchbox', { name: 'Name or what they do' }).fill('qqqxyzzyqqq');
		await page.getByRole('button', { name: 'Search', exact: true }).click();
		await expect(page).toHaveURL(/q=qqqxyzzyqqq/);
		await expect(page).toHaveURL(/domain=mobility/);
		expect(await vendorCount(page)).toBe(0);
		await page.getByRole('link', { name: 'Clear all filters' }).click();
		expect(await vendorCount(page)).toBe(truth.vendors);
	});
});

test.describe('the vendor directory on a phone', () => {
	test.use({ viewport: PHONE });

	test('does not scroll sideways', async ({ page }) => {
		await page.goto('/vendors');
		await expect(cards(page).first()).toBeVisible();
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await expectNoAxeViolations(page);

		await page.goto(`/organisations/${truth.city.org}`);
		const orgOverflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(orgOverflow).toBeLessThanOrEqual(0);
	});
});

test.describe('organisation pages', () => {
	test('a vendor: profile, website and a neutral track-record note', async ({ page }) => {
		await page.goto('/vendors');
		await page.getByRole('link', { name: truth.vendor.name, exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`/organisations/${truth.vendor.slug}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(truth.vendor.name);
		await expect(page.getByRole('main')).toContainText('Solution provider');
		const details = page.getByRole('complementary', { name: 'Details' });
		await expect(details.getByRole('link')).toHaveAttribute('rel', /\bnofollow\b.*\bnoopener\b/);
		await expect(page.getByRole('heading', { name: 'Track record' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Cities it represents' })).toHaveCount(0);
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'All solution providers' }).click();
		await expect(page).toHaveURL(/\/vendors$/);
	});

	test('the cities index counts each city’s public challenges and those taking proposals', async ({
		page
	}) => {
		await page.goto('/cities');
		const row = page.getByRole('link', { name: new RegExp(`^${truth.city.name}\\b`) });
		await expect(row).toContainText(`${truth.city.publicChallenges} public challenges`);
		await expect(row).toContainText(`${truth.city.open} open`);
		expect(truth.city.open).toBeLessThan(truth.city.publicChallenges);
	});

	test('a city organisation: reached from its city, links to the city and its challenges', async ({
		page
	}) => {
		await page.goto(`/cities/${truth.city.slug}`);
		await page.getByRole('link', { name: truth.city.orgName }).click();
		await expect(page).toHaveURL(new RegExp(`/organisations/${truth.city.org}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(truth.city.orgName);
		await expect(page.getByRole('main')).toContainText('City organisation');
		await expect(page.getByRole('heading', { name: 'Track record' })).toHaveCount(0);

		const cities = page.getByRole('region', { name: 'Cities it represents' });
		const item = cities.getByRole('listitem').filter({ hasText: truth.city.name });
		await expect(item).toContainText(`${truth.city.publicChallenges} public challenges`);
		await expect(item.getByRole('link', { name: truth.city.name, exact: true })).toHaveAttribute(
			'href',
			`/cities/${truth.city.slug}`
		);
		await expectNoAxeViolations(page);

		await item
			.getByRole('link', { name: `Search and filter the challenges of ${truth.city.name}` })
			.click();
		await expect(page).toHaveURL(new RegExp(`[?&]city=${truth.city.slug}\\b`));
		const status = await page.getByRole('main').getByRole('status').innerText();
		expect(status).toContain(`${truth.city.publicChallenges} challenges`);
	});

	test('an unknown organisation answers a friendly 404', async ({ page }) => {
		const response = await page.goto('/organisations/no-such-organisation');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
		await expectNoAxeViolations(page);
		expect((await page.goto('/organisations/Not_A_Slug'))?.status()).toBe(404);
	});
});
