// For scripts run by vite-node that need none of the app's Vite plugins (SvelteKit, Paraglide's
// compiler, Tailwind): they start in a second instead of several. The messages must be compiled.
import { defineConfig } from 'vite';

export default defineConfig({ logLevel: 'warn' });
