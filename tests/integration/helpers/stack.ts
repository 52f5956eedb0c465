// Shared by the integration tests: where the running local stack is (`npm run stack:up`),
// its keys, Supabase clients as the app makes them, and a superuser `pg` pool for the few
// assertions where a direct SQL look is the point.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import ws from 'ws';
import type { Database } from '../../../src/lib/database.types';
import { loadConfig } from '../../../scripts/stack/config.mjs';
import { makeKeys } from '../../../scripts/stack/keys.mjs';

const keys = await makeKeys();
// The stack's own settings: its ports come from the environment, else from the ones `up` saved
// when it had to move (.stack/ports.json), else the Supabase CLI's.
const stack = loadConfig();

export const SUPABASE_URL: string = stack.apiUrl;
export const ANON_KEY = keys.anonKey;
export const SERVICE_KEY = keys.serviceKey;
/** The secret by which the gateway knows the portal's own server (`x-portal-app-key`). */
export const APP_KEY = keys.appKey;
/** Superuser connection (trust auth, local only). Bypasses RLS: use it for setup and counts. */
export const DATABASE_URL: string = stack.dbUrl;

function client(key: string, headers: Record<string, string> = {}): SupabaseClient<Database> {
	return createClient<Database>(SUPABASE_URL, key, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: ws as never },
		global: { headers }
	});
}

/**
 * A visitor as the portal serves one: the anon key, as the app's publicClient() uses it (with
 * the app key, so the gateway neither limits nor guards it as a public API caller; RLS reads the
 * same `anon` role either way). A caller of the public API itself: gatewayFetch().
 */
export function anonClient(): SupabaseClient<Database> {
	return client(ANON_KEY, { 'x-portal-app-key': APP_KEY });
}

/** A job: the service_role key (bypasses RLS). Never in app request paths. */
export function serviceClient(): SupabaseClient<Database> {
	return client(SERVICE_KEY);
}

let pool: pg.Pool | undefined;

/** The shared superuser pool, opened on first use; call closePool() in afterAll. */
export function db(): pg.Pool {
	pool ??= new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
	return pool;
}

export async function closePool(): Promise<void> {
	const current = pool;
	pool = undefined;
	await current?.end();
}

/** `fetch` against the gateway, with the anon key unless headers say otherwise. */
export function gatewayFetch(path: string, init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	if (!headers.has('apikey')) headers.set('apikey', ANON_KEY);
	return fetch(`${SUPABASE_URL}${path}`, { ...init, headers });
}
