// The partnership board through the gateway with real tokens (issue 14; migration
// 20261207001000_partnership_board.sql, docs/collaboration.md § The partnership board): only hub
// staff change a partnership; the city and the vendor involved read it and its stage changes, not
// the hub's next-step, owner and note events; an unrelated city or vendor reads nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, cleanup, makeWorld, rpc, type World } from './helpers/orgs';
import { closePool, db } from './helpers/stack';

let world: World;
let challenge: string;
let partnership: string;

async function rows(token: string | null, path: string): Promise<Record<string, unknown>[]> {
	const res = await api(token, `/rest/v1/${path}`);
	expect(res.status, path).toBe(200);
	return (await res.json()) as Record<string, unknown>[];
}

const stageOf = async () =>
	(
		await db().query<{ stage: string }>(`select stage from public.partnerships where id = $1`, [
			partnership
		])
	).rows[0]!.stage;

beforeAll(async () => {
	world = await makeWorld();
	const c = await db().query<{ id: string }>(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
		 values ($1, (select id from public.cities order by id limit 1), $2, 'Board test challenge',
		         'A challenge for the board tests.', 'mobility', 'open', now() + interval '10 days', now())
		 returning id`,
		[`it-${world.run}-board`, world.orgs.city.id]
	);
	challenge = c.rows[0]!.id;
	const p = await db().query<{ id: string }>(
		`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
		 values ($1, $2, 'submitted', 'Board proposal', 'A summary.', 'An approach.') returning id`,
		[challenge, world.orgs.vendor.id]
	);
	const pa = await db().query<{ id: string }>(
		`insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id)
		 values ($1, $2, $3, $4) returning id`,
		[p.rows[0]!.id, challenge, world.orgs.city.id, world.orgs.vendor.id]
	);
	partnership = pa.rows[0]!.id;
});

afterAll(async () => {
	if (challenge) await db().query(`delete from public.challenges where id = $1`, [challenge]);
	await cleanup(world);
	await closePool();
});

describe('only hub staff change a partnership', () => {
	it('the city, the vendor, another vendor and a visitor are refused every write', async () => {
		const a = world.actors;
		const calls: [string, Record<string, unknown>][] = [
			['move_partnership', { partnership, stage: 'intro', expected: 'matched' }],
			['set_partnership_next_step', { partnership, next_step: 'Call', due: '2030-01-01' }],
			['set_partnership_owner', { partnership, owner: a.hub.id }],
			['add_partnership_note', { partnership, note: 'Hello' }]
		];
		for (const who of [a.cityAdmin, a.cityMember, a.vendorAdmin, a.otherVendor]) {
			for (const [fn, args] of calls) {
				const res = await rpc(who.token, fn, args);
				expect(res.status, `${who.email} ${fn}`).toBe(403);
				expect(res.body.message, `${who.email} ${fn}`).toBe('not_hub_staff');
			}
		}
		for (const [fn, args] of calls) {
			const res = await rpc(null, fn, args);
			expect([401, 403], `visitor ${fn}`).toContain(res.status);
		}
		// and nobody writes the tables directly, hub staff included
		for (const who of [a.vendorAdmin, a.hub]) {
			const patch = await api(who.token, `/rest/v1/partnerships?id=eq.${partnership}`, {
				method: 'PATCH',
				body: JSON.stringify({ stage: 'deployed' })
			});
			expect([401, 403], who.email).toContain(patch.status);
			const insert = await api(who.token, `/rest/v1/partnership_events`, {
				method: 'POST',
				body: JSON.stringify({ partnership_id: partnership, kind: 'note', note: 'forged' })
			});
			expect([401, 403], who.email).toContain(insert.status);
		}
		expect(await stageOf()).toBe('matched');
	});

	it('hub staff move it, set the next step and the owner, and keep notes', async () => {
		const hub = world.actors.hub.token;
		const moved = await rpc(hub, 'move_partnership', {
			partnership,
			stage: 'intro',
			expected: 'matched',
			note: 'Introductions made.'
		});
		expect(moved.status).toBe(200);
		expect(moved.body.stage).toBe('intro');
		const illegal = await rpc(hub, 'move_partnership', { partnership, stage: 'deployed' });
		expect(illegal.status).toBe(409);
		expect(illegal.body.message).toBe('partnership_stage_illegal');
		const noReason = await rpc(hub, 'move_partnership', { partnership, stage: 'closed' });
		expect(noReason.status).toBe(422);
		expect(noReason.body.message).toBe('partnership_reason_required');
		const step = await rpc(hub, 'set_partnership_next_step', {
			partnership,
			next_step: 'Confidential: check the vendor’s references',
			due: '2030-01-01'
		});
		expect(step.status).toBe(200);
		expect(step.body.next_step_due).toBe('2030-01-01');
		const notHub = await rpc(hub, 'set_partnership_owner', {
			partnership,
			owner: world.actors.cityAdmin.id
		});
		expect(notHub.status).toBe(409);
		expect(notHub.body.message).toBe('partnership_owner_not_hub');
		expect(
			(await rpc(hub, 'set_partnership_owner', { partnership, owner: world.actors.hub.id })).status
		).toBe(200);
		expect(
			(await rpc(hub, 'add_partnership_note', { partnership, note: 'Hub only: budget is tight.' }))
				.status
		).toBe(200);
		const kinds = (
			await rows(hub, `partnership_events?partnership_id=eq.${partnership}&select=kind&order=id`)
		).map((r) => r.kind);
		expect(kinds).toEqual(['created', 'stage', 'next_step', 'owner', 'note']);
	});
});

describe('who reads the partnership', () => {
	it('the city and the vendor involved read it, with its stage changes only', async () => {
		const a = world.actors;
		for (const who of [a.cityAdmin, a.cityMember, a.vendorAdmin, a.vendorMember]) {
			const [p] = await rows(
				who.token,
				`partnerships?id=eq.${partnership}&select=id,stage,next_step_due,stalled,overdue`
			);
			expect(p, who.email).toMatchObject({ id: partnership, stage: 'intro', stalled: false });
			const events = await rows(
				who.token,
				`partnership_events?partnership_id=eq.${partnership}&select=kind,note&order=id`
			);
			expect(events, who.email).toEqual([
				{ kind: 'created', note: null },
				{ kind: 'stage', note: 'Introductions made.' }
			]);
		}
	});

	it('an unrelated vendor or city reads nothing', async () => {
		for (const who of [world.actors.otherVendor, world.actors.otherCity]) {
			expect(await rows(who.token, `partnerships?id=eq.${partnership}`), who.email).toEqual([]);
			expect(
				await rows(who.token, `partnership_events?partnership_id=eq.${partnership}`),
				who.email
			).toEqual([]);
		}
		const anon = await api(null, `/rest/v1/partnerships?id=eq.${partnership}`);
		expect([200, 401, 403]).toContain(anon.status);
		if (anon.status === 200) expect(await anon.json()).toEqual([]);
	});
});
