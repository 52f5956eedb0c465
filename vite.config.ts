import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		tailwindcss(),
		// Under vitest the messages are already compiled (npm test compiles them first); the plugin's
		// file watcher would keep the test process alive.
		!process.env.VITEST &&
			paraglideVitePlugin({
				project: './project.inlang',
				outdir: './src/lib/paraglide',
				strategy: ['cookie', 'preferredLanguage', 'baseLocale']
			}),
		sveltekit()
	],
	server: { host: '127.0.0.1' },
	// Better Auth declares svelte as a peer, so vite-plugin-svelte would bundle it into the server
	// build, whose imports then resolve from the root node_modules (an older @noble/ciphers the
	// supabase CLI brings); left external, Node resolves its own dependencies.
	ssr: { external: ['better-auth', '@better-auth/core', '@better-auth/utils'] },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
