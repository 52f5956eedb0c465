// Versions of an organisation's profile and of its cities' descriptions in the portal's languages
// (issue 16, item 9; docs/organisations.md#profiles-in-more-than-one-language): what the manage
// page reads and the typed calls of the set_/remove_ functions. Every call runs with the
// signed-in member's client: the functions decide who may write (the admins who speak for the
// text). Errors are DataErrors with the database's refusal, as in memberships.ts.
import type { ProfileVersion } from '$lib/domain/organisations/profile-versions';
import type { Db } from '$lib/server/db/client';
import { unwrap } from '$lib/server/errors';

/** A city the organisation speaks for, with its description and the description's versions. */
export interface CityDescription {
	id: string;
	slug: string;
	name: string;
	profile: string | null;
	profile_language: string;
	translations: ProfileVersion[];
}

/** The organisation's profile versions, and its cities with their descriptions' versions. */
export async function listProfileVersions(
	db: Db,
	organisationId: string
): Promise<{ organisation: ProfileVersion[]; cities: CityDescription[] }> {
	const [organisation, cities] = await Promise.all([
		db
			.from('organisation_translations')
			.select('language, profile')
			.eq('organisation_id', organisationId),
		db
			.from('cities')
			.select(
				'id, slug, name, profile, profile_language, translations:city_translations (language, profile)'
			)
			.eq('organisation_id', organisationId)
			.order('name')
	]);
	return { organisation: unwrap(organisation), cities: unwrap(cities) };
}

/** A version of a city's description (`city`) or of the organisation's own profile (`city` null). */
export interface VersionTarget {
	organisationId: string;
	city: string | null;
	language: string;
}

export async function setProfileVersion(db: Db, to: VersionTarget, profile: string): Promise<void> {
	unwrap(
		to.city
			? await db.rpc('set_city_profile_translation', {
					city: to.city,
					language: to.language,
					profile
				})
			: await db.rpc('set_organisation_profile_translation', {
					org: to.organisationId,
					language: to.language,
					profile
				})
	);
}

export async function removeProfileVersion(db: Db, to: VersionTarget): Promise<void> {
	unwrap(
		to.city
			? await db.rpc('remove_city_profile_translation', { city: to.city, language: to.language })
			: await db.rpc('remove_organisation_profile_translation', {
					org: to.organisationId,
					language: to.language
				})
	);
}
