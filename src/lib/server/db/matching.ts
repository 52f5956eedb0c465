// Matching (issue 14, docs/collaboration.md § Matching): typed calls of the matching functions
// (migration 20261207001200_matching.sql). Every call runs with the signed-in member's client: the
// database decides who may (each function checks the caller; RLS on the joint challenge tables).
import type { Database } from '$lib/database.types';
import type { Db } from '$lib/server/db/client';
import { dataError, dataOrThrow } from '$lib/server/errors';
import { clustersFrom, type Cluster } from '$lib/domain/matching/clusters';

type Functions = Database['public']['Functions'];
export type MatchingChallenge = Functions['matching_challenges']['Returns'][number];
export type SimilarVendor = Functions['similar_challenge_vendors']['Returns'][number];
export type JointChallenge = Database['public']['Tables']['joint_challenges']['Row'];

/** The open challenges that fit a vendor organisation, best first, with the reasons. */
export async function matchingChallenges(
	db: Db,
	organisationId: string,
	max = 10
): Promise<MatchingChallenge[]> {
	return dataOrThrow(
		await db.rpc('matching_challenges', { org: organisationId, max_results: max })
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

/** The joint challenge drafts the member may read (hub staff: all; a city: those linking it). */
export async function jointChallenges(db: Db, limit = 50): Promise<JointChallengeLine[]> {
	return dataOrThrow(
		await db
			.from('joint_challenges')
			.select(
				'*, links:joint_challenge_cities(source_challenge_id, organisation_id, challenge:challenges(slug, title, language, city:cities(name)))'
			)
			.order('created_at', { ascending: false })
			.order('id')
			.limit(limit)
	);
}
