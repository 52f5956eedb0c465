import { text } from '@sveltejs/kit';

/** Liveness of the app process itself (used by the test runner and the demo script). */
export const GET = () => text('ok', { headers: { 'cache-control': 'no-store' } });
