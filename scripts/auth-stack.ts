// Better Auth's side of the stack, run by scripts/stack/cli.mjs (and npm run auth:rotate-keys)
// with the app's own configuration (src/lib/server/auth/config.ts):
//
//   vite-node scripts/auth-stack.ts jwks <file>     ensure a signing key, write PostgREST's JWKS
//   vite-node scripts/auth-stack.ts rotate <file>   new signing key; the old ones keep verifying
//                                                   for KEY_GRACE_SECONDS; rewrite the JWKS
//   vite-node scripts/auth-stack.ts demo            the demo accounts (verified, idempotent) and
//                                                   their places: each the admin of its
//                                                   organisation (a hub is made if none exists)
//
// Env: DATABASE_URL, BETTER_AUTH_SECRET, ORIGIN (optional), JWT_SECRET (the HS256 secret of the
// anon and service keys, which PostgREST must keep accepting from the same JWKS).
import { renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createJwk, type jwt } from 'better-auth/plugins';
import pg from 'pg';
import { DEMO_ACCOUNTS, DEMO_HUB, DEMO_PASSWORD } from '../src/lib/server/auth/demo-accounts';
import { createAuth, KEY_GRACE_SECONDS, type Auth } from '../src/lib/server/auth/config';
import type { Mailer } from '../src/lib/server/auth/mailer';

const noMail = new Proxy(
	{},
	{
		get: () => async () => {
			throw new Error('auth-stack sends no mail');
		}
	}
) as Mailer;

function need(name: string) {
	const value = process.env[name];
	if (!value) throw new Error(`auth-stack: ${name} is missing`);
	return value;
}

const base64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** PostgREST's jwt-secret: the anon/service keys' HS256 secret and Better Auth's public keys. */
async function writeJwks(auth: Auth, file: string) {
	const { keys } = await auth.api.getJwks();
	const set = {
		keys: [{ kty: 'oct', alg: 'HS256', k: base64url(need('JWT_SECRET')) }, ...keys]
	};
	writeFileSync(`${file}.tmp`, `${JSON.stringify(set, null, 2)}\n`, { mode: 0o644 });
	renameSync(`${file}.tmp`, file);
	return keys.map((k) => String(k.kid));
}

/** A new key signs from now on; the others stop signing and stay published for the grace period. */
async function rotate(auth: Auth) {
	const ctx = await auth.$context;
	const plugin = auth.options.plugins.find((p): p is ReturnType<typeof jwt> => p.id === 'jwt');
	const now = new Date();
	// createJwk reads only ctx.context (adapter, secret); outside a request that is all there is
	const created = await createJwk({ context: ctx } as never, plugin?.options);
	const all = await ctx.adapter.findMany<{ id: string; expiresAt: Date | null }>({ model: 'jwks' });
	for (const key of all) {
		if (key.id === created.id) continue;
		if (!key.expiresAt || key.expiresAt > now) {
			await ctx.adapter.update({
				model: 'jwks',
				where: [{ field: 'id', value: key.id }],
				update: { expiresAt: now }
			});
		}
	}
	// Keys whose grace period ended verify nothing any more: drop them.
	const cutoff = new Date(now.getTime() - KEY_GRACE_SECONDS * 1000);
	await ctx.adapter.deleteMany({
		model: 'jwks',
		where: [{ field: 'expiresAt', operator: 'lt', value: cutoff }]
	});
	return created.id;
}

/** The demo accounts: created verified with the demo password, or given that state back. */
async function seedDemo(auth: Auth) {
	const ctx = await auth.$context;
	const made: string[] = [];
	for (const account of DEMO_ACCOUNTS) {
		const found = await ctx.internalAdapter.findUserByEmail(account.email, {
			includeAccounts: true
		});
		if (found) {
			// A reset demo account (password changed, unverified) gets its demo state back.
			if (!found.user.emailVerified) {
				await ctx.internalAdapter.updateUser(found.user.id, { emailVerified: true });
			}
			const hash = await ctx.password.hash(DEMO_PASSWORD);
			const credential = found.accounts.find((a) => a.providerId === 'credential');
			if (credential) await ctx.internalAdapter.updatePassword(found.user.id, hash);
			else
				await ctx.internalAdapter.linkAccount({
					userId: found.user.id,
					providerId: 'credential',
					accountId: found.user.id,
					password: hash
				});
			continue;
		}
		const user = await ctx.internalAdapter.createUser(
			{
				email: account.email,
				name: account.name,
				emailVerified: true,
				locale: account.locale
			},
			{ method: 'admin' }
		);
		await ctx.internalAdapter.linkAccount({
			userId: user.id,
			providerId: 'credential',
			accountId: user.id,
			password: await ctx.password.hash(DEMO_PASSWORD)
		});
		made.push(account.email);
	}
	return made;
}

/**
 * Each demo account becomes an admin (or the member it is said to be) of its organisation (by slug), as the database's owner:
 * memberships have no API writes, and the seed's organisations exist already. Idempotent (a role
 * changed meanwhile is set back to admin; the audit log records each change). An organisation the
 * seed lacks is skipped and named, except the hub, which is made (unverified orgs cannot publish;
 * the hub publishes nothing, but it is verified like the seed's).
 */
async function seedDemoPlaces(databaseUrl: string) {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	const missing: string[] = [];
	try {
		await client.query('begin');
		await client.query(
			`insert into public.organisations (kind, slug, name, country, verified)
			 select 'hub', $1, $2, $3, true
			 where not exists (select 1 from public.organisations where kind = 'hub')
			 on conflict (slug) do nothing`,
			[DEMO_HUB.slug, DEMO_HUB.name, DEMO_HUB.country]
		);
		for (const account of DEMO_ACCOUNTS) {
			await client.query(
				`insert into public.memberships (organisation_id, user_id, role)
				 select o.id, u.id, $3::public.org_role
				 from public.organisations o, identity."user" u
				 where o.slug = $1 and lower(u.email) = lower($2)
				 on conflict (organisation_id, user_id) do update set role = excluded.role
				 where memberships.role <> excluded.role`,
				[account.organisation, account.email, 'role' in account ? account.role : 'admin']
			);
			const { rows } = await client.query(
				`select 1 from public.memberships m join public.organisations o on o.id = m.organisation_id
				 join identity."user" u on u.id = m.user_id where o.slug = $1 and lower(u.email) = lower($2)`,
				[account.organisation, account.email]
			);
			if (rows.length === 0) missing.push(account.organisation);
			await client.query(
				`update public.profiles p set active_organisation_id = o.id
				 from public.organisations o, identity."user" u
				 where o.slug = $1 and lower(u.email) = lower($2) and p.id = u.id
				   and p.active_organisation_id is null`,
				[account.organisation, account.email]
			);
		}
		await client.query('commit');
	} catch (err) {
		await client.query('rollback');
		throw err;
	} finally {
		await client.end();
	}
	return missing;
}

/** The demo's collaboration trail (scripts/demo-trail.sql): idempotent, after the places. */
async function seedDemoTrail(databaseUrl: string) {
	const sql = await readFile(new URL('./demo-trail.sql', import.meta.url), 'utf8');
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		await client.query('begin');
		await client.query(sql);
		await client.query('commit');
	} catch (err) {
		await client.query('rollback');
		throw err;
	} finally {
		await client.end();
	}
}

const [command, file] = process.argv.slice(2);
const auth = createAuth({
	databaseUrl: need('DATABASE_URL'),
	secret: need('BETTER_AUTH_SECRET'),
	origin: process.env.ORIGIN || 'http://127.0.0.1:3000',
	mailer: noMail,
	rateLimit: false,
	poolMax: 2
});
try {
	if (command === 'jwks' && file) {
		const kids = await writeJwks(auth, file);
		console.log(`auth: JWKS with ${kids.length} signing key(s) written`);
	} else if (command === 'rotate' && file) {
		const kid = await rotate(auth);
		const kids = await writeJwks(auth, file);
		console.log(
			`auth: new signing key ${kid}; ${kids.length - 1} older key(s) keep verifying for ${KEY_GRACE_SECONDS / 60} minutes`
		);
	} else if (command === 'demo') {
		const made = await seedDemo(auth);
		console.log(
			made.length
				? `auth: demo accounts created: ${made.join(', ')}`
				: 'auth: demo accounts present'
		);
		const missing = await seedDemoPlaces(need('DATABASE_URL'));
		console.log(
			missing.length
				? `auth: demo organisations missing from the seed (no membership): ${missing.join(', ')}`
				: 'auth: demo accounts are members of their organisations'
		);
		await seedDemoTrail(need('DATABASE_URL'));
		console.log('auth: demo collaboration trail present (scripts/demo-trail.sql)');
	} else {
		console.error('usage: vite-node scripts/auth-stack.ts jwks <file> | rotate <file> | demo');
		process.exitCode = 2;
	}
} catch (err) {
	console.error(`auth: ${err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 1;
}
process.exit();
