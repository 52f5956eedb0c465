import { page } from '$app/state';

/**
 * A city's name in the page's language: its Chinese name on the Chinese pages when it has one
 * (loaded by the root layout), its own name otherwise.
 */
export function cityName(slug: string | undefined, name: string): string {
	const names = (page.data as { cityNames?: Record<string, string> }).cityNames;
	return (slug && names?.[slug]) || name;
}
