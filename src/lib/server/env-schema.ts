// The environment's schema and parser, without `$env` imports, so scripts run by vite-node
// (search worker, reindex) can validate process.env with the same rules as the app.
import { z } from 'zod';
import { DEV_AUTH_SECRET, isLocalOrigin } from '$lib/server/auth/config-constants';

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
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	// Identity (Better Auth in the app; parseAuthEnv requires them): its Postgres connection (a role
	// that may use schema identity), its secret, and the SMTP server for its mail.
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\/\S+$/, 'is not a postgres:// URL')
		.optional(),
	BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\/\S+$/, 'is not an smtp:// or smtps:// URL')
		.optional(),
	/** Sender of the identity mail, e.g. `City Portal <no-reply@portal.example>`. */
	MAIL_FROM: z.string().min(3).optional()
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

export type AuthEnv = ServerEnv & {
	DATABASE_URL: string;
	BETTER_AUTH_SECRET: string;
	SMTP_URL: string;
	ORIGIN: string;
};

/**
 * The environment sign-in needs, on top of parseEnv's: every identity variable set, and the public
 * development secret refused for any origin other than this machine.
 */
export function parseAuthEnv(
	source: Record<string, string | undefined>,
	fallbackOrigin = 'http://127.0.0.1:5173'
): AuthEnv {
	const env = parseEnv(source);
	const origin = env.ORIGIN ?? fallbackOrigin;
	const problems: string[] = [];
	for (const name of ['DATABASE_URL', 'BETTER_AUTH_SECRET', 'SMTP_URL'] as const) {
		if (!env[name]) problems.push(`${name} is missing`);
	}
	if (env.BETTER_AUTH_SECRET === DEV_AUTH_SECRET && !isLocalOrigin(origin)) {
		problems.push(
			'BETTER_AUTH_SECRET is the public development secret; set a secret of your own (openssl rand -base64 32)'
		);
	}
	if (problems.length) throw new Error(`Invalid environment: ${problems.join('; ')}`);
	return { ...env, ORIGIN: origin } as AuthEnv;
}
