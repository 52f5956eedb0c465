import type {
	Domain,
	Kind,
	PriorityArea,
	Region,
	Outcome,
	Status
} from '$lib/domain/challenges/vocabulary';
import type { Sort } from '$lib/domain/challenges/list-params';
import { m } from '$lib/paraglide/messages.js';

/** Translated labels for the list's enums; each is a function so it follows the current locale. */
export const domainLabel: Record<Domain, () => string> = {
	technologies: m.domain_technologies,
	mobility: m.domain_mobility,
	environment: m.domain_environment,
	utilities: m.domain_utilities
};

export const kindLabel: Record<Kind, () => string> = {
	challenge: m.kind_challenge,
	opportunity: m.kind_opportunity
};

export const statusLabel: Record<Status, () => string> = {
	draft: m.status_draft,
	open: m.status_open,
	in_review: m.status_in_review,
	decided: m.status_decided,
	archived: m.status_archived,
	withdrawn: m.status_withdrawn
};

export const outcomeLabel: Record<Outcome, () => string> = {
	awarded: m.outcome_awarded,
	not_awarded: m.outcome_not_awarded
};

export const priorityLabel: Record<PriorityArea, () => string> = {
	'smart-governance': m.priority_smart_governance,
	'green-transition': m.priority_green_transition,
	'infrastructure-renewal': m.priority_infrastructure_renewal,
	'digital-inclusion': m.priority_digital_inclusion,
	'public-safety': m.priority_public_safety,
	'circular-economy': m.priority_circular_economy,
	'climate-resilience': m.priority_climate_resilience,
	'public-health': m.priority_public_health
};

export const regionLabel: Record<Region, () => string> = {
	'east-asia': m.region_east_asia,
	'southeast-asia': m.region_southeast_asia,
	'south-asia': m.region_south_asia,
	europe: m.region_europe,
	'latin-america': m.region_latin_america,
	africa: m.region_africa,
	'middle-east': m.region_middle_east,
	'north-america': m.region_north_america,
	oceania: m.region_oceania
};

export const sortLabel: Record<Sort, () => string> = {
	relevance: m.sort_relevance,
	deadline: m.sort_deadline,
	newest: m.sort_newest,
	budget: m.sort_budget
};

/** A region's translated name, falling back to the name stored in the database for unknown slugs. */
export function regionName(slug: string, fallback: string): string {
	return slug in regionLabel ? regionLabel[slug as Region]() : fallback;
}
