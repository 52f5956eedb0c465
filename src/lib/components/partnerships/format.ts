import { getLocale } from '$lib/paraglide/runtime.js';

const tag = () => (getLocale() === 'zh' ? 'zh-CN' : 'en-GB');

/** A date without a time (a due date, YYYY-MM-DD), in the reader's language. */
export function formatDay(day: string): string {
	return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(`${day.slice(0, 10)}T00:00:00Z`)
	);
}

/** A moment, in UTC (the portal's day). */
export function formatMoment(iso: string): string {
	return (
		new Intl.DateTimeFormat(tag(), {
			dateStyle: 'medium',
			timeStyle: 'short',
			timeZone: 'UTC'
		}).format(new Date(iso)) + ' UTC'
	);
}
