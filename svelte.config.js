import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// SvelteKit's origin check on form posts is on by default; no trusted extra origins.
		csrf: { trustedOrigins: [] },
		// Hashes, not a nonce: the same page renders the same bytes (and CSP) for every visitor, so a
		// shared cache may keep it (src/lib/server/http-cache.ts); as strict as a nonce, for every
		// page, signed in or not: only the inline scripts SvelteKit itself rendered may run.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
