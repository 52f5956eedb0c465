// Many vendors submitting to one challenge at the same moment (issue 13: "no lost or doubled
// work"), shared by the integration test (tests/integration/proposals-load.test.ts) and
// `npm run bench:proposals` (scripts/bench-proposals.ts). Real members (Better Auth, signed in,
// their own tokens) each of their own vendor organisation; the challenge and the organisations
// are made with the superuser pool (setup only). Every vendor, released together, saves a draft
// and then double-clicks submit (two submit calls at once) through the gateway; the gateway's
// per-client and shared in-flight limits answer some requests 429, which a client waits out and
// retries (a 429 never reached the database). Then SQL counts what was stored.
import { randomUUID } from 'node:crypto';
import { createMember, signIn, tokenFor } from './auth';
import { db, gatewayFetch } from './stack';

export interface LoadVendor {
	userId: string;
	email: string;
	token: string;
	organisationId: string;
}

export interface LoadWorld {
	run: string;
	cityOrganisationId: string;
	challengeId: string;
	challengeSlug: string;
	vendors: LoadVendor[];
}

export interface CallTiming {
	ms: number;
	status: number;
	retries: number;
}

export interface LoadResult {
	wallMs: number;
	calls: CallTiming[];
	failures: string[];
	stored: {
		proposals: number;
		submitted: number;
		versions: number;
		organisations: number;
		maxVersion: number;
	};
}

/** `n` vendors (members and admins of their own vendor organisation) and one open challenge. */
export async function makeLoadWorld(n: number, concurrency = 6): Promise<LoadWorld> {
	const run = randomUUID().slice(0, 8);
	const pool = db();
	const city = await pool.query<{ id: string }>(
		`insert into public.organisations (kind, slug, name, country, verified)
		 values ('city', $1, $2, 'MY', true) returning id`,
		[`load-${run}-city`, `Load ${run} city`]
	);
	const cityOrganisationId = city.rows[0]!.id;
	const challengeSlug = `load-${run}-challenge`;
	const challenge = await pool.query<{ id: string }>(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline)
		 values ($1, (select id from public.cities order by slug limit 1), $2, 'Load test challenge',
		   'Fifty vendors propose at once.', 'mobility', 'open', now() + interval '1 day') returning id`,
		[challengeSlug, cityOrganisationId]
	);
	const vendors: LoadVendor[] = [];
	let next = 0;
	async function worker() {
		while (next < n) {
			const i = next++;
			const member = await createMember(`Load vendor ${i + 1}`);
			const token = await tokenFor(await signIn(member.email));
			const org = await pool.query<{ id: string }>(
				`insert into public.organisations (kind, slug, name, country, verified)
				 values ('vendor', $1, $2, 'MY', true) returning id`,
				[`load-${run}-vendor-${i + 1}`, `Load ${run} vendor ${i + 1}`]
			);
			await pool.query(
				`insert into public.memberships (organisation_id, user_id, role) values ($1, $2, 'admin')`,
				[org.rows[0]!.id, member.id]
			);
			vendors[i] = {
				userId: member.id,
				email: member.email,
				token,
				organisationId: org.rows[0]!.id
			};
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { run, cityOrganisationId, challengeId: challenge.rows[0]!.id, challengeSlug, vendors };
}

/** An RPC through the gateway as `token`, retrying 429s after their Retry-After. */
export async function rpcAs(
	token: string,
	fn: string,
	args: Record<string, unknown>
): Promise<{ status: number; body: Record<string, unknown>; timing: CallTiming }> {
	const started = performance.now();
	let retries = 0;
	for (;;) {
		const res = await gatewayFetch(`/rest/v1/rpc/${fn}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify(args)
		});
		const text = await res.text();
		if (res.status === 429 && retries < 30) {
			retries++;
			const wait = Number(res.headers.get('retry-after') ?? '1');
			// Spread the retries so they do not all come back in the same millisecond.
			await new Promise((r) => setTimeout(r, Math.max(0.2, wait) * 1000 * (0.5 + Math.random())));
			continue;
		}
		const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
		return {
			status: res.status,
			body,
			timing: { ms: performance.now() - started, status: res.status, retries }
		};
	}
}

/**
 * Every vendor at once: save a draft, then submit twice at the same moment (a double click).
 * Returns the timings of every call and, counted by SQL, what the challenge holds.
 */
export async function submitAllAtOnce(world: LoadWorld): Promise<LoadResult> {
	const calls: CallTiming[] = [];
	const failures: string[] = [];
	let release!: () => void;
	const gate = new Promise<void>((r) => (release = r));
	const runs = world.vendors.map(async (v, i) => {
		await gate;
		const draft = await rpcAs(v.token, 'save_proposal_draft', {
			challenge: world.challengeId,
			organisation: v.organisationId,
			title: `Proposal ${i + 1}`,
			summary: 'A summary long enough to submit.',
			approach: 'An approach long enough to submit.',
			cost_estimate: 1000 + i,
			currency: 'USD',
			links: ['https://example.org/deck']
		});
		calls.push(draft.timing);
		if (draft.status !== 200) {
			failures.push(`vendor ${i + 1} draft: ${draft.status} ${JSON.stringify(draft.body)}`);
			return;
		}
		const id = String(draft.body.id);
		const submits = await Promise.all([
			rpcAs(v.token, 'submit_proposal', { proposal: id }),
			rpcAs(v.token, 'submit_proposal', { proposal: id })
		]);
		for (const s of submits) {
			calls.push(s.timing);
			if (s.status !== 200 || s.body.status !== 'submitted' || s.body.version !== 1) {
				failures.push(`vendor ${i + 1} submit: ${s.status} ${JSON.stringify(s.body)}`);
			}
		}
	});
	const started = performance.now();
	release();
	await Promise.all(runs);
	const wallMs = performance.now() - started;
	const { rows } = await db().query<LoadResult['stored']>(
		`select count(*)::int as proposals,
		        count(*) filter (where p.status = 'submitted')::int as submitted,
		        (select count(*)::int from public.proposal_versions v join public.proposals q on q.id = v.proposal_id
		          where q.challenge_id = $1) as versions,
		        count(distinct p.organisation_id)::int as organisations,
		        coalesce(max(p.version), 0)::int as "maxVersion"
		   from public.proposals p where p.challenge_id = $1`,
		[world.challengeId]
	);
	return { wallMs, calls, failures, stored: rows[0]! };
}

/** Removes the challenge (its proposals and versions with it), the organisations and the people. */
export async function cleanupLoadWorld(world: LoadWorld | undefined): Promise<void> {
	if (!world) return;
	const pool = db();
	await pool.query(`delete from public.challenges where id = $1`, [world.challengeId]);
	await pool.query(`delete from public.organisations where slug like $1`, [`load-${world.run}-%`]);
	await pool.query(`delete from identity."user" where id = any ($1::uuid[])`, [
		world.vendors.filter(Boolean).map((v) => v.userId)
	]);
}

/** p-th percentile (0–100) of the values, nearest rank. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[
		Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	]!;
}
