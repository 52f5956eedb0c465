// The anon and service_role API keys: HS256 JWTs signed with the local secret, with the
// same claims as the Supabase CLI's, so they equal the well-known local demo keys.
import { SignJWT } from 'jose';
import { JWT_SECRET } from './config.mjs';

const EXPIRES_AT = 1983812996;

/** @param {'anon' | 'service_role'} role @param {string} secret */
async function sign(role, secret) {
	return new SignJWT({ iss: 'supabase-demo', role, exp: EXPIRES_AT })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.sign(new TextEncoder().encode(secret));
}

/** @returns {Promise<{ anonKey: string, serviceKey: string }>} */
export async function makeKeys(secret = JWT_SECRET) {
	return { anonKey: await sign('anon', secret), serviceKey: await sign('service_role', secret) };
}
