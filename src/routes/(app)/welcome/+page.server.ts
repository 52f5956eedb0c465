import { fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import {
	createOrganisationSchema,
	joinRequestSchema,
	orNull
} from '$lib/domain/organisations/forms';
import { m } from '$lib/paraglide/messages.js';
import type { AuthMessage } from '$lib/server/auth/form-result';
import { requireUser } from '$lib/server/auth/guard';
import { PROFILE_FIELDS, createOrganisation, requestToJoin } from '$lib/server/db/memberships';
import {
	countryCodes,
	myOrganisations,
	myRequestsToJoin,
	organisationsToJoin
} from '$lib/server/db/org-pages';
import { fieldRuleText, orgProblem } from '$lib/server/org-problems';
import type { Actions, PageServerLoad } from './$types';

/** Who the newcomer says they are: ?as=city or ?as=vendor (links, so no JavaScript is needed). */
function asOf(url: URL): 'city' | 'vendor' | null {
	const as = url.searchParams.get('as');
	return as === 'city' || as === 'vendor' ? as : null;
}

export const load: PageServerLoad = async (event) => {
	const { user } = requireUser(event);
	const db = event.locals.supabase;
	const as = asOf(event.url);
	const [mine, requests, choices, countries] = await Promise.all([
		myOrganisations(db),
		myRequestsToJoin(db, user.id),
		as ? organisationsToJoin(db, as) : Promise.resolve([]),
		as ? countryCodes(db) : Promise.resolve([])
	]);
	const join = await superValidate(zod4(joinRequestSchema), { id: 'join' });
	const create = await superValidate({ kind: as ?? 'vendor' }, zod4(createOrganisationSchema), {
		id: 'create',
		errors: false
	});
	const memberOf = new Set(mine.organisations.map((o) => o.id));
	return {
		as,
		organisations: mine.organisations,
		requests,
		// Organisations the newcomer may still ask to join.
		choices: choices.filter((o) => !memberOf.has(o.id)),
		countries,
		join,
		create
	};
};

export const actions: Actions = {
	join: async (event) => {
		requireUser(event);
		const form = await superValidate<typeof joinRequestSchema._output, AuthMessage>(
			event.request,
			zod4(joinRequestSchema),
			{ id: 'join' }
		);
		if (!form.valid) return fail(400, { form });
		try {
			await requestToJoin(event.locals.supabase, form.data.organisation, orNull(form.data.message));
		} catch (e) {
			const problem = orgProblem(e);
			return message(form, { kind: 'error', text: problem.text }, { status: 400 });
		}
		const name =
			(await organisationsToJoin(event.locals.supabase, asOf(event.url) ?? 'vendor')).find(
				(o) => o.id === form.data.organisation
			)?.name ?? '';
		form.data.message = '';
		return message(form, { kind: 'success', text: m.welcome_requested({ name }) });
	},

	create: async (event) => {
		requireUser(event);
		const form = await superValidate<typeof createOrganisationSchema._output, AuthMessage>(
			event.request,
			zod4(createOrganisationSchema),
			{ id: 'create' }
		);
		if (!form.valid) return fail(400, { form });
		let slug: string;
		try {
			const created = await createOrganisation(event.locals.supabase, {
				kind: form.data.kind,
				name: form.data.name,
				country: form.data.country,
				domains: form.data.domains,
				website: orNull(form.data.website),
				profile: orNull(form.data.profile),
				contact_email: orNull(form.data.contact_email)
			});
			// The creator is its admin and acts for it from now on (create_organisation does both).
			slug = created.slug;
		} catch (e) {
			const problem = orgProblem(e, PROFILE_FIELDS);
			const [field, rule] = Object.entries(problem.fields)[0] ?? [];
			if (field && rule) {
				return setError(form, field as 'name', fieldRuleText(field, rule));
			}
			return message(form, { kind: 'error', text: problem.text }, { status: 400 });
		}
		redirect(303, `/organisations/${slug}/manage?created=1`);
	}
};
