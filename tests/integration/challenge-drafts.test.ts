// Who reads a challenge in each status (migration 20261203002900): members of the owning
// organisation read their drafts and withdrawn challenges (the role-aware home lists them);
// everyone else — visitors, other cities, vendors, hub staff — reads public challenges only.
// Through the gateway with real Better Auth tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, cleanup, makeWorld, type ActorKey, type World } from './helpers/orgs';
import { closePool, db } from './helpers/stack';

let world: World;
const slugs = { draft: '', withdrawn: '', open: '' };

beforeAll(async () => {
	world = await makeWorld();
	const { rows } = await db().query<{ id: string }>(`select id from public.cities limit 1`);
	for (const status of ['draft', 'withdrawn', 'open'] as const) {
		const slug = `it-${world.run}-${status}`;
		slugs[status] = slug;
		await db().query(
			`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, published_at)
			 values ($1, $2, $3, $4, 'A challenge made by the drafts test.', 'mobility', $5::public.challenge_status,
			         case when $5::text = 'draft' then null else now() end)`,
			[slug, rows[0]!.id, world.orgs.city.id, `Drafts test ${status}`, status]
		);
	}
}, 120_000);

afterAll(async () => {
	await db().query(`delete from public.challenges where slug like $1`, [`it-${world?.run}-%`]);
	await cleanup(world);
	await closePool();
});

async function visible(token: string | null): Promise<string[]> {
	const res = await api(
		token,
		`/rest/v1/challenges?select=slug&slug=like.it-${world.run}-*&order=slug`
	);
	expect(res.status).toBe(200);
	return ((await res.json()) as { slug: string }[]).map((r) => r.slug.split('-').pop()!);
}

describe('challenges by status and reader', () => {
	it('visitors read the public one only', async () => {
		expect(await visible(null)).toEqual(['open']);
	});

	it.each<ActorKey>(['cityMember', 'cityAdmin'])(
		'%s of the owning city reads its draft and withdrawn challenges too',
		async (actor) => {
			expect(await visible(world.actors[actor].token)).toEqual(['draft', 'open', 'withdrawn']);
		}
	);

	it.each<ActorKey>(['otherCity', 'vendorAdmin', 'vendorMember', 'hub'])(
		'%s reads the public one only',
		async (actor) => {
			expect(await visible(world.actors[actor].token)).toEqual(['open']);
		}
	);

	it('no member can write a challenge through the API yet', async () => {
		const res = await api(
			world.actors.cityAdmin.token,
			`/rest/v1/challenges?slug=eq.${slugs.draft}`,
			{
				method: 'PATCH',
				body: JSON.stringify({ title: 'Changed' }),
				headers: { prefer: 'return=representation' }
			}
		);
		expect([401, 403]).toContain(res.status);
		const { rows } = await db().query(`select title from public.challenges where slug = $1`, [
			slugs.draft
		]);
		expect(rows[0]!.title).toBe('Drafts test draft');
	});
});
