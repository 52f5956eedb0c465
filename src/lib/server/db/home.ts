// The role-aware home's reads (/app, issue 12), each with the member's own client: RLS decides
// (a city's members read their organisation's drafts; everyone else public challenges only).
import type { Tables } from '$lib/database.types';
import type { Db } from '$lib/server/db/client';
import type { PostgrestError } from '@supabase/supabase-js';
import { dataError, dataOrThrow } from '$lib/server/errors';
import { PUBLIC_STATUSES } from '$lib/domain/challenges/vocabulary';
import { inLanguage, versionsFromRows, type Shown } from '$lib/domain/challenges/versions';

type Challenge = Tables<'challenges'>;
export type HomeChallenge = Pick<
	Challenge,
	'id' | 'slug' | 'title' | 'summary' | 'language' | 'domain' | 'status' | 'outcome' | 'deadline'
> & { city: { slug: string; name: string; country: string } | null };

const COLUMNS =
	'id, slug, title, summary, language, domain, status, outcome, deadline, city:cities(slug, name, country)';

/**
 * Every challenge of the organisation, drafts included, last changed first (a city's home), each in
 * `locale` when it has a version in it (docs/collaboration.md#languages).
 */
export async function organisationChallenges(
	db: Db,
	organisationId: string,
	locale: string,
	limit = 50
): Promise<Shown<HomeChallenge>[]> {
	const rows = dataOrThrow(
		await db
			.from('challenges')
			.select(`${COLUMNS}, versions:challenge_translations (language, title, summary)`)
			.eq('organisation_id', organisationId)
			.order('updated_at', { ascending: false })
			.order('id')
			.limit(limit)
	);
	return rows.map(({ versions, ...c }) => inLanguage(c, versionsFromRows(versions), locale));
}

/** An organisation's domains (a vendor's profile decides what "fits" means). */
export async function organisationDomains(db: Db, organisationId: string) {
	const row = dataOrThrow(
		await db.from('organisations').select('domains').eq('id', organisationId).maybeSingle()
	);
	return row?.domains ?? [];
}

export interface HubOverview {
	unverified: number;
	organisations: { city: number; vendor: number };
	challenges: Record<(typeof PUBLIC_STATUSES)[number], number>;
}

/** What hub staff see first: who waits for verification, and the list's size by status. */
export async function hubOverview(db: Db): Promise<HubOverview> {
	const count = async (
		q: PromiseLike<{ count: number | null; error: PostgrestError | null; status: number }>
	) => {
		const { count: n, error, status } = await q;
		if (error) throw dataError(error, status);
		return n ?? 0;
	};
	const orgs = (kind: 'city' | 'vendor') =>
		count(db.from('organisations').select('id', { count: 'exact', head: true }).eq('kind', kind));
	const [unverified, city, vendor, ...byStatus] = await Promise.all([
		count(
			db
				.from('organisations')
				.select('id', { count: 'exact', head: true })
				.eq('verified', false)
				.neq('kind', 'hub')
		),
		orgs('city'),
		orgs('vendor'),
		...PUBLIC_STATUSES.map((s) =>
			count(db.from('challenges').select('id', { count: 'exact', head: true }).eq('status', s))
		)
	]);
	return {
		unverified,
		organisations: { city, vendor },
		challenges: Object.fromEntries(PUBLIC_STATUSES.map((s, i) => [s, byStatus[i] ?? 0])) as Record<
			(typeof PUBLIC_STATUSES)[number],
			number
		>
	};
}
