import { describe, expect, it, vi } from 'vitest';

vi.mock('$env/dynamic/private', () => ({ env: {} }));
const { parseEnv } = await import('./env');

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
