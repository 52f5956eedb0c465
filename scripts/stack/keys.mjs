// The anon and service_role API keys: HS256 JWTs signed with the local secret, with the
// same claims as the Supabase CLI's, so they equal the well-known local demo keys. Also the
// portal's app key: the secret by which the gateway knows the portal's own server (sent as
// `x-portal-app-key`; see rest-limits.mjs), derived from the same public local secret.
import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { JWT_SECRET } from './config.mjs';

const EXPIRES_AT = 1983812996;

/** @param {'anon' | 'service_role'} role @param {string} secret */
async function sign(role, secret) {
	return new SignJWT({ iss: 'supabase-demo', role, exp: EXPIRES_AT })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.sign(new TextEncoder().encode(secret));
}

/** @returns {Promise<{ anonKey: string, serviceKey: string, appKey: string }>} */
export async function makeKeys(secret = JWT_SECRET) {
	return {
		anonKey: await sign('anon', secret),
		serviceKey: await sign('service_role', secret),
		appKey: createHmac('sha256', secret).update('portal-app-key').digest('base64url')
	};
}
