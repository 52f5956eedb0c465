// Matching through the gateway with real tokens (issue 14; migration 20261207001200_matching.sql,
// docs/collaboration.md § Matching): a vendor's matches (best first, with reasons, open challenges
// only, for its own members only); the city's panel of vendors from twins in other cities (a
// partner named with the city, a mere proposal only as "has proposed", never drafts, withdrawn
// proposals or any proposal text); clusters and joint challenge drafts (hub staff create, the
// linked cities read, nobody else). Fixture: two cities of the world's two city organisations,
// twins with invented title words so that no demo challenge joins them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, signIn, tokenFor } from './helpers/auth';
import { api, cleanup, makeWorld, rpc, type Person, type World } from './helpers/orgs';
import { closePool, db } from './helpers/stack';

let world: World;
let thirdCity: Person; // admin of a city organisation no joint draft links
let cityA: string; // the world's city organisation's (MY)
let cityB: string; // the other city organisation's (TH)
const ch: Record<'t1' | 't2' | 't3' | 'closed', string> = { t1: '', t2: '', t3: '', closed: '' };
const slugs: Record<keyof typeof ch, string> = { t1: '', t2: '', t3: '', closed: '' };
const extraOrgs: string[] = [];
const SECRET = 'CONFIDENTIAL-APPROACH-TEXT';
let w1: string;
let w2: string;

async function person(name: string): Promise<Person> {
	const m = await createMember(name);
	return { ...m, token: await tokenFor(await signIn(m.email)) };
}

async function vendorOrg(key: string): Promise<string> {
	const { rows } = await db().query<{ id: string }>(
		`insert into public.organisations (kind, slug, name, country, verified)
		 values ('vendor', $1, $2, 'DE', true) returning id`,
		[`it-${world.run}-${key}`, `IT ${world.run} ${key}`]
	);
	extraOrgs.push(rows[0]!.id);
	return rows[0]!.id;
}

async function challenge(
	key: keyof typeof ch,
	city: string,
	org: string,
	title: string,
	domain: string,
	status = 'open'
) {
	const slug = `it-${world.run}-matching-${key}`;
	const { rows } = await db().query<{ id: string }>(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, description, domain, status, deadline, published_at, outcome)
		 values ($1, $2, $3, $4, 'A test challenge for matching.', 'Described for the matching tests.', $5, $6,
		         now() + interval '20 days', now(), null) returning id`,
		[slug, city, org, title, domain, status]
	);
	ch[key] = rows[0]!.id;
	slugs[key] = slug;
}

async function proposal(vendor: string, status: string): Promise<string> {
	const { rows } = await db().query<{ id: string }>(
		`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
		 values ($1, $2, $3, 'Proposal title', 'Proposal summary', $4) returning id`,
		[ch.t2, vendor, status === 'draft' ? 'draft' : 'submitted', SECRET]
	);
	const id = rows[0]!.id;
	if (status !== 'draft' && status !== 'submitted')
		await db().query(
			`update public.proposals set status = $2::public.proposal_status,
			   feedback = case when $2::text = 'withdrawn' then null else 'Feedback.' end,
			   decided_at = case when $2::text = 'withdrawn' then null else now() end
			 where id = $1`,
			[id, status]
		);
	return id;
}

beforeAll(async () => {
	world = await makeWorld();
	// Invented words: no demo challenge shares them, so the twins are exactly these.
	w1 = `quorblex${world.run.replace(/[^a-z]/g, '')}`;
	w2 = 'zentrafy';
	const region = (await db().query<{ region: string }>(`select region from public.cities limit 1`))
		.rows[0]!.region;
	const city = async (key: string, country: string, org: string) =>
		(
			await db().query<{ id: string }>(
				`insert into public.cities (slug, name, country, region, organisation_id)
				 values ($1, $2, $3, $4, $5) returning id`,
				[`it-${world.run}-${key}`, `IT ${world.run} ${key}`, country, region, org]
			)
		).rows[0]!.id;
	cityA = await city('town-a', 'MY', world.orgs.city.id);
	cityB = await city('town-b', 'TH', world.orgs.otherCity.id);

	thirdCity = await person('IT third city');
	const third = await db().query<{ id: string }>(
		`insert into public.organisations (kind, slug, name, country, verified)
		 values ('city', $1, 'IT third city', 'PT', true) returning id`,
		[`it-${world.run}-third-city`]
	);
	extraOrgs.push(third.rows[0]!.id);
	await db().query(
		`insert into public.memberships (organisation_id, user_id, role) values ($1, $2, 'admin')`,
		[third.rows[0]!.id, thirdCity.id]
	);

	await challenge('t1', cityA, world.orgs.city.id, `${w1} ${w2} lagoon salinity`, 'environment');
	await challenge('t2', cityB, world.orgs.otherCity.id, `${w1} ${w2} for the bay`, 'environment');
	await challenge('t3', cityB, world.orgs.otherCity.id, `Kerbside ${w2} counters`, 'mobility');
	await challenge('closed', cityA, world.orgs.city.id, `${w1} pumps in review`, 'environment');
	await db().query(`update public.challenges set status = 'in_review' where id = $1`, [ch.closed]);

	// The vendor's profile: environment, Malaysia, and the invented words.
	await db().query(
		`update public.organisations set domains = '{environment}', country = 'MY', profile = $2 where id = $1`,
		[world.orgs.vendor.id, `${w1} probes and ${w2} dashboards for coastal towns.`]
	);

	// On T2 (the other city's twin): the world's vendor is a partner; the other vendor only
	// proposed; one vendor has a draft, one withdrew.
	const partnered = await proposal(world.orgs.vendor.id, 'shortlisted');
	await db().query(
		`insert into public.partnerships (proposal_id, challenge_id, city_organisation_id, vendor_organisation_id, stage)
		 values ($1, $2, $3, $4, 'deployed')`,
		[partnered, ch.t2, world.orgs.otherCity.id, world.orgs.vendor.id]
	);
	await proposal(world.orgs.otherVendor.id, 'submitted');
	await proposal(await vendorOrg('drafter'), 'draft');
	await proposal(await vendorOrg('withdrawer'), 'withdrawn');
});

afterAll(async () => {
	if (world) {
		await db().query(`delete from public.joint_challenges where title like $1`, [
			`IT ${world.run}%`
		]);
		await db().query(`delete from public.challenges where slug like $1`, [`it-${world.run}-%`]);
		await db().query(`delete from public.cities where slug like $1`, [`it-${world.run}-%`]);
	}
	await cleanup(world, thirdCity ? [thirdCity.id] : []);
	await closePool();
});

type Match = {
	id: string;
	score: number;
	domain_match: boolean;
	country_match: boolean;
	mentions: string[];
};

describe("a vendor's matches", () => {
	it('are open challenges taking proposals, best first, each with its reasons', async () => {
		const res = await rpc(world.actors.vendorMember.token, 'matching_challenges', {
			org: world.orgs.vendor.id,
			max_results: 50
		});
		expect(res.status).toBe(200);
		const rows = res.body as unknown as Match[];
		const scores = rows.map((r) => r.score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		const t1 = rows.find((r) => r.id === ch.t1)!;
		expect(t1).toMatchObject({ domain_match: true, country_match: true });
		expect(t1.mentions).toEqual(expect.arrayContaining([w1, w2]));
		expect(rows[0]!.id).toBe(ch.t1); // domain + country + two words: the best fit
		const t3 = rows.find((r) => r.id === ch.t3)!;
		expect(t3).toMatchObject({ domain_match: false, country_match: false, mentions: [w2] });
		expect(rows.findIndex((r) => r.id === ch.t3)).toBeGreaterThan(rows.indexOf(t1));
		// the challenge in review is not taking proposals
		expect(rows.some((r) => r.id === ch.closed)).toBe(false);
		// every row is open with its deadline ahead, and has a reason
		const { rows: states } = await db().query<{ ok: boolean }>(
			`select bool_and(status = 'open' and (deadline is null or deadline > now())) as ok
			 from public.challenges where id = any ($1::uuid[])`,
			[rows.map((r) => r.id)]
		);
		expect(states[0]!.ok).toBe(true);
		for (const r of rows)
			expect(r.domain_match || r.country_match || r.mentions.length > 0).toBe(true);
	});

	it('are for members of that vendor organisation only', async () => {
		const a = world.actors;
		for (const who of [a.otherVendor, a.cityAdmin, a.hub]) {
			const res = await rpc(who.token, 'matching_challenges', { org: world.orgs.vendor.id });
			expect(res.status).toBe(403);
			expect(res.body.message).toBe('not_member');
		}
		const city = await rpc(a.cityAdmin.token, 'matching_challenges', { org: world.orgs.city.id });
		expect(city.status).toBe(409);
		expect(city.body.message).toBe('organisation_not_vendor');
		const visitor = await rpc(null, 'matching_challenges', { org: world.orgs.vendor.id });
		expect([401, 403, 404]).toContain(visitor.status);
	});
});

type Lead = {
	organisation_id: string;
	evidence: string;
	city_name: string | null;
	challenge_slug: string | null;
	challenge_title: string | null;
};

describe("the city's vendors from similar challenges elsewhere", () => {
	it('names a deployed partner with the city and the twin; a proposal only as "has proposed"', async () => {
		for (const who of [world.actors.cityAdmin, world.actors.cityMember]) {
			const res = await rpc(who.token, 'similar_challenge_vendors', { challenge: ch.t1 });
			expect(res.status).toBe(200);
			const rows = res.body as unknown as Lead[];
			expect(rows).toHaveLength(2);
			expect(rows.find((r) => r.organisation_id === world.orgs.vendor.id)).toMatchObject({
				evidence: 'partnered',
				city_name: `IT ${world.run} town-b`,
				challenge_slug: slugs.t2
			});
			expect(rows.find((r) => r.organisation_id === world.orgs.otherVendor.id)).toEqual(
				expect.objectContaining({
					evidence: 'proposed',
					city_name: null,
					challenge_slug: null,
					challenge_title: null
				})
			);
			// never a draft's or a withdrawn proposal's vendor, never any proposal text
			expect(rows.some((r) => extraOrgs.includes(r.organisation_id))).toBe(false);
			expect(JSON.stringify(rows)).not.toContain(SECRET);
			expect(JSON.stringify(rows)).not.toContain('Proposal');
		}
	});

	it('names the city and twin of a partnership only once it is deployed', async () => {
		const lead = async () =>
			(
				(await rpc(world.actors.cityAdmin.token, 'similar_challenge_vendors', { challenge: ch.t1 }))
					.body as unknown as Lead[]
			).filter((r) => r.organisation_id === world.orgs.vendor.id);
		const stageOf = `update public.partnerships set stage = $2 where challenge_id = $1`;
		try {
			await db().query(stageOf, [ch.t2, 'pilot']);
			expect(await lead()).toEqual([
				expect.objectContaining({
					evidence: 'partnered',
					city_name: null,
					challenge_slug: null,
					challenge_title: null
				})
			]);
		} finally {
			await db().query(stageOf, [ch.t2, 'deployed']);
		}
		expect(await lead()).toEqual([
			expect.objectContaining({ evidence: 'partnered', challenge_slug: slugs.t2 })
		]);
	});

	it('is refused to anyone but members of the challenge city organisation', async () => {
		const a = world.actors;
		for (const who of [a.otherCity, a.vendorAdmin, a.hub, thirdCity]) {
			const res = await rpc(who.token, 'similar_challenge_vendors', { challenge: ch.t1 });
			expect(res.status).toBe(403);
			expect(res.body.message).toBe('not_challenge_member');
		}
		const unknown = await rpc(a.cityAdmin.token, 'similar_challenge_vendors', {
			challenge: '00000000-0000-4000-8000-000000000000'
		});
		expect(unknown.status).toBe(404);
		const visitor = await rpc(null, 'similar_challenge_vendors', { challenge: ch.t1 });
		expect([401, 403, 404]).toContain(visitor.status);
	});
});

type Cluster = { key: string; cities: number; challenges: { id: string }[] };

describe('clusters and joint challenges', () => {
	let joint: string;

	it('hub staff see the twins as one cluster of two cities; nobody else sees clusters', async () => {
		const res = await rpc(world.actors.hub.token, 'challenge_clusters', {});
		expect(res.status).toBe(200);
		const clusters = res.body as unknown as Cluster[];
		const mine = clusters.find((c) => c.challenges.some((x) => x.id === ch.t1))!;
		expect(mine.cities).toBe(2);
		expect(mine.challenges.map((x) => x.id).sort()).toEqual([ch.t1, ch.t2].sort());
		for (const who of [world.actors.cityAdmin, world.actors.vendorAdmin]) {
			const refused = await rpc(who.token, 'challenge_clusters', {});
			expect(refused.status).toBe(403);
			expect(refused.body.message).toBe('not_hub_staff');
		}
	});

	it('hub staff start a joint draft once; others cannot', async () => {
		const args = {
			challenges: [ch.t1, ch.t2],
			title: `IT ${world.run} joint`,
			summary: 'Together.'
		};
		const res = await rpc(world.actors.hub.token, 'start_joint_challenge', args);
		expect(res.status).toBe(200);
		joint = (res.body as unknown as { id: string }).id;
		// the same set again (a double-clicked form): the same draft
		const again = await rpc(world.actors.hub.token, 'start_joint_challenge', args);
		expect((again.body as unknown as { id: string }).id).toBe(joint);
		for (const who of [world.actors.cityAdmin, world.actors.vendorAdmin, thirdCity]) {
			const refused = await rpc(who.token, 'start_joint_challenge', args);
			expect(refused.status).toBe(403);
			expect(refused.body.message).toBe('not_hub_staff');
		}
		expect((await rpc(null, 'start_joint_challenge', args)).status).not.toBe(200);
		const oneCity = await rpc(world.actors.hub.token, 'start_joint_challenge', {
			...args,
			challenges: [ch.t1]
		});
		expect(oneCity.body.message).toBe('joint_cities_required');
		const noTitle = await rpc(world.actors.hub.token, 'start_joint_challenge', {
			...args,
			challenges: [ch.t1, ch.t3],
			title: ' '
		});
		expect(noTitle.body.message).toBe('joint_title_invalid');
		// no direct writes, not even for hub staff
		const insert = await api(world.actors.hub.token, '/rest/v1/joint_challenges', {
			method: 'POST',
			body: JSON.stringify({ title: 'Direct', domain: 'environment' })
		});
		expect([401, 403]).toContain(insert.status);
	});

	it('hub staff and the linked cities read it; another city, a vendor and a visitor do not', async () => {
		const read = async (token: string | null) => {
			const res = await api(
				token,
				`/rest/v1/joint_challenges?id=eq.${joint}&select=id,links:joint_challenge_cities(organisation_id)`
			);
			return {
				status: res.status,
				rows: res.status === 200 ? ((await res.json()) as unknown[]) : []
			};
		};
		const a = world.actors;
		for (const who of [a.hub, a.cityAdmin, a.cityMember, a.otherCity]) {
			const r = await read(who.token);
			expect(r.status).toBe(200);
			expect(r.rows).toHaveLength(1);
		}
		for (const who of [thirdCity, a.vendorAdmin, a.otherVendor]) {
			expect((await read(who.token)).rows).toEqual([]);
		}
		const visitor = await read(null);
		expect(visitor.rows).toEqual([]);
		const links = await api(
			thirdCity.token,
			`/rest/v1/joint_challenge_cities?joint_challenge_id=eq.${joint}`
		);
		expect(await links.json()).toEqual([]);
	});
});
