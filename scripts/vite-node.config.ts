// For scripts run by vite-node that need none of the app's Vite plugins (SvelteKit, Paraglide's
// compiler, Tailwind): they start in a second instead of several. The messages must be compiled.
// `$lib` resolves as in the app, so modules under src/lib import each other the same way everywhere.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
	logLevel: 'warn',
	resolve: { alias: { $lib: fileURLToPath(new URL('../src/lib', import.meta.url)) } }
});
