import { requireUser } from '$lib/server/auth/guard';
import type { LayoutServerLoad } from './$types';

/**
 * Every page under (app) is for signed-in members: a visitor goes to sign in and comes back.
 * (Layout loads do not run for form actions: each action calls requireUser itself.)
 */
export const load: LayoutServerLoad = async (event) => {
	const { user } = requireUser(event);
	return { member: { id: user.id, name: user.name, email: user.email } };
};
