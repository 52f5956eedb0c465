// Challenges in more than one language (issue 16, item 1; docs/collaboration.md#languages): the
// challenge page shows the visitor's language when the challenge has a version in it, says whose
// translation it is and links to the original; without one it shows the original, marked with its
// lang attribute, and says there is no version. Plain links: no JavaScript needed. At phone width,
// axe-clean in each state (axe runs in the page, so in the contexts with JavaScript). Which texts are shown is checked against the versions in the database.
import { expect, test, type Browser, type Page } from '@playwright/test';
import pg from 'pg';
import { loadConfig } from '../../scripts/stack/config.mjs';
import { signedIn } from './auth-helpers';
import { expectNoAxeViolations } from './fixtures';

const DB_URL = process.env.DATABASE_URL || loadConfig().dbUrl;
const PHONE = { width: 390, height: 844 };

/** Chinese, with an English version (supabase/seed.sql). */
const SPONGE = 'shanghai-sponge-city-waterlogging-sensors';
/** English, with a Chinese version. */
const LINGANG = 'shanghai-lingang-autonomous-bus-routes';
/** English, with no Chinese version. */
const KIGALI = 'kigali-car-free-air-quality';

type Texts = { title: string; summary: string; language: string };
const truth: Record<string, { original: Texts; versions: Record<string, Texts> }> = {};

test.beforeAll(async () => {
	const client = new pg.Client({ connectionString: DB_URL });
	await client.connect();
	for (const slug of [SPONGE, LINGANG, KIGALI]) {
		const original = (
			await client.query<Texts>(
				'select title, summary, language from public.challenges where slug = $1',
				[slug]
			)
		).rows[0]!;
		const versions = (
			await client.query<Texts>(
				`select t.title, t.summary, t.language from public.challenge_translations t
				 join public.challenges c on c.id = t.challenge_id where c.slug = $1`,
				[slug]
			)
		).rows;
		truth[slug] = { original, versions: Object.fromEntries(versions.map((v) => [v.language, v])) };
	}
	await client.end();
	// The seed's demo versions these journeys rely on.
	expect(truth[SPONGE]!.original.language).toBe('zh');
	expect(truth[SPONGE]!.versions.en).toBeDefined();
	expect(truth[LINGANG]!.versions.zh).toBeDefined();
	expect(truth[KIGALI]!.original.language).toBe('en');
	expect(truth[KIGALI]!.versions.zh).toBeUndefined();
});

async function visitor(browser: Browser, locale: 'en' | 'zh', javaScriptEnabled = true) {
	const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled });
	if (locale === 'zh') {
		await context.addCookies([
			{ name: 'PARAGLIDE_LOCALE', value: 'zh', url: test.info().project.use.baseURL! }
		]);
	}
	return { context, page: await context.newPage() };
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function note(page: Page) {
	return page.getByTestId('texts-note');
}

async function expectTexts(page: Page, texts: Texts) {
	const title = page.getByRole('heading', { level: 1 });
	await expect(title).toHaveText(texts.title);
	await expect(title).toHaveAttribute('lang', texts.language);
	const summary = page.getByText(texts.summary, { exact: true });
	await expect(summary).toBeVisible();
	await expect(summary).toHaveAttribute('lang', texts.language);
	await expect(page).toHaveTitle(new RegExp(`^${escape(texts.title)} – `));
	await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', texts.summary);
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
		'content',
		new RegExp(`^${escape(texts.title)} – `)
	);
	await expect(page.locator('meta[name="twitter:title"]')).toHaveAttribute(
		'content',
		new RegExp(`^${escape(texts.title)} – `)
	);
}

test('the English page of a Chinese challenge shows its English version and leads to the original', async ({
	browser
}) => {
	const { context, page } = await visitor(browser, 'en');
	const { original, versions } = truth[SPONGE]!;
	await page.goto(`/challenges/${SPONGE}`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expectTexts(page, versions.en!);
	await expect(note(page)).toContainText('Translated from Chinese by the city.');
	// The key facts name the language the challenge is written in.
	await expect(page.getByRole('definition').filter({ hasText: /^Chinese$/ })).toBeVisible();
	await expectNoAxeViolations(page);

	await note(page).getByRole('link', { name: 'Read the original' }).click();
	await expect(page).toHaveURL(new RegExp(`/challenges/${SPONGE}\\?original=1$`));
	await expectTexts(page, original);
	await expect(note(page)).toContainText('This is the original, in Chinese.');
	// The page around the texts stays in the visitor's language.
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
	await expectNoAxeViolations(page);

	await note(page).getByRole('link', { name: 'Read the English version' }).click();
	await expect(page).toHaveURL(new RegExp(`/challenges/${SPONGE}$`));
	await expectTexts(page, versions.en!);
	await context.close();
});

test('the Chinese page of an English challenge shows its Chinese version', async ({ browser }) => {
	const { context, page } = await visitor(browser, 'zh');
	await page.goto(`/challenges/${LINGANG}`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
	await expectTexts(page, truth[LINGANG]!.versions.zh!);
	await expect(note(page)).toContainText('由城市译自英语。');
	await expect(note(page).getByRole('link', { name: '阅读原文' })).toHaveAttribute(
		'href',
		`/challenges/${LINGANG}?original=1`
	);
	await expectNoAxeViolations(page);
	await context.close();
});

test('without a version in the page language the original is shown, marked and explained', async ({
	browser
}) => {
	const { context, page } = await visitor(browser, 'zh');
	await page.goto(`/challenges/${KIGALI}`);
	await expectTexts(page, truth[KIGALI]!.original);
	await expect(note(page)).toHaveText('本挑战以英语撰写，暂无中文版本。');
	await expect(note(page).getByRole('link')).toHaveCount(0);
	await expectNoAxeViolations(page);
	// In its own language nothing needs saying.
	await context.clearCookies();
	await page.goto(`/challenges/${KIGALI}`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(truth[KIGALI]!.original.title);
	await expect(note(page)).toHaveCount(0);
	await context.close();
});

test('without JavaScript: the version, the original and back are plain links', async ({
	browser
}) => {
	const { context, page } = await visitor(browser, 'en', false);
	const { original, versions } = truth[SPONGE]!;
	await page.goto(`/challenges/${SPONGE}`);
	await expectTexts(page, versions.en!);
	await note(page).getByRole('link', { name: 'Read the original' }).click();
	await expectTexts(page, original);
	const description = page.locator('#description-heading + div');
	await expect(description).toHaveAttribute('lang', 'zh');
	await expect(description).toContainText('背景');
	await note(page).getByRole('link', { name: 'Read the English version' }).click();
	await expectTexts(page, versions.en!);
	await expect(page.locator('#description-heading + div')).toContainText('Background');
	await context.close();
});

test('the texts follow the language and the link: one cached copy per language and URL', async ({
	request
}) => {
	const path = `/challenges/${SPONGE}`;
	const en = await request.get(path);
	const zh = await request.get(path, { headers: { cookie: 'PARAGLIDE_LOCALE=zh' } });
	const original = await request.get(`${path}?original=1`);
	for (const res of [en, zh, original]) {
		expect(res.status()).toBe(200);
		expect(res.headers()['cache-control']).toMatch(/^public/);
		expect(res.headers()['vary']).toContain('Cookie');
		expect(res.headers()['vary']).toContain('Accept-Language');
	}
	const { original: chinese, versions } = truth[SPONGE]!;
	expect(await en.text()).toContain(versions.en!.title);
	expect(await zh.text()).toContain(chinese.title);
	expect(await zh.text()).not.toContain(versions.en!.title);
	expect(await original.text()).toContain(chinese.title);
	// Three different pages, three different tags: no cache answers one with another's copy.
	const tags = new Set([en, zh, original].map((r) => r.headers()['etag']));
	expect(tags.size).toBe(3);
	const fromAcceptLanguage = await request.get(path, { headers: { 'accept-language': 'zh-CN' } });
	expect(fromAcceptLanguage.headers()['etag']).toBe(zh.headers()['etag']);
});

test("the city page lists its challenges in the visitor's language", async ({ browser }) => {
	const en = await visitor(browser, 'en');
	await en.page.goto('/cities/shanghai');
	const list = en.page.getByRole('region', { name: /Public challenges/ });
	await expect(list.getByRole('link', { name: truth[SPONGE]!.versions.en!.title })).toBeVisible();
	await expect(list.getByRole('link', { name: truth[SPONGE]!.original.title })).toHaveCount(0);
	await expect(list.getByRole('link', { name: truth[LINGANG]!.original.title })).toBeVisible();
	await expectNoAxeViolations(en.page);
	await en.context.close();

	const zh = await visitor(browser, 'zh');
	await zh.page.goto('/cities/shanghai');
	const zhList = zh.page.getByRole('region', { name: /公开挑战/ });
	const lingang = zhList.getByRole('heading', { name: truth[LINGANG]!.versions.zh!.title });
	await expect(lingang).toBeVisible();
	// Shown in the page's language: nothing to mark.
	await expect(lingang).not.toHaveAttribute('lang', /./);
	await expect(zhList.getByRole('link', { name: truth[SPONGE]!.original.title })).toBeVisible();
	await zh.context.close();
});

test("a city's home lists its own challenges in the member's language", async ({ browser }) => {
	const { page, context } = await signedIn(browser, 'official.shanghai@demo.test', {
		viewport: PHONE
	});
	await page.goto('/app');
	const list = page.getByTestId('home-challenges');
	const sponge = list.getByRole('link', { name: truth[SPONGE]!.versions.en!.title, exact: true });
	await expect(sponge).toBeVisible();
	await expect(sponge).toHaveAttribute('lang', 'en');
	await expect(list.getByRole('link', { name: truth[SPONGE]!.original.title })).toHaveCount(0);
	await expectNoAxeViolations(page);
	await context.close();
});
