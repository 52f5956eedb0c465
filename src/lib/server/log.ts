import pino from 'pino';
import { env } from '$env/dynamic/private';

/**
 * Structured server log. Anything that could hold a credential is redacted by path,
 * and request logging only ever records method, path (no query string), status and timing.
 */
export const log = pino({
	level: env.LOG_LEVEL || 'info',
	base: { service: 'portal' },
	redact: {
		paths: [
			'password',
			'*.password',
			'token',
			'*.token',
			'access_token',
			'*.access_token',
			'refresh_token',
			'*.refresh_token',
			'authorization',
			'*.authorization',
			'headers.cookie',
			'*.headers.cookie',
			'cookie',
			'*.cookie',
			'apikey',
			'*.apikey'
		],
		censor: '[redacted]'
	}
});
