import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { describeParamProblems } from '$lib/domain/param-problems';
import {
	DOMAINS,
	MAX_DIRECTORY_PAGE,
	MAX_NAME_QUERY_LENGTH,
	type DirectoryQuery
} from '$lib/domain/organisations/directory-params';

// Kinds, limits and toDirectoryParams live in ./directory-params (no zod, so the browser can use them).
export * from '$lib/domain/organisations/directory-params';

/**
 * The vendor directory's URL parameters. The name search is trimmed and cut; the page is clamped;
 * an unknown domain or a malformed country code is refused (the caller answers 400).
 */
export const directoryQuerySchema = z.object({
	q: z
		.string()
		.default('')
		.transform((s) =>
			s
				// Control characters (NUL among them) mean nothing in a name and Postgres refuses NUL.
				// eslint-disable-next-line no-control-regex
				.replace(/[\u0000-\u001f\u007f]/g, ' ')
				.replace(/\s+/g, ' ')
				.trim()
				.slice(0, MAX_NAME_QUERY_LENGTH)
		),
	domain: z
		.array(z.enum(DOMAINS))
		.max(DOMAINS.length * 2)
		.default([])
		.transform((v) => [...new Set(v)]),
	country: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z]{2}$/, { error: () => m.param_country_code({ key: 'country' }) })
		.nullable()
		.default(null),
	page: z.coerce
		.number()
		.int()
		.default(1)
		.transform((n) => Math.min(Math.max(n, 1), MAX_DIRECTORY_PAGE))
}) satisfies z.ZodType<DirectoryQuery, unknown>;

/** Reads the directory's URL parameters (repeated `domain` keys or a comma list). */
export function parseDirectoryParams(params: URLSearchParams) {
	const domain = params
		.getAll('domain')
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean);
	return directoryQuerySchema.safeParse({
		q: params.get('q') ?? undefined,
		domain,
		country: params.get('country')?.trim() || undefined,
		page: params.get('page') || undefined
	});
}

/** One line per bad parameter, in the visitor's language (see describeParamProblems). */
export function describeDirectoryProblems(params: URLSearchParams, error: z.ZodError): string {
	return describeParamProblems(params, error.issues);
}
