// The one place a member's token for PostgREST is made: RS256, signed by Better Auth's jwt plugin
// with the key PostgREST has in its JWKS, 15 minutes, cached here per session until a minute
// before it expires. It stays on the server: supabase-js gets it through `accessToken`, the browser
// never sees it (only GET /api/auth/token hands one out, to the signed-in caller).
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import type { Database } from '$lib/database.types';
import { appHeaders, type Db } from '$lib/server/db/client';
import { serverEnv } from '$lib/server/env';
import { tokenClaims, type TokenSubject } from '$lib/server/auth/claims';
import type { Auth } from '$lib/server/auth/config';

const REFRESH_BEFORE_SECONDS = 60;
const MAX_ENTRIES = 10_000;
const cache = new Map<string, { token: string; exp: number }>();

function expiry(token: string): number {
	const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
	return Number(payload.exp);
}

function prune(now: number) {
	for (const [id, entry] of cache) if (entry.exp - now <= REFRESH_BEFORE_SECONDS) cache.delete(id);
	// still full: the oldest entries (a Map keeps insertion order) go first
	for (const id of cache.keys()) {
		if (cache.size < MAX_ENTRIES) break;
		cache.delete(id);
	}
}

/** The member's PostgREST token for this session, from the cache or freshly signed. */
export async function memberToken(auth: Auth, subject: TokenSubject): Promise<string> {
	const now = Math.floor(Date.now() / 1000);
	const hit = cache.get(subject.session.id);
	if (hit && hit.exp - now > REFRESH_BEFORE_SECONDS) return hit.token;
	const { token } = await auth.api.signJWT({
		body: { payload: { ...tokenClaims(subject), iat: now } }
	});
	if (cache.size >= MAX_ENTRIES) prune(now);
	cache.set(subject.session.id, { token, exp: expiry(token) });
	return token;
}

/** After sign-out: this process stops handing out the session's token at once. */
export function forgetSessionToken(sessionId: string) {
	cache.delete(sessionId);
}

/** A request's supabase-js client for a signed-in member: RLS sees auth.uid() = the member. */
export function memberClient(auth: Auth, subject: TokenSubject): Db {
	const env = serverEnv();
	return createClient<Database>(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
		accessToken: () => memberToken(auth, subject),
		realtime: { transport: ws as never },
		global: { headers: appHeaders() }
	});
}
