// The hub's weekly digest end to end (issue 14; docs/collaboration.md § Exports and the weekly
// digest): `npm run digest:weekly` run twice in one week mails each hub staff member once (Mailpit),
// in their language, listing a stalled partnership, an overdue next step and a challenge whose
// deadline is in the coming 7 days; the week is recorded per person in the database.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/stack/config.mjs';
import { cleanup, makeWorld, type World } from './helpers/orgs';
import { closePool, db, SERVICE_KEY, SUPABASE_URL } from './helpers/stack';

const run = promisify(execFile);
const stack = loadConfig();
const MAILPIT = `http://${stack.host}:${stack.ports.mailpit}`;

let world: World;
let challenge: string;
let week: string;
let staff: { id: string; email: string }[];
const SUBJECT = /^(Hub weekly digest|枢纽每周摘要) /;

interface MailSummary {
	ID: string;
	Subject: string;
	To: { Address: string }[];
}

async function digestMailsTo(email: string): Promise<MailSummary[]> {
	const res = await fetch(
		`${MAILPIT}/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}&limit=200`
	);
	const found = ((await res.json()).messages ?? []) as MailSummary[];
	return found.filter((m) => SUBJECT.test(m.Subject) && m.Subject.includes(week));
}

async function text(id: string): Promise<string> {
	return (await (await fetch(`${MAILPIT}/api/v1/message/${id}`)).json()).Text as string;
}

async function digestRun(): Promise<string> {
	const { stdout } = await run(
		'npx',
		['vite-node', '--config', 'scripts/vite-node.config.ts', 'scripts/digest-weekly.ts'],
		{
			env: {
				...process.env,
				SUPABASE_URL,
				SUPABASE_SERVICE_ROLE_KEY: SERVICE_KEY,
				SMTP_URL: stack.smtpUrl,
				ORIGIN: 'http://127.0.0.1:3000'
			},
			timeout: 120_000
		}
	);
	return stdout;
}

/** A shortlisted proposal of the world's vendor `org` on the test challenge, as a partnership. */
async function partnership(org: string, title: string): Promise<string> {
	const p = await db().query<{ id: string }>(
		`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
		 values ($1, $2, 'submitted', $3, 'A summary for the digest test.', 'An approach for the digest test.')
		 returning id`,
		[challenge, org, title]
	);
	await db().query(
		`update public.proposals set status = 'shortlisted', feedback = 'Good', decided_at = now() where id = $1`,
		[p.rows[0]!.id]
	);
	const r = await db().query<{ id: string }>(
		`insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id)
		 values ($1, $2, $3, $4) returning id`,
		[p.rows[0]!.id, challenge, world.orgs.city.id, org]
	);
	return r.rows[0]!.id;
}

beforeAll(async () => {
	world = await makeWorld();
	const c = await db().query<{ id: string }>(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
		 values ($1, (select id from public.cities order by slug limit 1), $2, $3,
		         'A challenge made by the weekly digest test.', 'mobility', 'open', now() + interval '3 days', now())
		 returning id`,
		[`it-${world.run}-digest`, world.orgs.city.id, `Digest test challenge ${world.run}`]
	);
	challenge = c.rows[0]!.id;
	// Stalled: its only event 30 days ago.
	const stalled = await partnership(world.orgs.vendor.id, `Stalled ${world.run}`);
	await db().query(
		`update public.partnership_events set at = now() - interval '30 days' where partnership_id = $1`,
		[stalled]
	);
	await db().query(
		`update public.partnerships set last_activity_at = now() - interval '30 days' where id = $1`,
		[stalled]
	);
	// Overdue: its next step was due two days ago.
	const overdue = await partnership(world.orgs.otherVendor.id, `Overdue ${world.run}`);
	await db().query(
		`update public.partnerships set next_step = $2, next_step_due = current_date - 2 where id = $1`,
		[overdue, `Send the pilot agreement ${world.run}`]
	);
	// The world's hub staff member reads Chinese.
	await db().query(`update identity."user" set locale = 'zh' where id = $1`, [world.actors.hub.id]);
	week = (
		await db().query<{ week: string }>(
			`select to_char(now() at time zone 'utc', 'IYYY-"W"IW') as week`
		)
	).rows[0]!.week;
	// This week starts afresh for every hub staff member (an earlier run may have sent it).
	staff = (
		await db().query<{ id: string; email: string }>(
			`select distinct u.id, u.email from public.memberships m
			 join public.organisations o on o.id = m.organisation_id and o.kind = 'hub'
			 join identity."user" u on u.id = m.user_id and u."emailVerified"`
		)
	).rows;
	await db().query(`delete from private.hub_weekly_digests where week = $1`, [week]);
	for (const s of staff) {
		for (const m of await digestMailsTo(s.email)) {
			await fetch(`${MAILPIT}/api/v1/messages`, {
				method: 'DELETE',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ IDs: [m.ID] })
			});
		}
	}
}, 120_000);

afterAll(async () => {
	if (challenge) await db().query(`delete from public.challenges where id = $1`, [challenge]);
	await cleanup(world);
	await closePool();
});

describe('npm run digest:weekly', () => {
	it('run twice in one week: one mail per hub staff member, the week recorded', async () => {
		expect(staff.map((s) => s.id)).toContain(world.actors.hub.id);
		const first = await digestRun();
		expect(first).toMatch(/digest:weekly: \d+ digests sent/);
		const second = await digestRun();
		expect(second).toContain('digest:weekly: 0 digests sent (0 hub staff due), 0 failed');
		for (const s of staff) {
			await expect
				.poll(async () => (await digestMailsTo(s.email)).length, { timeout: 20_000 })
				.toBe(1);
		}
		const recorded = await db().query<{ n: number }>(
			`select count(*)::int as n from private.hub_weekly_digests
			 where week = $1 and sent_at is not null and user_id = any ($2::uuid[])`,
			[week, staff.map((s) => s.id)]
		);
		expect(recorded.rows[0]!.n).toBe(staff.length);
		// Not a hub member: never mailed.
		expect(await digestMailsTo(world.actors.cityAdmin.email)).toHaveLength(0);
	}, 300_000);

	it('lists the stalled partnership, the overdue next step and the coming deadline', async () => {
		const [mail] = await digestMailsTo(world.actors.hub.email);
		expect(mail).toBeTruthy();
		// In the member's language (zh).
		expect(mail!.Subject).toMatch(/^枢纽每周摘要 \d{4}-W\d{2}：\d+ 个停滞/);
		const body = await text(mail!.ID);
		const section = (from: string, to: string) =>
			body.slice(body.indexOf(from), to ? body.indexOf(to) : undefined);
		const stalled = section('停滞的合作', '逾期的下一步');
		const overdue = section('逾期的下一步', '未来 7 天内截止的挑战');
		const deadlines = section('未来 7 天内截止的挑战', '打开合作列表');
		expect(stalled).toContain(`Digest test challenge ${world.run}`);
		expect(stalled).toContain(world.orgs.vendor.name);
		expect(stalled).not.toContain(world.orgs.otherVendor.name);
		expect(overdue).toContain(world.orgs.otherVendor.name);
		expect(overdue).toContain(`Send the pilot agreement ${world.run}`);
		expect(overdue).not.toContain(world.orgs.vendor.name);
		expect(deadlines).toContain(`Digest test challenge ${world.run}`);
		expect(deadlines).toContain(`/challenges/it-${world.run}-digest`);
		// The proposals' own text is not the digest's business.
		expect(body).not.toContain(`Stalled ${world.run}`);
	});

	it('the demo hub account reads it in English', async () => {
		if (!staff.some((s) => s.email === 'hub@demo.test')) return; // no demo accounts loaded
		const [mail] = await digestMailsTo('hub@demo.test');
		expect(mail!.Subject).toMatch(/^Hub weekly digest \d{4}-W\d{2}: \d+ stalled, \d+ overdue/);
		const body = await text(mail!.ID);
		expect(body).toContain('Stalled partnerships (nothing for 21 days or more):');
		expect(body).toContain(`Digest test challenge ${world.run}`);
		// The demo trail's stalled partnership (Medellín, FloodWatch) and overdue step (Brisbane).
		expect(body).toContain('FloodWatch Systems: Introduction, last activity');
		expect(body).toContain('“Agree the remaining sensor locations with City Parks”');
	});
});
