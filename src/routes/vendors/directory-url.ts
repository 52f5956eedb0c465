import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { withQuery } from '$lib/components/ui/href';
import {
	DOMAINS,
	toDirectoryParams,
	type DirectoryQuery,
	type Domain
} from '$lib/domain/organisations/directory-params';

/** The canonical URL of a directory search. */
export function directoryHref(query: Partial<DirectoryQuery>): ResolvedPathname {
	return withQuery(resolve('/vendors'), toDirectoryParams(query));
}

/**
 * Reads the directory form into its canonical URL (back to page 1). The server validates the
 * values again when the URL loads.
 */
export function directoryFormHref(form: HTMLFormElement): ResolvedPathname {
	const data = new FormData(form);
	const text = (key: string) => {
		const v = data.get(key);
		return typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '';
	};
	const domain = data
		.getAll('domain')
		.filter((v): v is Domain => typeof v === 'string' && DOMAINS.includes(v as Domain));
	return directoryHref({ q: text('q'), domain, country: text('country') || null, page: 1 });
}
