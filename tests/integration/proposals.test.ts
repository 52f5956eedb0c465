// Proposals through the gateway with real tokens (issue 13, item 4; docs/collaboration.md
// § Proposals): src/lib/server/db/proposals.ts with each member's own client, and raw PostgREST
// requests as a client of the public API would send them. What a vendor may do with its own
// proposal; two tabs and a double-clicked submit; the deadline one second after it passes, through
// the functions and straight at PostgREST; and who reads nothing (another vendor, another city,
// the owning city before it declares no conflict, a visitor).
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types';
import type { ProposalInput } from '../../src/lib/domain/proposals/forms';
import {
	organisationProposals,
	proposalFieldErrors,
	proposalFor,
	proposalVersions,
	saveProposalDraft,
	submitProposal,
	updateSubmittedProposal,
	withdrawProposal
} from '../../src/lib/server/db/proposals';
import { DataError } from '../../src/lib/server/errors';
import { api, cleanup, makeWorld, rpc, type World } from './helpers/orgs';
import { ANON_KEY, closePool, db, SUPABASE_URL } from './helpers/stack';

function clientFor(token: string) {
	return createClient<Database>(SUPABASE_URL, ANON_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: ws as never },
		accessToken: async () => token
	});
}

/** The refusal key (or the DataError) the call was answered with; fails if it succeeded. */
async function refusal(p: Promise<unknown>): Promise<unknown> {
	try {
		await p;
	} catch (e) {
		return e instanceof DataError ? (e.refusal ?? e) : e;
	}
	throw new Error('expected a refusal');
}

const INPUT: ProposalInput = {
	title: 'Flood sensors along the river',
	summary: 'Low-cost sensors and alerts for the river districts.',
	approach: 'A mesh of sensors, a dashboard and SMS alerts.',
	pilot_plan: 'Three months in two districts.',
	cost_estimate: 12500.5,
	currency: 'USD',
	timeline: 'Q1: install; Q2: measure.',
	client_references: 'Another city, 2025.',
	links: ['https://example.org/deck']
};

let world: World;
let open: { id: string; slug: string };
let closing: { id: string; slug: string };

async function challenge(slug: string): Promise<{ id: string; slug: string }> {
	const { rows } = await db().query<{ id: string }>(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
		 values ($1, (select id from public.cities order by slug limit 1), $2, 'Proposals test challenge',
		   'A challenge made by the proposals test.', 'mobility', 'open', now() + interval '1 day', now())
		 returning id`,
		[slug, world.orgs.city.id]
	);
	return { id: rows[0]!.id, slug };
}

beforeAll(async () => {
	world = await makeWorld();
	open = await challenge(`it-${world.run}-open`);
	closing = await challenge(`it-${world.run}-closing`);
}, 120_000);

afterAll(async () => {
	await db().query(`delete from public.challenges where slug like $1`, [`it-${world?.run}-%`]);
	await cleanup(world);
	await closePool();
});

describe('a vendor writes its proposal', () => {
	let id: string;

	it('two tabs creating the first draft at once end with one proposal', async () => {
		const a = clientFor(world.actors.vendorMember.token);
		const b = clientFor(world.actors.vendorAdmin.token);
		const [one, two] = await Promise.all([
			saveProposalDraft(a, open.id, world.orgs.vendor.id, { ...INPUT, title: 'Tab one' }),
			saveProposalDraft(b, open.id, world.orgs.vendor.id, { ...INPUT, title: 'Tab two' })
		]);
		expect(one.id).toBe(two.id);
		expect(one.status).toBe('draft');
		id = one.id;
		const { rows } = await db().query(
			`select count(*)::int as n from public.proposals where challenge_id = $1 and organisation_id = $2`,
			[open.id, world.orgs.vendor.id]
		);
		expect(rows[0].n).toBe(1);
	});

	it('autosave updates the same draft; the vendor reads it', async () => {
		const c = clientFor(world.actors.vendorMember.token);
		const saved = await saveProposalDraft(c, open.id, world.orgs.vendor.id, INPUT);
		expect(saved.id).toBe(id);
		const read = await proposalFor(c, open.id, world.orgs.vendor.id);
		expect(read).toMatchObject({ id, title: INPUT.title, cost_estimate: 12500.5, currency: 'USD' });
		expect(await proposalVersions(c, id)).toEqual([]);
	});

	it('refuses bad input with the field it is about', async () => {
		const c = clientFor(world.actors.vendorMember.token);
		for (const [change, field] of [
			[{ currency: 'XXX' }, 'currency'],
			[{ cost_estimate: -5 }, 'cost_estimate'],
			[{ title: 'x'.repeat(201) }, 'title'],
			[{ links: ['javascript:alert(1)'] as string[] }, 'links'],
			[{ client_references: 'x'.repeat(5001) }, 'client_references']
		] as [Partial<ProposalInput>, string][]) {
			const e = await refusal(
				saveProposalDraft(c, open.id, world.orgs.vendor.id, { ...INPUT, ...change })
			);
			expect(e, field).toBeInstanceOf(DataError);
			expect(proposalFieldErrors(e as DataError), field).toHaveProperty(field);
		}
	});

	it('a double-clicked submit stores one proposal and one version', async () => {
		const c = clientFor(world.actors.vendorMember.token);
		const [one, two] = await Promise.all([submitProposal(c, id), submitProposal(c, id)]);
		expect([one.status, two.status]).toEqual(['submitted', 'submitted']);
		expect([one.version, two.version]).toEqual([1, 1]);
		const { rows } = await db().query(
			`select count(*)::int as n from public.proposal_versions where proposal_id = $1`,
			[id]
		);
		expect(rows[0].n).toBe(1);
	});

	it('the same double submit straight at PostgREST answers 200 twice, still one version', async () => {
		const token = world.actors.vendorAdmin.token;
		const [a, b] = await Promise.all([
			rpc(token, 'submit_proposal', { proposal: id }),
			rpc(token, 'submit_proposal', { proposal: id })
		]);
		expect([a.status, b.status]).toEqual([200, 200]);
		expect([a.body.version, b.body.version]).toEqual([1, 1]);
	});

	it('editing while open adds a version; the same text again adds none', async () => {
		const c = clientFor(world.actors.vendorMember.token);
		expect(await refusal(saveProposalDraft(c, open.id, world.orgs.vendor.id, INPUT))).toBe(
			'proposal_already_submitted'
		);
		const same = await updateSubmittedProposal(c, id, INPUT);
		expect(same.version).toBe(1);
		const changed = await updateSubmittedProposal(c, id, { ...INPUT, title: 'Flood sensors v2' });
		expect(changed.version).toBe(2);
		const versions = await proposalVersions(c, id);
		expect(versions.map((v) => [v.version, v.title])).toEqual([
			[2, 'Flood sensors v2'],
			[1, INPUT.title]
		]);
		const list = await organisationProposals(c, world.orgs.vendor.id, 'en');
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ id, status: 'submitted', version: 2 });
		expect(list[0]!.challenge?.slug).toBe(open.slug);
	});

	it('only members of a vendor organisation write for it', async () => {
		const city = clientFor(world.actors.cityAdmin.token);
		expect(await refusal(saveProposalDraft(city, open.id, world.orgs.city.id, INPUT))).toBe(
			'proposal_vendor_only'
		);
		const other = clientFor(world.actors.otherVendor.token);
		expect(await refusal(saveProposalDraft(other, open.id, world.orgs.vendor.id, INPUT))).toBe(
			'not_member'
		);
	});
});

describe('confidentiality', () => {
	let submitted: string;
	let draft: string;

	beforeAll(async () => {
		submitted = (await proposalFor(
			clientFor(world.actors.vendorMember.token),
			open.id,
			world.orgs.vendor.id
		))!.id;
		draft = (
			await saveProposalDraft(
				clientFor(world.actors.otherVendor.token),
				open.id,
				world.orgs.otherVendor.id,
				{ ...INPUT, title: 'Another vendor draft' }
			)
		).id;
	});

	const rows = async (token: string | null, path: string) => {
		const res = await api(token, path);
		return { status: res.status, body: (await res.json()) as unknown };
	};

	it('another vendor reads neither the proposal nor its versions, nor reaches it by the functions', async () => {
		const token = world.actors.otherVendor.token;
		expect((await rows(token, `/rest/v1/proposals?id=eq.${submitted}`)).body).toEqual([]);
		expect(
			(await rows(token, `/rest/v1/proposal_versions?proposal_id=eq.${submitted}`)).body
		).toEqual([]);
		expect(
			(await rows(token, `/rest/v1/proposals?challenge_id=eq.${open.id}&select=id`)).body
		).toEqual([{ id: draft }]);
		for (const [fn, args] of [
			['submit_proposal', { proposal: submitted }],
			['withdraw_proposal', { proposal: submitted }],
			[
				'update_submitted_proposal',
				{ proposal: submitted, title: 'Stolen', summary: 'x'.repeat(20), approach: 'y'.repeat(20) }
			]
		] as const) {
			const r = await rpc(token, fn, args);
			expect(r.status, fn).toBe(404);
			expect(r.body.message, fn).toBe('proposal_unknown');
		}
	});

	it('a city official of another city reads nothing', async () => {
		const token = world.actors.otherCity.token;
		expect((await rows(token, `/rest/v1/proposals?challenge_id=eq.${open.id}`)).body).toEqual([]);
		expect(
			(await rows(token, `/rest/v1/proposal_versions?proposal_id=eq.${submitted}`)).body
		).toEqual([]);
	});

	it('the owning city reads a submitted proposal only after declaring no conflict, and never a draft', async () => {
		const token = world.actors.cityAdmin.token;
		const path = `/rest/v1/proposals?challenge_id=eq.${open.id}&select=id,status`;
		expect((await rows(token, path)).body).toEqual([]);
		// The review part declares through its own function; here the declaration row is made directly.
		await db().query(
			`insert into public.conflict_declarations (proposal_id, reviewer_id, conflicted) values ($1, $3, false), ($2, $3, false)`,
			[submitted, draft, world.actors.cityAdmin.id]
		);
		expect((await rows(token, path)).body).toEqual([{ id: submitted, status: 'submitted' }]);
		const versions = (
			await rows(
				token,
				`/rest/v1/proposal_versions?proposal_id=eq.${submitted}&select=version&order=version`
			)
		).body;
		expect(versions).toEqual([{ version: 1 }, { version: 2 }]);
		expect((await rows(token, `/rest/v1/proposal_versions?proposal_id=eq.${draft}`)).body).toEqual(
			[]
		);
		// Another member of the city, who declared nothing, still reads nothing.
		expect((await rows(world.actors.cityMember.token, path)).body).toEqual([]);
	});

	it('hub staff read submitted proposals, not drafts', async () => {
		const found = (
			await rows(world.actors.hub.token, `/rest/v1/proposals?challenge_id=eq.${open.id}&select=id`)
		).body;
		expect(found).toEqual([{ id: submitted }]);
	});

	it('visitors read nothing and call nothing', async () => {
		expect((await rows(null, `/rest/v1/proposals?select=id`)).status).toBe(401);
		expect((await rows(null, `/rest/v1/proposal_versions?select=proposal_id`)).status).toBe(401);
		expect((await rpc(null, 'submit_proposal', { proposal: submitted })).status).toBe(401);
		expect(
			(
				await rpc(null, 'save_proposal_draft', {
					challenge: open.id,
					organisation: world.orgs.vendor.id,
					title: 'x'
				})
			).status
		).toBe(401);
	});

	it('no member writes the table directly', async () => {
		const res = await api(
			world.actors.vendorMember.token,
			`/rest/v1/proposals?id=eq.${submitted}`,
			{
				method: 'PATCH',
				body: JSON.stringify({ title: 'Raw edit' })
			}
		);
		expect(res.status).toBe(403);
		const { rows: r } = await db().query(`select title from public.proposals where id = $1`, [
			submitted
		]);
		expect(r[0].title).toBe('Flood sensors v2');
	});

	it('withdrawing frees the place for a new proposal', async () => {
		const c = clientFor(world.actors.otherVendor.token);
		expect((await withdrawProposal(c, draft)).status).toBe('withdrawn');
		expect((await withdrawProposal(c, draft)).status).toBe('withdrawn');
		const again = await saveProposalDraft(c, open.id, world.orgs.otherVendor.id, INPUT);
		expect(again.id).not.toBe(draft);
		expect((await proposalFor(c, open.id, world.orgs.otherVendor.id))?.id).toBe(again.id);
	});
});

describe('the deadline holds', () => {
	let draft: string;
	let submitted: string;

	beforeAll(async () => {
		const v = clientFor(world.actors.vendorMember.token);
		draft = (await saveProposalDraft(v, closing.id, world.orgs.vendor.id, INPUT)).id;
		const o = clientFor(world.actors.otherVendor.token);
		submitted = (await saveProposalDraft(o, closing.id, world.orgs.otherVendor.id, INPUT)).id;
		await submitProposal(o, submitted);
		// The deadline one second ahead (as the superuser: no function moves a deadline backwards).
		await db().query(
			`update public.challenges set deadline = now() + interval '1 second' where id = $1`,
			[closing.id]
		);
		const { rows } = await db().query<{ wait: number }>(
			`select greatest(0, extract(epoch from deadline - clock_timestamp()) * 1000)::int as wait from public.challenges where id = $1`,
			[closing.id]
		);
		await new Promise((r) => setTimeout(r, rows[0]!.wait + 50));
	});

	it('a submission after it is refused by the function', async () => {
		const v = clientFor(world.actors.vendorMember.token);
		expect(await refusal(submitProposal(v, draft))).toBe('deadline_passed');
		expect(
			await refusal(
				saveProposalDraft(v, closing.id, world.orgs.vendor.id, { ...INPUT, title: 'Late' })
			)
		).toBe('deadline_passed');
	});

	it('an edit after it is refused by the function', async () => {
		const o = clientFor(world.actors.otherVendor.token);
		expect(
			await refusal(updateSubmittedProposal(o, submitted, { ...INPUT, title: 'Late edit' }))
		).toBe('deadline_passed');
	});

	it('straight at PostgREST: the RPC answers 409 deadline_passed, a PATCH is not allowed at all', async () => {
		const token = world.actors.vendorMember.token;
		const r = await rpc(token, 'submit_proposal', { proposal: draft });
		expect(r.status).toBe(409);
		expect(r.body.message).toBe('deadline_passed');
		const e = await rpc(world.actors.otherVendor.token, 'update_submitted_proposal', {
			proposal: submitted,
			title: 'Late edit',
			summary: INPUT.summary,
			approach: INPUT.approach
		});
		expect(e.status).toBe(409);
		expect(e.body.message).toBe('deadline_passed');
		const patch = await api(token, `/rest/v1/proposals?id=eq.${draft}`, {
			method: 'PATCH',
			body: JSON.stringify({ status: 'submitted' })
		});
		expect(patch.status).toBe(403);
	});

	it('nothing changed', async () => {
		const { rows } = await db().query(
			`select id, status::text, version, title from public.proposals where challenge_id = $1 order by status`,
			[closing.id]
		);
		expect(rows).toEqual([
			{ id: draft, status: 'draft', version: 0, title: INPUT.title },
			{ id: submitted, status: 'submitted', version: 1, title: INPUT.title }
		]);
	});
});
