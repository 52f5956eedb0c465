import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import {
	decisionSchema,
	idSchema,
	inviteSchema,
	memberRoleSchema,
	memberSchema,
	organisationManageSchema,
	orNull,
	profileVersionSchema,
	type ProfileVersionInput
} from '$lib/domain/organisations/forms';
import type { ProfileVersion } from '$lib/domain/organisations/profile-versions';
import { versionLanguagesFor } from '$lib/domain/challenges/versions';
import { languageName } from '$lib/components/challenges/format';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { sendMail } from '$lib/server/auth';
import type { AuthMessage } from '$lib/server/auth/form-result';
import { requireUser } from '$lib/server/auth/guard';
import { invitationMail } from '$lib/server/auth/mail';
import { asLocale } from '$lib/server/auth/mailer';
import {
	PROFILE_FIELDS,
	decideJoinRequest,
	inviteMember,
	leaveOrganisation,
	listInvitations,
	listJoinRequests,
	listMembers,
	myMemberships,
	organisationBySlug,
	removeMember,
	revokeInvitation,
	setMemberRole,
	updateOrganisationProfile,
	type Organisation
} from '$lib/server/db/memberships';
import type { Db } from '$lib/server/db/client';
import { countryCodes } from '$lib/server/db/org-pages';
import {
	listProfileVersions,
	removeProfileVersion,
	setProfileVersion
} from '$lib/server/db/profile-versions';
import { serverEnv } from '$lib/server/env';
import { fieldRuleText, orgProblem } from '$lib/server/org-problems';
import type { Actions, PageServerLoad } from './$types';
import { dataOrThrow } from '$lib/server/errors';

/** What a row action (role, remove, revoke, decide) says, and next to which row. */
export interface RowNotice {
	kind: 'error' | 'success';
	text: string;
	/** The list it belongs to, and the row: a user id, an invitation id or a join request id. */
	section: 'members' | 'invitations' | 'requests';
	row: string;
}

/** The organisation of the URL and the caller's role in it; 404 for none, 403 for a stranger. */
async function context(event: RequestEvent<{ slug: string }>) {
	const { user } = requireUser(event);
	const db = event.locals.supabase;
	const organisation = await organisationBySlug(db, event.params.slug);
	if (!organisation) error(404, { message: 'Not found' });
	const role =
		(await myMemberships(db)).find((x) => x.organisation_id === organisation.id)?.role ?? null;
	if (!role) error(403, { message: m.manage_not_member() });
	return { user, db, organisation, role };
}

function profileValues(o: Organisation) {
	return {
		name: o.name,
		country: o.country,
		domains: o.domains,
		website: o.website ?? '',
		profile: o.profile ?? '',
		profile_language: o.profile_language,
		contact_email: o.contact_email ?? ''
	};
}

/** One form per portal language a text may have a version in (all but its original's). */
async function versionForms(city: string, originalLanguage: string, versions: ProfileVersion[]) {
	return Promise.all(
		versionLanguagesFor(originalLanguage).map(async (language) => {
			const existing = versions.find((v) => v.language === language)?.profile;
			return {
				language,
				exists: existing !== undefined,
				form: await superValidate(
					{ city, language, profile: existing ?? '' },
					zod4(profileVersionSchema),
					{ id: `version-${city || 'organisation'}-${language}`, errors: false }
				)
			};
		})
	);
}

/** The profile and city descriptions' versions the admins edit (issue 16, item 9). */
async function versions(db: Db, organisation: Organisation) {
	const found = await listProfileVersions(db, organisation.id);
	return {
		organisation: await versionForms('', organisation.profile_language, found.organisation),
		cities: await Promise.all(
			found.cities.map(async (c) => ({
				id: c.id,
				name: c.name,
				profile: c.profile,
				profile_language: c.profile_language,
				forms: await versionForms(c.id, c.profile_language, c.translations)
			}))
		)
	};
}

/** A version form's target: the organisation's profile, or one of the cities it speaks for. */
async function versionTarget(db: Db, organisation: Organisation, data: ProfileVersionInput) {
	if (data.city) {
		// One of the cities it speaks for (the database's functions check it again).
		const city = dataOrThrow(
			await db
				.from('cities')
				.select('id')
				.eq('id', data.city)
				.eq('organisation_id', organisation.id)
				.maybeSingle()
		);
		if (!city) error(400, { message: 'Bad request', code: 'bad_request' });
	}
	return { organisationId: organisation.id, city: data.city || null, language: data.language };
}

export const load: PageServerLoad = async (event) => {
	const { user, db, organisation, role } = await context(event);
	const admin = role === 'admin';
	const [members, invitations, requests, countries, profileVersions] = await Promise.all([
		listMembers(db, organisation.id),
		admin ? listInvitations(db, organisation.id, { pendingOnly: true }) : Promise.resolve([]),
		admin ? listJoinRequests(db, organisation.id) : Promise.resolve([]),
		admin ? countryCodes(db) : Promise.resolve([]),
		admin ? versions(db, organisation) : Promise.resolve(null)
	]);
	const q = event.url.searchParams;
	return {
		organisation,
		role,
		me: user.id,
		members,
		invitations,
		requests,
		countries,
		notice: q.has('created')
			? m.manage_created()
			: q.has('joined')
				? m.manage_joined({ name: organisation.name })
				: null,
		profile: await superValidate(profileValues(organisation), zod4(organisationManageSchema), {
			id: 'profile',
			errors: false
		}),
		versions: profileVersions,
		invite: await superValidate(zod4(inviteSchema), { id: 'invite' })
	};
};

/** A row action's refusal or confirmation, shown beside the row it is about. */
function rowNotice(
	section: RowNotice['section'],
	row: string,
	kind: RowNotice['kind'],
	text: string
) {
	const notice: RowNotice = { kind, text, section, row };
	return kind === 'error' ? fail(400, { notice }) : { notice };
}

export const actions: Actions = {
	profile: async (event) => {
		const { db, organisation } = await context(event);
		const form = await superValidate<typeof organisationManageSchema._output, AuthMessage>(
			event.request,
			zod4(organisationManageSchema),
			{ id: 'profile' }
		);
		if (!form.valid) return fail(400, { form });
		try {
			await updateOrganisationProfile(db, organisation.id, {
				name: form.data.name,
				country: form.data.country,
				domains: form.data.domains,
				website: orNull(form.data.website),
				profile: orNull(form.data.profile),
				profile_language: form.data.profile_language,
				contact_email: orNull(form.data.contact_email)
			});
		} catch (e) {
			const problem = orgProblem(e, PROFILE_FIELDS);
			// The new original language has a version: that version goes first (the trigger's rule).
			if (problem.key === 'translation_is_original') {
				return setError(form, 'profile_language', m.manage_profile_language_clash());
			}
			const [field, rule] = Object.entries(problem.fields)[0] ?? [];
			if (field && rule) return setError(form, field as 'name', fieldRuleText(field, rule));
			return message(form, { kind: 'error', text: problem.text }, { status: 400 });
		}
		return message(form, { kind: 'success', text: m.manage_profile_saved() });
	},

	version: async (event) => {
		const { db, organisation } = await context(event);
		const form = await superValidate<ProfileVersionInput, AuthMessage>(
			event.request,
			zod4(profileVersionSchema)
		);
		// Which version is the form's hidden fields: only a crafted request gets them wrong.
		if (form.errors.city || form.errors.language) {
			error(400, { message: 'Bad request', code: 'bad_request' });
		}
		if (!form.valid) return fail(400, { form });
		const target = await versionTarget(db, organisation, form.data);
		try {
			await setProfileVersion(db, target, form.data.profile);
		} catch (e) {
			const problem = orgProblem(e, ['profile']);
			if (problem.key === 'translation_is_original') {
				return setError(form, 'profile', m.manage_version_error_original());
			}
			if (problem.fields.profile) return setError(form, 'profile', m.manage_version_error_text());
			return message(form, { kind: 'error', text: problem.text }, { status: 400 });
		}
		const language = languageName(form.data.language, getLocale());
		return message(form, { kind: 'success', text: m.manage_version_saved({ language }) });
	},

	/** The version form's second button: what was typed does not matter, only which version. */
	removeVersion: async (event) => {
		const { db, organisation } = await context(event);
		const form = await superValidate<ProfileVersionInput, AuthMessage>(
			event.request,
			zod4(profileVersionSchema)
		);
		if (form.errors.city || form.errors.language) {
			error(400, { message: 'Bad request', code: 'bad_request' });
		}
		form.errors = {};
		form.valid = true;
		const target = await versionTarget(db, organisation, form.data);
		try {
			await removeProfileVersion(db, target);
		} catch (e) {
			return message(form, { kind: 'error', text: orgProblem(e).text }, { status: 400 });
		}
		form.data.profile = '';
		const language = languageName(form.data.language, getLocale());
		return message(form, { kind: 'success', text: m.manage_version_removed({ language }) });
	},

	invite: async (event) => {
		const { user, db, organisation } = await context(event);
		const form = await superValidate<typeof inviteSchema._output, AuthMessage>(
			event.request,
			zod4(inviteSchema),
			{ id: 'invite' }
		);
		if (!form.valid) return fail(400, { form });
		let token: string;
		try {
			token = (await inviteMember(db, organisation.id, form.data.email, form.data.role)).token;
		} catch (e) {
			const problem = orgProblem(e, ['email']);
			if (problem.key === 'already_member') {
				return setError(form, 'email', problem.text);
			}
			return message(form, { kind: 'error', text: problem.text }, { status: 400 });
		}
		const origin = serverEnv().ORIGIN ?? event.url.origin;
		const locale = asLocale(getLocale());
		await sendMail()(
			invitationMail({
				to: form.data.email,
				organisation: organisation.name,
				inviter: user.name,
				role:
					form.data.role === 'admin' ? m.role_admin({}, { locale }) : m.role_member({}, { locale }),
				url: new URL(`/invitations/${token}`, origin).toString(),
				locale
			})
		);
		const email = form.data.email;
		form.data.email = '';
		return message(form, { kind: 'success', text: m.manage_invite_sent({ email }) });
	},

	revoke: async (event) => {
		const { db } = await context(event);
		const parsed = idSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) error(400, { message: 'Bad request', code: 'bad_request' });
		try {
			await revokeInvitation(db, parsed.data.id);
		} catch (e) {
			return rowNotice('invitations', parsed.data.id, 'error', orgProblem(e).text);
		}
		return rowNotice('invitations', parsed.data.id, 'success', m.manage_invitation_revoked());
	},

	role: async (event) => {
		const { db, organisation } = await context(event);
		const parsed = memberRoleSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) error(400, { message: 'Bad request', code: 'bad_request' });
		const name = (await listMembers(db, organisation.id)).find(
			(x) => x.userId === parsed.data.user
		)?.displayName;
		try {
			await setMemberRole(db, organisation.id, parsed.data.user, parsed.data.role);
		} catch (e) {
			return rowNotice('members', parsed.data.user, 'error', orgProblem(e).text);
		}
		const role = parsed.data.role === 'admin' ? m.role_admin() : m.role_member();
		return rowNotice(
			'members',
			parsed.data.user,
			'success',
			m.manage_member_saved({ name: name ?? '', role })
		);
	},

	remove: async (event) => {
		const { user, db, organisation } = await context(event);
		const parsed = memberSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) error(400, { message: 'Bad request', code: 'bad_request' });
		const name = (await listMembers(db, organisation.id)).find(
			(x) => x.userId === parsed.data.user
		)?.displayName;
		try {
			if (parsed.data.user === user.id) await leaveOrganisation(db, organisation.id);
			else await removeMember(db, organisation.id, parsed.data.user);
		} catch (e) {
			return rowNotice('members', parsed.data.user, 'error', orgProblem(e).text);
		}
		if (parsed.data.user === user.id) redirect(303, '/welcome');
		return rowNotice(
			'members',
			parsed.data.user,
			'success',
			m.manage_member_removed({ name: name ?? '' })
		);
	},

	decide: async (event) => {
		const { db, organisation } = await context(event);
		const parsed = decisionSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) error(400, { message: 'Bad request', code: 'bad_request' });
		const name = (await listJoinRequests(db, organisation.id)).find(
			(r) => r.id === parsed.data.id
		)?.displayName;
		try {
			await decideJoinRequest(db, parsed.data.id, parsed.data.decision === 'accept');
		} catch (e) {
			return rowNotice('requests', parsed.data.id, 'error', orgProblem(e).text);
		}
		return rowNotice(
			'requests',
			parsed.data.id,
			'success',
			parsed.data.decision === 'accept'
				? m.manage_request_accepted({ name: name ?? '' })
				: m.manage_request_declined({ name: name ?? '' })
		);
	}
};
