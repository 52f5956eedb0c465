// Better Auth's error codes → what the visitor reads, and next to which field.
import { m } from '$lib/paraglide/messages.js';
import type { AuthAnswer } from '$lib/server/auth/call';

export interface Problem {
	/** The field the message belongs next to; undefined: the form as a whole. */
	field?: string;
	message: string;
}

export function problemOf(answer: AuthAnswer<unknown>, passwordField = 'password'): Problem {
	switch (answer.code) {
		case 'RATE_LIMITED':
			return { message: m.auth_error_rate_limited({ seconds: String(answer.retryAfter ?? 60) }) };
		case 'INVALID_EMAIL_OR_PASSWORD':
		case 'INVALID_EMAIL':
			return { field: passwordField, message: m.auth_error_wrong_password() };
		case 'EMAIL_NOT_VERIFIED':
			return { message: m.auth_error_not_verified() };
		case 'PASSWORD_TOO_SHORT':
			return { field: passwordField, message: m.auth_error_password_short() };
		case 'PASSWORD_TOO_LONG':
			return { field: passwordField, message: m.auth_error_password_long() };
		case 'PASSWORD_TOO_COMMON':
			return { field: passwordField, message: m.auth_error_password_common() };
		case 'INVALID_PASSWORD':
			return { field: 'currentPassword', message: m.auth_error_current_password() };
		case 'INVALID_TOKEN':
			return { message: m.reset_invalid() };
		case 'CROSS_SITE_REQUEST':
			return { message: m.auth_error_cross_site() };
		default:
			return { message: m.auth_error_generic() };
	}
}
