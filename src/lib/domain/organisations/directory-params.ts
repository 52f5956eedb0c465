/**
 * The zod-free half of the vendor directory's contract: kinds, limits and the canonical URL builder.
 * Safe to import in the browser (schema.ts re-exports it; the zod schema stays server-side).
 */
import { Constants } from '$lib/database.types';
import type { Domain } from '$lib/domain/challenges/vocabulary';

export { DOMAINS, type Domain } from '$lib/domain/challenges/vocabulary';

/** The `org_kind` enum, from the generated types. */
export const ORG_KINDS = Constants.public.Enums.org_kind;
export type OrgKind = (typeof ORG_KINDS)[number];

export const MAX_NAME_QUERY_LENGTH = 100;
export const DIRECTORY_PER_PAGE = 24;
export const MAX_DIRECTORY_PAGE = 100;

/** A search of the vendor directory, as the schema returns it. */
export interface DirectoryQuery {
	/** Words of an organisation's name or profile (each must be in one of them), trimmed; '' for none. */
	q: string;
	/** Vendors working in any of these domains; [] for all. */
	domain: Domain[];
	/** ISO 3166 alpha-2 code in upper case, or null for every country. */
	country: string | null;
	page: number;
}

/** The canonical query string of a directory search (stable order, defaults omitted). */
export function toDirectoryParams(query: Partial<DirectoryQuery>): URLSearchParams {
	const out = new URLSearchParams();
	if (query.q) out.set('q', query.q);
	for (const d of [...(query.domain ?? [])].sort()) out.append('domain', d);
	if (query.country) out.set('country', query.country);
	if (query.page && query.page > 1) out.set('page', String(query.page));
	return out;
}
