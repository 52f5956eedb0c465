/** Presentation helpers for challenges: pure functions of their inputs (the caller passes `now` and the locale). */

const DAY = 86_400_000;

export type DeadlineState =
	{ state: 'none' } | { state: 'closed' } | { state: 'today' } | { state: 'days'; days: number };

/** Whole calendar days (UTC) from `now` to the deadline; a passed deadline is closed. */
export function deadlineState(deadline: string | null, now: number): DeadlineState {
	if (!deadline) return { state: 'none' };
	const end = Date.parse(deadline);
	if (Number.isNaN(end)) return { state: 'none' };
	if (end <= now) return { state: 'closed' };
	const days = Math.floor(end / DAY) - Math.floor(now / DAY);
	return days <= 0 ? { state: 'today' } : { state: 'days', days };
}

export function intlLocale(locale: string): string {
	return locale === 'zh' ? 'zh-CN' : locale;
}

// Building an Intl formatter costs far more than using one (locale data is looked up and resolved
// each time): every formatter below is built once per locale and options, then reused. The keys
// come from a few locales, currencies and the cities' time zones, so the maps stay small.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>();

function memo<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>(
	key: string,
	make: () => T
): T {
	let f = formatters.get(key) as T | undefined;
	if (!f) {
		f = make(); // may throw (an unknown currency or zone): nothing is stored then
		if (formatters.size >= 1000) formatters.clear(); // a bound, should the data ever vary widely
		formatters.set(key, f);
	}
	return f;
}

const dateFormat = (locale: string) =>
	memo(
		`date|${locale}`,
		() => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' })
	);

const dateTimeFormat = (locale: string, timeZone: string) =>
	memo(
		`datetime|${locale}|${timeZone}`,
		() =>
			new Intl.DateTimeFormat(intlLocale(locale), {
				dateStyle: 'medium',
				timeStyle: 'short',
				hourCycle: 'h23',
				timeZone
			})
	);

/** A date (no time) in UTC, so server and browser print the same day. */
export function formatDate(iso: string | null, locale: string): string {
	if (!iso) return '';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return '';
	return dateFormat(locale).format(d);
}

/** A deadline with its time, in UTC and saying so: "8 Jan 2027, 23:59 UTC". */
export function formatDeadline(iso: string | null, locale: string): string {
	if (!iso) return '';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return '';
	return dateTimeFormat(locale, 'UTC').format(d) + ' UTC';
}

/**
 * A deadline in the city's own time zone: { time: "Jan 8, 2027, 23:59", offset: "UTC+7" }. The
 * offset is the zone's on that day (daylight saving included), written the same way on every
 * runtime. Null without a deadline, for a zone Intl does not know, and for UTC itself.
 */
export function formatDeadlineIn(
	iso: string | null,
	locale: string,
	timeZone: string | null | undefined
): { time: string; offset: string } | null {
	if (!iso || !timeZone || /^(Etc\/)?(UTC|UCT|GMT|Zulu|Universal)$/.test(timeZone)) return null;
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return null;
	try {
		const time = dateTimeFormat(locale, timeZone).format(d);
		return { time, offset: utcOffset(d, timeZone) };
	} catch {
		return null; // RangeError: a zone this runtime's Intl does not know
	}
}

/** "UTC+7", "UTC-3", "UTC+5:30", "UTC+0": the zone's offset at that instant. */
function utcOffset(d: Date, timeZone: string): string {
	const parts = memo(
		`offset|${timeZone}`,
		() =>
			new Intl.DateTimeFormat('en-US', {
				timeZone,
				hourCycle: 'h23',
				year: 'numeric',
				month: 'numeric',
				day: 'numeric',
				hour: 'numeric',
				minute: 'numeric'
			})
	).formatToParts(d);
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		Number(parts.find((p) => p.type === type)?.value ?? 0);
	const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
	const utc = Math.floor(d.getTime() / 60_000) * 60_000;
	const minutes = Math.round((wall - utc) / 60_000);
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	const mm = abs % 60;
	return `UTC${sign}${Math.floor(abs / 60)}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
}

export function formatMoney(amount: number, currency: string, locale: string): string {
	try {
		return memo(
			`money|${locale}|${currency}`,
			() =>
				new Intl.NumberFormat(intlLocale(locale), {
					style: 'currency',
					currency,
					maximumFractionDigits: 0
				})
		).format(amount);
	} catch {
		// An unknown currency code: print the number and the code.
		const whole = memo(
			`whole|${locale}`,
			() => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 })
		);
		return `${whole.format(amount)} ${currency}`;
	}
}

export type BudgetText =
	| { kind: 'none' }
	| { kind: 'range'; text: string }
	| { kind: 'from'; min: string }
	| { kind: 'upTo'; max: string };

/** Formats a budget range; the caller words "from"/"up to" in the current language. */
export function budget(
	min: number | null,
	max: number | null,
	currency: string | null,
	locale: string
): BudgetText {
	const cur = currency || 'EUR';
	if (min != null && max != null) {
		if (min === max) return { kind: 'range', text: formatMoney(min, cur, locale) };
		return {
			kind: 'range',
			text: `${formatMoney(min, cur, locale)} – ${formatMoney(max, cur, locale)}`
		};
	}
	if (min != null) return { kind: 'from', min: formatMoney(min, cur, locale) };
	if (max != null) return { kind: 'upTo', max: formatMoney(max, cur, locale) };
	return { kind: 'none' };
}

/**
 * An amount converted to US dollars, rounded to two significant digits (a rate makes it
 * approximate: "USD 79,000", "USD 1,200,000"), with the code rather than a symbol: "$" alone
 * would read as the local dollar in Sydney or São Paulo.
 */
export function formatUsd(amount: number, locale: string): string {
	return memo(
		`usd|${locale}`,
		() =>
			new Intl.NumberFormat(intlLocale(locale), {
				style: 'currency',
				currency: 'USD',
				currencyDisplay: 'code',
				maximumSignificantDigits: 2
			})
	).format(amount);
}

/** Whole US dollars as typed (the budget filter's bounds): "USD 250,000". */
export function formatUsdExact(amount: number, locale: string): string {
	return memo(
		`usd-exact|${locale}`,
		() =>
			new Intl.NumberFormat(intlLocale(locale), {
				style: 'currency',
				currency: 'USD',
				currencyDisplay: 'code',
				maximumFractionDigits: 0
			})
	).format(amount);
}

/**
 * A budget's approximate value in US dollars, worded like budget(); none when there is nothing to
 * convert or the budget is in dollars already (the same figure twice says nothing).
 */
export function budgetUsd(
	min: number | null | undefined,
	max: number | null | undefined,
	currency: string | null,
	locale: string
): BudgetText {
	if (currency === 'USD') return { kind: 'none' };
	const lo = min == null ? null : formatUsd(min, locale);
	const hi = max == null ? null : formatUsd(max, locale);
	if (lo !== null && hi !== null) return { kind: 'range', text: lo === hi ? lo : `${lo} – ${hi}` };
	if (lo !== null) return { kind: 'from', min: lo };
	if (hi !== null) return { kind: 'upTo', max: hi };
	return { kind: 'none' };
}

export function formatNumber(n: number, locale: string): string {
	return memo(`number|${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(n);
}

/** A country's name from its ISO 3166 code, in the UI language (the code itself if unknown). */
export function countryName(code: string, locale: string): string {
	try {
		return (
			memo(
				`region|${locale}`,
				() => new Intl.DisplayNames([intlLocale(locale)], { type: 'region' })
			).of(code) ?? code
		);
	} catch {
		return code;
	}
}

/** A language's name from its BCP 47 tag, in the UI language. */
export function languageName(tag: string, locale: string): string {
	try {
		return (
			memo(
				`language|${locale}`,
				() => new Intl.DisplayNames([intlLocale(locale)], { type: 'language' })
			).of(tag) ?? tag
		);
	} catch {
		return tag;
	}
}
