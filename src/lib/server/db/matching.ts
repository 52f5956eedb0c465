// Matching (issue 14, docs/collaboration.md § Matching): typed calls of the matching functions
// (migration 20261207001200_matching.sql). Every call runs with the signed-in member's client: the
// database decides who may (each function checks the caller; RLS on the joint challenge tables).
import type { Database } from '$lib/database.types';
import type { Db } from '$lib/server/db/client';
import { dataError, dataOrThrow } from '$lib/server/errors';
import { clustersFrom, type Cluster } from '$lib/domain/matching/clusters';
import { createChallenge } from '$lib/server/db/manage-challenges';
import { inLanguage, versionsFromRows, type Shown } from '$lib/domain/challenges/versions';

type Functions = Database['public']['Functions'];
export type MatchingChallenge = Functions['matching_challenges']['Returns'][number];
export type SimilarVendor = Functions['similar_challenge_vendors']['Returns'][number];
export type JointChallenge = Database['public']['Tables']['joint_challenges']['Row'];

/**
 * The open challenges that fit a vendor organisation, best first, with the reasons; each in
 * `locale` when it has a version in it (docs/collaboration.md#languages).
 */
export async function matchingChallenges(
	db: Db,
	organisationId: string,
	locale: string,
	max = 10
): Promise<Shown<MatchingChallenge>[]> {
	const rows = dataOrThrow(
		await db.rpc('matching_challenges', { org: organisationId, max_results: max })
	);
	if (rows.length === 0) return [];
	const versions = dataOrThrow(
		await db
			.from('challenge_translations')
			.select('challenge_id, language, title, summary')
			.in(
				'challenge_id',
				rows.map((r) => r.id)
			)
	);
	return rows.map((r) =>
		inLanguage(r, versionsFromRows(versions.filter((v) => v.challenge_id === r.id)), locale)
	);
}

/** Vendors of similar challenges in other cities (the owning city's members only). */
export async function similarChallengeVendors(
	db: Db,
	challengeId: string
): Promise<SimilarVendor[]> {
	return dataOrThrow(await db.rpc('similar_challenge_vendors', { challenge: challengeId }));
}

/** Clusters of similar challenges across cities (hub staff only). */
export async function challengeClusters(db: Db): Promise<Cluster[]> {
	const { data, error, status } = await db.rpc('challenge_clusters');
	if (error) throw dataError(error, status);
	return clustersFrom(data);
}

/** Starts (or finds: the same set again) a joint challenge draft (hub staff only). */
export async function startJointChallenge(
	db: Db,
	args: { challenges: string[]; title: string; summary: string }
): Promise<JointChallenge> {
	const { data, error, status } = await db.rpc('start_joint_challenge', args).single();
	if (error) throw dataError(error, status);
	return data;
}

export interface JointChallengeLine extends JointChallenge {
	links: {
		source_challenge_id: string;
		organisation_id: string;
		challenge: {
			slug: string;
			title: string;
			language: string;
			city: { name: string } | null;
		} | null;
	}[];
}

const JOINT_LINE =
	'*, links:joint_challenge_cities(source_challenge_id, organisation_id, challenge:challenges(slug, title, language, city:cities(name)))';

/** The joint challenge drafts the member may read (hub staff: all; a city: those linking it). */
export async function jointChallenges(db: Db, limit = 50): Promise<JointChallengeLine[]> {
	return dataOrThrow(
		await db
			.from('joint_challenges')
			.select(JOINT_LINE)
			.order('created_at', { ascending: false })
			.order('id')
			.limit(limit)
	);
}

/**
 * A city's own challenge draft from a joint challenge draft that links it (the existing
 * create_challenge, which checks the organisation and its city): the joint title, the domain, the
 * city and language of the city's linked challenge, the joint summary when it fits a challenge's
 * (10–600 characters; else the linked challenge's). A draft of the organisation with the same
 * title already there is returned instead (a double-clicked button makes one draft).
 */
export async function adoptJointChallenge(
	db: Db,
	organisationId: string,
	jointId: string
): Promise<{ slug: string } | null> {
	const joint = dataOrThrow(
		await db.from('joint_challenges').select(JOINT_LINE).eq('id', jointId).maybeSingle()
	);
	const link = joint?.links.find((l) => l.organisation_id === organisationId);
	if (!joint || !link) return null;
	const existing = dataOrThrow(
		await db
			.from('challenges')
			.select('slug')
			.eq('organisation_id', organisationId)
			.eq('status', 'draft')
			.eq('title', joint.title)
			.limit(1)
	);
	if (existing[0]) return existing[0];
	const source = dataOrThrow(
		await db
			.from('challenges')
			.select('city_id, summary, language')
			.eq('id', link.source_challenge_id)
			.maybeSingle()
	);
	if (!source) return null;
	const summary = joint.summary.trim();
	const others = joint.links
		.filter((l) => l.organisation_id !== organisationId && l.challenge)
		.map((l) => `- ${l.challenge!.city?.name ?? ''}: ${l.challenge!.title}`);
	const made = await createChallenge(db, {
		organisation: organisationId,
		city: source.city_id,
		title: joint.title,
		summary: summary.length >= 10 && summary.length <= 600 ? summary : source.summary,
		domain: joint.domain,
		language: source.language,
		description: [summary, others.join('\n')].filter(Boolean).join('\n\n')
	});
	return { slug: made.slug };
}
