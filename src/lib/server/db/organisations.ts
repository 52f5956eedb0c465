import type { Tables } from '$lib/database.types';
import { profileInLanguage, type ProfileVersion } from '$lib/domain/organisations/profile-versions';
import { DIRECTORY_PER_PAGE, type DirectoryQuery } from '$lib/domain/organisations/schema';
import type { Db } from '$lib/server/db/client';
import { dataError, dataOrThrow, throwHttp } from '$lib/server/errors';

/** What a directory card and the profile page show about any organisation. */
export type OrganisationSummary = Pick<
	Tables<'organisations'>,
	| 'id'
	| 'kind'
	| 'slug'
	| 'name'
	| 'country'
	| 'website'
	| 'domains'
	| 'verified'
	| 'profile'
	// The organisation's public mailbox (issue 12): shown instead of any person's account e-mail.
	| 'contact_email'
>;

/** An organisation as a link with its badge (who owns a city, who publishes a challenge). */
export type OrganisationLink = Pick<OrganisationSummary, 'slug' | 'name' | 'verified'>;

export interface OrganisationProfile extends OrganisationSummary {
	/** The profile's original language, and its versions in the portal's languages (issue 16). */
	profile_language: string;
	translations: ProfileVersion[];
	/** The cities this organisation speaks for (city organisations), with their public challenges. */
	cities: { slug: string; name: string; country: string; challenge_count: number }[];
}

/** A directory card: the profile in the visitor's language when it has a version in it. */
export interface VendorCardData extends OrganisationSummary {
	/** The language of the profile shown (a version's or the original's). */
	profile_lang: string;
}

export interface VendorDirectory {
	vendors: VendorCardData[];
	total: number;
	page: number;
	pages: number;
	/** Every country with at least one vendor (for the country filter), whatever the filters. */
	countries: string[];
}

const SUMMARY_COLUMNS =
	'id, kind, slug, name, country, website, domains, verified, profile, contact_email';

/** A website as a link target: http(s) only, so a stored `javascript:` URL can never be clicked. */
export function safeWebsite(url: string | null | undefined): string | null {
	if (!url) return null;
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
	} catch {
		return null;
	}
}

/**
 * A name search as an ILIKE pattern: `%` and `_` match themselves, and `*` (PostgREST's wildcard
 * alias) matches any one character, which includes a literal `*`.
 */
export function namePattern(q: string): string {
	return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '_')}%`;
}

/** Only http(s) websites are ever linked; anything else is dropped. */
function toSummary(row: OrganisationSummary): OrganisationSummary {
	return {
		id: row.id,
		kind: row.kind,
		slug: row.slug,
		name: row.name,
		country: row.country,
		website: safeWebsite(row.website),
		domains: row.domains,
		verified: row.verified,
		profile: row.profile,
		contact_email: row.contact_email
	};
}

/** A value inside a PostgREST `or=(…)` filter, quoted: commas, dots and brackets stay literal. */
function orValue(value: string): string {
	return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The word search of the directory as PostgREST `or` filters, one per word (all must hold): each
 * word inside the vendor's name or its profile ("parking sensors" finds ParkFlow, whose profile
 * says "In-ground parking sensors"). At most six words.
 */
export function vendorWordFilters(q: string): string[] {
	const words = [...new Set(q.split(/\s+/).filter(Boolean))].slice(0, 6);
	return words.map((word) => {
		const pattern = orValue(namePattern(word));
		return `name.ilike.${pattern},profile.ilike.${pattern}`;
	});
}

/**
 * Vendors by name, filtered by domain (any of), country and words of their name or profile (the
 * original's), each profile shown in `locale` when it has a version in it.
 */
export async function listVendors(
	db: Db,
	query: DirectoryQuery,
	locale: string
): Promise<VendorDirectory> {
	const filtered = () => {
		let q = db
			.from('organisations')
			.select(
				`${SUMMARY_COLUMNS}, profile_language, translations:organisation_translations (language, profile)`,
				{ count: 'exact' }
			)
			.eq('kind', 'vendor');
		if (query.domain.length) q = q.overlaps('domains', query.domain);
		if (query.country) q = q.eq('country', query.country);
		for (const filter of vendorWordFilters(query.q)) q = q.or(filter);
		return q;
	};
	const from = (query.page - 1) * DIRECTORY_PER_PAGE;
	const [found, countries] = await Promise.all([
		filtered()
			.order('name')
			.order('id')
			.range(from, from + DIRECTORY_PER_PAGE - 1),
		db.from('organisations').select('country').eq('kind', 'vendor')
	]);
	const countryRows = dataOrThrow(countries);
	let total = found.count ?? 0;
	let rows = found.data ?? [];
	if (found.error?.code === 'PGRST103') {
		// A page past the end is not an error but an empty page; the count still says how many exist.
		const counted = await filtered().range(0, 0);
		if (counted.error) throwHttp(dataError(counted.error, counted.status));
		total = counted.count ?? 0;
		rows = [];
	} else if (found.error) {
		throwHttp(dataError(found.error, found.status));
	}

	return {
		vendors: rows.map((row) => {
			const shown = profileInLanguage(row, row.translations, locale);
			return { ...toSummary(row), profile: shown.text, profile_lang: shown.language };
		}),
		total,
		page: query.page,
		pages: Math.max(1, Math.ceil(total / DIRECTORY_PER_PAGE)),
		countries: [...new Set(countryRows.map((r) => r.country))].sort()
	};
}

/** One organisation of any kind by slug, with its cities and their public challenge counts. */
export async function getOrganisation(db: Db, slug: string): Promise<OrganisationProfile | null> {
	const row = dataOrThrow(
		await db
			.from('organisations')
			.select(
				`${SUMMARY_COLUMNS}, profile_language, translations:organisation_translations (language, profile)`
			)
			.eq('slug', slug)
			.maybeSingle()
	);
	if (!row) return null;
	// A second request: visitors may embed one level deep (private.api_read_allowed).
	const cities = dataOrThrow(
		await db
			.from('cities')
			.select('slug, name, country, challenges (count)')
			.eq('organisation_id', row.id)
	);
	return {
		...toSummary(row),
		profile_language: row.profile_language,
		translations: row.translations,
		cities: cities
			.map((c) => ({
				slug: c.slug,
				name: c.name,
				country: c.country,
				// Public challenges only: RLS filters the embedded rows.
				challenge_count: c.challenges[0]?.count ?? 0
			}))
			.sort((a, b) => a.name.localeCompare(b.name))
	};
}
