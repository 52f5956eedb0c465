// Password rules shared by the forms (zod) and Better Auth (its length limits and the plugin in
// config.ts), so no path around the form accepts a password the form refuses.
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/**
 * The common-password list of zxcvbn-ts (`@zxcvbn-ts/language-common`, MIT): ~49,000 passwords
 * ranked by how often they appear in public breach corpora. Only entries that pass the length
 * rule matter (a shorter one is refused anyway), compared without case.
 */
const COMMON = new Set(
	dictionary['passwords-common'].filter((p) => p.length >= PASSWORD_MIN).map((p) => p.toLowerCase())
);

/** True when the password is on the common list (ignoring case and surrounding spaces). */
export function isCommonPassword(password: string): boolean {
	return COMMON.has(password.trim().toLowerCase());
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

/** The first rule the password breaks, or null. */
export function passwordProblem(password: string): PasswordProblem | null {
	if (password.length < PASSWORD_MIN) return 'too_short';
	if (password.length > PASSWORD_MAX) return 'too_long';
	if (isCommonPassword(password)) return 'too_common';
	return null;
}

/** How many common passwords are checked (for the docs and tests). */
export const COMMON_PASSWORDS_CHECKED = COMMON.size;
