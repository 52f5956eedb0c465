// Organisations in Chromium (issue 12): a city official signs up and registers the city's
// organisation, hub staff verify it, the official invites a colleague who joins from the mail; a
// vendor creates a company profile (without JavaScript) that appears in the directory; invitation
// links that expired, were used, were forged or are meant for someone else; the last admin; the
// header's switcher. axe on every page state, at phone width where it matters.
test.describe.configure({ timeout: 180_000 });
import { randomBytes, createHash } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { PHONE, expectNoAxeViolations } from './fixtures';
import {
	DEMO_PASSWORD,
	GOOD_PASSWORD,
	db,
	latestMail,
	linkIn,
	signIn,
	uniqueClientIp,
	uniqueEmail
} from './auth-helpers';

async function fitsWidth(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** axe and the phone's width, for one page state. */
async function checkPage(page: Page) {
	await expectNoAxeViolations(page);
	await fitsWidth(page);
}

async function newPage(browser: Browser, opts: { javaScriptEnabled?: boolean } = {}) {
	const context = await browser.newContext({
		viewport: PHONE,
		javaScriptEnabled: opts.javaScriptEnabled ?? true,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
	});
	return context.newPage();
}

/** Signs up on the page (from wherever the page is), confirms from the mail, returns the continue link's target. */
async function signUpHere(page: Page, name: string, email: string) {
	await page.getByLabel('Your name').fill(name);
	await page.getByLabel('E-mail address').fill(email);
	await page.getByLabel('Password').fill(GOOD_PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
	const mail = await latestMail(email, /Confirm your e-mail address/);
	await page.goto(linkIn(mail));
	await expect(page.getByRole('status')).toContainText('confirmed and you are signed in');
}

/** The portal's link in an invitation mail. */
function invitationLink(text: string): string {
	const url = /(https?:\/\/\S+\/invitations\/[0-9a-f]{64})/.exec(text)?.[1];
	expect(url, 'an invitation link in the mail').toBeTruthy();
	return url as string;
}

const suffix = () => randomBytes(3).toString('hex');

test('a city official signs up and registers the city, hub staff verify it, a colleague joins from the mail', async ({
	browser
}) => {
	const official = await newPage(browser);
	const officialEmail = uniqueEmail('city-official');
	const cityName = `Harbourton City Administration ${suffix()}`;

	// sign-up lands on /welcome
	await official.goto('/signup');
	await signUpHere(official, 'Lin Harbour', officialEmail);
	await official.getByRole('link', { name: 'Continue' }).click();
	await expect(official).toHaveURL(/\/welcome$/);
	await expect(official.getByRole('heading', { level: 1 })).toHaveText(
		'Welcome: who do you act for?'
	);
	await checkPage(official);

	await official.getByRole('link', { name: 'I work for a city' }).click();
	await expect(official).toHaveURL(/\/welcome\?as=city$/);
	await checkPage(official);

	// the city is not listed: register it for the hub to verify (a mistake first)
	const create = official.getByRole('region', { name: /Your city is not listed/ });
	await create.getByLabel('Name of the organisation').fill(cityName);
	await create.getByLabel('Country').selectOption('MY');
	await create.getByLabel('Public contact mailbox').fill('not a mailbox');
	await create.getByRole('button', { name: 'Send to the hub for verification' }).click();
	await expect(create.getByText('Enter an e-mail address')).toBeVisible();
	await expect(create.getByLabel('Name of the organisation')).toHaveValue(cityName);
	await checkPage(official);
	await create.getByLabel('Public contact mailbox').fill('smart@harbourton.example');
	await create.getByRole('button', { name: 'Send to the hub for verification' }).click();
	await expect(official).toHaveURL(/\/organisations\/[a-z0-9-]+\/manage\?created=1$/);
	const manageUrl = official.url().replace(/\?.*$/, '');
	await expect(official.getByRole('status').first()).toContainText(
		'Your organisation has been created'
	);
	await expect(
		official.getByText('cannot publish challenges until hub staff verify it')
	).toBeVisible();
	await expect(official.getByRole('banner')).toContainText(cityName);
	await checkPage(official);

	// hub staff see it first in their queue and verify it
	const hub = await newPage(browser);
	await signIn(hub, 'hub@demo.test');
	await hub.getByRole('banner').getByRole('link', { name: 'Hub', exact: true }).click();
	await expect(hub).toHaveURL(/\/hub\/organisations$/);
	await expect(hub.getByRole('heading', { level: 1 })).toHaveText('Organisations to verify');
	await checkPage(hub);
	await hub.getByRole('button', { name: `Verify ${cityName}` }).click();
	await expect(hub.getByRole('status')).toContainText(`${cityName} is now verified.`);
	await expect(
		hub.getByRole('button', { name: `Withdraw the verification of ${cityName}` })
	).toBeVisible();
	await expect(hub.getByText('organisation.verified').first()).toBeVisible();
	await checkPage(hub);

	await official.reload();
	await expect(official.getByText('cannot publish challenges')).toHaveCount(0);
	await expect(official.getByText('Verified', { exact: true }).first()).toBeVisible();

	// the official invites a colleague
	const colleagueEmail = uniqueEmail('colleague');
	const invite = official.getByRole('region', { name: 'Invite a colleague' });
	await invite.getByLabel('Their e-mail address').fill(colleagueEmail);
	await invite.getByRole('button', { name: 'Send invitation' }).click();
	await expect(invite.getByRole('status')).toContainText(
		`An invitation has been sent to ${colleagueEmail}`
	);
	await expect(
		official.getByRole('region', { name: 'Open invitations' }).getByText(colleagueEmail)
	).toBeVisible();
	await checkPage(official);

	const mail = await latestMail(colleagueEmail, new RegExp(`You are invited to join ${cityName}`));
	expect(mail.Text).toContain('7 days');
	const link = invitationLink(mail.Text);

	// the colleague has no account: the link sends them to sign in, they create one, and come back
	const colleague = await newPage(browser);
	await colleague.goto(link);
	await expect(colleague).toHaveURL(/\/signin\?redirectTo=%2Finvitations%2F/);
	await colleague.getByRole('link', { name: 'Create one' }).click();
	await signUpHere(colleague, 'Sam Colleague', colleagueEmail);
	await colleague.getByRole('link', { name: 'Continue' }).click();
	await expect(colleague).toHaveURL(new RegExp(`/invitations/[0-9a-f]{64}$`));
	await expect(colleague.getByText(`You are invited to join ${cityName} as Member.`)).toBeVisible();
	await checkPage(colleague);
	await colleague.getByRole('button', { name: 'Accept and join' }).click();
	await expect(colleague).toHaveURL(/\/manage\?joined=1$/);
	await expect(colleague.getByRole('status').first()).toContainText(`You have joined ${cityName}.`);
	// a member sees the members, read-only
	const members = colleague.getByRole('region', { name: 'Members' });
	await expect(members.getByText('Lin Harbour')).toBeVisible();
	await expect(
		members.getByText("Only the organisation's admins can change members.")
	).toBeVisible();
	await expect(members.getByRole('button', { name: /Change role/ })).toHaveCount(0);
	await expect(colleague.getByRole('region', { name: 'Public profile' })).toHaveCount(0);
	await checkPage(colleague);

	// the admin sees the colleague and makes them admin
	await official.goto(manageUrl);
	await expect(
		official.getByRole('region', { name: 'Open invitations' }).getByText('No open invitations.')
	).toBeVisible();
	await official.getByLabel('Role of Sam Colleague', { exact: true }).selectOption('admin');
	await official.getByRole('button', { name: 'Change role of Sam Colleague' }).click();
	await expect(official.getByText('The role of Sam Colleague is now Admin.')).toBeVisible();
	await checkPage(official);

	// the public page shows the mailbox, never a person's address
	await official.goto(manageUrl.replace(/\/manage$/, ''));
	await expect(official.getByRole('link', { name: 'smart@harbourton.example' })).toBeVisible();
	await expect(official.getByText(officialEmail)).toHaveCount(0);
	await checkPage(official);

	for (const p of [official, hub, colleague]) await p.context().close();
});

test('a vendor creates a company profile without JavaScript, and it appears in the directory', async ({
	browser
}) => {
	// sign-up with JavaScript (the form without it is the company's)
	const setup = await newPage(browser);
	const email = uniqueEmail('vendor');
	await setup.goto('/signup');
	await signUpHere(setup, 'Ada Vendor', email);
	const cookies = await setup.context().cookies();
	await setup.context().close();

	const page = await newPage(browser, { javaScriptEnabled: false });
	await page.context().addCookies(cookies);
	const company = `Quayside Sensors ${suffix()}`;
	await page.goto('/welcome');
	await page.getByRole('link', { name: 'I am a solution provider' }).click();
	await expect(page).toHaveURL(/\/welcome\?as=vendor$/);
	const create = page.getByRole('region', { name: "Create your company's profile" });
	await create.getByLabel('Name of the organisation').fill(company);
	await create.getByLabel('Website').fill('ftp://quayside.example');
	await create.getByLabel('Mobility').check();
	await create.getByLabel('Description').fill('In-ground parking sensors for harbour towns.');
	await create.getByRole('button', { name: 'Create company profile' }).click();
	// errors next to their fields, what was typed kept
	await expect(page).toHaveURL(/\/welcome\?as=vendor/);
	await expect(
		create.getByText('Enter a web address starting with http:// or https://.')
	).toBeVisible();
	await expect(create.getByText('Enter a two-letter country code')).toBeVisible();
	await expect(create.getByLabel('Name of the organisation')).toHaveValue(company);
	await expect(create.getByLabel('Mobility')).toBeChecked();
	await expect(create.getByLabel('Website')).toHaveAttribute('aria-invalid', 'true');
	await fitsWidth(page);

	await create.getByLabel('Website').fill('https://quayside.example');
	await create.getByLabel('Country').selectOption('SG');
	await create.getByLabel('Public contact mailbox').fill('hello@quayside.example');
	await create.getByRole('button', { name: 'Create company profile' }).click();
	await expect(page).toHaveURL(/\/manage\?created=1$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Manage ${company}`);
	await expect(page.getByText('Not verified yet: hub staff check new organisations')).toBeVisible();
	await fitsWidth(page);

	await page.goto(`/vendors?q=${encodeURIComponent(company)}`);
	const card = page.getByRole('article', { name: company });
	await expect(card).toBeVisible();
	await expect(card.getByRole('link', { name: 'hello@quayside.example' })).toBeVisible();
	await expect(card.getByText(email)).toHaveCount(0);
	await page.context().close();

	// axe on the directory with the new card (axe needs JavaScript)
	const check = await newPage(browser);
	await check.goto(`/vendors?q=${encodeURIComponent(company)}`);
	await expect(check.getByRole('article', { name: company })).toBeVisible();
	await checkPage(check);
	await check.context().close();
});

/**
 * An invitation made in the database as invite_member() makes one (the token's SHA-256 stored),
 * with a token the test knows, in the state a page must explain.
 */
async function invitationRow(
	org: string,
	email: string,
	state: 'open' | 'expired' | 'used' | 'revoked' = 'open'
) {
	const token = randomBytes(32).toString('hex');
	const hash = createHash('sha256').update(token).digest('hex');
	await db().query(
		`insert into public.invitations
			(organisation_id, email, role, token_hash, created_at, expires_at, accepted_at, revoked_at)
		 values ($1, $2, 'member', $3,
			now() - interval '8 days',
			case when $4 = 'expired' then now() - interval '1 day' else now() + interval '7 days' end,
			case when $4 = 'used' then now() end,
			case when $4 = 'revoked' then now() end)`,
		[org, email, hash, state]
	);
	return token;
}

test('invitation links: expired, used, withdrawn, for another address and forged each say so', async ({
	browser
}) => {
	const page = await newPage(browser);
	await signIn(page, 'vendor.b@demo.test');
	const { rows } = await db().query<{ id: string; name: string }>(
		`select o.id, o.name from public.organisations o
		 join public.memberships m on m.organisation_id = o.id
		 join identity."user" u on u.id = m.user_id
		 where u.email = 'official.shanghai@demo.test' and o.kind = 'city' limit 1`
	);
	const org = rows[0]!;
	// one pending invitation per address and organisation: the previous run's expired one goes
	await db().query(
		`delete from public.invitations where organisation_id = $1 and email = 'vendor.b@demo.test'`,
		[org.id]
	);
	const cases: [string, string][] = [
		[await invitationRow(org.id, 'vendor.b@demo.test', 'expired'), 'This invitation has expired.'],
		[
			await invitationRow(org.id, 'vendor.b@demo.test', 'used'),
			'This invitation has already been used.'
		],
		[
			await invitationRow(org.id, 'vendor.b@demo.test', 'revoked'),
			'This invitation has been withdrawn'
		],
		[randomBytes(32).toString('hex'), 'This invitation link is not valid.'],
		['too-short', 'This invitation link is not valid.']
	];
	for (const [token, text] of cases) {
		// said on arrival (invitation_preview), before anything is accepted
		await page.goto(`/invitations/${token}`);
		await expect(page.getByRole('alert')).toContainText(text);
		await expect(page.getByRole('button', { name: 'Accept and join' })).toHaveCount(0);
		await checkPage(page);
	}

	// expired between opening the link and pressing Accept: accept_invitation() says so
	await db().query(
		`delete from public.invitations where organisation_id = $1 and email = 'vendor.b@demo.test'
		 and accepted_at is null and revoked_at is null`,
		[org.id]
	);
	const late = await invitationRow(org.id, 'vendor.b@demo.test');
	await page.goto(`/invitations/${late}`);
	await expect(page.getByText(`You are invited to join ${org.name} as Member.`)).toBeVisible();
	await checkPage(page);
	await db().query(
		`update public.invitations set expires_at = now() - interval '1 second' where token_hash = $1`,
		[createHash('sha256').update(late).digest('hex')]
	);
	await page.getByRole('button', { name: 'Accept and join' }).click();
	await expect(page.getByRole('alert')).toContainText('This invitation has expired.');
	await checkPage(page);

	// meant for another address: said on arrival, naming the member's own address
	const other = await invitationRow(org.id, uniqueEmail('someone-else'));
	await page.goto(`/invitations/${other}`);
	await expect(page.getByText(`You are invited to join ${org.name} as Member.`)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Accept and join' })).toHaveCount(0);
	await expect(page.getByRole('alert')).toContainText(
		'This invitation was sent to another e-mail address'
	);
	await expect(page.getByRole('alert')).toContainText('vendor.b@demo.test');
	await checkPage(page);
	const memberships = await db().query(
		`select 1 from public.memberships m join identity."user" u on u.id = m.user_id
		 where m.organisation_id = $1 and u.email = 'vendor.b@demo.test'`,
		[org.id]
	);
	expect(memberships.rowCount).toBe(0);
	await page.context().close();
});

test('the last admin cannot step down; a member of two organisations switches without JavaScript', async ({
	browser
}) => {
	const page = await newPage(browser, { javaScriptEnabled: false });
	await signIn(page, 'official.sepang@demo.test');
	const mine = page.getByRole('banner');
	const managed = await db().query<{ slug: string; name: string }>(
		`select o.slug, o.name from public.organisations o
		 join public.memberships m on m.organisation_id = o.id
		 join identity."user" u on u.id = m.user_id
		 where u.email = 'official.sepang@demo.test' and m.role = 'admin' order by o.name limit 1`
	);
	const { slug } = managed.rows[0]!;
	await page.goto(`/organisations/${slug}/manage`);
	const me = await page
		.getByRole('region', { name: 'Members' })
		.locator('li', { hasText: '(you)' });
	const myName = (await me.locator('span.font-semibold').textContent())!.trim();
	const admins = await page
		.getByRole('region', { name: 'Members' })
		.locator('li', { hasText: 'Admin' })
		.count();
	expect(admins, 'the demo seed makes official.sepang the only admin of its city').toBe(1);
	await page.getByLabel(`Role of ${myName}`, { exact: true }).selectOption('member');
	await page.getByRole('button', { name: `Change role of ${myName}` }).click();
	await expect(page.getByText('An organisation needs at least one admin')).toBeVisible();
	await fitsWidth(page);

	// a second organisation (made here as the database would after an accepted invitation)
	const second = `Sepang Smart Mobility Office ${suffix()}`;
	const made = await db().query<{ id: string }>(
		`insert into public.organisations (kind, slug, name, country)
		 values ('city', $1, $2, 'MY') returning id`,
		[`sepang-mobility-${suffix()}`, second]
	);
	await db().query(
		`insert into public.memberships (organisation_id, user_id, role)
		 select $1, u.id, 'member' from identity."user" u where u.email = 'official.sepang@demo.test'`,
		[made.rows[0]!.id]
	);
	await page.goto('/cities');
	await mine.getByLabel('Acting for').selectOption({ label: second });
	await mine.getByRole('button', { name: 'Switch' }).click();
	await expect(page).toHaveURL(/\/cities$/);
	await expect(mine.getByLabel('Acting for')).toHaveValue(made.rows[0]!.id);
	await fitsWidth(page);
	await page.context().close();

	const check = await newPage(browser);
	await signIn(check, 'official.sepang@demo.test');
	await check.goto('/cities');
	await expect(check.getByRole('banner').getByLabel('Acting for')).toHaveValue(made.rows[0]!.id);
	await checkPage(check);
	await check.context().close();
});

test('the organisation pages in Chinese, on a phone, pass axe', async ({ browser, baseURL }) => {
	const page = await newPage(browser);
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'zh', url: baseURL! }]);
	await page.goto('/signin');
	const form = page.locator('form[action="?/password"]');
	await form.getByLabel('电子邮箱地址').fill('hub@demo.test');
	await form.getByLabel('密码').fill(DEMO_PASSWORD);
	await form.locator('button[type="submit"]').click();
	await expect(page.getByRole('banner').getByRole('button', { name: '退出登录' })).toBeVisible();
	const { rows } = await db().query<{ slug: string }>(
		`select slug from public.organisations where kind = 'hub' order by created_at limit 1`
	);
	for (const path of [
		'/welcome',
		'/welcome?as=city',
		'/welcome?as=vendor',
		`/organisations/${rows[0]!.slug}/manage`,
		'/hub/organisations',
		'/account',
		`/invitations/${'0'.repeat(64)}`
	]) {
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await checkPage(page);
	}
	await expect(page.getByRole('alert')).toContainText('此邀请链接无效');
	await page.context().close();
});
