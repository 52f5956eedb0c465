/**
 * The challenge vocabulary from the database's enums: domains, kinds, the lifecycle, outcomes,
 * priority areas and regions, and which statuses are public. Zod-free, so the browser can use it.
 */
import { Constants } from '$lib/database.types';

/**
 * The database's enums, from the generated types: a value added by a migration (and `npm run
 * db:types`) reaches the filters, the validation and the labels' type checks without another edit.
 */
const ENUMS = Constants.public.Enums;

/** The four domains of the Collaboration List. */
export const DOMAINS = ENUMS.challenge_domain;
export type Domain = (typeof DOMAINS)[number];

export const KINDS = ENUMS.challenge_kind;
export type Kind = (typeof KINDS)[number];

/** A challenge's lifecycle: draft → open → in_review → decided → archived, or withdrawn. */
export const STATUSES = ENUMS.challenge_status;
export type Status = (typeof STATUSES)[number];

/** How a decided challenge ended. */
export const OUTCOMES = ENUMS.challenge_outcome;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The statuses no visitor ever sees. "Public" is defined once, by the database function
 * private.challenge_is_public(); tests/integration/api-surface.test.ts fails when this list and
 * that function disagree.
 */
const HIDDEN_STATUSES = ['draft', 'withdrawn'] as const satisfies readonly Status[];
export type PublicStatus = Exclude<Status, (typeof HIDDEN_STATUSES)[number]>;

/** Whether a visitor may see a challenge in this status (as the database decides). */
export function isPublicStatus(status: string): status is PublicStatus {
	return (
		(STATUSES as readonly string[]).includes(status) &&
		!(HIDDEN_STATUSES as readonly string[]).includes(status)
	);
}

/** Statuses a visitor can see, in lifecycle order. */
export const PUBLIC_STATUSES = nonEmpty(STATUSES.filter(isPublicStatus));

export const PRIORITY_AREAS = ENUMS.priority_area;
export type PriorityArea = (typeof PRIORITY_AREAS)[number];

/** Region slugs; rows live in `public.regions`. */
export const REGIONS = [
	'east-asia',
	'southeast-asia',
	'south-asia',
	'europe',
	'latin-america',
	'africa',
	'middle-east',
	'north-america',
	'oceania'
] as const;
export type Region = (typeof REGIONS)[number];

/** A list known to hold at least one value, typed so (z.enum needs a non-empty tuple). */
function nonEmpty<T>(list: T[]): [T, ...T[]] {
	const [first, ...rest] = list;
	if (first === undefined) throw new Error('expected at least one value');
	return [first, ...rest];
}
