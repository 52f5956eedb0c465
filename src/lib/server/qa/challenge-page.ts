// The questions, answers and follow button of the public challenge page (issue 13, items 2–3).
// Visitors get the answered questions only (the page stays cacheable for them); a signed-in
// member also gets their organisation's questions, the ask form (members of a vendor
// organisation, while the challenge is open) and whether they follow it. The actions are plain
// POSTs that work without JavaScript.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { askSchema } from '$lib/domain/notifications/forms';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import { getPublicChallenge } from '$lib/server/db/challenges';
import { myOrganisations, type MyOrganisation } from '$lib/server/db/org-pages';
import {
	QaRefusal,
	answeredQuestions,
	askQuestion,
	follow,
	isFollowing,
	myQuestions,
	unfollow,
	type MyQuestion,
	type PublicQuestion
} from '$lib/server/db/qa';

export interface QaMessage {
	kind: 'error' | 'success' | 'info';
	text: string;
}

export interface QaSection {
	answered: PublicQuestion[];
	signedIn: boolean;
	/** The vendor organisation the member asks for (the one they act for, else their first). */
	asker: { id: string; name: string } | null;
	/** Whether the challenge takes questions now (open, before its deadline). */
	open: boolean;
	mine: MyQuestion[];
	following: boolean;
	/** Members of the organisation that posted it: the link to answer questions. */
	cityMember: boolean;
	ask: SuperValidated<{ body: string }, QaMessage> | null;
}

function vendorOf(memberships: { organisations: MyOrganisation[]; activeId: string | null }) {
	const vendors = memberships.organisations.filter((o) => o.kind === 'vendor');
	return vendors.find((o) => o.id === memberships.activeId) ?? vendors[0] ?? null;
}

function takesQuestions(c: { status: string; deadline: string | null }) {
	return c.status === 'open' && (!c.deadline || Date.parse(c.deadline) > Date.now());
}

/** The section's data for the page's load. */
export async function qaSection(
	event: Pick<RequestEvent, 'locals'>,
	challenge: {
		id: string;
		status: string;
		deadline: string | null;
		organisation: { slug: string } | null;
	}
): Promise<QaSection> {
	const { locals } = event;
	const answered = await answeredQuestions(locals.supabase, challenge.id);
	const open = takesQuestions(challenge);
	if (!locals.user) {
		return {
			answered,
			signedIn: false,
			asker: null,
			open,
			mine: [],
			following: false,
			cityMember: false,
			ask: null
		};
	}
	const [memberships, mine, following] = await Promise.all([
		myOrganisations(locals.supabase),
		myQuestions(locals.supabase, challenge.id),
		isFollowing(locals.supabase, locals.user.id, challenge.id)
	]);
	const vendor = vendorOf(memberships);
	return {
		answered,
		signedIn: true,
		asker: vendor ? { id: vendor.id, name: vendor.name } : null,
		open,
		mine,
		following,
		cityMember: memberships.organisations.some((o) => o.slug === challenge.organisation?.slug),
		ask: vendor && open ? await superValidate(zod4(askSchema), { id: 'ask' }) : null
	};
}

/** The words for a refusal of asking. */
function askRefusal(e: QaRefusal): string {
	switch (e.key) {
		case 'question_rate_limited':
			return e.detail === 'organisation_day' ? m.qa_error_rate_org() : m.qa_error_rate_person();
		case 'challenge_not_open':
			return m.qa_error_not_open();
		case 'deadline_passed':
			return m.qa_error_deadline();
		case 'not_vendor_member':
			return m.qa_error_not_vendor();
		default:
			return m.qa_error_failed();
	}
}

async function challengeOf(event: RequestEvent<{ slug: string }>) {
	const challenge = await getPublicChallenge(event.locals.supabase, event.params.slug);
	if (!challenge) return null;
	return challenge;
}

export const qaActions = {
	ask: async (event: RequestEvent<{ slug: string }>) => {
		requireUser(event);
		const form = await superValidate<{ body: string }, QaMessage>(event.request, zod4(askSchema), {
			id: 'ask'
		});
		if (!form.valid) return fail(400, { form });
		const challenge = await challengeOf(event);
		if (!challenge) return setError(form, 'body', m.qa_error_not_open(), { status: 404 });
		const vendor = vendorOf(await myOrganisations(event.locals.supabase));
		try {
			await askQuestion(event.locals.supabase, challenge.id, form.data.body, vendor?.id ?? null);
		} catch (e) {
			if (e instanceof QaRefusal) {
				return setError(form, 'body', askRefusal(e), { status: e.status === 429 ? 429 : 400 });
			}
			if ((e as { kind?: string }).kind === 'bad_request') {
				return setError(form, 'body', m.qa_error_body({ min: 10, max: 2000 }));
			}
			throw e;
		}
		form.data.body = '';
		return message(form, { kind: 'success', text: m.qa_ask_sent() });
	},
	follow: async (event: RequestEvent<{ slug: string }>) => {
		requireUser(event);
		const challenge = await challengeOf(event);
		if (!challenge) return fail(404, { followError: m.qa_error_failed() });
		await follow(event.locals.supabase, challenge.id);
		return { followed: true };
	},
	unfollow: async (event: RequestEvent<{ slug: string }>) => {
		requireUser(event);
		const challenge = await challengeOf(event);
		if (!challenge) return fail(404, { followError: m.qa_error_failed() });
		await unfollow(event.locals.supabase, challenge.id);
		return { followed: false };
	}
};
