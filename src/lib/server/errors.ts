import { error } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { Logger } from 'pino';
import { log } from '$lib/server/log';

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
	hint?: string;
}

/** The request's logger (with its request id) while a request is being served, else the root one. */
function currentLog(): Logger {
	try {
		return getRequestEvent().locals.log ?? log;
	} catch {
		return log; // outside a request: a job or a test
	}
}

/**
 * What made the data service unavailable, as the log records it: PostgREST's (or the gateway's)
 * status, code and message, or the network error supabase-js reports (its `details` carry the
 * cause, e.g. `connect ECONNREFUSED 127.0.0.1:54321`).
 */
export function upstreamCause(err: unknown, status?: number): Record<string, unknown> {
	if (err instanceof Error) {
		const cause =
			err.cause instanceof Error ? `${err.cause.name}: ${err.cause.message}` : undefined;
		return { error: `${err.name}: ${err.message}`, ...(cause && { cause }) };
	}
	const e = (err ?? {}) as PostgrestLikeError;
	return Object.fromEntries(
		Object.entries({ status, code: e.code, message: e.message, details: e.details, hint: e.hint })
			// supabase-js fills absent fields with '' (a network error has no code)
			.filter(([, v]) => v !== undefined && v !== '')
	);
}

/** Logs why at warn level (each 503 names its upstream cause), then answers the friendly 503. */
export function serviceUnavailable(cause: Record<string, unknown>): never {
	currentLog().warn({ upstream: cause }, 'data service unavailable');
	error(503, { message: 'unavailable', code: 'unavailable' });
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
		serviceUnavailable(upstreamCause(err, status));
	}
	throw new Error(`Database error ${err?.code ?? ''}: ${err?.message ?? 'unknown'}`);
}
