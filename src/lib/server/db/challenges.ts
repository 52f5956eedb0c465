import { isPublicStatus, type PublicStatus } from '$lib/domain/challenges/vocabulary';
import {
	inLanguage,
	versionsFromRows,
	type Shown,
	type Versions
} from '$lib/domain/challenges/versions';
import type { Tables } from '$lib/database.types';
import { sharedValue } from '$lib/server/cache/shared';
import { publicClient, type Db } from '$lib/server/db/client';
import { SHARED_VALUE_TTL_MS } from '$lib/server/http-cache';
import type { OrganisationLink } from '$lib/server/db/organisations';
import { dataOrThrow } from '$lib/server/errors';

type ChallengeRow = Tables<'challenges'>;

/** Everything the challenge page shows. Drafts and withdrawn challenges never come back (RLS). */
export type ChallengeDetail = Pick<
	ChallengeRow,
	| 'id'
	| 'slug'
	| 'kind'
	| 'title'
	| 'summary'
	| 'description'
	| 'domain'
	| 'priority_areas'
	| 'expected_outcomes'
	| 'budget_min'
	| 'budget_max'
	| 'currency'
	| 'budget_min_usd'
	| 'budget_max_usd'
	| 'budget_usd_as_of'
	| 'deadline'
	| 'outcome'
	| 'language'
	| 'contact_name'
	| 'contact_email'
	| 'published_at'
> & {
	status: PublicStatus;
	city: Pick<Tables<'cities'>, 'id' | 'slug' | 'name' | 'country' | 'time_zone'>;
	/** The organisation that publishes the challenge ("Published by"). */
	organisation: OrganisationLink;
	region: Pick<Tables<'regions'>, 'slug' | 'name'>;
	/** Its texts in the portal's languages (public.challenge_translations): the page picks one. */
	versions: Versions;
};

/** The fields of a challenge card (a subset of a search hit). */
export type ChallengeSummary = Pick<
	ChallengeRow,
	| 'id'
	| 'slug'
	| 'kind'
	| 'language'
	| 'title'
	| 'summary'
	| 'domain'
	| 'outcome'
	| 'deadline'
	| 'published_at'
	| 'budget_min'
	| 'budget_max'
	| 'currency'
	| 'budget_min_usd'
	| 'budget_max_usd'
> & {
	status: PublicStatus;
	city: { slug: string; name: string; country: string };
};

/** Every region's name by slug (a short, public list that migrations change), kept per process. */
const regionNames = sharedValue(SHARED_VALUE_TTL_MS, async () => {
	const rows = dataOrThrow(await publicClient().from('regions').select('slug, name'));
	return new Map(rows.map((r) => [r.slug, r]));
});

export async function getPublicChallenge(db: Db, slug: string): Promise<ChallengeDetail | null> {
	// Visitors may embed one level deep (private.api_read_allowed): the city and the organisation
	// here, the region's name from the regions kept per process (read in parallel when not yet).
	const [found, regions] = await Promise.all([
		db
			.from('challenges')
			.select(
				`id, slug, kind, title, summary, description, domain, priority_areas, expected_outcomes,
				budget_min, budget_max, currency, budget_min_usd, budget_max_usd, budget_usd_as_of, deadline, status, outcome, language, contact_name,
				contact_email, published_at,
				city:cities!inner (id, slug, name, country, time_zone, region),
				organisation:organisations!inner (slug, name, verified),
				versions:challenge_translations (language, title, summary, description, expected_outcomes)`
			)
			.eq('slug', slug)
			.maybeSingle(),
		regionNames()
	]);
	const row = dataOrThrow(found);
	if (!row || !isPublicStatus(row.status)) return null;
	const { region: regionSlug, ...city } = row.city;
	const versions = versionsFromRows(row.versions);
	// A region added since the list was read: read it now, as before.
	const region =
		regions.get(regionSlug) ??
		dataOrThrow(await db.from('regions').select('slug, name').eq('slug', regionSlug).single());
	return { ...row, status: row.status, city, region, versions };
}

/**
 * A city's public challenges, open ones with the nearest deadline first, each in `locale` when it
 * has a version in it (docs/collaboration.md#languages). By the city's slug, so the city page reads
 * them at the same time as the city itself.
 */
export async function listCityChallenges(
	db: Db,
	citySlug: string,
	locale: string
): Promise<Shown<ChallengeSummary>[]> {
	const rows = dataOrThrow(
		await db
			.from('challenges')
			.select(
				'id, slug, kind, language, title, summary, domain, status, outcome, deadline, published_at, budget_min, budget_max, currency, budget_min_usd, budget_max_usd, city:cities!inner (slug, name, country), versions:challenge_translations (language, title, summary)'
			)
			.eq('city.slug', citySlug)
			.order('deadline', { ascending: true, nullsFirst: false })
			.limit(200)
	);
	const order = (s: PublicStatus) => (s === 'open' ? 0 : 1);
	return rows
		.flatMap(({ status, versions, ...r }) =>
			isPublicStatus(status)
				? [inLanguage({ ...r, status }, versionsFromRows(versions), locale)]
				: []
		)
		.sort((a, b) => order(a.status) - order(b.status));
}
