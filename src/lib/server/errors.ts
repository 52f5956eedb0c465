import { error } from '@sveltejs/kit';

/** Raised when the data service (gateway, PostgREST, Postgres) cannot answer. Rendered as a friendly 503. */
export class ServiceUnavailableError extends Error {
	constructor(cause?: unknown) {
		super('The data service is unavailable', { cause });
		this.name = 'ServiceUnavailableError';
	}
}

export function isServiceUnavailable(e: unknown): boolean {
	return e instanceof ServiceUnavailableError;
}

interface PostgrestLikeError {
	message?: string;
	code?: string;
	details?: string;
}

/**
 * Maps a supabase-js error to the right HTTP answer: a connection failure or a
 * gateway/PostgREST outage becomes a 503; anything else is a bug and is rethrown.
 */
export function unavailableOr(err: PostgrestLikeError | null, status?: number): never {
	const text = `${err?.message ?? ''} ${err?.details ?? ''}`;
	if (
		status === 502 ||
		status === 503 ||
		status === 504 ||
		status === 0 ||
		/fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|PGRST00[0-3]|upstream/i.test(text) ||
		err?.code === 'PGRST000' ||
		err?.code === 'PGRST001' ||
		err?.code === 'PGRST002'
	) {
		error(503, { message: 'unavailable', code: 'unavailable' });
	}
	throw new Error(`Database error ${err?.code ?? ''}: ${err?.message ?? 'unknown'}`);
}
