// Identity settings the environment check needs too (env-schema.ts), without Better Auth itself.

/**
 * The fixed, public development secret (like the Supabase CLI's JWT secret): it encrypts the
 * signing keys' private halves and signs e-mail verification links. env-schema.ts refuses it
 * for any origin other than this machine.
 */
export const DEV_AUTH_SECRET = 'city-portal-local-development-secret-not-for-production';
// (scripts/stack/config.mjs repeats it for the stack's .env; a unit test keeps the two equal)

/** True for http(s)://localhost, 127.x and [::1]: plain HTTP development on this machine. */
export function isLocalOrigin(origin: string): boolean {
	const host = new URL(origin).hostname;
	return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
