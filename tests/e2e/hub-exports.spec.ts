// The hub's exports in Chromium (issue 14; docs/collaboration.md § Exports and the weekly digest):
// hub staff reach /hub/exports from their home and the hub pages' navigation and download each
// CSV (with JavaScript and without, at phone width); each file has one row per row SQL counts,
// the demo's stalled and overdue partnerships are flagged, and the proposal summary holds no
// proposal text. A vendor gets 403 for the page and the files; a visitor is sent to sign in. axe
// on the page at desktop width and at phone width (with JavaScript: axe runs in the page).
test.describe.configure({ timeout: 180_000 });
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, PHONE } from './fixtures';
import { db, signIn, uniqueClientIp } from './auth-helpers';

const DESKTOP = { width: 1280, height: 900 };

async function newPage(
	browser: Browser,
	opts: { javaScriptEnabled?: boolean; phone?: boolean } = {}
) {
	const context = await browser.newContext({
		viewport: opts.phone ? PHONE : DESKTOP,
		javaScriptEnabled: opts.javaScriptEnabled ?? true,
		acceptDownloads: true,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
	});
	return context.newPage();
}

/** Clicks a download link; the file's rows (parsed, BOM dropped) and its suggested name. */
async function download(page: Page, name: string) {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name }).click()
	]);
	const text = await readFile((await file.path())!, 'utf8');
	expect(text.startsWith('\uFEFF')).toBe(true);
	return {
		name: file.suggestedFilename(),
		text,
		rows: parseCsv(text.slice(1), { columns: true }) as Record<string, string>[]
	};
}

async function count(sql: string): Promise<number> {
	return (await db().query<{ n: number }>(sql)).rows[0]!.n;
}

test('hub staff download the pipeline, the challenges and the proposal summary', async ({
	browser
}) => {
	const hub = await newPage(browser);
	await signIn(hub, 'hub@demo.test');
	await hub.goto('/app');
	await hub.getByRole('link', { name: 'Exports (CSV)' }).click();
	await expect(hub).toHaveURL(/\/hub\/exports$/);
	await expect(hub.getByRole('heading', { level: 1 })).toHaveText('Exports');
	const nav = hub.getByRole('navigation', { name: 'Hub pages' });
	await expect(nav.getByRole('link', { name: 'Exports' })).toHaveAttribute('aria-current', 'page');
	await expect(nav.getByRole('link', { name: 'Partnerships' })).toBeVisible();
	await expectNoAxeViolations(hub);
	await hub.setViewportSize(PHONE);
	await expectNoAxeViolations(hub);
	await hub.setViewportSize(DESKTOP);

	const pipeline = await download(hub, 'Download Partnership pipeline (CSV)');
	expect(pipeline.name).toMatch(/^pipeline-\d{4}-\d{2}-\d{2}\.csv$/);
	expect(pipeline.rows).toHaveLength(
		await count(`select count(*)::int as n from public.partnerships`)
	);
	expect(Object.keys(pipeline.rows[0]!)).toEqual(
		expect.arrayContaining(['challenge', 'city', 'vendor', 'stage', 'owner', 'next_step'])
	);
	const stalled = pipeline.rows.find(
		(r) => r.vendor === 'FloodWatch Systems' && r.city === 'Medellín'
	);
	expect(stalled).toMatchObject({ stage: 'intro', stalled: 'true', owner: 'Hub staff (demo)' });
	const overdue = pipeline.rows.find((r) => r.city === 'Brisbane');
	expect(overdue).toMatchObject({ stage: 'pilot', overdue: 'true' });
	expect(overdue?.next_step).toBe('Agree the remaining sensor locations with City Parks');
	expect(new Set(pipeline.rows.map((r) => r.stage))).toEqual(
		new Set(['matched', 'intro', 'pilot', 'contract', 'deployed', 'closed'])
	);

	const challenges = await download(hub, 'Download Challenges (CSV)');
	expect(challenges.rows).toHaveLength(
		await count(`select count(*)::int as n from public.challenges where status <> 'draft'`)
	);
	expect(challenges.rows.some((r) => r.status === 'draft')).toBe(false);
	expect(challenges.rows.some((r) => r.status === 'withdrawn')).toBe(true);

	const proposals = await download(hub, 'Download Proposal summary (CSV)');
	expect(proposals.rows).toHaveLength(
		await count(`select count(*)::int as n from public.proposals where submitted_at is not null`)
	);
	expect(Object.keys(proposals.rows[0]!)).toEqual([
		'id',
		'challenge',
		'challenge_url',
		'city',
		'vendor',
		'status',
		'submitted_at',
		'decided_at',
		'withdrawn_at',
		'versions'
	]);
	// No proposal's title, summary or approach anywhere in the file.
	const texts = await db().query<{ title: string; summary: string; approach: string }>(
		`select title, summary, approach from public.proposals where submitted_at is not null`
	);
	expect(texts.rows.length).toBeGreaterThan(0);
	for (const t of texts.rows) {
		for (const s of [t.title, t.summary, t.approach]) {
			if (s.length >= 12) expect(proposals.text).not.toContain(s);
		}
	}
	await hub.context().close();
});

test('without JavaScript, at phone width: the page fits and downloads', async ({ browser }) => {
	const hub = await newPage(browser, { javaScriptEnabled: false, phone: true });
	await signIn(hub, 'hub@demo.test');
	await hub.goto('/hub/exports');
	await expect(hub.getByRole('heading', { level: 1 })).toHaveText('Exports');
	const overflow = await hub.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	const file = await download(hub, 'Download Partnership pipeline (CSV)');
	expect(file.rows.length).toBeGreaterThan(0);
	await hub.context().close();
});

test('a vendor is refused (403); a visitor is sent to sign in', async ({ browser }) => {
	const vendor = await newPage(browser);
	await signIn(vendor, 'vendor.a@demo.test');
	for (const path of [
		'/hub/exports',
		'/hub/exports/pipeline.csv',
		'/hub/exports/challenges.csv',
		'/hub/exports/proposals.csv'
	]) {
		const res = await vendor.request.get(path, { maxRedirects: 0 });
		expect(res.status(), path).toBe(403);
		expect(await res.text(), path).not.toContain('AquaSense Analytics,');
	}
	const page = await vendor.goto('/hub/exports');
	expect(page?.status()).toBe(403);
	await expect(vendor.getByRole('navigation', { name: 'Hub pages' })).toHaveCount(0);
	await vendor.context().close();

	const visitor = await newPage(browser);
	for (const path of ['/hub/exports', '/hub/exports/proposals.csv']) {
		const res = await visitor.request.get(path, { maxRedirects: 0 });
		expect(res.status(), path).toBe(303);
		expect(res.headers().location, path).toBe(`/signin?redirectTo=${encodeURIComponent(path)}`);
	}
	await visitor.context().close();
});
