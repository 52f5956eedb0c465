import { createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Cookies } from '@sveltejs/kit';
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

/**
 * One Supabase client per request, carrying the user's session in HttpOnly cookies.
 * Row-level security decides what it may read and write.
 */
export function createRequestClient(cookies: Cookies, url: URL): Db {
	const env = serverEnv();
	return createServerClient<Database>(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
		realtime: { transport: ws as never },
		global: { headers: appHeaders() },
		cookies: {
			getAll: () => cookies.getAll(),
			setAll: (list) => {
				for (const { name, value, options } of list) {
					cookies.set(name, value, {
						...options,
						path: '/',
						httpOnly: true,
						sameSite: 'lax',
						secure: cookieSecure(url)
					});
				}
			}
		}
	});
}

let anon: Db | undefined;

/**
 * The anonymous client for public, cookie-less reads (open-data endpoints). It holds no session,
 * so one instance serves every request.
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
