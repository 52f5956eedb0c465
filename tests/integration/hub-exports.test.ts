// The hub's exports through the gateway with real tokens (issue 14; migration
// 20261207001300_hub_exports_digest.sql, docs/collaboration.md § Exports and the weekly digest):
// each export's rows are what SQL counts, paging by id loses and repeats nothing, the proposal
// summary carries no proposal text (neither in the function's answer nor in the CSV the portal
// writes from it), and a city official, a vendor and a visitor are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import {
	CHALLENGE_COLUMNS,
	PIPELINE_COLUMNS,
	PROPOSAL_COLUMNS,
	csvText,
	proposalRecord
} from '$lib/server/hub-exports/csv';
import type { ProposalSummaryRow } from '$lib/server/db/hub-exports';
import { cleanup, makeWorld, rpc, type World } from './helpers/orgs';
import { closePool, db } from './helpers/stack';

const FNS = ['hub_export_pipeline', 'hub_export_challenges', 'hub_export_proposals'] as const;
type Fn = (typeof FNS)[number];

let world: World;
const made: string[] = []; // challenges this file made
let secret: { title: string; summary: string; approach: string; pilot: string; feedback: string };
let submitted: string; // the world vendor's submitted (and shortlisted) proposal
let draft: string; // the other vendor's draft

/** Every row of an export as `token`, `size` rows a page (keyset on id). */
async function all(token: string, fn: Fn, size = 1000): Promise<Record<string, unknown>[]> {
	const out: Record<string, unknown>[] = [];
	let after: string | undefined;
	for (;;) {
		const { status, body } = await rpc(token, fn, { after, page_size: size });
		expect(status, fn).toBe(200);
		const page = body as unknown as Record<string, unknown>[];
		out.push(...page);
		if (page.length < size) return out;
		after = page[page.length - 1]!.id as string;
	}
}

async function count(sql: string): Promise<number> {
	return (await db().query<{ n: number }>(sql)).rows[0]!.n;
}

async function challenge(key: string, status: 'open' | 'draft' | 'withdrawn'): Promise<string> {
	const { rows } = await db().query<{ id: string }>(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
		 values ($1, (select id from public.cities order by slug limit 1), $2, $3,
		         'A challenge made by the hub exports test.', 'utilities', $4::public.challenge_status, now() + interval '20 days',
		         case when $4::text = 'draft' then null else now() end)
		 returning id`,
		[
			`it-${world.run}-${key}`,
			world.orgs.city.id,
			`Hub exports test ${key} ${world.run}`,
			status === 'draft' ? 'draft' : 'open'
		]
	);
	const id = rows[0]!.id;
	made.push(id);
	if (status === 'withdrawn') {
		await db().query(`update public.challenges set status = 'withdrawn' where id = $1`, [id]);
	}
	return id;
}

beforeAll(async () => {
	world = await makeWorld();
	secret = {
		title: `Confidential title ${world.run}`,
		summary: `Confidential summary of the offer ${world.run}`,
		approach: `Confidential approach with our trade secrets ${world.run}`,
		pilot: `Confidential pilot plan ${world.run}`,
		feedback: `Confidential feedback ${world.run}`
	};
	const open = await challenge('open', 'open');
	await challenge('withdrawn', 'withdrawn');
	await challenge('draft', 'draft');
	const p = await db().query<{ id: string }>(
		`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach, pilot_plan,
		   cost_estimate, currency)
		 values ($1, $2, 'submitted', $3, $4, $5, $6, 123456, 'EUR') returning id`,
		[open, world.orgs.vendor.id, secret.title, secret.summary, secret.approach, secret.pilot]
	);
	submitted = p.rows[0]!.id;
	// A formula-like vendor name: the CSV must not hand it to a spreadsheet as a formula.
	await db().query(`update public.organisations set name = $2 where id = $1`, [
		world.orgs.vendor.id,
		`=HYPERLINK("https://evil.example") ${world.run}`
	]);
	await db().query(
		`update public.proposals set status = 'shortlisted', feedback = $2, decided_at = now() where id = $1`,
		[submitted, secret.feedback]
	);
	await db().query(
		`insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id, owner_id, next_step, next_step_due)
		 values ($1, $2, $3, $4, $5, 'Call the city', current_date - 1)`,
		[submitted, open, world.orgs.city.id, world.orgs.vendor.id, world.actors.hub.id]
	);
	const d = await db().query<{ id: string }>(
		`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
		 values ($1, $2, 'draft', 'A draft the hub never reads', '', '') returning id`,
		[open, world.orgs.otherVendor.id]
	);
	draft = d.rows[0]!.id;
});

afterAll(async () => {
	if (made.length) await db().query(`delete from public.challenges where id = any ($1)`, [made]);
	await cleanup(world);
	await closePool();
});

describe('hub staff export', () => {
	it('the pipeline: one row per partnership, with the stalled and overdue flags SQL computes', async () => {
		const rows = await all(world.actors.hub.token, 'hub_export_pipeline');
		expect(rows).toHaveLength(await count(`select count(*)::int as n from public.partnerships`));
		expect(Object.keys(rows[0]!).sort()).toEqual(
			[
				'id',
				'challenge_slug',
				'challenge_title',
				'city',
				'country',
				'vendor',
				'stage',
				'owner',
				'next_step',
				'next_step_due',
				'stalled',
				'overdue',
				'closed_reason',
				'created_at',
				'last_activity_at'
			].sort()
		);
		const flags = await db().query<{ id: string; stalled: boolean; overdue: boolean }>(
			`select p.id, public.stalled(p) as stalled, public.overdue(p) as overdue from public.partnerships p`
		);
		const byId = new Map(rows.map((r) => [r.id, r]));
		for (const f of flags.rows) {
			expect(byId.get(f.id)?.stalled, f.id).toBe(f.stalled);
			expect(byId.get(f.id)?.overdue, f.id).toBe(f.overdue);
		}
		const mine = rows.find((r) => r.vendor === `=HYPERLINK("https://evil.example") ${world.run}`);
		expect(mine).toMatchObject({ stage: 'matched', next_step: 'Call the city', overdue: true });
		expect(mine?.owner).toBeTruthy();
		// The CSV has a column for each of the page's promises.
		expect(PIPELINE_COLUMNS).toEqual(
			expect.arrayContaining(['stage', 'owner', 'next_step_due', 'stalled', 'overdue'])
		);
	});

	it('challenges: every one but drafts, withdrawn ones included, with submitted proposals counted', async () => {
		const rows = await all(world.actors.hub.token, 'hub_export_challenges');
		expect(rows).toHaveLength(
			await count(`select count(*)::int as n from public.challenges where status <> 'draft'`)
		);
		expect(rows.some((r) => r.status === 'draft')).toBe(false);
		const mine = rows.filter((r) => String(r.slug).startsWith(`it-${world.run}-`));
		expect(mine.map((r) => r.status).sort()).toEqual(['open', 'withdrawn']);
		// The submitted proposal counts; the other vendor's draft does not.
		expect(mine.find((r) => r.status === 'open')?.proposals).toBe(1);
		const total = rows.reduce((n, r) => n + Number(r.proposals), 0);
		expect(total).toBe(
			await count(
				`select count(*)::int as n from public.proposals p join public.challenges c on c.id = p.challenge_id
				 where c.status <> 'draft' and p.submitted_at is not null`
			)
		);
		expect(CHALLENGE_COLUMNS).toEqual(
			expect.arrayContaining(['status', 'city', 'domain', 'deadline', 'proposals'])
		);
	});

	it('the proposal summary: every submitted proposal, none of its text', async () => {
		const rows = await all(world.actors.hub.token, 'hub_export_proposals');
		expect(rows).toHaveLength(
			await count(`select count(*)::int as n from public.proposals where submitted_at is not null`)
		);
		expect(Object.keys(rows[0]!).sort()).toEqual(
			[
				'id',
				'challenge_slug',
				'challenge_title',
				'city',
				'vendor',
				'status',
				'submitted_at',
				'decided_at',
				'withdrawn_at',
				'versions'
			].sort()
		);
		expect(rows.map((r) => r.id)).toContain(submitted);
		expect(rows.map((r) => r.id)).not.toContain(draft);
		expect(rows.find((r) => r.id === submitted)).toMatchObject({
			status: 'shortlisted',
			versions: 1
		});

		// The CSV the portal writes from it: no proposal text, no feedback, no cost.
		const csv = csvText(
			PROPOSAL_COLUMNS,
			rows.map((r) => proposalRecord('https://portal.example', r as ProposalSummaryRow)),
			true
		);
		const parsed = parseCsv(csv, { columns: true }) as Record<string, string>[];
		expect(parsed).toHaveLength(rows.length);
		for (const text of Object.values(secret)) expect(csv).not.toContain(text);
		expect(csv).not.toContain('123456');
		expect(Object.keys(parsed[0]!)).toEqual([...PROPOSAL_COLUMNS]);
		for (const forbidden of [
			'title',
			'summary',
			'approach',
			'pilot_plan',
			'cost_estimate',
			'timeline',
			'client_references',
			'links',
			'feedback'
		]) {
			expect(PROPOSAL_COLUMNS as readonly string[]).not.toContain(forbidden);
		}
		// The formula-like vendor name is neutralised.
		const mine = parsed.find((r) => r.id === submitted);
		expect(mine?.vendor?.startsWith(`'=HYPERLINK`)).toBe(true);

		// Every proposal text of the database is absent from the whole summary, not only ours.
		const texts = await db().query<{ title: string; summary: string; approach: string }>(
			`select title, summary, approach from public.proposals
			 where submitted_at is not null and char_length(title) >= 12`
		);
		const raw = JSON.stringify(rows);
		for (const t of texts.rows) {
			expect(raw).not.toContain(t.title);
			expect(raw).not.toContain(t.summary);
			expect(raw).not.toContain(t.approach);
		}
	});

	it('pages by id lose and repeat nothing', async () => {
		for (const fn of FNS) {
			const whole = (await all(world.actors.hub.token, fn)).map((r) => r.id);
			const paged = (await all(world.actors.hub.token, fn, 3)).map((r) => r.id);
			expect(paged, fn).toEqual(whole);
			expect(new Set(paged).size, fn).toBe(paged.length);
		}
		// A page is at most 1000 rows, whatever is asked.
		const { body } = await rpc(world.actors.hub.token, 'hub_export_challenges', {
			page_size: 100000
		});
		expect((body as unknown as unknown[]).length).toBeLessThanOrEqual(1000);
	});
});

describe('everyone else is refused', () => {
	it('city officials and vendors: not_hub_staff (403)', async () => {
		for (const actor of ['cityAdmin', 'cityMember', 'vendorAdmin', 'otherVendor'] as const) {
			for (const fn of FNS) {
				const r = await rpc(world.actors[actor].token, fn, {});
				expect(r.status, `${actor} ${fn}`).toBe(403);
				expect(r.body.message, `${actor} ${fn}`).toBe('not_hub_staff');
			}
		}
	});

	it('visitors: not even callable', async () => {
		for (const fn of FNS) {
			const r = await rpc(null, fn, {});
			expect([401, 403, 404], fn).toContain(r.status);
			expect(Array.isArray(r.body), fn).toBe(false);
		}
	});

	it('the weekly digest functions are for the job (service role) only', async () => {
		for (const [fn, args] of [
			['claim_hub_weekly_digests', {}],
			['hub_weekly_digest_items', {}],
			['complete_hub_weekly_digest', { user_id: world.actors.hub.id, week: '2026-W01' }],
			['release_hub_weekly_digest', { user_id: world.actors.hub.id, week: '2026-W01' }]
		] as const) {
			for (const token of [world.actors.hub.token, world.actors.cityAdmin.token, null]) {
				const r = await rpc(token, fn, args);
				expect([401, 403, 404], fn).toContain(r.status);
			}
		}
	});
});
