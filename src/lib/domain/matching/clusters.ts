// Clusters of similar challenges across cities (issue 14, hub staff): the shape the database's
// challenge_clusters() answers, read without trusting it blindly, and the joint challenge form.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { DOMAINS, STATUSES } from '$lib/domain/challenges/vocabulary';

export const JOINT_TITLE_MIN = 3;
export const JOINT_TITLE_MAX = 200;
export const JOINT_SUMMARY_MAX = 1000;

const clusterSchema = z.object({
	key: z.guid(),
	domain: z.enum(DOMAINS),
	cities: z.number().int(),
	challenges: z.array(
		z.object({
			id: z.guid(),
			slug: z.string(),
			title: z.string(),
			language: z.string(),
			status: z.enum(STATUSES),
			city_name: z.string(),
			city_slug: z.string()
		})
	)
});
export type Cluster = z.infer<typeof clusterSchema>;

/** The clusters of challenge_clusters()'s JSON (throws on a shape the page cannot show). */
export function clustersFrom(json: unknown): Cluster[] {
	return z.array(clusterSchema).parse(json);
}

/** A first title for a joint challenge: the cluster's shortest title, which is usually the need. */
export function suggestedJointTitle(cluster: Cluster): string {
	const titles = cluster.challenges.filter((c) => c.language === 'en').map((c) => c.title);
	const pool = titles.length > 0 ? titles : cluster.challenges.map((c) => c.title);
	return [...pool].sort((a, b) => a.length - b.length || a.localeCompare(b))[0] ?? '';
}

/** Starting a joint challenge from a cluster: its challenges (2 or more), a title, a summary. */
export const jointChallengeSchema = z.object({
	cluster: z.guid(),
	title: z
		.string()
		.trim()
		.min(JOINT_TITLE_MIN, { error: () => m.matching_joint_error_title() })
		.max(JOINT_TITLE_MAX, { error: () => m.matching_joint_error_title() }),
	summary: z
		.string()
		.trim()
		.max(JOINT_SUMMARY_MAX, { error: () => m.matching_joint_error_summary() })
});
