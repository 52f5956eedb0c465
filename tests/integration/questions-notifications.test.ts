// Questions and answers, follows, saved searches and notifications (issue 13, items 2 and 3),
// through the gateway with real Better Auth tokens: who may ask, answer and read what; the rate
// limits; the notifications the triggers make; each user's notifications their own; the mail
// delivery (immediate and daily digest) sending each notification once, also when run twice at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mail } from '../../src/lib/server/auth/mail';
import { deliverPending } from '../../src/lib/server/notifications/mail';
import { api, cleanup, makeWorld, rpc, type World } from './helpers/orgs';
import { closePool, db, gatewayFetch, serviceClient } from './helpers/stack';

let world: World;
let challengeId = '';
let slug = '';

async function notificationsOf(userId: string) {
	const { rows } = await db().query<{
		id: string;
		kind: string;
		link: string;
		params: Record<string, string>;
		read_at: string | null;
		mailed_at: string | null;
	}>(
		`select id, kind, link, params, read_at, mailed_at from public.notifications where user_id = $1 order by created_at`,
		[userId]
	);
	return rows;
}

/** An RPC without the helper's 429 retries (the rate limit answers 429 itself). */
async function rawRpc(token: string, fn: string, args: Record<string, unknown>) {
	const res = await gatewayFetch(`/rest/v1/rpc/${fn}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify(args)
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function newChallenge(
	suffix: string,
	fields: { title?: string; domain?: string; status?: string } = {}
) {
	const { rows: city } = await db().query<{ id: string }>(
		`select id from public.cities order by slug limit 1`
	);
	const s = `it-${world.run}-${suffix}`;
	const { rows } = await db().query<{ id: string }>(
		`insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status, deadline)
		 values ($1, $2, $3, $4, 'A challenge made by the questions test.', $5::public.challenge_domain,
		         $6::public.challenge_status, now() + interval '20 days') returning id`,
		[
			s,
			city[0]!.id,
			world.orgs.city.id,
			fields.title ?? `Questions test ${suffix}`,
			fields.domain ?? 'utilities',
			fields.status ?? 'open'
		]
	);
	return { id: rows[0]!.id, slug: s };
}

beforeAll(async () => {
	world = await makeWorld();
	({ id: challengeId, slug } = await newChallenge('qa'));
}, 120_000);

afterAll(async () => {
	if (world) {
		await db().query(`delete from public.challenges where slug like $1`, [`it-${world.run}-%`]);
		await cleanup(world);
	}
	await closePool();
});

describe('questions', () => {
	let questionId = '';

	it('a vendor member asks on an open challenge; the question is pending', async () => {
		const r = await rpc(world.actors.vendorMember.token, 'ask_question', {
			challenge: challengeId,
			body: 'Which sensors are installed at the pumping stations today?',
			organisation: world.orgs.vendor.id
		});
		expect(r.status).toBe(200);
		questionId = r.body.id as string;
		const mine = await rpc(world.actors.vendorAdmin.token, 'my_questions', {
			challenge: challengeId
		});
		expect(mine.status).toBe(200);
		expect((mine.body as unknown as { id: string; answer: null }[]).map((q) => q.id)).toEqual([
			questionId
		]);
	});

	it('a city member, a visitor or hub staff cannot ask; neither can anyone on a draft', async () => {
		for (const token of [world.actors.cityMember.token, world.actors.hub.token]) {
			const r = await rpc(token, 'ask_question', {
				challenge: challengeId,
				body: 'A question from the wrong side.'
			});
			expect(r.status).toBe(403);
			expect(r.body.message).toBe('not_vendor_member');
		}
		const anon = await rpc(null, 'ask_question', {
			challenge: challengeId,
			body: 'A question from a visitor.'
		});
		expect([401, 403]).toContain(anon.status);
		const draft = await newChallenge('draft', { status: 'draft' });
		const r = await rpc(world.actors.vendorMember.token, 'ask_question', {
			challenge: draft.id,
			body: 'A question on a draft challenge.'
		});
		expect(r.status).toBe(404);
		expect(r.body.message).toBe('challenge_unknown');
	});

	it('a question too short is refused by the database too', async () => {
		const r = await rpc(world.actors.vendorMember.token, 'ask_question', {
			challenge: challengeId,
			body: 'Short?'
		});
		expect(r.status).toBe(400);
	});

	it('nobody else reads a pending question: another vendor, a visitor; nobody reads who asked', async () => {
		for (const token of [world.actors.otherVendor.token, world.actors.otherCity.token, null]) {
			const res = await api(token, `/rest/v1/questions?select=id&challenge_id=eq.${challengeId}`);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual([]);
		}
		const other = await rpc(world.actors.otherVendor.token, 'my_questions', {
			challenge: challengeId
		});
		expect(other.body).toEqual([]);
		for (const column of ['asked_by', 'organisation_id']) {
			const res = await api(world.actors.cityAdmin.token, `/rest/v1/questions?select=${column}`);
			expect([401, 403]).toContain(res.status);
		}
	});

	it('the city lists its questions with the asking organisation; others may not', async () => {
		const r = await rpc(world.actors.cityMember.token, 'challenge_questions', {
			challenge: challengeId
		});
		expect(r.status).toBe(200);
		const rows = r.body as unknown as { id: string; organisation_name: string }[];
		expect(rows.find((q) => q.id === questionId)?.organisation_name).toBe(world.orgs.vendor.name);
		for (const token of [world.actors.vendorAdmin.token, world.actors.otherCity.token]) {
			const denied = await rpc(token, 'challenge_questions', { challenge: challengeId });
			expect(denied.status).toBe(403);
			expect(denied.body.message).toBe('not_challenge_member');
		}
	});

	it('a follower and the asking organisation are told when the city answers; visitors then read it, never who asked', async () => {
		expect(
			(await rpc(world.actors.otherVendor.token, 'follow_challenge', { challenge: challengeId }))
				.status
		).toBe(204);
		const denied = await rpc(world.actors.vendorAdmin.token, 'answer_question', {
			id: questionId,
			answer: 'Not mine to answer'
		});
		expect(denied.status).toBe(403);
		const other = await rpc(world.actors.otherCity.token, 'answer_question', {
			id: questionId,
			answer: 'Not ours either'
		});
		expect(other.body.message).toBe('not_challenge_member');

		const r = await rpc(world.actors.cityMember.token, 'answer_question', {
			id: questionId,
			answer: 'Ultrasonic flow meters at all twelve stations.'
		});
		expect(r.status).toBe(200);
		const star = await api(null, `/rest/v1/questions?select=*&challenge_id=eq.${challengeId}`);
		expect([401, 403]).toContain(star.status);
		const res = await api(
			null,
			`/rest/v1/questions?select=id,challenge_id,body,answer,answered_at,created_at&challenge_id=eq.${challengeId}`
		);
		const visible = (await res.json()) as Record<string, unknown>[];
		expect(visible).toHaveLength(1);
		expect(visible[0]!.answer).toBe('Ultrasonic flow meters at all twelve stations.');
		expect(Object.keys(visible[0]!).sort()).toEqual([
			'answer',
			'answered_at',
			'body',
			'challenge_id',
			'created_at',
			'id'
		]);

		for (const who of ['otherVendor', 'vendorMember', 'vendorAdmin'] as const) {
			const mine = await notificationsOf(world.actors[who].id);
			expect(mine.map((n) => n.kind)).toContain('question_answered');
			expect(mine.find((n) => n.kind === 'question_answered')!.link).toBe(
				`/challenges/${slug}#questions`
			);
		}
		// The one who answered is not told; an edit tells nobody again.
		expect(await notificationsOf(world.actors.cityMember.id)).toEqual([]);
		await rpc(world.actors.cityAdmin.token, 'answer_question', {
			id: questionId,
			answer: 'Ultrasonic flow meters at all 12 stations.'
		});
		expect(
			(await notificationsOf(world.actors.otherVendor.id)).filter(
				(n) => n.kind === 'question_answered'
			)
		).toHaveLength(1);
	});

	it('rate limit: the sixth question of a person within an hour is refused with 429', async () => {
		const token = world.actors.vendorMember.token;
		for (let i = 2; i <= 5; i++) {
			const r = await rawRpc(token, 'ask_question', {
				challenge: challengeId,
				body: `Rate limit question number ${i}?`
			});
			expect(r.status).toBe(200);
		}
		const r = await rawRpc(token, 'ask_question', {
			challenge: challengeId,
			body: 'Rate limit question number 6?'
		});
		expect(r.status).toBe(429);
		expect(r.body.message).toBe('question_rate_limited');
		expect(r.body.details).toBe('person_hour');
	});

	it('rate limit: an organisation asks at most 20 a day', async () => {
		await db().query(
			`insert into public.questions (challenge_id, organisation_id, body)
			 select $1, $2, 'An earlier question number ' || g from generate_series(1, 20) g`,
			[challengeId, world.orgs.otherVendor.id]
		);
		const r = await rawRpc(world.actors.otherVendor.token, 'ask_question', {
			challenge: challengeId,
			body: 'One question too many today?'
		});
		expect(r.status).toBe(429);
		expect(r.body.details).toBe('organisation_day');
	});
});

describe('follows and notifications', () => {
	it('followers are told when the deadline is extended and when the status changes', async () => {
		const c = await newChallenge('follow');
		expect(
			(await rpc(world.actors.vendorAdmin.token, 'follow_challenge', { challenge: c.id })).status
		).toBe(204);
		await db().query(
			`update public.challenges set deadline = deadline + interval '7 days' where id = $1`,
			[c.id]
		);
		await db().query(
			`update public.challenges set deadline = deadline - interval '1 day' where id = $1`,
			[c.id]
		);
		await db().query(`update public.challenges set status = 'in_review' where id = $1`, [c.id]);
		const mine = (await notificationsOf(world.actors.vendorAdmin.id)).filter(
			(n) => n.link === `/challenges/${c.slug}`
		);
		expect(mine.map((n) => n.kind)).toEqual(['deadline_extended', 'status_changed']);
		expect(mine[1]!.params.status).toBe('in_review');
		// Not a follower: nothing.
		expect((await notificationsOf(world.actors.otherCity.id)).length).toBe(0);
		// Unfollowing stops it.
		await rpc(world.actors.vendorAdmin.token, 'unfollow_challenge', { challenge: c.id });
		await db()
			.query(`update public.challenges set status = 'open' where id = $1`, [c.id])
			.catch(() => undefined);
		await db().query(
			`update public.challenges set deadline = deadline + interval '7 days' where id = $1`,
			[c.id]
		);
		expect(
			(await notificationsOf(world.actors.vendorAdmin.id)).filter(
				(n) => n.link === `/challenges/${c.slug}`
			)
		).toHaveLength(2);
	});

	it('a user reads and marks only their own notifications', async () => {
		const theirs = await notificationsOf(world.actors.vendorAdmin.id);
		expect(theirs.length).toBeGreaterThan(0);
		const ids = theirs.map((n) => n.id);
		const peek = await api(
			world.actors.otherVendor.token,
			`/rest/v1/notifications?select=id&id=in.(${ids.join(',')})`
		);
		expect(await peek.json()).toEqual([]);
		const mark = await rpc(world.actors.otherVendor.token, 'mark_notifications_read', { ids });
		expect(mark.body).toBe(0);
		const patch = await api(
			world.actors.otherVendor.token,
			`/rest/v1/notifications?id=eq.${ids[0]}`,
			{
				method: 'PATCH',
				body: JSON.stringify({ read_at: new Date().toISOString() })
			}
		);
		expect([401, 403]).toContain(patch.status);
		expect(
			(await notificationsOf(world.actors.vendorAdmin.id)).every((n) => n.read_at === null)
		).toBe(true);
		// Their own, through the API: readable, and marked read.
		const own = await api(world.actors.vendorAdmin.token, `/rest/v1/notifications?select=id,kind`);
		expect(((await own.json()) as unknown[]).length).toBe(ids.length);
		const one = await rpc(world.actors.vendorAdmin.token, 'mark_notifications_read', {
			ids: [ids[0]]
		});
		expect(one.body).toBe(1);
		const all = await rpc(world.actors.vendorAdmin.token, 'mark_notifications_read', {});
		expect(all.body).toBe(ids.length - 1);
	});

	it('others cannot read a user follows or saved searches', async () => {
		await rpc(world.actors.vendorAdmin.token, 'save_search', {
			name: 'Water',
			query: 'domain=utilities',
			params: { domain: ['utilities'] }
		});
		for (const table of ['follows', 'saved_searches', 'notification_settings']) {
			const res = await api(
				world.actors.otherVendor.token,
				`/rest/v1/${table}?select=user_id&user_id=eq.${world.actors.vendorAdmin.id}`
			);
			expect(await res.json()).toEqual([]);
			const write = await api(world.actors.vendorAdmin.token, `/rest/v1/${table}`, {
				method: 'POST',
				body: JSON.stringify({ user_id: world.actors.vendorAdmin.id })
			});
			expect([401, 403]).toContain(write.status);
		}
	});

	it('a newly published challenge tells the owners of matching saved searches only', async () => {
		await rpc(world.actors.otherVendor.token, 'save_search', {
			name: 'Floods',
			query: 'q=flood',
			params: { q: 'flood' }
		});
		await rpc(world.actors.vendorMember.token, 'save_search', {
			name: 'Mobility',
			query: 'domain=mobility',
			params: { domain: ['mobility'] }
		});
		const draft = await newChallenge('flood', {
			title: 'Flood warnings for riverside districts',
			domain: 'utilities',
			status: 'draft'
		});
		expect(
			(await notificationsOf(world.actors.otherVendor.id)).filter(
				(n) => n.kind === 'saved_search_match'
			)
		).toEqual([]);
		await db().query(`update public.challenges set status = 'open' where id = $1`, [draft.id]);
		const flood = (await notificationsOf(world.actors.otherVendor.id)).filter(
			(n) => n.kind === 'saved_search_match'
		);
		expect(flood.map((n) => n.link)).toEqual([`/challenges/${draft.slug}`]);
		expect(flood[0]!.params.search).toBe('Floods');
		const water = (await notificationsOf(world.actors.vendorAdmin.id)).filter(
			(n) => n.kind === 'saved_search_match'
		);
		expect(water.map((n) => n.link)).toEqual([`/challenges/${draft.slug}`]);
		expect(
			(await notificationsOf(world.actors.vendorMember.id)).filter(
				(n) => n.kind === 'saved_search_match'
			)
		).toEqual([]);
	});

	it('a decided proposal tells the vendor organisation, linking to its proposal page', async () => {
		const c = await newChallenge('proposal');
		const { rows } = await db().query<{ id: string }>(
			`insert into public.proposals (challenge_id, organisation_id, status, title, summary, approach)
			 values ($1, $2, 'submitted', 'Our proposal', 'A summary of the proposal.', 'An approach in detail.') returning id`,
			[c.id, world.orgs.otherVendor.id]
		);
		await db().query(
			`update public.proposals set status = 'shortlisted', feedback = 'Good', decided_at = now() where id = $1`,
			[rows[0]!.id]
		);
		const decided = (await notificationsOf(world.actors.otherVendor.id)).filter(
			(n) => n.kind === 'proposal_decided'
		);
		expect(decided.map((n) => [n.link, n.params.status])).toEqual([
			[`/challenges/${c.slug}/propose`, 'shortlisted']
		]);
		expect(
			(await notificationsOf(world.actors.vendorAdmin.id)).filter(
				(n) => n.kind === 'proposal_decided'
			)
		).toEqual([]);
	});
});

describe('mail delivery', () => {
	const origin = 'http://portal.test';

	it('immediate: each pending notification is mailed once, also when two runs overlap', async () => {
		const users = [world.actors.otherVendor.id, world.actors.vendorMember.id];
		const pending = (await Promise.all(users.map(notificationsOf)))
			.flat()
			.filter((n) => !n.mailed_at);
		expect(pending.length).toBeGreaterThan(2);
		const sent: Mail[] = [];
		const send = async (mail: Mail) => {
			await new Promise((r) => setTimeout(r, 20));
			sent.push(mail);
		};
		const [a, b] = await Promise.all([
			deliverPending(serviceClient(), send, origin, 'immediate', { users }),
			deliverPending(serviceClient(), send, origin, 'immediate', { users })
		]);
		expect(a.mails + b.mails).toBe(pending.length);
		expect(sent).toHaveLength(pending.length);
		const again = await deliverPending(serviceClient(), send, origin, 'immediate', { users });
		expect(again.claimed).toBe(0);
		expect(sent).toHaveLength(pending.length);
		expect(sent.some((m) => m.text.includes(`${origin}/challenges/`))).toBe(true);
		expect((await Promise.all(users.map(notificationsOf))).flat().every((n) => n.mailed_at)).toBe(
			true
		);
	});

	it('a failed send gives the notification back for the next run', async () => {
		const user = world.actors.cityAdmin.id;
		await db().query(
			`insert into public.notifications (user_id, kind, params, link) values ($1, 'question_answered', '{"title":"T"}', '/challenges/x')`,
			[user]
		);
		const failing = async () => {
			throw new Error('smtp down');
		};
		const r = await deliverPending(serviceClient(), failing, origin, 'immediate', {
			users: [user]
		});
		expect(r).toEqual({ claimed: 1, mails: 0, failed: 1 });
		const sent: Mail[] = [];
		const ok = await deliverPending(
			serviceClient(),
			async (m) => void sent.push(m),
			origin,
			'immediate',
			{ users: [user] }
		);
		expect(ok.mails).toBe(1);
	});

	it('daily digest: one mail per user with every unmailed notification; running twice sends once', async () => {
		const user = world.actors.vendorAdmin;
		expect((await rpc(user.token, 'set_notification_delivery', { delivery: 'daily' })).status).toBe(
			200
		);
		const pending = (await notificationsOf(user.id)).filter((n) => !n.mailed_at);
		expect(pending.length).toBeGreaterThan(1);
		// Immediate delivery leaves a daily user alone.
		const none = await deliverPending(serviceClient(), async () => undefined, origin, 'immediate', {
			users: [user.id]
		});
		expect(none.claimed).toBe(0);
		const sent: Mail[] = [];
		const send = async (mail: Mail) => void sent.push(mail);
		const [a, b] = await Promise.all([
			deliverPending(serviceClient(), send, origin, 'daily', { users: [user.id] }),
			deliverPending(serviceClient(), send, origin, 'daily', { users: [user.id] })
		]);
		expect(a.mails + b.mails).toBe(1);
		expect(sent).toHaveLength(1);
		expect(sent[0]!.to.toLowerCase()).toBe(user.email.toLowerCase());
		expect(sent[0]!.subject).toContain(String(pending.length));
		const again = await deliverPending(serviceClient(), send, origin, 'daily', {
			users: [user.id]
		});
		expect(again.mails).toBe(0);
		expect(sent).toHaveLength(1);
		const bad = await rpc(user.token, 'set_notification_delivery', { delivery: 'hourly' });
		expect(bad.status).toBe(400);
	});
});
