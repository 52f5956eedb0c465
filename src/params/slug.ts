import type { ParamMatcher } from '@sveltejs/kit';

/** Lower-case words joined by single hyphens, as the database's slug constraints require. */
export const match: ParamMatcher = (param) =>
	param.length <= 120 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(param);
