import { robotsTxt } from '$lib/server/open-data/sitemap';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	new Response(robotsTxt(url.origin), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
