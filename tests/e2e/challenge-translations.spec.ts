// Versions of a challenge's texts in other languages in Chromium (issue 16, item 1): Shanghai's
// official opens the management page of one of Shanghai's drafts and adds a version in the
// portal's other language, is told next to the field that the summary is too short with
// everything typed kept, edits the version and removes it after a confirmation; with JavaScript
// and without it, at phone width (390×844); once the challenge is in review the section shows the
// version read-only. axe on every state of the section (empty, error, filled, confirmation,
// read-only) with JavaScript (axe runs in the page, so not in the context without it). The drafts are the test's own (made and deleted here): other specs
// read the demo data, two workers at a time.
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures';
import { db, signedIn } from './auth-helpers';

test.describe.configure({ timeout: 240_000 });

const PHONE = { width: 390, height: 844 };
const OFFICIAL = 'official.shanghai@demo.test';
const run = randomBytes(4)
	.toString('hex')
	.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);
const slugs = {
	zh: `e2e-versions-zh-${run}`,
	en: `e2e-versions-en-${run}`,
	review: `e2e-versions-review-${run}`
};

test.beforeAll(async () => {
	// Two drafts of Shanghai's: one written in Chinese (an English version to add), one in English.
	await db().query(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, language, description)
		 select x.slug, c.id, c.organisation_id, x.title, x.summary, 'environment', x.language, x.summary
		   from public.cities c
		  cross join (values ($1, '雨水花园试点', '在暴雨后保持街道干燥的雨水花园网络试点。', 'zh'),
		                     ($2, 'Rain gardens pilot', 'A network of rain gardens that keeps streets dry.', 'en'))
		        x (slug, title, summary, language)
		  where c.slug = 'shanghai'`,
		[slugs.zh, slugs.en]
	);
	// One in review with a Chinese version (written while it was open).
	await db().query(
		`with c as (
		   insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status,
		                                  deadline, published_at)
		   select $1, c.id, c.organisation_id, 'Rain gardens in review',
		          'A network of rain gardens that keeps streets dry.', 'environment', 'in_review',
		          now() - interval '1 day', now() - interval '20 days'
		     from public.cities c where c.slug = 'shanghai'
		   returning id)
		 insert into public.challenge_translations (challenge_id, language, title, summary, description)
		 select id, 'zh', '审核中的雨水花园', '在暴雨后保持街道干燥的雨水花园网络。', '## 背景\n\n街道很快被淹。' from c`,
		[slugs.review]
	);
});

test.afterAll(async () => {
	await db().query(`delete from public.challenges where slug = any ($1::text[])`, [
		Object.values(slugs)
	]);
});

async function check(page: Page) {
	await expectNoAxeViolations(page);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

async function stored(slug: string) {
	const { rows } = await db().query<{ language: string; title: string; summary: string }>(
		`select t.language, t.title, t.summary from public.challenge_translations t
		   join public.challenges c on c.id = t.challenge_id where c.slug = $1`,
		[slug]
	);
	return rows;
}

test('an official adds, corrects, edits and removes an English version, with JavaScript at phone width; read-only once in review', async ({
	browser
}) => {
	const { page, context } = await signedIn(browser, OFFICIAL, { viewport: PHONE });
	await page.goto(`/manage/challenges/${slugs.zh}`);
	const section = page.getByTestId('versions');
	await expect(section.getByRole('heading', { name: 'Versions in other languages' })).toBeVisible();
	await expect(section).toContainText('This challenge is written in Chinese');
	const en = page.getByTestId('version-en');
	await expect(en.getByRole('heading', { name: 'English version' })).toBeVisible();
	await expect(en).toContainText('No English version yet');
	// Only the portal's other language: no form for the original's.
	await expect(page.getByTestId('version-zh')).toHaveCount(0);
	await expect(en.getByLabel('Title')).toHaveAttribute('lang', 'en');
	await expect(en.getByRole('button', { name: /Remove/ })).toHaveCount(0);
	await check(page);

	// Too short a summary: said next to it, everything typed kept.
	await en.getByLabel('Title').fill('Rain gardens pilot');
	await en.getByLabel('Summary').fill('Too short');
	await en.getByRole('textbox', { name: 'Description' }).fill('## Background\n\nStreets flood.');
	await en.getByRole('button', { name: 'Save the English version' }).click();
	const summary = en.getByLabel('Summary');
	await expect(summary).toHaveAttribute('aria-invalid', 'true');
	await expect(summary).toHaveAccessibleDescription(/Write a summary of 10 to 600 characters\./);
	await expect(summary).toHaveValue('Too short');
	await expect(en.getByLabel('Title')).toHaveValue('Rain gardens pilot');
	await expect(en.getByRole('textbox', { name: 'Description' })).toHaveValue(
		'## Background\n\nStreets flood.'
	);
	expect(await stored(slugs.zh)).toEqual([]);
	await check(page);

	await summary.fill('A network of rain gardens that keeps streets dry.');
	await en.getByRole('button', { name: 'Save the English version' }).click();
	await expect(en.getByRole('status')).toHaveText('The English version is saved.');
	await expect(en.getByRole('button', { name: 'Remove the English version' })).toBeVisible();
	expect(await stored(slugs.zh)).toEqual([
		{
			language: 'en',
			title: 'Rain gardens pilot',
			summary: 'A network of rain gardens that keeps streets dry.'
		}
	]);
	await check(page);

	// Edit: the form holds the stored version.
	await page.reload();
	await expect(en.getByLabel('Title')).toHaveValue('Rain gardens pilot');
	await en.getByLabel('Title').fill('Sponge city rain gardens pilot');
	await en.getByRole('button', { name: 'Save the English version' }).click();
	await expect(en.getByRole('status')).toHaveText('The English version is saved.');
	expect((await stored(slugs.zh))[0]?.title).toBe('Sponge city rain gardens pilot');

	// Remove, after a confirmation; "No, keep it" keeps it.
	await en.getByRole('button', { name: 'Remove the English version' }).click();
	const confirm = en.getByRole('alertdialog');
	await expect(confirm).toContainText('Remove the English version?');
	await check(page);
	await confirm.getByRole('link', { name: 'No, keep it' }).click();
	await expect(en.getByRole('alertdialog')).toHaveCount(0);
	expect(await stored(slugs.zh)).toHaveLength(1);
	await en.getByRole('button', { name: 'Remove the English version' }).click();
	await en.getByRole('button', { name: 'Yes, remove the English version' }).click();
	await expect(section.getByRole('status')).toHaveText('The English version is removed.');
	await expect(en).toContainText('No English version yet');
	await expect(en.getByLabel('Title')).toHaveValue('');
	expect(await stored(slugs.zh)).toEqual([]);
	// Once in review (the texts are fixed), the versions are shown, not edited.
	await page.goto(`/manage/challenges/${slugs.review}`);
	await expect(page.getByTestId('versions-locked')).toHaveText(/Versions can no longer change/);
	await expect(section.locator('[lang="zh"]')).toContainText('审核中的雨水花园');
	await expect(section.getByRole('textbox')).toHaveCount(0);
	await expect(section.getByRole('button')).toHaveCount(0);
	await check(page);
	await context.close();
});

test('without JavaScript: add, correct, edit and remove a Chinese version', async ({ browser }) => {
	const { page, context } = await signedIn(browser, OFFICIAL, {
		viewport: PHONE,
		javaScriptEnabled: false
	});
	await page.goto(`/manage/challenges/${slugs.en}`);
	const zh = page.getByTestId('version-zh');
	await expect(zh.getByRole('heading', { name: 'Chinese version' })).toBeVisible();
	await expect(page.getByTestId('version-en')).toHaveCount(0);
	await expect(zh.getByRole('textbox', { name: 'Description' })).toHaveAttribute('lang', 'zh');

	await zh.getByLabel('Title').fill('雨水花园试点');
	await zh.getByLabel('Summary').fill('太短的摘要');
	await zh.getByRole('textbox', { name: 'Description' }).fill('## 背景\n\n街道很快被淹。');
	await zh.getByLabel('Expected outcomes').fill('一个街区的试点。');
	await zh.getByRole('button', { name: 'Save the Chinese version' }).click();
	await expect(zh.getByLabel('Summary')).toHaveAccessibleDescription(
		/Write a summary of 10 to 600 characters\./
	);
	await expect(zh.getByLabel('Summary')).toHaveValue('太短的摘要');
	await expect(zh.getByLabel('Title')).toHaveValue('雨水花园试点');
	await expect(zh.getByLabel('Expected outcomes')).toHaveValue('一个街区的试点。');

	await zh.getByLabel('Summary').fill('在暴雨后保持街道干燥的雨水花园网络试点。');
	await zh.getByRole('button', { name: 'Save the Chinese version' }).click();
	await expect(zh.getByRole('status')).toHaveText('The Chinese version is saved.');
	expect(await stored(slugs.en)).toEqual([
		{ language: 'zh', title: '雨水花园试点', summary: '在暴雨后保持街道干燥的雨水花园网络试点。' }
	]);

	await zh.getByLabel('Title').fill('海绵城市雨水花园试点');
	await zh.getByRole('button', { name: 'Save the Chinese version' }).click();
	await expect(zh.getByRole('status')).toHaveText('The Chinese version is saved.');
	expect((await stored(slugs.en))[0]?.title).toBe('海绵城市雨水花园试点');

	await page.goto(`/manage/challenges/${slugs.en}`);
	await zh.getByRole('button', { name: 'Remove the Chinese version' }).click();
	await expect(zh.getByRole('alertdialog')).toContainText('Remove the Chinese version?');
	await zh.getByRole('button', { name: 'Yes, remove the Chinese version' }).click();
	await expect(page.getByTestId('versions').getByRole('status')).toHaveText(
		'The Chinese version is removed.'
	);
	await expect(zh).toContainText('No Chinese version yet');
	expect(await stored(slugs.en)).toEqual([]);

	await context.close();
});
