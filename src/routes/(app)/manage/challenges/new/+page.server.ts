import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { toChallengeArgs } from '$lib/domain/challenges/manage-forms';
import { citiesOf, createChallenge, currencyCodes } from '$lib/server/db/manage-challenges';
import {
	actingCityOrganisation,
	formFrom,
	formOnlyActions,
	invalid,
	notYours,
	readForm,
	refusedForm,
	unknownCurrency,
	withBlankRows
} from '$lib/server/manage-challenge-form';
import type { Actions, PageServerLoad } from './$types';

/** A new draft for one of the cities of the organisation the official acts for. */
export const load: PageServerLoad = async (event) => {
	const { db, org } = await actingCityOrganisation(event);
	if (!org) return { org: null, cities: [], currencies: [], form: await formFrom({}) };
	const [cities, currencies] = await Promise.all([
		citiesOf(db, org.organisation_id),
		currencyCodes(db)
	]);
	const form = await formFrom({
		city: cities.length === 1 ? cities[0]!.id : '',
		...withBlankRows([], 3)
	});
	return {
		org: { id: org.organisation_id, name: org.name, verified: org.verified },
		cities,
		currencies,
		form
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { db, org } = await actingCityOrganisation(event);
		const { form } = await readForm(event);
		if (!form.valid) return invalid(form);
		if (!org) notYours();
		const unknown = unknownCurrency(form, await currencyCodes(db));
		if (unknown) return unknown;
		let slug: string;
		try {
			slug = (
				await createChallenge(db, {
					organisation: org.organisation_id,
					...toChallengeArgs(form.data)
				})
			).slug;
		} catch (e) {
			return refusedForm(form, e);
		}
		redirect(303, `${resolve('/(app)/manage/challenges/[slug=slug]', { slug })}?created`);
	},
	...formOnlyActions
};
