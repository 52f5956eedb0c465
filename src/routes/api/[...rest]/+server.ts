import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Machine clients get a JSON 404 for unknown API paths, not the HTML error page. */
export const fallback: RequestHandler = ({ url }) =>
	json({ error: `No such endpoint: ${url.pathname}. See /api/v1/challenges.` }, { status: 404 });
