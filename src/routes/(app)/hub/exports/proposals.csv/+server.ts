import { hubCsvResponse } from '$lib/server/hub-exports/response';
import type { RequestHandler } from './$types';

/** Hub staff: the proposals export as CSV (docs/collaboration.md § Exports and the weekly digest). */
export const GET: RequestHandler = (event) => hubCsvResponse(event, 'proposals');
