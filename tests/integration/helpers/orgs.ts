// Organisations and people for the RLS matrix and the escalation tests (issue 12): real members
// (Better Auth, signed in, tokens from GET /token), and organisations and memberships made with
// the superuser pool, since memberships have no API writes. Everything made here is removed by
// cleanup(), except the audit log's rows (append-only, for every role).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createMember, signIn, tokenFor } from './auth';
import { db, gatewayFetch } from './stack';

export type OrgKey = 'vendor' | 'otherVendor' | 'city' | 'otherCity' | 'hub';
export type ActorKey =
	'vendorMember' | 'vendorAdmin' | 'otherVendor' | 'cityMember' | 'cityAdmin' | 'otherCity' | 'hub';

export interface Person {
	id: string;
	email: string;
	token: string;
}

export interface World {
	run: string;
	orgs: Record<OrgKey, { id: string; slug: string; name: string }>;
	actors: Record<ActorKey, Person>;
	/** Asks to join vendor and city (pending); belongs to nothing. */
	applicant: Person;
	/** Invited to vendor and city (pending invitations); belongs to nothing. */
	invitee: Person;
	/** The pending invitations' raw tokens, as the mail would carry them. */
	invitationTokens: Record<'vendor' | 'city', string>;
	invitationIds: Record<'vendor' | 'city', string>;
	joinRequestIds: Record<'vendor' | 'city', string>;
}

const KINDS: Record<OrgKey, 'vendor' | 'city' | 'hub'> = {
	vendor: 'vendor',
	otherVendor: 'vendor',
	city: 'city',
	otherCity: 'city',
	hub: 'hub'
};

/** Who belongs where, as what. The hub's staff member is its admin (a hub admin is hub staff). */
const PLACES: Record<ActorKey, [OrgKey, 'admin' | 'member']> = {
	vendorMember: ['vendor', 'member'],
	vendorAdmin: ['vendor', 'admin'],
	otherVendor: ['otherVendor', 'admin'],
	cityMember: ['city', 'member'],
	cityAdmin: ['city', 'admin'],
	otherCity: ['otherCity', 'admin'],
	hub: ['hub', 'admin']
};

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function person(name: string): Promise<Person> {
	const m = await createMember(name);
	return { ...m, token: await tokenFor(await signIn(m.email)) };
}

export async function makeWorld(): Promise<World> {
	const run = randomUUID().slice(0, 8);
	const orgs = {} as World['orgs'];
	for (const key of Object.keys(KINDS) as OrgKey[]) {
		const slug = `it-${run}-${key.toLowerCase()}`;
		const name = `IT ${run} ${key}`;
		const { rows } = await db().query<{ id: string }>(
			`insert into public.organisations (kind, slug, name, country, verified)
			 values ($1, $2, $3, 'MY', true) returning id`,
			[KINDS[key], slug, name]
		);
		orgs[key] = { id: rows[0]!.id, slug, name };
	}
	const actors = {} as World['actors'];
	for (const key of Object.keys(PLACES) as ActorKey[]) {
		actors[key] = await person(`IT ${key}`);
		const [org, role] = PLACES[key];
		await db().query(
			`insert into public.memberships (organisation_id, user_id, role) values ($1, $2, $3)`,
			[orgs[org].id, actors[key].id, role]
		);
	}
	const applicant = await person('IT applicant');
	const invitee = await person('IT invitee');
	const invitationTokens = {} as World['invitationTokens'];
	const invitationIds = {} as World['invitationIds'];
	const joinRequestIds = {} as World['joinRequestIds'];
	for (const [subject, admin] of [
		['vendor', 'vendorAdmin'],
		['city', 'cityAdmin']
	] as const) {
		const token = randomBytes(32).toString('hex');
		invitationTokens[subject] = token;
		const inv = await db().query<{ id: string }>(
			`insert into public.invitations (organisation_id, email, role, token_hash, invited_by)
			 values ($1, $2, 'member', $3, $4) returning id`,
			[orgs[subject].id, invitee.email.toLowerCase(), sha256(token), actors[admin].id]
		);
		invitationIds[subject] = inv.rows[0]!.id;
		const req = await db().query<{ id: string }>(
			`insert into public.join_requests (organisation_id, user_id, message)
			 values ($1, $2, 'Please let me in') returning id`,
			[orgs[subject].id, applicant.id]
		);
		joinRequestIds[subject] = req.rows[0]!.id;
	}
	return {
		run,
		orgs,
		actors,
		applicant,
		invitee,
		invitationTokens,
		invitationIds,
		joinRequestIds
	};
}

export async function cleanup(world: World | undefined, extraUserIds: string[] = []) {
	if (!world) return;
	await db().query(`delete from public.organisations where slug like $1`, [`it-${world.run}-%`]);
	const ids = [
		...Object.values(world.actors).map((a) => a.id),
		world.applicant.id,
		world.invitee.id,
		...extraUserIds
	];
	await db().query(`delete from identity."user" where id = any ($1::uuid[])`, [ids]);
}

/**
 * A request to the data API through the gateway as `token` (null: a visitor with the anon key).
 * A 429 (the gateway's per-client budget) is waited out and retried: the matrix sends many.
 */
export async function api(
	token: string | null,
	path: string,
	init: RequestInit = {}
): Promise<Response> {
	const headers = new Headers(init.headers);
	if (token) headers.set('authorization', `Bearer ${token}`);
	if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
	for (let attempt = 0; ; attempt++) {
		const res = await gatewayFetch(path, { ...init, headers });
		if (res.status !== 429 || attempt >= 5) return res;
		const wait = Number(res.headers.get('retry-after') ?? '1');
		await new Promise((r) => setTimeout(r, Math.min(10, Math.max(1, wait)) * 1000));
	}
}

/** POST /rest/v1/rpc/<fn> as `token`: status and the JSON answer. */
export async function rpc(
	token: string | null,
	fn: string,
	args: Record<string, unknown>
): Promise<{
	status: number;
	body: { code?: string; message?: string } & Record<string, unknown>;
}> {
	const res = await api(token, `/rest/v1/rpc/${fn}`, {
		method: 'POST',
		body: JSON.stringify(args)
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : {} };
}
