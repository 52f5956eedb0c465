// Review, decisions and partnerships through the gateway with real tokens (issue 13, items 5–7;
// migration 20261207000400_review.sql, docs/collaboration.md): who reads proposals, versions and
// scores, who scores and decides, the partnership a shortlist creates and who reads it, and the
// audit log. Each role's refusals are asserted, not only what works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, signIn, tokenFor } from './helpers/auth';
import { api, cleanup, makeWorld, rpc, type Person, type World } from './helpers/orgs';
import { closePool, db } from './helpers/stack';

let world: World;
let reviewer2: Person; // assigned, declares a conflict on A
let bystander: Person; // a member of the city, never assigned
let challenge: string;
let criteria: string[];
let proposalA: string; // from world.orgs.vendor
let proposalB: string; // from world.orgs.otherVendor

async function person(name: string): Promise<Person> {
	const m = await createMember(name);
	return { ...m, token: await tokenFor(await signIn(m.email)) };
}

async function rows(token: string | null, path: string): Promise<unknown[]> {
	const res = await api(token, `/rest/v1/${path}`);
	expect(res.status, path).toBe(200);
	return (await res.json()) as unknown[];
}

beforeAll(async () => {
	world = await makeWorld();
	reviewer2 = await person('IT reviewer two');
	bystander = await person('IT bystander');
	for (const p of [reviewer2, bystander]) {
		await db().query(
			`insert into public.memberships (organisation_id, user_id, role) values ($1, $2, 'member')`,
			[world.orgs.city.id, p.id]
		);
	}
	const c = await db().query<{ id: string }>(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
		 values ($1, (select id from public.cities order by id limit 1), $2, 'Review test challenge',
		         'A challenge for the review tests.', 'technologies', 'open', now() + interval '10 days', now())
		 returning id`,
		[`it-${world.run}-review`, world.orgs.city.id]
	);
	challenge = c.rows[0]!.id;
	const cr = await db().query<{ id: string }>(
		`insert into public.challenge_criteria (challenge_id, position, name, weight)
		 values ($1, 1, 'Impact', 70), ($1, 2, 'Cost', 30) returning id`,
		[challenge]
	);
	criteria = cr.rows.map((r) => r.id);
	const insertProposal = async (org: string, title: string) =>
		(
			await db().query<{ id: string }>(
				`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
				 values ($1, $2, 'submitted', $3, 'A confidential summary.', 'A confidential approach.') returning id`,
				[challenge, org, title]
			)
		).rows[0]!.id;
	proposalA = await insertProposal(world.orgs.vendor.id, 'Proposal of vendor A');
	proposalB = await insertProposal(world.orgs.otherVendor.id, 'Proposal of vendor B');
});

afterAll(async () => {
	if (challenge) await db().query(`delete from public.challenges where id = $1`, [challenge]);
	await cleanup(world, [reviewer2?.id, bystander?.id].filter(Boolean) as string[]);
	await closePool();
});

describe('assigning reviewers', () => {
	it('is for the admins of the owning organisation, from its members', async () => {
		const a = world.actors;
		expect(
			(await rpc(a.cityMember.token, 'assign_reviewer', { challenge, reviewer: reviewer2.id })).body
				.message
		).toBe('not_org_admin');
		expect(
			(await rpc(a.otherCity.token, 'assign_reviewer', { challenge, reviewer: a.otherCity.id }))
				.body.message
		).toBe('not_org_admin');
		expect(
			(await rpc(a.cityAdmin.token, 'assign_reviewer', { challenge, reviewer: a.vendorAdmin.id }))
				.body.message
		).toBe('reviewer_not_member');
		for (const r of [a.cityMember, reviewer2]) {
			const res = await rpc(a.cityAdmin.token, 'assign_reviewer', { challenge, reviewer: r.id });
			expect(res.status).toBe(200);
		}
	});
});

describe('conflicts of interest', () => {
	it('a conflicted reviewer cannot read or score that proposal', async () => {
		const res = await rpc(reviewer2.token, 'declare_conflicts', {
			challenge,
			declarations: [
				{ proposal: proposalA, conflicted: true, statement: 'I advised vendor A last year.' },
				{ proposal: proposalB, conflicted: false }
			]
		});
		expect(res.status).toBe(200);
		expect(await rows(reviewer2.token, `proposals?id=eq.${proposalA}`)).toEqual([]);
		expect(await rows(reviewer2.token, `proposal_versions?proposal_id=eq.${proposalA}`)).toEqual(
			[]
		);
		expect(await rows(reviewer2.token, `proposals?id=eq.${proposalB}&select=id`)).toHaveLength(1);
		expect((await rpc(reviewer2.token, 'review_proposal', { proposal: proposalA })).body).toBe(
			null as never
		);
		const score = await rpc(reviewer2.token, 'save_scores', {
			proposal: proposalA,
			scores: [{ criterion: criteria[0], score: 3, comment: '' }]
		});
		expect(score.status).toBe(403);
		expect(score.body.message).toBe('conflict_not_declared');
		// and cannot take the declaration back
		const back = await rpc(reviewer2.token, 'declare_conflicts', {
			challenge,
			declarations: [{ proposal: proposalA, conflicted: false }]
		});
		expect(back.status).toBe(409);
		expect(back.body.message).toBe('conflict_declared');
	});

	it('a member who is not assigned reads nothing, declares nothing and sees no board', async () => {
		expect(await rows(bystander.token, `proposals?challenge_id=eq.${challenge}`)).toEqual([]);
		expect(
			await rows(bystander.token, `scores?proposal_id=in.(${proposalA},${proposalB})`)
		).toEqual([]);
		const board = await rpc(bystander.token, 'review_board', { challenge });
		expect(board.status).toBe(403);
		expect(board.body.message).toBe('not_reviewer');
		const declare = await rpc(bystander.token, 'declare_conflicts', {
			challenge,
			declarations: [{ proposal: proposalA, conflicted: false }]
		});
		expect(declare.body.message).toBe('not_reviewer');
	});
});

describe('scores', () => {
	it('a cleared reviewer scores; a score of 6 is refused by the database', async () => {
		const r1 = world.actors.cityMember;
		expect(
			(
				await rpc(r1.token, 'declare_conflicts', {
					challenge,
					declarations: [
						{ proposal: proposalA, conflicted: false },
						{ proposal: proposalB, conflicted: false }
					]
				})
			).status
		).toBe(200);
		const six = await rpc(r1.token, 'save_scores', {
			proposal: proposalA,
			scores: [{ criterion: criteria[0], score: 6, comment: 'Too good' }]
		});
		expect(six.status).toBe(400);
		expect(six.body.code).toBe('23514');
		expect(String(six.body.message)).toContain('scores_score_range');
		for (const proposal of [proposalA, proposalB]) {
			const ok = await rpc(r1.token, 'save_scores', {
				proposal,
				scores: [
					{ criterion: criteria[0], score: 4, comment: 'SECRET reviewer comment on impact' },
					{ criterion: criteria[1], score: 2, comment: 'SECRET reviewer comment on cost' }
				]
			});
			expect(ok.status).toBe(200);
		}
		const board = await rpc(r1.token, 'review_board', { challenge });
		const a = (board.body.proposals as { id: string; total: number }[]).find(
			(p) => p.id === proposalA
		);
		expect(a?.total).toBe(68); // (4×70 + 2×30) / 5
	});

	it('vendors never read scores or comments, neither a competitor’s nor on their own proposal', async () => {
		const { vendorAdmin, vendorMember, otherVendor } = world.actors;
		for (const v of [vendorAdmin, vendorMember, otherVendor]) {
			expect(await rows(v.token, `scores?proposal_id=in.(${proposalA},${proposalB})`)).toEqual([]);
		}
		// vendor B reads nothing of vendor A's proposal
		expect(await rows(otherVendor.token, `proposals?id=eq.${proposalA}`)).toEqual([]);
		expect(await rows(otherVendor.token, `proposal_versions?proposal_id=eq.${proposalA}`)).toEqual(
			[]
		);
		expect((await rpc(otherVendor.token, 'review_proposal', { proposal: proposalA })).body).toBe(
			null as never
		);
		// vendor A reads its own proposal, without any score
		const own = await rpc(vendorAdmin.token, 'review_proposal', { proposal: proposalA });
		expect(own.status).toBe(200);
		expect(JSON.stringify(own.body)).not.toContain('SECRET');
		expect(own.body.scores).toEqual([]);
		expect((await rpc(vendorAdmin.token, 'review_board', { challenge })).status).toBe(403);
	});

	it("another city's official reads nothing and sees no board", async () => {
		const o = world.actors.otherCity;
		expect(await rows(o.token, `proposals?challenge_id=eq.${challenge}`)).toEqual([]);
		expect(await rows(o.token, `scores?proposal_id=in.(${proposalA},${proposalB})`)).toEqual([]);
		expect((await rpc(o.token, 'review_board', { challenge })).status).toBe(403);
	});
});

describe('decisions', () => {
	it('a reviewer cannot decide, nor another city', async () => {
		const r1 = await rpc(world.actors.cityMember.token, 'decide_proposal', {
			proposal: proposalA,
			decision: 'shortlisted',
			feedback: 'Nice'
		});
		expect(r1.status).toBe(403);
		expect(r1.body.message).toBe('not_org_admin');
		const other = await rpc(world.actors.otherCity.token, 'decide_proposal', {
			proposal: proposalA,
			decision: 'shortlisted',
			feedback: 'Nice'
		});
		expect(other.status).toBe(403);
		expect(other.body.message).toBe('not_org_admin');
	});

	it('the admin decides after declaring, with feedback; a shortlist creates one partnership', async () => {
		const admin = world.actors.cityAdmin;
		const early = await rpc(admin.token, 'decide_proposal', {
			proposal: proposalA,
			decision: 'shortlisted',
			feedback: 'Strong impact.'
		});
		expect(early.body.message).toBe('conflict_not_declared');
		await rpc(admin.token, 'declare_conflicts', {
			challenge,
			declarations: [{ proposal: proposalA, conflicted: false }]
		});
		const empty = await rpc(admin.token, 'decide_proposal', {
			proposal: proposalA,
			decision: 'shortlisted',
			feedback: ' '
		});
		expect(empty.body.message).toBe('feedback_required');
		for (let i = 0; i < 2; i++) {
			// the second one is refused (shortlisted → shortlisted is no transition): one partnership
			await rpc(admin.token, 'decide_proposal', {
				proposal: proposalA,
				decision: 'shortlisted',
				feedback: 'Strong impact.'
			});
		}
		const { rows: made } = await db().query(
			`select stage from public.partnerships where proposal_id = $1`,
			[proposalA]
		);
		expect(made).toEqual([{ stage: 'matched' }]);

		const a = world.actors;
		const readers = [a.hub, a.cityAdmin, a.cityMember, a.vendorAdmin, a.vendorMember];
		for (const p of readers) {
			expect(await rows(p.token, `partnerships?proposal_id=eq.${proposalA}`), p.email).toHaveLength(
				1
			);
			expect(
				await rows(
					p.token,
					`partnership_events?select=kind,partnerships!inner(proposal_id)&partnerships.proposal_id=eq.${proposalA}`
				)
			).toHaveLength(1);
		}
		for (const p of [a.otherVendor, a.otherCity, bystander]) {
			// bystander is a member of the city organisation: they read it (the two organisations' members)
			const expected = p === bystander ? 1 : 0;
			expect(await rows(p.token, `partnerships?proposal_id=eq.${proposalA}`), p.email).toHaveLength(
				expected
			);
		}
		const anon = await api(null, `/rest/v1/partnerships?proposal_id=eq.${proposalA}`);
		expect([401, 403, 404].includes(anon.status) || (await anon.json()).length === 0).toBe(true);
	});

	it('declarations and decisions appear in the audit log, read by hub staff only', async () => {
		const entries = (await rows(
			world.actors.hub.token,
			`audit_log?target=eq.proposal:${proposalA}&select=action,organisation_id&order=id`
		)) as { action: string; organisation_id: string }[];
		const actions = entries.map((e) => e.action);
		expect(actions.filter((x) => x === 'conflict.declared')).toHaveLength(3);
		expect(actions).toContain('decision.recorded');
		expect(actions).toContain('proposal.shortlisted');
		expect(entries.find((e) => e.action === 'decision.recorded')?.organisation_id).toBe(
			world.orgs.city.id
		);
		expect(
			await rows(world.actors.cityAdmin.token, `audit_log?target=eq.proposal:${proposalA}`)
		).toEqual([]);
	});
});
