// What one visitor's request may cost (issue 15): with the public anon key, a security review
// held the database for the whole statement timeout with a regular expression filter, and made
// PostgREST build 32 MB from 150 bytes of URL with nested embeds. The database refuses both for
// anon (private.api_read_allowed, called by every SELECT policy), and gives a visitor's table reads
// a shorter statement timeout (private.api_pre_request, PostgREST's db-pre-request). Through the
// gateway with the real anon key; how quickly they answer is printed by `npm run bench:hostile`.
//
// The local gateway refuses the same requests itself before PostgREST (scripts/stack/rest-guard.mjs,
// tests/integration/gateway-guard.test.ts); a hosted project has no such gateway. So these requests
// carry the portal's gateway key, which the gateway passes through unguarded and strips: what
// answers here is the database, as it would on a hosted project.
import { afterAll, describe, expect, it } from 'vitest';
import { APP_KEY, SERVICE_KEY, closePool, db, gatewayFetch } from './helpers/stack';

afterAll(closePool);

/** The request of the security review: back-references make a regular expression backtrack. */
const REGEX = 'challenges?select=id&description=match.(.*)(.*)(.*)(.*)\\3\\2\\1Z';
/** The other: every level multiplies the rows (max-rows caps only the top level). */
const NESTED = 'challenges?select=*,currencies(challenges(*,currencies(challenges(id))))';

async function get(path: string, key?: string) {
	const res = await gatewayFetch(
		`/rest/v1/${path}`,
		key
			? { headers: { apikey: key, authorization: `Bearer ${key}` } }
			: { headers: { 'x-portal-app-key': APP_KEY } }
	);
	return { status: res.status, body: (await res.json()) as { code?: string; message?: string } };
}

describe('a visitor', () => {
	it('gets a clear 400 for a regular expression filter, in every form', async () => {
		for (const path of [
			REGEX,
			'challenges?select=id&title=imatch.FLOOD',
			'challenges?select=id&description=not.match.flood',
			'challenges?select=id&or=(description.match.x,title.eq.y)',
			'organisations?select=id&profile=match.sensor',
			'cities?select=slug,challenges(id)&challenges.title=match.flood'
		]) {
			const { status, body } = await get(path);
			expect(status, path).toBe(400);
			expect(body, path).toMatchObject({
				code: 'PT400',
				message: expect.stringMatching(/Regular expression filters \(match, imatch\)/)
			});
		}
	});

	it('gets a clear 400 for embeds nested deeper than one level', async () => {
		for (const path of [
			NESTED,
			'currencies?select=code,challenges(id,city:cities(name))',
			'regions?select=slug,cities(slug,challenges(count))',
			// A quoted alias cannot hide a level from the count.
			'challenges?select=id,"a)b":title,currencies(challenges(id))'
		]) {
			const { status, body } = await get(path);
			expect(status, path).toBe(400);
			expect(body.code, path).toBe('PT400');
			expect(body.message, path).toMatch(/Embedding is limited to one level/);
		}
	});

	it('still gets what the portal asks: one level of embeds, like, counts', async () => {
		for (const path of [
			'challenges?select=id,city:cities!inner(slug,region),organisation:organisations!inner(slug)&limit=5',
			'cities?select=slug,region_row:regions!inner(slug,name),challenges(count)&limit=5',
			'organisations?select=slug&profile=ilike.*sensors*',
			'challenges?select=id&title=like.*flood*'
		]) {
			const { status } = await get(path);
			expect(status, path).toBe(200);
		}
	});

	it('cannot hold the pool with a dozen at once: each is refused before it reads a row', async () => {
		const answers = await Promise.all(
			Array.from({ length: 12 }, (_, i) => get(i % 2 ? REGEX : NESTED))
		);
		expect(answers.map((a) => a.status)).toEqual(Array(12).fill(400));
		// PostgreSQL records a statement that hit its timeout as 57014; none did.
		expect(answers.every((a) => a.body.code === 'PT400')).toBe(true);
	});
});

describe('the service role (jobs)', () => {
	it("is not limited by the visitors' guard", async () => {
		expect((await get('challenges?select=id&title=match.flood', SERVICE_KEY)).status).toBe(200);
		expect(
			(
				await get(
					'currencies?select=code,challenges(id,city:cities(name))&code=eq.MYR',
					SERVICE_KEY
				)
			).status
		).toBe(200);
	});
});

describe("the statement timeout of a visitor's request", () => {
	it('is set per request by the db-pre-request function, as PostgREST reads it from the database', async () => {
		const { rows } = await db().query<{ config: string[] }>(
			`select coalesce(rolconfig, '{}') as config from pg_roles where rolname = 'authenticator'`
		);
		expect(rows[0]?.config).toContain('pgrst.db_pre_request=private.api_pre_request');
	});

	it("is 2 s for a table read and the role's 3 s for an RPC", async () => {
		const timeoutFor = async (path: string) => {
			const c = await db().connect();
			try {
				await c.query('begin');
				await c.query(`set local role anon`);
				// What PostgREST does for a request before calling the function.
				await c.query(
					`select set_config('statement_timeout', '3s', true), set_config('request.path', $1, true)`,
					[path]
				);
				await c.query('select private.api_pre_request()');
				const { rows } = await c.query<{ t: string }>(
					`select current_setting('statement_timeout') as t`
				);
				return rows[0]?.t;
			} finally {
				await c.query('rollback');
				c.release();
			}
		};
		expect(await timeoutFor('/challenges')).toBe('2s');
		expect(await timeoutFor('/cities')).toBe('2s');
		expect(await timeoutFor('/rpc/search_challenges')).toBe('3s');
	});
});
