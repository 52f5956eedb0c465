// The environment's schema and parser, without `$env` imports, so scripts run by vite-node
// (search worker, reindex) can validate process.env with the same rules as the app.
import { z } from 'zod';

const jwt = z
	.string({ error: 'is missing' })
	.regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'is not a JWT (three base64url parts)');

const schema = z.object({
	SUPABASE_URL: z.url({ error: 'is missing or not a URL' }),
	SUPABASE_ANON_KEY: jwt,
	/** Only for jobs (search worker, reindex); never handed to a request's client. */
	SUPABASE_SERVICE_ROLE_KEY: jwt.optional(),
	/**
	 * The secret by which the local gateway knows the portal's own server (`x-portal-app-key`):
	 * its requests are then neither limited as one client nor held to the anonymous callers'
	 * query rules (docs/security.md). Unset against a hosted project.
	 */
	GATEWAY_APP_KEY: z.string().min(20, 'is too short for a secret').optional(),
	MEILISEARCH_URL: z.url({ error: 'is not a URL' }).optional(),
	MEILISEARCH_API_KEY: z.string().optional(),
	MEILISEARCH_INDEX: z
		.string()
		.regex(/^[a-zA-Z0-9_-]+$/, 'may only hold letters, digits, - and _')
		.default('challenges'),
	/** The portal's public URL; adapter-node builds absolute links from it, never from the Host header. */
	ORIGIN: z.url({ error: 'is not a URL' }).optional(),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
});

export type ServerEnv = z.output<typeof schema>;

/** Turns empty strings into "unset" so `FOO=` behaves like a missing optional variable. */
function clean(source: Record<string, string | undefined>) {
	return Object.fromEntries(
		Object.entries(source).filter(([, v]) => v !== undefined && v !== '')
	) as Record<string, string>;
}

/** Validates the environment; throws one line naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
	const result = schema.safeParse(clean(source));
	if (!result.success) {
		const lines = result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
		throw new Error(`Invalid environment: ${lines.join('; ')}`);
	}
	return result.data;
}
