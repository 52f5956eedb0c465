import { domainLabel, regionLabel } from '$lib/components/challenges/labels';
import { partnershipStageLabel } from '$lib/components/review/labels';
import type { Domain, Region } from '$lib/domain/challenges/vocabulary';
import type { CategoryKind, InsightChart, InsightRow } from '$lib/domain/insights/tables';
import { m } from '$lib/paraglide/messages.js';

/** Each chart's heading and caption (what is counted), in the current language. */
export const chartText: Record<InsightChart, { heading: () => string; caption: () => string }> = {
	'challenges-by-domain': {
		heading: m.insights_domain_heading,
		caption: m.insights_domain_caption
	},
	'challenges-by-region': {
		heading: m.insights_region_heading,
		caption: m.insights_region_caption
	},
	'proposals-per-challenge': {
		heading: m.insights_proposals_heading,
		caption: m.insights_proposals_caption
	},
	'time-to-first-proposal': { heading: m.insights_ttfp_heading, caption: m.insights_ttfp_caption },
	'shortlist-rate': {
		heading: m.insights_shortlist_heading,
		caption: m.insights_shortlist_caption
	},
	pipeline: { heading: m.insights_pipeline_heading, caption: m.insights_pipeline_caption },
	deployments: {
		heading: m.insights_deployments_heading,
		caption: m.insights_deployments_caption
	}
};

export const categoryLabel: Record<CategoryKind, () => string> = {
	domain: m.insights_col_domain,
	region: m.insights_col_region,
	proposals: m.insights_col_proposals,
	stage: m.insights_col_stage,
	month: m.insights_col_month
};

const columnLabels: Record<string, () => string> = {
	challenges: m.insights_col_challenges,
	median_days: m.insights_col_median_days,
	challenges_measured: m.insights_col_challenges_measured,
	rate_percent: m.insights_col_rate_percent,
	shortlisted_or_selected: m.insights_col_shortlisted_or_selected,
	decided: m.insights_col_decided,
	submitted: m.insights_col_submitted,
	partnerships: m.insights_col_partnerships,
	deployments: m.insights_col_deployments
};

/** A value column's heading (the CSV's column name when there is no wording for it). */
export function columnLabel(column: string): string {
	return columnLabels[column]?.() ?? column;
}

function isDomain(code: string): code is Domain {
	return Object.hasOwn(domainLabel, code);
}

function isRegion(code: string): code is Region {
	return Object.hasOwn(regionLabel, code);
}

/** A row's category in words: a domain, a region's name, "5 or more", a stage, a month. */
export function rowLabel(kind: CategoryKind, row: InsightRow): string {
	switch (kind) {
		case 'domain':
			if (row.code === 'all') return m.insights_all_domains();
			return isDomain(row.code) ? domainLabel[row.code]() : row.code;
		case 'region':
			return isRegion(row.code) ? regionLabel[row.code]() : (row.name ?? row.code);
		case 'proposals':
			return row.code === '5+' ? m.insights_five_plus() : row.code;
		case 'stage':
			return partnershipStageLabel(row.code);
		case 'month':
			return row.code;
	}
}
