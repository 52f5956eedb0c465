import type { Domain, Kind, PriorityArea, PublicStatus } from '$lib/domain/challenges/schema';
import type { Db } from '$lib/server/db/client';
import type { OrganisationLink } from '$lib/server/db/organisations';
import {
	ServiceUnavailableError,
	serviceUnavailable,
	unavailableOr,
	upstreamCause
} from '$lib/server/errors';

/** Everything the challenge page shows. Drafts and withdrawn challenges never come back (RLS). */
export interface ChallengeDetail {
	id: string;
	slug: string;
	kind: Kind;
	title: string;
	summary: string;
	description: string;
	domain: Domain;
	priority_areas: PriorityArea[];
	expected_outcomes: string | null;
	budget_min: number | null;
	budget_max: number | null;
	currency: string | null;
	deadline: string | null;
	status: PublicStatus;
	language: string;
	contact_name: string | null;
	contact_email: string | null;
	published_at: string | null;
	city: {
		id: string;
		slug: string;
		name: string;
		country: string;
		time_zone: string | null;
		/** The city organisation that owns the city, and so publishes its challenges. */
		organisation: OrganisationLink | null;
	};
	region: { slug: string; name: string };
}

/** The fields of a challenge card (a subset of a search hit). */
export interface ChallengeSummary {
	id: string;
	slug: string;
	kind: Kind;
	language: string;
	title: string;
	summary: string;
	domain: Domain;
	status: PublicStatus;
	deadline: string | null;
	published_at: string | null;
	budget_min: number | null;
	budget_max: number | null;
	currency: string | null;
	city: { slug: string; name: string; country: string };
}

const num = (v: unknown) => (v == null ? null : Number(v));

export async function getPublicChallenge(db: Db, slug: string): Promise<ChallengeDetail | null> {
	const { data, error, status } = await db
		.from('challenges')
		.select(
			`id, slug, kind, title, summary, description, domain, priority_areas, expected_outcomes,
			budget_min, budget_max, currency, deadline, status, language, contact_name, contact_email,
			published_at,
			city:cities!inner (id, slug, name, country, time_zone, organisation:organisations (slug, name, verified), region_row:regions!inner (slug, name))`
		)
		.eq('slug', slug)
		.maybeSingle();
	if (error) unavailableOr(error, status);
	if (!data) return null;
	type Row = Omit<ChallengeDetail, 'city' | 'region'> & {
		city: ChallengeDetail['city'] & { region_row: ChallengeDetail['region'] };
	};
	const { city, ...row } = data as unknown as Row;
	const { region_row, ...cityRest } = city;
	return {
		...row,
		budget_min: num(row.budget_min),
		budget_max: num(row.budget_max),
		priority_areas: row.priority_areas ?? [],
		city: cityRest,
		region: region_row
	};
}

/** A city's public challenges, open ones with the nearest deadline first. */
export async function listCityChallenges(
	db: Db,
	city: { id: string; slug: string; name: string; country: string }
): Promise<ChallengeSummary[]> {
	const { data, error, status } = await db
		.from('challenges')
		.select(
			'id, slug, kind, language, title, summary, domain, status, deadline, published_at, budget_min, budget_max, currency'
		)
		.eq('city_id', city.id)
		.order('deadline', { ascending: true, nullsFirst: false })
		.limit(200);
	if (error) unavailableOr(error, status);
	const rows = (data ?? []) as unknown as Omit<ChallengeSummary, 'city'>[];
	const order = (s: PublicStatus) => (s === 'open' ? 0 : 1);
	return rows
		.map((r) => ({
			...r,
			budget_min: num(r.budget_min),
			budget_max: num(r.budget_max),
			city: { slug: city.slug, name: city.name, country: city.country }
		}))
		.sort((a, b) => order(a.status) - order(b.status));
}

/**
 * Runs a data call and turns a ServiceUnavailableError (thrown by the search engines when the
 * gateway or database is down) into the friendly 503 page; every other error passes through.
 */
export async function or503<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof ServiceUnavailableError) serviceUnavailable(upstreamCause(e.cause));
		throw e;
	}
}
