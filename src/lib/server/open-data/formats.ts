import { stringify } from 'csv-stringify/sync';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { Feed } from 'feed';
import { escapeHtml } from '$lib/server/search/html';
import { challengeUrl, type OpenChallenge } from '$lib/server/open-data/export';
import { inLanguage, VERSION_LANGUAGES } from '$lib/domain/challenges/versions';

/** The texts of a version the CSV carries, one column each per portal language. */
const VERSION_TEXTS = ['title', 'summary', 'description'] as const;

/** title_en, summary_en, description_en, title_zh, …: empty where there is no version. */
export const CSV_VERSION_COLUMNS = VERSION_LANGUAGES.flatMap((language) =>
	VERSION_TEXTS.map((text) => `${text}_${language}` as const)
);

/**
 * The language of the feed and the calendar. They are files a reader or a calendar fetches without
 * a language preference, so they say what a visitor with none reads (the portal's base language):
 * the English version where there is one, the original otherwise.
 */
const FEED_LANGUAGE = 'en';

export const CSV_COLUMNS = [
	'id',
	'slug',
	'url',
	'kind',
	'title',
	'summary',
	'domain',
	'priority_areas',
	'status',
	'outcome',
	'deadline',
	'published_at',
	'updated_at',
	'city',
	'city_name',
	'country',
	'region',
	'budget_min',
	'budget_max',
	'currency',
	'budget_min_usd',
	'budget_max_usd',
	'budget_usd_as_of',
	'language',
	'contact_name',
	'contact_email',
	// The description came with the versions (issue 16, item 1): last, so the columns before keep their places.
	'description',
	...CSV_VERSION_COLUMNS
] as const;

/** Drops C0 control characters (other than tab and newlines), which XML and calendars refuse. */
export function clean(value: string): string {
	// eslint-disable-next-line no-control-regex
	return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** The feed library marks titles and summaries as HTML: escape them so readers show plain text. */
function asHtmlText(value: string): string {
	return escapeHtml(clean(value));
}

/** Neutralises spreadsheet formulas (CSV injection): a cell starting with = + - @ or a control char gets a leading quote. */
export function csvSafe(value: unknown): string {
	if (value === null || value === undefined) return '';
	const s = clean(Array.isArray(value) ? value.join(';') : String(value));
	return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvRows(origin: string, rows: OpenChallenge[], header: boolean): string {
	const records = rows.map((r) =>
		[
			r.id,
			r.slug,
			challengeUrl(origin, r.slug),
			r.kind,
			r.title,
			r.summary,
			r.domain,
			r.priority_areas,
			r.status,
			r.outcome,
			r.deadline,
			r.published_at,
			r.updated_at,
			r.city.slug,
			r.city.name,
			r.city.country,
			r.city.region,
			r.budget_min,
			r.budget_max,
			r.currency,
			r.budget_min_usd,
			r.budget_max_usd,
			r.budget_usd_as_of,
			r.language,
			r.contact_name,
			r.contact_email,
			r.description,
			...VERSION_LANGUAGES.flatMap((language) =>
				VERSION_TEXTS.map((text) => r.translations[language]?.[text])
			)
		].map(csvSafe)
	);
	return stringify(header ? [[...CSV_COLUMNS], ...records] : records, { eof: true });
}

export function icsCalendar(origin: string, rows: OpenChallenge[]): string {
	const cal = ical({
		name: 'City Challenges & Opportunities: deadlines',
		prodId: {
			company: 'City Challenges & Opportunities portal',
			product: 'deadlines',
			language: FEED_LANGUAGE.toUpperCase()
		},
		method: ICalCalendarMethod.PUBLISH,
		url: `${origin}/challenges.ics`,
		ttl: 60 * 60
	});
	for (const r of rows.map((o) => inLanguage(o, o.translations, FEED_LANGUAGE))) {
		if (!r.deadline) continue;
		const at = new Date(r.deadline);
		cal.createEvent({
			id: `challenge-${r.id}@city-challenges-portal`,
			start: at,
			end: new Date(at.getTime() + 30 * 60 * 1000),
			summary: clean(`Deadline: ${r.title} (${r.city.name})`),
			description: clean(`${r.summary}\n\n${challengeUrl(origin, r.slug)}`),
			url: challengeUrl(origin, r.slug),
			location: `${r.city.name}, ${r.city.country}`,
			stamp: new Date(r.updated_at),
			lastModified: new Date(r.updated_at)
		});
	}
	return cal.toString();
}

export function atomFeed(origin: string, rows: OpenChallenge[]): string {
	const updated = rows[0]?.published_at ? new Date(rows[0].published_at) : new Date(0);
	const feed = new Feed({
		id: `${origin}/feed.xml`,
		title: 'City Challenges & Opportunities: newly published',
		description: 'Challenges and opportunities newly published by cities on the portal.',
		link: `${origin}/`,
		language: FEED_LANGUAGE,
		updated,
		generator: 'City Challenges & Opportunities portal',
		feedLinks: { atom: `${origin}/feed.xml` },
		copyright: 'Open data: see the portal for terms of use'
	});
	for (const r of rows.map((o) => inLanguage(o, o.translations, FEED_LANGUAGE))) {
		feed.addItem({
			id: challengeUrl(origin, r.slug),
			link: challengeUrl(origin, r.slug),
			title: asHtmlText(`${r.title} (${r.city.name})`),
			description: asHtmlText(r.summary),
			date: new Date(r.updated_at),
			published: r.published_at ? new Date(r.published_at) : undefined,
			category: [
				{ name: r.domain, term: r.domain },
				...r.priority_areas.map((p) => ({ name: p, term: p }))
			],
			author: [{ name: clean(r.city.name) }]
		});
	}
	return feed.atom1();
}
