/**
 * Per-process memory for public data that changes only when an editor changes it (the regions'
 * names, the cities' Chinese names): read once, then reused by every request for `ttlMs`. The same
 * bound as the shared caches in front of the portal (PUBLIC_MAX_STALE_S in $lib/server/http-cache),
 * so a change shows in no more time than a page cached in front would take anyway. Concurrent
 * requests during a read share it; a failed read is not kept (the next request reads again).
 * Only ever fill it with what a visitor may see (read it with the anonymous client).
 */
export function sharedValue<T>(ttlMs: number, read: () => Promise<T>) {
	let value: { data: T; until: number } | undefined;
	let pending: Promise<T> | undefined;
	const get = async (): Promise<T> => {
		if (value && value.until > Date.now()) return value.data;
		pending ??= read().then(
			(data) => {
				value = { data, until: Date.now() + ttlMs };
				pending = undefined;
				return data;
			},
			(err) => {
				pending = undefined;
				throw err;
			}
		);
		return pending;
	};
	/** Forget the value (tests; an editor's own change on this process). */
	get.clear = () => {
		value = undefined;
	};
	return get;
}
