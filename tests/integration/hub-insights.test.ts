// Insights for hub staff through the gateway with real tokens (issue 14; migration
// 20261207001100_hub_insights.sql, docs/collaboration.md § Insights): every number
// public.hub_insights() returns equals what this file counts itself with plain SQL as superuser
// (DATABASE_URL) and a little arithmetic, on the demo data and again with a fixture of proposals
// and partnerships at several stages added; hub staff may call it, a city official, a vendor and a
// visitor may not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, makeWorld, rpc, type World } from './helpers/orgs';
import { closePool, db } from './helpers/stack';

let world: World;
const challenges: string[] = [];

const DOMAINS = ['technologies', 'mobility', 'environment', 'utilities'];
const STAGES = ['matched', 'intro', 'pilot', 'contract', 'deployed'];
/** The statuses counted: those on the public list (not draft, not withdrawn). */
const COUNTED = `('open', 'in_review', 'decided', 'archived')`;

interface Insights {
	challenges_by_domain: { domain: string; challenges: number }[];
	challenges_by_region: { region: string; name: string; challenges: number }[];
	proposals_per_challenge: { proposals: number; challenges: number }[];
	time_to_first_proposal: { domain: string; challenges: number; median_days: number | null }[];
	shortlist_rate: {
		domain: string;
		submitted: number;
		decided: number;
		shortlisted: number;
		rate: number | null;
	}[];
	pipeline: { stage: string; partnerships: number }[];
	deployments: { month: string; deployments: number }[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function median(xs: number[]): number | null {
	if (xs.length === 0) return null;
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** What the insights should be, counted here from the tables. */
async function expected(): Promise<Insights> {
	const q = async <T extends Record<string, unknown>>(sql: string) =>
		(await db().query<T>(sql)).rows;

	const byDomain = new Map(
		(
			await q<{ domain: string; n: number }>(
				`select domain::text as domain, count(*)::int as n from public.challenges
				 where status in ${COUNTED} group by domain`
			)
		).map((r) => [r.domain, r.n])
	);

	const regions = await q<{ slug: string; name: string; n: number }>(
		`select r.slug, r.name, count(c.id)::int as n
		 from public.regions r
		 left join public.cities ci on ci.region = r.slug
		 left join public.challenges c on c.city_id = ci.id and c.status in ${COUNTED}
		 group by r.slug, r.name`
	);
	regions.sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

	// each counted challenge with its submitted proposals (submitted at least once)
	const perChallenge = await q<{
		domain: string;
		proposals: number;
		days: number | null;
	}>(
		`select c.domain::text as domain,
		        (select count(*) from public.proposals p
		         where p.challenge_id = c.id and p.submitted_at is not null)::int as proposals,
		        (select extract(epoch from min(p.submitted_at) - c.published_at)::float8 / 86400
		         from public.proposals p
		         where p.challenge_id = c.id and p.submitted_at is not null) as days
		 from public.challenges c where c.status in ${COUNTED}`
	);

	const submitted = await q<{ domain: string; status: string }>(
		`select c.domain::text as domain, p.status::text as status
		 from public.proposals p join public.challenges c on c.id = p.challenge_id
		 where c.status in ${COUNTED} and p.submitted_at is not null`
	);
	const rateRow = (domain: string, rows: { status: string }[]) => {
		const decided = rows.filter((r) => ['shortlisted', 'declined', 'selected'].includes(r.status));
		const shortlisted = rows.filter((r) => ['shortlisted', 'selected'].includes(r.status));
		return {
			domain,
			submitted: rows.length,
			decided: decided.length,
			shortlisted: shortlisted.length,
			rate: decided.length === 0 ? null : round1((100 * shortlisted.length) / decided.length)
		};
	};

	const partnerships = await q<{
		stage: string;
		reached: string[];
		deployed_at: string | null;
		updated_at: string;
	}>(
		`select p.stage::text as stage,
		        array(select e.to_stage::text from public.partnership_events e
		              where e.partnership_id = p.id and e.kind in ('created', 'stage')
		                and e.to_stage is not null) as reached,
		        (select to_char(min(e.at) at time zone 'utc', 'YYYY-MM') from public.partnership_events e
		         where e.partnership_id = p.id and e.kind in ('created', 'stage')
		           and e.to_stage = 'deployed') as deployed_at,
		        to_char(p.updated_at at time zone 'utc', 'YYYY-MM') as updated_at
		 from public.partnerships p`
	);
	const furthest = partnerships.map((p) =>
		Math.max(...[...p.reached, p.stage].map((s) => STAGES.indexOf(s)))
	);
	const deployedMonths = partnerships.flatMap((p) =>
		p.deployed_at ? [p.deployed_at] : p.stage === 'deployed' ? [p.updated_at] : []
	);
	const thisMonth = new Date().toISOString().slice(0, 7);
	const months: string[] = [];
	if (deployedMonths.length > 0) {
		const first = [...deployedMonths].sort()[0]!;
		for (let d = new Date(`${first}-01T00:00:00Z`); ; d.setUTCMonth(d.getUTCMonth() + 1)) {
			const month = d.toISOString().slice(0, 7);
			months.push(month);
			if (month >= thisMonth) break;
		}
	}

	return {
		challenges_by_domain: DOMAINS.map((domain) => ({
			domain,
			challenges: byDomain.get(domain) ?? 0
		})),
		challenges_by_region: regions.map((r) => ({
			region: r.slug,
			name: r.name,
			challenges: r.n
		})),
		proposals_per_challenge: [0, 1, 2, 3, 4, 5].map((n) => ({
			proposals: n,
			challenges: perChallenge.filter((c) => (n === 5 ? c.proposals >= 5 : c.proposals === n))
				.length
		})),
		time_to_first_proposal: DOMAINS.map((domain) => {
			const days = perChallenge
				.filter((c) => c.domain === domain && c.days !== null)
				.map((c) => c.days!);
			const med = median(days);
			return { domain, challenges: days.length, median_days: med === null ? null : round1(med) };
		}),
		shortlist_rate: [
			...DOMAINS.map((d) =>
				rateRow(
					d,
					submitted.filter((s) => s.domain === d)
				)
			),
			rateRow('all', submitted)
		],
		pipeline: [
			...STAGES.map((stage, i) => ({
				stage,
				partnerships: furthest.filter((f) => f >= i).length
			})),
			{ stage: 'closed', partnerships: partnerships.filter((p) => p.stage === 'closed').length }
		],
		deployments: months.map((month) => ({
			month,
			deployments: deployedMonths.filter((m) => m === month).length
		}))
	};
}

async function insightsAsHub(): Promise<Insights> {
	const res = await rpc(world.actors.hub.token, 'hub_insights', {});
	expect(res.status).toBe(200);
	return res.body as unknown as Insights;
}

beforeAll(async () => {
	world = await makeWorld();
});

afterAll(async () => {
	if (challenges.length > 0) {
		await db().query(`delete from public.challenges where id = any ($1::uuid[])`, [challenges]);
	}
	await cleanup(world);
	await closePool();
});

describe('who may read the insights', () => {
	it('hub staff may', async () => {
		const res = await rpc(world.actors.hub.token, 'hub_insights', {});
		expect(res.status).toBe(200);
		expect(Object.keys(res.body).sort()).toEqual([
			'challenges_by_domain',
			'challenges_by_region',
			'deployments',
			'pipeline',
			'proposals_per_challenge',
			'shortlist_rate',
			'time_to_first_proposal'
		]);
	});

	it('a city official and a vendor are refused with not_hub_staff (403)', async () => {
		for (const actor of ['cityAdmin', 'cityMember', 'vendorAdmin', 'vendorMember'] as const) {
			const res = await rpc(world.actors[actor].token, 'hub_insights', {});
			expect(res.status, actor).toBe(403);
			expect(res.body.message, actor).toBe('not_hub_staff');
			expect(res.body.code, actor).toBe('PT403');
		}
	});

	it('a visitor cannot call it', async () => {
		const res = await rpc(null, 'hub_insights', {});
		expect([401, 403, 404]).toContain(res.status);
		expect(res.body).not.toHaveProperty('challenges_by_domain');
	});
});

describe('every number equals a count of the tables', () => {
	it('on the demo data', async () => {
		const want = await expected();
		// the demo has counted challenges in every domain and at least one submitted proposal
		expect(want.challenges_by_domain.every((d) => d.challenges > 0)).toBe(true);
		expect(want.shortlist_rate.at(-1)!.submitted).toBeGreaterThan(0);
		expect(await insightsAsHub()).toEqual(want);
	});

	it('with proposals and partnerships at several stages added', async () => {
		const before = await insightsAsHub();
		const city = world.orgs.city.id;
		const newChallenge = async (slug: string, domain: string, publishedDaysAgo: number) => {
			const r = await db().query<{ id: string }>(
				`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline, published_at)
				 values ($1, (select id from public.cities where region = 'europe' order by id limit 1), $2,
				         'Insights test challenge', 'A challenge for the insights tests.', $3::public.challenge_domain,
				         'open', now() + interval '10 days', now() - make_interval(days => $4))
				 returning id`,
				[`it-${world.run}-${slug}`, city, domain, publishedDaysAgo]
			);
			challenges.push(r.rows[0]!.id);
			return r.rows[0]!.id;
		};
		const propose = async (challenge: string, org: string) =>
			(
				await db().query<{ id: string }>(
					`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
					 values ($1, $2, 'submitted', 'An insights proposal', 'A summary for insights.', 'An approach for insights.')
					 returning id`,
					[challenge, org]
				)
			).rows[0]!.id;
		const decide = (proposal: string, status: string) =>
			db().query(
				`update public.proposals set status = $2::public.proposal_status, feedback = 'Thank you.', decided_at = now()
				 where id = $1`,
				[proposal, status]
			);
		const partnership = async (proposal: string, challenge: string, vendor: string) =>
			(
				await db().query<{ id: string }>(
					`insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id)
					 values ($1, $2, $3, $4) returning id`,
					[proposal, challenge, city, vendor]
				)
			).rows[0]!.id;
		const move = async (p: string, from: string, to: string, monthsAgo: number) => {
			await db().query(
				`insert into public.partnership_events (partnership_id, kind, from_stage, to_stage, at)
				 values ($1, 'stage', $2::public.partnership_stage, $3::public.partnership_stage,
				         now() - make_interval(months => $4))`,
				[p, from, to, monthsAgo]
			);
			await db().query(
				`update public.partnerships set stage = $2::public.partnership_stage,
				        closed_reason = case when $2 = 'closed' then 'Did not go ahead.' end
				 where id = $1`,
				[p, to]
			);
		};

		// utilities: two submitted proposals, one shortlisted, one declined
		const x = await newChallenge('insights-x', 'utilities', 30);
		const xa = await propose(x, world.orgs.vendor.id);
		const xb = await propose(x, world.orgs.otherVendor.id);
		await decide(xa, 'shortlisted');
		await decide(xb, 'declined');
		// mobility: one selected
		const y = await newChallenge('insights-y', 'mobility', 12);
		const ya = await propose(y, world.orgs.vendor.id);
		await decide(ya, 'selected');
		// X/A deployed two months ago, skipping contract (matched → intro → pilot → deployed)
		const pa = await partnership(xa, x, world.orgs.vendor.id);
		await move(pa, 'matched', 'intro', 4);
		await move(pa, 'intro', 'pilot', 3);
		await move(pa, 'pilot', 'deployed', 2);
		// Y/A reached intro, then closed
		const pb = await partnership(ya, y, world.orgs.vendor.id);
		await move(pb, 'matched', 'intro', 1);
		await move(pb, 'intro', 'closed', 0);

		const want = await expected();
		const got = await insightsAsHub();
		expect(got).toEqual(want);

		// and the fixture moved the numbers as it should
		const stage = (i: Insights, s: string) => i.pipeline.find((p) => p.stage === s)!.partnerships;
		expect(stage(got, 'matched') - stage(before, 'matched')).toBe(2);
		expect(stage(got, 'intro') - stage(before, 'intro')).toBe(2);
		expect(stage(got, 'pilot') - stage(before, 'pilot')).toBe(1);
		expect(stage(got, 'contract') - stage(before, 'contract')).toBe(1); // reached deployed
		expect(stage(got, 'deployed') - stage(before, 'deployed')).toBe(1);
		expect(stage(got, 'closed') - stage(before, 'closed')).toBe(1);
		const twoMonthsAgo = (
			await db().query<{ m: string }>(
				`select to_char((now() - interval '2 months') at time zone 'utc', 'YYYY-MM') as m`
			)
		).rows[0]!.m;
		const deployedIn = (i: Insights) =>
			i.deployments.find((d) => d.month === twoMonthsAgo)?.deployments ?? 0;
		expect(deployedIn(got) - deployedIn(before)).toBe(1);
		const all = (i: Insights) => i.shortlist_rate.at(-1)!;
		expect(all(got).submitted - all(before).submitted).toBe(3);
		expect(all(got).decided - all(before).decided).toBe(3);
		expect(all(got).shortlisted - all(before).shortlisted).toBe(2);
		const europe = (i: Insights) =>
			i.challenges_by_region.find((r) => r.region === 'europe')!.challenges;
		expect(europe(got) - europe(before)).toBe(2);
	});
});
