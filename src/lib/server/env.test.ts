import { describe, expect, it, vi } from 'vitest';

vi.mock('$env/dynamic/private', () => ({ env: {} }));
const { parseEnv } = await import('$lib/server/env');

const key =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

describe('parseEnv', () => {
	it('accepts a complete local environment', () => {
		const env = parseEnv({ SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_ANON_KEY: key });
		expect(env.SUPABASE_URL).toBe('http://127.0.0.1:54321');
		expect(env.MEILISEARCH_URL).toBeUndefined();
		expect(env.MEILISEARCH_INDEX).toBe('challenges');
	});

	it('names a missing variable in one line', () => {
		expect(() => parseEnv({ SUPABASE_ANON_KEY: key })).toThrowError(
			/^Invalid environment: SUPABASE_URL is missing or not a URL$/
		);
	});

	it('names a malformed key', () => {
		expect(() =>
			parseEnv({ SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_ANON_KEY: 'not-a-jwt' })
		).toThrowError(/SUPABASE_ANON_KEY is not a JWT/);
	});

	it('treats an empty optional variable as unset', () => {
		const env = parseEnv({
			SUPABASE_URL: 'http://127.0.0.1:54321',
			SUPABASE_ANON_KEY: key,
			MEILISEARCH_URL: ''
		});
		expect(env.MEILISEARCH_URL).toBeUndefined();
	});
});

describe('parseAuthEnv', async () => {
	const { parseAuthEnv } = await import('$lib/server/env-schema');
	const { DEV_AUTH_SECRET } = await import('$lib/server/auth/config-constants');
	const base = {
		SUPABASE_URL: 'http://127.0.0.1:54321',
		SUPABASE_ANON_KEY: key,
		DATABASE_URL: 'postgresql://postgres@127.0.0.1:54322/postgres',
		SMTP_URL: 'smtp://127.0.0.1:54325'
	};

	it('accepts the public development secret on this machine', () => {
		const env = parseAuthEnv({
			...base,
			BETTER_AUTH_SECRET: DEV_AUTH_SECRET,
			ORIGIN: 'http://127.0.0.1:3000'
		});
		expect(env.BETTER_AUTH_SECRET).toBe(DEV_AUTH_SECRET);
	});

	it('refuses it for any other origin, and names what is missing', () => {
		expect(() =>
			parseAuthEnv({
				...base,
				BETTER_AUTH_SECRET: DEV_AUTH_SECRET,
				ORIGIN: 'https://portal.example'
			})
		).toThrowError(/BETTER_AUTH_SECRET is the public development secret/);
		expect(() =>
			parseAuthEnv({ SUPABASE_URL: base.SUPABASE_URL, SUPABASE_ANON_KEY: key })
		).toThrowError(/DATABASE_URL is missing; BETTER_AUTH_SECRET is missing; SMTP_URL is missing/);
		expect(() =>
			parseAuthEnv({ ...base, BETTER_AUTH_SECRET: 'short', ORIGIN: 'https://portal.example' })
		).toThrowError(/BETTER_AUTH_SECRET must be at least 32 characters/);
	});

	it('keeps the stack and the app on the same development secret', async () => {
		const stack = await import('../../../scripts/stack/config.mjs');
		expect(stack.DEV_AUTH_SECRET).toBe(DEV_AUTH_SECRET);
	});
});
