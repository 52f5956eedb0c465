// Versions of a challenge's texts in other languages (issue 16, item 1;
// 20261207001600_challenge_translations.sql) through the gateway with real Better Auth tokens of
// the demo accounts, each call with the caller's own client as the management page makes it
// (src/lib/server/db/manage-challenges.ts): Shanghai's official adds, edits and removes versions
// of Shanghai's draft and open challenges; another city's official, a vendor, hub staff and a
// visitor cannot; no version in the original's language or outside the portal's languages, none
// once the challenge is in review or decided, none beyond the table's lengths; visitors read the
// versions of a public challenge and not of a draft; no role writes the table directly.
//
// The subject challenges are made here (superuser) in Shanghai's organisation and deleted after,
// so the demo data other tests read stays as it was.
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types';
import {
	challengeVersions,
	removeChallengeVersion,
	setChallengeVersion,
	type SetChallengeVersionArgs
} from '../../src/lib/server/db/manage-challenges';
import { DataError, fieldErrors } from '../../src/lib/server/errors';
import { testAuth, tokenFor } from './helpers/auth';
import { api } from './helpers/orgs';
import { ANON_KEY, anonClient, closePool, db, SUPABASE_URL } from './helpers/stack';

const DEMO_PASSWORD = 'city-portal-demo';
const ACCOUNTS = {
	shanghai: 'official.shanghai@demo.test',
	sepang: 'official.sepang@demo.test',
	vendor: 'vendor.a@demo.test',
	hub: 'hub@demo.test'
} as const;
type Who = keyof typeof ACCOUNTS;

function clientFor(token: string) {
	return createClient<Database>(SUPABASE_URL, ANON_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: ws as never },
		accessToken: async () => token
	});
}
type Client = ReturnType<typeof clientFor>;

async function demoToken(email: string): Promise<string> {
	const res = await testAuth().api.signInEmail({
		body: { email, password: DEMO_PASSWORD },
		returnHeaders: true
	});
	const cookie = res.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error(`no session for ${email}`);
	return tokenFor(cookie);
}

/** The database's refusal key (or SQLSTATE) the call was answered with; fails if it succeeded. */
async function refusal(p: Promise<unknown>): Promise<string> {
	try {
		await p;
	} catch (e) {
		if (e instanceof DataError) return e.refusal ?? e.code;
		throw e;
	}
	throw new Error('expected a refusal, the call succeeded');
}

const run = randomUUID().slice(0, 8);
const tokens = {} as Record<Who, string>;
const clients = {} as Record<Who, Client>;
/** Shanghai's subject challenges: written in Chinese (draft, open, in review, decided), one in English. */
const ch = {} as Record<'draft' | 'open' | 'inReview' | 'decided' | 'english', string>;

const version = (challenge: string, extra: Partial<SetChallengeVersionArgs> = {}) => ({
	challenge,
	language: 'en',
	title: `Rain gardens ${run}`,
	summary: 'Rain gardens that keep streets dry after a storm.',
	description: '## Background\n\nStreets flood **fast**.',
	expected_outcomes: 'A pilot in one district.',
	...extra
});

beforeAll(async () => {
	for (const who of Object.keys(ACCOUNTS) as Who[]) {
		tokens[who] = await demoToken(ACCOUNTS[who]);
		clients[who] = clientFor(tokens[who]);
	}
	const make = async (key: keyof typeof ch, status: string, language: string) => {
		const { rows } = await db().query<{ id: string }>(
			`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, language,
			                                status, outcome, deadline, published_at)
			 select $1, c.id, c.organisation_id, '雨水花园试点', '在暴雨后保持街道干燥的雨水花园网络试点。',
			        'environment', $3, $2::public.challenge_status,
			        case when $2 = 'decided' then 'awarded'::public.challenge_outcome end,
			        now() + interval '10 days', case when $2 <> 'draft' then now() end
			   from public.cities c where c.slug = 'shanghai'
			 returning id`,
			[`it-${run}-versions-${key.toLowerCase()}`, status, language]
		);
		ch[key] = rows[0]!.id;
	};
	await make('draft', 'draft', 'zh');
	await make('open', 'open', 'zh');
	await make('inReview', 'in_review', 'zh');
	await make('decided', 'decided', 'zh');
	await make('english', 'open', 'en');
	// Versions of the closed ones, as they were while open (the superuser writes past the rule).
	await db().query(
		`insert into public.challenge_translations (challenge_id, language, title, summary, description)
		 values ($1, 'en', 'Rain gardens', 'Rain gardens that keep streets dry.', 'A pilot.'),
		        ($2, 'en', 'Rain gardens', 'Rain gardens that keep streets dry.', 'A pilot.')`,
		[ch.inReview, ch.decided]
	);
}, 120_000);

afterAll(async () => {
	await db().query(`delete from public.challenges where slug like $1`, [`it-${run}-versions-%`]);
	await closePool();
});

describe("the owning organisation's official", () => {
	it('adds, edits and removes the English version of a Chinese draft', async () => {
		const c = clients.shanghai;
		const added = await setChallengeVersion(c, version(ch.draft, { title: `  Rain ${run}  ` }));
		expect(added).toMatchObject({ challenge_id: ch.draft, language: 'en', title: `Rain ${run}` });
		const edited = await setChallengeVersion(
			c,
			version(ch.draft, {
				summary: 'Rain gardens and permeable pavements.',
				expected_outcomes: '  '
			})
		);
		expect(edited.summary).toBe('Rain gardens and permeable pavements.');
		expect(edited.expected_outcomes).toBeNull();
		expect(await challengeVersions(c, ch.draft)).toHaveLength(1);
		await removeChallengeVersion(c, ch.draft, 'en');
		expect(await challengeVersions(c, ch.draft)).toEqual([]);
		// The audit log keeps who did what.
		const { rows } = await db().query<{ action: string }>(
			`select action from public.audit_log where target = $1 order by id`,
			[`challenge:${ch.draft}`]
		);
		expect(rows.map((r) => r.action)).toEqual([
			'challenge.translation_added',
			'challenge.translation_changed',
			'challenge.translation_removed'
		]);
	});

	it('adds and edits the Chinese version of an open English challenge, the language trimmed', async () => {
		const c = clients.shanghai;
		await setChallengeVersion(
			c,
			version(ch.english, {
				language: ' zh ',
				title: '雨水花园',
				summary: '暴雨后保持街道干燥的雨水花园。'
			})
		);
		await setChallengeVersion(c, version(ch.english, { language: 'zh', title: '雨水花园试点' }));
		const [v] = await challengeVersions(c, ch.english);
		expect(v).toMatchObject({ language: 'zh', title: '雨水花园试点' });
	});

	it('is refused a version in the original language, or outside the portal languages', async () => {
		const c = clients.shanghai;
		expect(await refusal(setChallengeVersion(c, version(ch.open, { language: 'zh' })))).toBe(
			'translation_is_original'
		);
		for (const language of ['fr', 'en-GB', '']) {
			expect(await refusal(setChallengeVersion(c, version(ch.open, { language })))).toBe(
				'translation_language_unknown'
			);
		}
	});

	it('cannot change versions once the challenge is in review or decided', async () => {
		const c = clients.shanghai;
		for (const id of [ch.inReview, ch.decided]) {
			expect(await refusal(setChallengeVersion(c, version(id)))).toBe('challenge_not_editable');
			expect(await refusal(removeChallengeVersion(c, id, 'en'))).toBe('challenge_not_editable');
		}
		const { rows } = await db().query<{ n: number }>(
			`select count(*)::int as n from public.challenge_translations where challenge_id = any ($1::uuid[])`,
			[[ch.inReview, ch.decided]]
		);
		expect(rows[0]!.n).toBe(2);
	});

	it('is refused lengths beyond the limits, each naming its field', async () => {
		const c = clients.shanghai;
		const cases: [Partial<SetChallengeVersionArgs>, string][] = [
			[{ title: '  ab  ' }, 'title'],
			[{ title: 'a'.repeat(201) }, 'title'],
			[{ summary: 'Too short' }, 'summary'],
			[{ summary: 'a'.repeat(601) }, 'summary'],
			[{ description: '   ' }, 'description'],
			[{ description: 'a'.repeat(20001) }, 'description'],
			[{ expected_outcomes: 'a'.repeat(5001) }, 'expected_outcomes']
		];
		for (const [extra, field] of cases) {
			let err: unknown;
			try {
				await setChallengeVersion(c, version(ch.open, extra));
			} catch (e) {
				err = e;
			}
			expect(err, field).toBeInstanceOf(DataError);
			expect((err as DataError).code).toBe('23514');
			expect(fieldErrors(err as DataError, [field])).toEqual({ [field]: 'invalid' });
		}
		expect(await challengeVersions(c, ch.open)).toEqual([]);
	});

	it('is told when removing a version that is not there', async () => {
		expect(await refusal(removeChallengeVersion(clients.shanghai, ch.open, 'en'))).toBe(
			'translation_unknown'
		);
	});
});

describe('everyone else', () => {
	it('another city, a vendor and hub staff are refused: not members of the owning organisation', async () => {
		for (const who of ['sepang', 'vendor', 'hub'] as const) {
			expect(await refusal(setChallengeVersion(clients[who], version(ch.open))), who).toBe(
				'not_member'
			);
			expect(await refusal(removeChallengeVersion(clients[who], ch.english, 'zh')), who).toBe(
				'not_member'
			);
		}
		const [v] = await challengeVersions(clients.shanghai, ch.english);
		expect(v?.language).toBe('zh');
	});

	it('a visitor may not call the functions at all', async () => {
		for (const [fn, args] of [
			['set_challenge_translation', version(ch.open)],
			['remove_challenge_translation', { challenge: ch.english, language: 'zh' }]
		] as const) {
			const res = await api(null, `/rest/v1/rpc/${fn}`, {
				method: 'POST',
				body: JSON.stringify(args)
			});
			expect([401, 403], fn).toContain(res.status);
		}
	});
});

describe('reading versions (RLS: wherever the challenge is read)', () => {
	beforeAll(async () => {
		await setChallengeVersion(clients.shanghai, version(ch.draft));
		await setChallengeVersion(clients.shanghai, version(ch.open));
	});

	it('a visitor reads the versions of a public challenge, not those of a draft', async () => {
		const visitor = anonClient();
		expect((await challengeVersions(visitor, ch.open)).map((v) => v.language)).toEqual(['en']);
		expect(await challengeVersions(visitor, ch.draft)).toEqual([]);
		expect(await challengeVersions(clients.vendor, ch.draft)).toEqual([]);
		expect(await challengeVersions(clients.sepang, ch.draft)).toEqual([]);
		// The owning organisation reads its draft's.
		expect(await challengeVersions(clients.shanghai, ch.draft)).toHaveLength(1);
	});
});

describe('the table itself', () => {
	it('no role inserts, updates or deletes a version directly', async () => {
		const before = await db().query(
			`select * from public.challenge_translations where challenge_id = $1`,
			[ch.open]
		);
		for (const token of [null, ...Object.values(tokens)]) {
			const path = '/rest/v1/challenge_translations';
			const filter = `?challenge_id=eq.${ch.open}&language=eq.en`;
			const inserted = await api(token, path, {
				method: 'POST',
				headers: { prefer: 'return=minimal' },
				body: JSON.stringify({
					challenge_id: ch.english,
					language: 'en',
					title: 'Forged version',
					summary: 'A version written around the functions.',
					description: 'Forged.'
				})
			});
			expect([401, 403]).toContain(inserted.status);
			for (const init of [
				{ method: 'PATCH', body: JSON.stringify({ title: 'Forged title' }) },
				{ method: 'DELETE' }
			]) {
				const res = await api(token, path + filter, {
					...init,
					headers: { prefer: 'return=representation' }
				});
				expect([401, 403], `${init.method}: ${res.status}`).toContain(res.status);
			}
		}
		const after = await db().query(
			`select * from public.challenge_translations where challenge_id = $1`,
			[ch.open]
		);
		expect(after.rows).toEqual(before.rows);
		expect(after.rows).toHaveLength(1);
	});
});
