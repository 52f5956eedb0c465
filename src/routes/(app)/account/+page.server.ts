import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { browserName } from '$lib/domain/auth/user-agent';
import { m } from '$lib/paraglide/messages.js';
import { cookieName } from '$lib/paraglide/runtime.js';
import { auth } from '$lib/server/auth';
import { callAuth } from '$lib/server/auth/call';
import {
	emailSchema,
	languageSchema,
	passwordSchema,
	profileSchema,
	sessionSchema
} from '$lib/server/auth/forms';
import { invalid, refused, withoutPasswords, type AuthMessage } from '$lib/server/auth/form-result';
import { requireUser } from '$lib/server/auth/guard';
import { forgetSessionToken } from '$lib/server/auth/token';
import { cookieSecure } from '$lib/server/db/client';
import { myOrganisations } from '$lib/server/db/org-pages';
import { getProfile, updateProfile } from '$lib/server/db/profiles';
import type { Actions, PageServerLoad } from './$types';

const ONE_YEAR = 60 * 60 * 24 * 365;

async function sessionsOf(event: RequestEvent) {
	const list = await auth().api.listSessions({ headers: event.request.headers });
	return list.map((s) => ({
		id: s.id,
		token: s.token,
		createdAt: s.createdAt,
		userAgent: s.userAgent
	}));
}

export const load: PageServerLoad = async (event) => {
	const { user, session } = requireUser(event);
	const profile = await getProfile(event.locals.supabase, user.id);
	if (!profile) error(500, { message: 'Internal error', code: 'internal' });
	const sessions = (await sessionsOf(event))
		.map((s) => ({
			id: s.id,
			current: s.id === session.id,
			browser: browserName(s.userAgent),
			createdAt: new Date(s.createdAt).toISOString()
		}))
		.sort(
			(a, b) => Number(b.current) - Number(a.current) || b.createdAt.localeCompare(a.createdAt)
		);
	const name = await superValidate({ name: profile.display_name }, zod4(profileSchema), {
		id: 'profile',
		errors: false
	});
	const language = await superValidate(
		{ language: profile.preferred_language as 'en' | 'zh' },
		zod4(languageSchema),
		{ id: 'language', errors: false }
	);
	return {
		email: user.email,
		organisations: (await myOrganisations(event.locals.supabase)).organisations,
		sessions,
		notice:
			event.url.searchParams.get('email') === 'changed'
				? m.verify_email_changed()
				: event.url.searchParams.get('language') === 'saved'
					? m.account_language_saved()
					: null,
		profile: name,
		language,
		password: await superValidate(zod4(passwordSchema), { id: 'password' }),
		changeEmail: await superValidate(zod4(emailSchema), { id: 'email' })
	};
};

export const actions: Actions = {
	profile: async (event) => {
		const { user } = requireUser(event);
		const form = await superValidate<typeof profileSchema._output, AuthMessage>(
			event.request,
			zod4(profileSchema),
			{ id: 'profile' }
		);
		if (!form.valid) return invalid(form);
		await updateProfile(event.locals.supabase, user.id, { display_name: form.data.name });
		return message(form, { kind: 'success', text: m.account_profile_saved() });
	},

	language: async (event) => {
		const { user } = requireUser(event);
		const form = await superValidate(event.request, zod4(languageSchema), { id: 'language' });
		if (!form.valid) return fail(400, { form });
		await updateProfile(event.locals.supabase, user.id, {
			preferred_language: form.data.language
		});
		// The pages follow at once (the same cookie as the header's language switch).
		event.cookies.set(cookieName, form.data.language, {
			path: '/',
			maxAge: ONE_YEAR,
			sameSite: 'lax',
			httpOnly: false,
			secure: cookieSecure(event.url)
		});
		redirect(303, '/account?language=saved');
	},

	password: async (event) => {
		requireUser(event);
		const form = await superValidate<typeof passwordSchema._output, AuthMessage>(
			event.request,
			zod4(passwordSchema),
			{ id: 'password' }
		);
		if (!form.valid) return invalid(form);
		const others = form.data.revokeOthers ? await sessionsOf(event) : [];
		const answer = await callAuth(event, '/change-password', {
			body: {
				currentPassword: form.data.currentPassword,
				newPassword: form.data.newPassword,
				revokeOtherSessions: form.data.revokeOthers
			}
		});
		if (!answer.ok) return refused(form, answer, 'newPassword');
		for (const s of others) forgetSessionToken(s.id);
		return message(withoutPasswords(form), { kind: 'success', text: m.account_password_saved() });
	},

	email: async (event) => {
		const { user } = requireUser(event);
		const form = await superValidate<typeof emailSchema._output, AuthMessage>(
			event.request,
			zod4(emailSchema),
			{ id: 'email' }
		);
		if (!form.valid) return invalid(form);
		if (form.data.email === user.email.toLowerCase()) {
			return message(form, { kind: 'error', text: m.account_email_same() }, { status: 400 });
		}
		const answer = await callAuth(event, '/change-email', {
			body: { newEmail: form.data.email, callbackURL: '/account?email=changed' }
		});
		if (!answer.ok) return refused(form, answer);
		return message(form, { kind: 'success', text: m.account_email_sent({ email: user.email }) });
	},

	revoke: async (event) => {
		requireUser(event);
		const form = await superValidate(event.request, zod4(sessionSchema), { id: 'revoke' });
		if (!form.valid) return fail(400, { form });
		// The page names sessions by id; their tokens never leave the server.
		const target = (await sessionsOf(event)).find((s) => s.id === form.data.token);
		if (target) {
			await callAuth(event, '/revoke-session', { body: { token: target.token } });
			forgetSessionToken(target.id);
		}
		return { revoked: true };
	},

	revokeOthers: async (event) => {
		const { session } = requireUser(event);
		const others = (await sessionsOf(event)).filter((s) => s.id !== session.id);
		await callAuth(event, '/revoke-other-sessions', { body: {} });
		for (const s of others) forgetSessionToken(s.id);
		return { revokedOthers: true };
	}
};
