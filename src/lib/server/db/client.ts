import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { dev } from '$app/environment';
import ws from 'ws';
import type { Database } from '$lib/database.types';
import { serverEnv } from '$lib/server/env';

export type Db = SupabaseClient<Database>;

/**
 * The header by which a gateway of ours in front of the API (the local stack's) knows the
 * portal's own server, when GATEWAY_APP_KEY is set: see docs/security.md.
 */
export function appHeaders(): Record<string, string> {
	const key = serverEnv().GATEWAY_APP_KEY;
	return key ? { 'x-portal-app-key': key } : {};
}

/** Secure cookies everywhere except plain-HTTP localhost development. */
export function cookieSecure(url: URL) {
	return (
		!(dev || url.hostname === '127.0.0.1' || url.hostname === 'localhost') ||
		url.protocol === 'https:'
	);
}

let anon: Db | undefined;

/**
 * The anonymous client: every visitor's requests and the open-data endpoints. It holds no session,
 * so one instance serves every request. A signed-in member's requests get their own client with
 * the member's token instead ($lib/server/auth/token.ts).
 */
export function publicClient(): Db {
	if (!anon) {
		const env = serverEnv();
		anon = createClient<Database>(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
			auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
			realtime: { transport: ws as never },
			global: { headers: appHeaders() }
		});
	}
	return anon;
}
