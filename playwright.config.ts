import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;

/** Debian's Chromium; Playwright never downloads a browser here. */
const chromium = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	forbidOnly: true,
	reporter: process.env.CI ? [['list']] : [['list']],
	// Generous: on a busy two-core machine an axe scan alone can take seconds; a failing
	// assertion still fails, only later.
	timeout: 60_000,
	expect: { timeout: 15_000 },
	use: {
		baseURL,
		trace: 'retain-on-failure',
		launchOptions: chromium,
		...devices['Desktop Chrome'],
		// devices[] sets a user agent and viewport; keep Debian's browser.
		channel: undefined
	},
	webServer: {
		command: 'node server.js',
		url: `${baseURL}/healthz`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			LOG_LEVEL: 'warn',
			SUPABASE_URL: process.env.SUPABASE_URL ?? '',
			SUPABASE_ANON_KEY: process.env.SUPABASE_ANON_KEY ?? '',
			// The portal's server proves itself to the local gateway (docs/security.md).
			GATEWAY_APP_KEY: process.env.GATEWAY_APP_KEY ?? '',
			MEILISEARCH_URL: process.env.MEILISEARCH_URL ?? '',
			DATABASE_URL: process.env.DATABASE_URL ?? '',
			BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? '',
			SMTP_URL: process.env.SMTP_URL ?? '',
			// As behind a reverse proxy: the client address comes from X-Forwarded-For, so each test
			// can be its own client for the sign-in rate limits (tests/e2e/auth-helpers.ts).
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		}
	},
	projects: [
		{ name: 'chromium', testIgnore: /faults\.spec\.ts|auth-[a-z]+\.spec\.ts/ },
		// Identity: sign-ups and sign-ins hash passwords (scrypt), which keeps both cores busy; run
		// after the list's timing-sensitive tests (debounced keys) rather than beside them.
		{ name: 'identity', testMatch: /auth-[a-z]+\.spec\.ts/, dependencies: ['chromium'] },
		// Stops and restarts PostgREST, so it runs alone after everything else.
		{ name: 'faults', testMatch: /faults\.spec\.ts/, dependencies: ['identity'] }
	]
});
