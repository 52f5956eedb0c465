// The API surface is an allow-list (issue 15). PostgREST serves every table and function in the
// exposed schemas that a role may use, so what anon and authenticated may read and execute there
// is exactly what is written below; so is what they may execute outside it (the private functions
// that RLS policies and the search run as the caller). A new table, function or grant fails this
// test until it is added here on purpose, with the reason it is needed.
//
// Read from the catalog (every privilege of every object, so a grant by any path shows), then
// probed through the gateway with real tokens, as a client of the public API would.
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { JWT_SECRET } from '../../scripts/stack/config.mjs';
import { api } from './helpers/orgs';
import { ANON_KEY, closePool, db } from './helpers/stack';

afterAll(closePool);

/** What visitors read: the list and its reference data. Nothing is writable for them. */
const TABLES_FOR_VISITORS = [
	// Criteria are read with their challenge; answered questions (body, answer and dates only).
	'public.challenge_criteria: SELECT',
	// Versions of a challenge's texts in the portal's languages, read with their challenge (issue 16,
	// item 1); written by set_challenge_translation / remove_challenge_translation only.
	'public.challenge_translations: SELECT',
	'public.challenges: SELECT',
	'public.cities: SELECT',
	// Versions of a city's description and of an organisation's profile in the portal's languages,
	// read with their city or organisation (issue 16, item 9); written by the set_/remove_
	// *_profile_translation functions only.
	'public.city_translations: SELECT',
	'public.countries: SELECT',
	'public.currencies: SELECT',
	// Each currency's rate to US dollars with its date (issue 16, item 7; illustrative in the demo).
	'public.currency_rates: SELECT',
	'public.organisation_translations: SELECT',
	'public.organisations: SELECT',
	'public.questions: SELECT',
	'public.regions: SELECT'
];

/**
 * Members read the same; RLS narrows each of the rest (docs/organisations.md). None is writable
 * but by the column grants named here; every other change goes through the functions below.
 */
const TABLES_FOR_USERS = [
	...TABLES_FOR_VISITORS.filter((t) => !t.startsWith('public.organisations:')),
	// Hub staff read it; nobody writes it (append-only, written by triggers).
	'public.audit_log: SELECT',
	// Admins and the invitee read them (never token_hash: a column grant).
	'public.invitations: SELECT',
	// The requester and the organisation's admins.
	'public.join_requests: SELECT',
	// A member reads their organisations' memberships; hub staff all.
	'public.memberships: SELECT',
	// Admins edit their organisation's public profile (UPDATE of name, country, website, domains,
	// profile, contact_email only; and profile_language, the language the profile is written in,
	// chosen with it in the same form: a trigger refuses one that has a version, issue 16 item 9).
	'public.organisations: SELECT, UPDATE',
	// Their own, their colleagues' and (admins) requesters' names; they change their own name,
	// language and active organisation (active_organisation_id is not readable: my_memberships()).
	'public.profiles: SELECT, UPDATE',
	// The collaboration (issue 13, docs/collaboration.md): read under RLS, written by functions.
	'public.challenge_reviewers: SELECT',
	'public.conflict_declarations: SELECT',
	'public.partnership_events: SELECT',
	'public.partnerships: SELECT',
	'public.proposal_versions: SELECT',
	'public.proposals: SELECT',
	'public.scores: SELECT',
	// Questions, following and notifications (issue 13): each user reads their own; written by
	// functions (notifications: read_at through mark_notifications_read).
	'public.follows: SELECT',
	// Matching (issue 14, docs/collaboration.md § Matching): joint challenge drafts, read by hub
	// staff and the linked cities' members; written by start_joint_challenge() only.
	'public.joint_challenge_cities: SELECT',
	'public.joint_challenges: SELECT',
	'public.notification_settings: SELECT',
	'public.notifications: SELECT',
	'public.saved_searches: SELECT'
].sort();

const TABLES = { anon: TABLES_FOR_VISITORS, authenticated: TABLES_FOR_USERS } as const;

/** What the portal and open-data clients call. */
const FUNCTIONS_FOR_VISITORS = [
	// A challenge's budget in US dollars and the rate's date (issue 16, item 7): computed columns,
	// select=*,budget_min_usd,budget_max_usd,budget_usd_as_of on rows the caller may read.
	'public.budget_max_usd(challenges)',
	'public.budget_min_usd(challenges)',
	'public.budget_usd_as_of(challenges)',
	'public.search_challenge_ids(params jsonb, upcoming boolean, max_ids integer)',
	'public.search_challenges(params jsonb)',
	// What the list search did with the words (corrections, synonyms): lexicon words only.
	'public.search_interpretation(q text)',
	'public.similar_challenges(challenge_id uuid, max_results integer)'
];

/**
 * Members call the same, and the membership functions (issue 12, docs/organisations.md): each
 * checks who asks (admin of the organisation, hub staff, the invitee) and is audited.
 */
const FUNCTIONS_FOR_USERS = [
	...FUNCTIONS_FOR_VISITORS,
	'public.accept_invitation(token text)',
	// Review, decisions and partnerships (issue 13, docs/collaboration.md): each checks who asks.
	'public.assign_reviewer(challenge uuid, reviewer uuid)',
	'public.decide_proposal(proposal uuid, decision proposal_status, feedback text)',
	'public.declare_conflicts(challenge uuid, declarations jsonb)',
	'public.review_board(challenge uuid)',
	'public.review_proposal(proposal uuid)',
	'public.save_scores(proposal uuid, scores jsonb)',
	'public.unassign_reviewer(challenge uuid, reviewer uuid)',
	'public.create_organisation(kind org_kind, name text, country text, domains challenge_domain[], website text, profile text, contact_email text)',
	'public.decide_join_request(id uuid, accept boolean)',
	'public.invitation_preview(token text)',
	'public.invite_member(org uuid, email text, role org_role)',
	'public.leave_organisation(org uuid)',
	'public.my_memberships()',
	'public.remove_member(org uuid, user_id uuid)',
	'public.request_to_join(org uuid, message text)',
	'public.revoke_invitation(id uuid)',
	'public.set_member_role(org uuid, user_id uuid, role org_role)',
	'public.set_organisation_verified(org uuid, verified boolean)',
	// Questions, following and notifications (issue 13, docs/collaboration.md).
	'public.answer_question(id uuid, answer text)',
	'public.ask_question(challenge uuid, body text, organisation uuid)',
	'public.challenge_questions(challenge uuid)',
	'public.delete_saved_search(id uuid)',
	'public.follow_challenge(challenge uuid)',
	'public.mark_notifications_read(ids uuid[])',
	'public.my_questions(challenge uuid)',
	'public.save_search(name text, query text, params jsonb)',
	'public.set_notification_delivery(delivery text)',
	'public.unfollow_challenge(challenge uuid)',
	// Challenge management (issue 13, docs/collaboration.md#challenge-management): officials of the
	// owning city organisation.
	'public.create_challenge(organisation uuid, city uuid, title text, summary text, domain challenge_domain, kind challenge_kind, language text, description text, priority_areas priority_area[], expected_outcomes text, budget_min numeric, budget_max numeric, currency text, deadline timestamp with time zone, contact_name text, contact_email text, criteria jsonb)',
	'public.extend_challenge_deadline(challenge uuid, deadline timestamp with time zone)',
	'public.publish_challenge(challenge uuid)',
	'public.set_challenge_criteria(challenge uuid, criteria jsonb)',
	'public.set_challenge_status(challenge uuid, status challenge_status, outcome challenge_outcome)',
	'public.update_challenge(challenge uuid, city uuid, title text, summary text, domain challenge_domain, kind challenge_kind, language text, description text, priority_areas priority_area[], expected_outcomes text, budget_min numeric, budget_max numeric, currency text, deadline timestamp with time zone, contact_name text, contact_email text, criteria jsonb)',
	// Proposals (issue 13, docs/collaboration.md § Proposals): members of a vendor organisation.
	'public.save_proposal_draft(challenge uuid, organisation uuid, title text, summary text, approach text, pilot_plan text, cost_estimate numeric, currency text, timeline text, client_references text, links text[])',
	'public.submit_proposal(proposal uuid)',
	'public.update_submitted_proposal(proposal uuid, title text, summary text, approach text, pilot_plan text, cost_estimate numeric, currency text, timeline text, client_references text, links text[])',
	'public.withdraw_proposal(proposal uuid)',
	// The partnership board's computed columns (issue 14, docs/collaboration.md § Partnerships):
	// select=*,stalled,overdue on rows the caller may read.
	'public.overdue(p partnerships)',
	'public.stalled(p partnerships)',
	// Matching (issue 14, docs/collaboration.md § Matching): each checks who asks (members of the
	// vendor organisation, of the challenge's city organisation, hub staff).
	'public.challenge_clusters()',
	'public.matching_challenges(org uuid, max_results integer)',
	'public.similar_challenge_vendors(challenge uuid)',
	'public.start_joint_challenge(challenges uuid[], title text, summary text)',
	// The partnership board's writes (issue 14, docs/collaboration.md § The partnership board):
	// hub staff only.
	'public.add_partnership_note(partnership uuid, note text)',
	'public.move_partnership(partnership uuid, stage partnership_stage, note text, expected partnership_stage)',
	'public.set_partnership_next_step(partnership uuid, next_step text, due date)',
	'public.set_partnership_owner(partnership uuid, owner uuid)',
	// Versions of a challenge's texts (issue 16, item 1): members of the owning organisation,
	// while the challenge is a draft or open.
	'public.remove_challenge_translation(challenge uuid, language text)',
	'public.set_challenge_translation(challenge uuid, language text, title text, summary text, description text, expected_outcomes text)',
	// Versions of an organisation's profile (its admins) and of a city's description (the admins of
	// the city's organisation) in the portal's languages (issue 16, item 9): audited.
	'public.remove_city_profile_translation(city uuid, language text)',
	'public.remove_organisation_profile_translation(org uuid, language text)',
	'public.set_city_profile_translation(city uuid, language text, profile text)',
	'public.set_organisation_profile_translation(org uuid, language text, profile text)',
	// The hub's exports (issue 14, docs/collaboration.md § Exports and the weekly digest): hub staff
	// only (not_hub_staff), a page of rows at a time, never a proposal's text.
	'public.hub_export_challenges(after uuid, page_size integer)',
	'public.hub_export_pipeline(after uuid, page_size integer)',
	'public.hub_export_proposals(after uuid, page_size integer)',
	// Insights (issue 14, docs/collaboration.md § Insights): hub staff only (not_hub_staff).
	'public.hub_insights()'
].sort();

const FUNCTIONS = { anon: FUNCTIONS_FOR_VISITORS, authenticated: FUNCTIONS_FOR_USERS } as const;

/** Called by the search jobs with the service-role key: in the API, but for service_role only. */
const FOR_JOBS_ONLY = [
	'public.claim_hub_weekly_digests(lease_seconds integer, only_users uuid[])',
	'public.claim_notifications(delivery text, max_rows integer, lease_seconds integer, only_users uuid[])',
	'public.claim_search_outbox(batch integer, lease_seconds integer)',
	'public.complete_hub_weekly_digest(user_id uuid, week text)',
	'public.complete_notifications(ids uuid[])',
	'public.complete_search_outbox(ids bigint[])',
	'public.fail_search_outbox(id bigint, error text)',
	// The hub's weekly digest (npm run digest:weekly).
	'public.hub_weekly_digest_items()',
	'public.release_hub_weekly_digest(user_id uuid, week text)',
	'public.release_notifications(ids uuid[])',
	'public.start_search_outbox()',
	'public.stop_search_outbox()'
];

/** Private functions a visitor's statement runs as the visitor (never through the API). */
const PRIVATE_FOR_VISITORS = [
	// PostgREST's db-pre-request, run for every request.
	'private.api_pre_request()',
	// Called by the SELECT policy of every table visitors read.
	'private.api_read_allowed()',
	// The policy on challenges: what "public" means.
	'private.challenge_is_public(status challenge_status)',
	// search_challenges(), search_challenge_ids() and similar_challenges() reach the private search
	// tables through these SECURITY DEFINER functions (ids, ranks and counts only) …
	'private.search_cached(params jsonb, OUT core jsonb, OUT mode text, OUT tsq tsquery)',
	'private.search_ids(params jsonb, upcoming boolean, max_ids integer)',
	'private.search_similar(challenge_id uuid, max_results integer)',
	// … and build a page of hits from rows read under the caller's RLS with these (with each
	// version's every text when the JSON API asks: params.versions = 'whole').
	'private.search_hits(ids uuid[], ranks real[], tsq tsquery, lang text, whole_versions boolean)',
	'private.search_snippet(summary text, description text, tsq tsquery)',
	// The visitor's language in a search's params (search_challenges reads it as the caller): which
	// texts the snippets are made from.
	'private.search_lang(params jsonb)',
	// The one conversion to US dollars (SECURITY DEFINER: public rates, read once per row without
	// running currency_rates' policy each time), for the computed columns and the search documents'
	// budget range (a page of hits joins the rates once instead).
	'private.usd(amount numeric, currency text)',
	'private.usd_as_of(currency text)'
];

/** The same for signed-in users, who will also change challenges (the status trigger's rule). */
const PRIVATE_FOR_USERS = [
	...PRIVATE_FOR_VISITORS,
	'private.challenge_status_transition_allowed(from_status challenge_status, to_status challenge_status)',
	// The membership helpers the policies call (issue 12): each answers about the caller only.
	'private.is_hub_staff()',
	'private.is_member(org uuid)',
	'private.is_org_admin(org uuid)',
	'private.my_organisation_ids()',
	'private.my_verified_email()',
	'private.visible_profile_ids()',
	// The collaboration's policies (issue 13): each answers about the caller only.
	'private.is_challenge_admin(challenge uuid)',
	'private.is_challenge_member(challenge uuid)',
	'private.my_cleared_proposal_ids()',
	// The joint challenge tables' policies (issue 14): answers about the caller only.
	'private.can_read_joint_challenge(joint uuid)'
].sort();

const ROLES = ['anon', 'authenticated'] as const;
type Role = (typeof ROLES)[number] | 'service_role';

/** Schemas that are the platform's, not ours (extensions' functions are not served by the API). */
const PLATFORM_SCHEMAS = [
	'pg_catalog',
	'information_schema',
	'pg_toast',
	'extensions',
	'auth',
	'supabase_migrations'
];

async function exposedSchemas(): Promise<string[]> {
	const { rows } = await db().query<{ schemas: string | null }>(
		`select current_setting('pgrst.db_schemas', true) as schemas`
	);
	return (rows[0]?.schemas ?? 'public').split(',').map((s) => s.trim());
}

/** Every table-like object in `schemas` the role has any privilege on, with those privileges. */
async function tablePrivileges(role: Role, schemas: string[]): Promise<string[]> {
	const { rows } = await db().query<{ entry: string }>(
		`select format('%s.%s: %s', n.nspname, c.relname, string_agg(p.priv, ', ' order by p.priv)) as entry
		 from pg_class c
		 join pg_namespace n on n.oid = c.relnamespace
		 cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) as p (priv)
		 where n.nspname = any ($2) and c.relkind in ('r', 'v', 'm', 'f', 'p')
		   and (has_table_privilege($1, c.oid, p.priv)
		        or (p.priv in ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES') and has_any_column_privilege($1, c.oid, p.priv)))
		 group by n.nspname, c.relname
		 order by 1`,
		[role, schemas]
	);
	return rows.map((r) => r.entry);
}

/** Every function in `schemas` the role may execute, with its arguments. */
async function executable(role: Role, schemas: string[]): Promise<string[]> {
	const { rows } = await db().query<{ entry: string }>(
		`select format('%s.%s(%s)', n.nspname, p.proname, pg_get_function_arguments(p.oid)) as entry
		 from pg_proc p
		 join pg_namespace n on n.oid = p.pronamespace
		 where n.nspname = any ($2) and has_function_privilege($1, p.oid, 'EXECUTE')
		 order by 1`,
		[role, schemas]
	);
	return rows.map((r) => r.entry.replace(/ DEFAULT [^,)]+/g, ''));
}

async function ourOtherSchemas(exposed: string[]): Promise<string[]> {
	const { rows } = await db().query<{ nspname: string }>(
		`select nspname from pg_namespace
		 where nspname <> all ($1) and nspname not like 'pg\\_%' order by 1`,
		[[...exposed, ...PLATFORM_SCHEMAS]]
	);
	return rows.map((r) => r.nspname);
}

describe('the catalog', () => {
	it('exposes the public schema only', async () => {
		expect(await exposedSchemas()).toEqual(['public']);
	});

	it.each(ROLES)('lets %s read exactly the listed tables, and write none', async (role) => {
		expect(await tablePrivileges(role, await exposedSchemas())).toEqual(TABLES[role]);
	});

	it.each(ROLES)('lets %s execute exactly the listed functions of the API', async (role) => {
		expect(await executable(role, await exposedSchemas())).toEqual(FUNCTIONS[role]);
	});

	it('holds no other function in the API schema, granted or not', async () => {
		// A helper put in public shows in the generated types and is one grant away from visitors.
		const { rows } = await db().query<{ entry: string }>(
			`select format('%s.%s(%s)', n.nspname, p.proname, pg_get_function_arguments(p.oid)) as entry
			 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			 where n.nspname = any ($1) order by 1`,
			[await exposedSchemas()]
		);
		const all = rows.map((r) => r.entry.replace(/ DEFAULT [^,)]+/g, ''));
		expect(all).toEqual([...FUNCTIONS_FOR_USERS, ...FOR_JOBS_ONLY].sort());
		expect(await executable('service_role', await exposedSchemas())).toEqual(
			[...FUNCTIONS_FOR_VISITORS, ...FOR_JOBS_ONLY].sort()
		);
	});

	it.each(ROLES)('gives %s no table outside the API', async (role) => {
		const exposed = await exposedSchemas();
		expect(await tablePrivileges(role, await ourOtherSchemas(exposed))).toEqual([]);
	});

	it.each([
		['anon', PRIVATE_FOR_VISITORS],
		['authenticated', PRIVATE_FOR_USERS]
	] as const)('lets %s execute exactly the listed private functions', async (role, expected) => {
		const exposed = await exposedSchemas();
		expect(await executable(role, await ourOtherSchemas(exposed))).toEqual([...expected].sort());
	});

	it('grants nothing new to anyone by default', async () => {
		// What a hosted project grants on new objects in public (and PostgreSQL's EXECUTE for
		// PUBLIC) is revoked for objects the migrations' role creates.
		const c = await db().connect();
		try {
			await c.query('begin');
			await c.query(
				`create function public.api_surface_probe() returns int language sql set search_path = '' as 'select 1'`
			);
			await c.query('create table public.api_surface_probe_t (id int)');
			const { rows } = await c.query<{ fn: boolean; tbl: boolean }>(
				`select has_function_privilege('anon', 'public.api_surface_probe()', 'EXECUTE') as fn,
				        has_table_privilege('authenticated', 'public.api_surface_probe_t', 'SELECT') as tbl`
			);
			expect(rows[0]).toEqual({ fn: false, tbl: false });
		} finally {
			await c.query('rollback');
			c.release();
		}
	});
});

async function tokenFor(role: (typeof ROLES)[number]): Promise<string> {
	if (role === 'anon') return ANON_KEY;
	return new SignJWT({
		iss: 'supabase-demo',
		role: 'authenticated',
		aud: 'authenticated',
		sub: '00000000-0000-4000-8000-00000000a11e'
	})
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setExpirationTime('10m')
		.sign(new TextEncoder().encode(JWT_SECRET));
}

describe('the API, probed through the gateway', () => {
	it.each(ROLES)('serves %s every listed table and nothing else of the schema', async (role) => {
		const token = await tokenFor(role);
		// Tables readable by column (invitations, profiles) are asked for the columns the role may
		// read; a select=* there is refused as it should be.
		const { rows } = await db().query<{ name: string; columns: string[] | null }>(
			`select c.relname as name,
			        array(select a.attname::text from pg_attribute a
			              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
			                and not has_table_privilege($1, c.oid, 'SELECT')
			                and has_column_privilege($1, c.oid, a.attnum, 'SELECT')
			              order by a.attnum) as columns
			 from pg_class c join pg_namespace n on n.oid = c.relnamespace
			 where n.nspname = 'public' and c.relkind in ('r', 'v', 'm', 'f', 'p') order by 1`,
			[role]
		);
		const readable: string[] = [];
		for (const { name, columns } of rows) {
			const select = columns?.length ? `&select=${columns.join(',')}` : '';
			const res = await api(null, `/rest/v1/${name}?limit=0${select}`, {
				headers: { authorization: `Bearer ${token}` }
			});
			if (res.status === 200) readable.push(`public.${name}: SELECT`);
			else expect([401, 403, 404], `${name}: ${res.status}`).toContain(res.status);
		}
		expect(readable).toEqual(TABLES[role].map((t) => t.replace(/: .*/, ': SELECT')));
	});

	it.each(ROLES)('lets %s call only the listed functions', async (role) => {
		const token = await tokenFor(role);
		// Each function with a value for each of its arguments, so that "not found" can only mean
		// "not for this role".
		const { rows } = await db().query<{
			name: string;
			args: string[] | null;
			types: string[] | null;
		}>(
			`select p.proname as name,
			        p.proargnames[1:p.pronargs] as args,
			        array(select format_type(t, null) from unnest(p.proargtypes) as t) as types
			 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			 where n.nspname = 'public' order by 1`
		);
		const sample: Record<string, unknown> = {
			jsonb: {},
			uuid: '00000000-0000-4000-8000-000000000000',
			boolean: false,
			integer: 1,
			bigint: 1,
			'bigint[]': [],
			text: 'x'
		};
		const callable: string[] = [];
		for (const { name, args, types } of rows) {
			const body = Object.fromEntries(
				(args ?? []).map((arg, i) => [arg, sample[types?.[i] ?? ''] ?? null])
			);
			const res = await api(null, `/rest/v1/rpc/${name}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
			const answer = (await res.json()) as { code?: string } | unknown[] | null;
			const code = answer && !Array.isArray(answer) ? answer.code : undefined;
			// Refused: no privilege (42501) or not found for this role (PGRST202). Anything else
			// means the function ran.
			if (code !== '42501' && code !== 'PGRST202') callable.push(name);
			if (code === 'PGRST202') expect(res.status, name).toBe(404);
		}
		// Computed columns that take their row unnamed (budget_min_usd(challenges)) are served as
		// columns only, never at /rpc.
		const rpc = FUNCTIONS[role].filter((f) => !/^public\.[a-z_]+\([a-z_]+\)$/.test(f));
		expect(callable).toEqual(rpc.map((f) => /^public\.([a-z_]+)\(/.exec(f)?.[1]));
	});

	it('finds none of the private helpers, whatever their name', async () => {
		const { rows } = await db().query<{ name: string }>(
			`select distinct p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			 where n.nspname = 'private' order by 1`
		);
		expect(rows.length).toBeGreaterThan(20);
		for (const { name } of rows) {
			const res = await api(null, `/rest/v1/rpc/${name}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}'
			});
			expect(res.status, name).toBe(404);
		}
		for (const table of [
			'search_docs',
			'search_facet_keys',
			'search_outbox',
			'search_cache',
			'search_lexicon'
		]) {
			expect((await api(null, `/rest/v1/${table}?limit=0`)).status, table).toBe(404);
		}
	});
});
