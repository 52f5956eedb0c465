/**
 * The shape of public.hub_insights() (migration 20261207001100_hub_insights.sql), checked when it
 * arrives so the page and the CSV files work with typed rows. What each number counts is written
 * in the migration's header and on the page.
 */
import { z } from 'zod';
import { Constants } from '$lib/database.types';

const domain = z.enum(Constants.public.Enums.challenge_domain);
const stage = z.enum(Constants.public.Enums.partnership_stage);
const count = z.number().int().nonnegative();

export const insightsSchema = z.object({
	challenges_by_domain: z.array(z.object({ domain, challenges: count })),
	challenges_by_region: z.array(
		z.object({ region: z.string(), name: z.string(), challenges: count })
	),
	/** proposals: 0…5, where 5 means five or more. */
	proposals_per_challenge: z.array(z.object({ proposals: count, challenges: count })),
	time_to_first_proposal: z.array(
		z.object({ domain, challenges: count, median_days: z.number().nullable() })
	),
	shortlist_rate: z.array(
		z.object({
			domain: z.union([domain, z.literal('all')]),
			submitted: count,
			decided: count,
			shortlisted: count,
			rate: z.number().nullable()
		})
	),
	pipeline: z.array(z.object({ stage, partnerships: count })),
	deployments: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), deployments: count }))
});
export type Insights = z.infer<typeof insightsSchema>;
