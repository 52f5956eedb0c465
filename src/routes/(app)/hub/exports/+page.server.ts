import { requireHubStaff } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

/** Hub staff only: the page of CSV downloads (each download checks again, and so does the database). */
export const load: PageServerLoad = async (event) => {
	await requireHubStaff(event);
	return {};
};
