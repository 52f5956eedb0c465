import pino, { type DestinationStream, type Logger } from 'pino';
import { env } from '$env/dynamic/private';

/** Anything that could hold a credential, at the top level or one level down. */
const SECRET_KEYS = [
	'password',
	'token',
	'access_token',
	'refresh_token',
	'authorization',
	'cookie',
	'cookies',
	'apikey',
	'set-cookie'
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [`["${k}"]`, `*["${k}"]`, `*.*["${k}"]`]);

/**
 * Structured server log. Credentials are redacted by key, and request logging only ever
 * records method, path (never the query string), status and timing.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
	return pino(
		{
			level,
			base: { service: 'portal' },
			redact: { paths: REDACT_PATHS, censor: '[redacted]' }
		},
		destination
	);
}

export const log = createLogger(env.LOG_LEVEL || 'info');
