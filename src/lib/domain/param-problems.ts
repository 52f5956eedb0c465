import type { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

/**
 * One line per bad URL parameter, in the visitor's language, naming the parameter and what it
 * accepts, e.g. `domain: "space" is not one of technologies, mobility, environment, utilities`.
 * Formats the schemas check themselves (a city slug, a country code) carry their own translated
 * message (`error: () => m.…`); anything else gets a plain "cannot be used", never the
 * validation library's wording.
 */
export function describeParamProblems(params: URLSearchParams, issues: z.core.$ZodIssue[]): string {
	const lines = issues.map((issue) => {
		const key = String(issue.path[0] ?? 'query');
		switch (issue.code) {
			case 'invalid_value': {
				const allowed = issue.values.map(String);
				const given = params
					.getAll(key)
					.flatMap((v) => v.split(','))
					.map((v) => v.trim())
					.find((v) => v && !allowed.includes(v));
				return given
					? m.param_not_one_of({ key, given, allowed: allowed.join(', ') })
					: m.param_value_not_one_of({ key, allowed: allowed.join(', ') });
			}
			case 'invalid_type':
				return issue.expected === 'number' || issue.expected === 'int'
					? m.param_whole_number({ key })
					: m.param_invalid({ key });
			case 'too_big':
				return m.param_too_many({ key });
			case 'invalid_format':
				return issue.message;
			default:
				return m.param_invalid({ key });
		}
	});
	return [...new Set(lines)].join('; ');
}
