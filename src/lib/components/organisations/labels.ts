import type { OrgKind } from '$lib/domain/organisations/directory-params';
import { m } from '$lib/paraglide/messages.js';

/** Translated organisation kinds; functions so they follow the current locale. */
export const orgKindLabel: Record<OrgKind, () => string> = {
	city: m.org_kind_city,
	vendor: m.org_kind_vendor,
	hub: m.org_kind_hub
};

/** A website as short link text: host and path, without the scheme or a trailing slash. */
export function websiteText(url: string): string {
	return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}
