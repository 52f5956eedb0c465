// Members' tokens through the gateway to PostgREST: RS256 from Better Auth, RLS on auth.uid(),
// and every kind of bad token refused with a 401 JSON answer.
import { execFileSync } from 'node:child_process';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_TTL_SECONDS } from '../../src/lib/server/auth/claims';
import { claimsOf, createMember, headerOf, signIn, testAuth, tokenFor } from './helpers/auth';
import { ANON_KEY, closePool, db, gatewayFetch } from './helpers/stack';

const asMember = (token: string, init: RequestInit = {}) => {
	const headers = new Headers(init.headers);
	headers.set('authorization', `Bearer ${token}`);
	return (path: string) => gatewayFetch(path, { ...init, headers });
};

let a: { id: string; email: string };
let b: { id: string; email: string };
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
	a = await createMember('Ana A');
	b = await createMember('Bo B');
	tokenA = await tokenFor(await signIn(a.email));
	tokenB = await tokenFor(await signIn(b.email));
});
afterAll(async () => {
	await db().query(`delete from identity."user" where email like 'it-%@example.test'`);
	await closePool();
});

describe('a member token', () => {
	it('is RS256 with a kid, the user as sub, role and aud authenticated, the session, 15 minutes', () => {
		expect(headerOf(tokenA)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
		const claims = claimsOf(tokenA);
		expect(claims).toMatchObject({
			sub: a.id,
			role: 'authenticated',
			aud: 'authenticated',
			email: a.email,
			session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			iss: expect.any(String)
		});
		expect(Number(claims.exp) - Number(claims.iat)).toBe(TOKEN_TTL_SECONDS);
	});

	it('reads its own profile, and only its own', async () => {
		const res = await asMember(tokenA)('/rest/v1/profiles?select=id,display_name');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual([{ id: a.id, display_name: 'Ana A' }]);
		const other = await asMember(tokenA)(`/rest/v1/profiles?id=eq.${b.id}&select=id`);
		expect(await other.json()).toEqual([]);
	});

	it("cannot change another member's profile, but can change its own (mirrored to Better Auth)", async () => {
		const patch = (token: string, id: string, name: string) =>
			asMember(token, {
				method: 'PATCH',
				headers: { 'content-type': 'application/json', prefer: 'return=representation' },
				body: JSON.stringify({ display_name: name })
			})(`/rest/v1/profiles?id=eq.${id}&select=id,display_name`);
		const foreign = await patch(tokenA, b.id, 'taken over');
		expect(await foreign.json()).toEqual([]);
		const own = await patch(tokenB, b.id, 'Bo Changed');
		expect(own.status).toBe(200);
		const { rows } = await db().query(
			`select p.display_name, u.name from public.profiles p join identity."user" u using (id) where id = $1`,
			[b.id]
		);
		expect(rows).toEqual([{ display_name: 'Bo Changed', name: 'Bo Changed' }]);
	});

	it('cannot create or delete profiles, nor move its own to another id', async () => {
		const insert = await asMember(tokenA, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ id: b.id, display_name: 'x' })
		})('/rest/v1/profiles');
		expect(insert.status).toBe(403);
		const del = await asMember(tokenA, {
			method: 'DELETE',
			headers: { prefer: 'return=representation' }
		})(`/rest/v1/profiles?id=eq.${a.id}`);
		expect(del.status).toBe(403);
		const move = await asMember(tokenA, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ id: b.id })
		})(`/rest/v1/profiles?id=eq.${a.id}`);
		expect(move.status).toBe(403);
	});

	it('is refused a language the database does not know', async () => {
		const res = await asMember(tokenA, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ preferred_language: 'fr' })
		})(`/rest/v1/profiles?id=eq.${a.id}`);
		expect(res.status).toBe(400);
		expect((await res.json()).code).toBe('23514');
	});
});

describe('visitors (anon key)', () => {
	it('read no profile and write none', async () => {
		const read = await gatewayFetch('/rest/v1/profiles?select=id');
		expect(read.status).toBe(401);
		const write = await gatewayFetch(`/rest/v1/profiles?id=eq.${a.id}`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ display_name: 'anon' })
		});
		expect(write.status).toBe(401);
		const insert = await gatewayFetch('/rest/v1/profiles', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ id: a.id, display_name: 'anon' })
		});
		expect(insert.status).toBe(401);
	});
});

describe('the identity schema', () => {
	it('is not served by PostgREST, whatever the key', async () => {
		for (const token of [ANON_KEY, tokenA]) {
			const res = await asMember(token, { headers: { 'accept-profile': 'identity' } })(
				'/rest/v1/user?select=email'
			);
			expect(res.status).toBe(406);
		}
	});

	it('grants nothing to anon, authenticated or service_role', async () => {
		const { rows } = await db().query(
			`select r.rolname, has_schema_privilege(r.rolname, 'identity', 'usage') as usage
			 from pg_roles r where r.rolname in ('anon', 'authenticated', 'service_role') order by 1`
		);
		expect(rows).toEqual([
			{ rolname: 'anon', usage: false },
			{ rolname: 'authenticated', usage: false },
			{ rolname: 'service_role', usage: false }
		]);
	});

	it('gets each user a profile in the same transaction', async () => {
		const client = await db().connect();
		try {
			await client.query('begin');
			const { rows } = await client.query(
				`insert into identity."user" (name, email, "emailVerified", locale)
				 values ('In Tx', 'it-tx@example.test', false, 'zh') returning id`
			);
			const inside = await client.query(
				'select display_name, preferred_language from public.profiles where id = $1',
				[rows[0].id]
			);
			expect(inside.rows).toEqual([{ display_name: 'In Tx', preferred_language: 'zh' }]);
			await client.query('rollback');
			const after = await client.query('select 1 from public.profiles where id = $1', [rows[0].id]);
			expect(after.rowCount).toBe(0);
		} finally {
			client.release();
		}
	});
});

describe('auth.uid(), auth.role(), auth.email(), auth.jwt() as on Supabase', () => {
	it('read the claims PostgREST sets', async () => {
		const client = await db().connect();
		try {
			await client.query('begin');
			await client.query(`select set_config('request.jwt.claims', $1, true)`, [
				JSON.stringify(claimsOf(tokenA))
			]);
			await client.query('set local role authenticated');
			const { rows } = await client.query(
				`select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() ->> 'session_id' as sid`
			);
			expect(rows[0]).toEqual({
				uid: a.id,
				role: 'authenticated',
				email: a.email,
				sid: claimsOf(tokenA).session_id
			});
			await client.query('rollback');
		} finally {
			client.release();
		}
	});
});

describe('bad tokens get 401 JSON', () => {
	async function expect401(token: string) {
		const res = await asMember(token)('/rest/v1/profiles?select=id');
		expect(res.status).toBe(401);
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		const body = await res.json();
		expect(body.code).toMatch(/^PGRST30\d$/);
		return body;
	}

	it('an expired one (signed by the real key)', async () => {
		const now = Math.floor(Date.now() / 1000);
		const { token } = await testAuth().api.signJWT({
			body: {
				payload: {
					sub: a.id,
					role: 'authenticated',
					iat: now - 3600,
					exp: now - 60
				}
			}
		});
		expect(headerOf(token).kid).toBe(headerOf(tokenA).kid);
		await expect401(token);
	});

	it('one signed by another key, even under the real kid', async () => {
		const { privateKey } = await generateKeyPair('RS256');
		const forged = await new SignJWT({ ...claimsOf(tokenA) })
			.setProtectedHeader({ alg: 'RS256', kid: String(headerOf(tokenA).kid) })
			.sign(privateKey);
		await expect401(forged);
	});

	it('one whose claims were edited (role: service_role, another sub)', async () => {
		const [head, , signature] = tokenA.split('.');
		for (const change of [{ role: 'service_role' }, { sub: b.id }]) {
			const body = Buffer.from(JSON.stringify({ ...claimsOf(tokenA), ...change })).toString(
				'base64url'
			);
			await expect401(`${head}.${body}.${signature}`);
		}
	});

	it('one with alg none, and one for another audience', async () => {
		const head = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
		const body = Buffer.from(JSON.stringify(claimsOf(tokenA))).toString('base64url');
		await expect401(`${head}.${body}.`);
		const { token } = await testAuth().api.signJWT({
			body: { payload: { ...claimsOf(tokenA), aud: 'somewhere-else' } }
		});
		await expect401(token);
	});
});

describe('signing out', () => {
	it('ends the session, while a token already issued still works until it expires (documented)', async () => {
		const member = await createMember('Leaving');
		const cookie = await signIn(member.email);
		const token = await tokenFor(cookie);
		await testAuth().api.signOut({ headers: new Headers({ cookie }) });
		await expect(testAuth().api.getToken({ headers: new Headers({ cookie }) })).rejects.toThrow();
		const res = await asMember(token)('/rest/v1/profiles?select=id');
		expect(res.status).toBe(200);
		expect(Number(claimsOf(token).exp) * 1000 - Date.now()).toBeLessThanOrEqual(
			TOKEN_TTL_SECONDS * 1000
		);
	});
});

describe('npm run auth:rotate-keys', () => {
	it('signs new tokens with a new key while tokens of the old one keep working', async () => {
		const before = await tokenFor(await signIn(a.email));
		execFileSync('node', ['scripts/stack/cli.mjs', 'rotate-keys'], { encoding: 'utf8' });
		const after = await tokenFor(await signIn(a.email));
		expect(headerOf(after).kid).not.toBe(headerOf(before).kid);
		for (const token of [before, after]) {
			const res = await asMember(token)('/rest/v1/profiles?select=id');
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual([{ id: a.id }]);
		}
		const jwks = await testAuth().api.getJwks();
		const kids = jwks.keys.map((k) => k.kid);
		expect(kids).toEqual(expect.arrayContaining([headerOf(before).kid, headerOf(after).kid]));
	}, 60_000);
});
