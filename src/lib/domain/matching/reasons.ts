// Why a challenge fits a vendor (issue 14): the reasons matching_challenges() returns, in words
// ("Your domain: Utilities · In Malaysia · Mentions: flood, sensors").
import { m } from '$lib/paraglide/messages.js';

export interface MatchReasonInput {
	domain_match: boolean;
	country_match: boolean;
	mentions: string[];
}

/** The reasons in the order the score weighs them: domain, country, the profile's words. */
export function matchReasons(
	row: MatchReasonInput,
	words: { domain: string; country: string }
): string[] {
	const reasons: string[] = [];
	if (row.domain_match) reasons.push(m.matching_reason_domain({ domain: words.domain }));
	if (row.country_match) reasons.push(m.matching_reason_country({ country: words.country }));
	if (row.mentions.length > 0)
		reasons.push(m.matching_reason_mentions({ words: row.mentions.join(', ') }));
	return reasons;
}
