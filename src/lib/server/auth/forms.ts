// One zod schema per identity form. Messages are functions, so each parse speaks the language of
// the request that runs it. The password rules are those Better Auth enforces (config.ts), so the
// form and the API refuse the same passwords.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { PASSWORD_MAX, PASSWORD_MIN, isCommonPassword } from '$lib/server/auth/passwords';

const email = z
	.string()
	.trim()
	.toLowerCase()
	.max(254, { error: () => m.auth_error_email() })
	.pipe(z.email({ error: () => m.auth_error_email() }));

const newPassword = z
	.string()
	.min(PASSWORD_MIN, { error: () => m.auth_error_password_short() })
	.max(PASSWORD_MAX, { error: () => m.auth_error_password_long() })
	.refine((p) => !isCommonPassword(p), { error: () => m.auth_error_password_common() });

const anyPassword = z
	.string()
	.min(1, { error: () => m.auth_error_password_required() })
	.max(PASSWORD_MAX, { error: () => m.auth_error_password_long() });

const name = z
	.string()
	.trim()
	.min(1, { error: () => m.auth_error_name() })
	.max(100, { error: () => m.auth_error_name() });

/** Where to go after signing in: a path on this site (checked again by safeRedirectPath). */
const redirectTo = z.string().max(2000).default('');

export const signupSchema = z.object({ name, email, password: newPassword, redirectTo });
export const signinSchema = z.object({ email, password: anyPassword, redirectTo });
export const magicSchema = z.object({ email, redirectTo });
export const emailSchema = z.object({ email });
export const resetSchema = z.object({ token: z.string().min(1).max(200), password: newPassword });
export const profileSchema = z.object({ name });
export const languageSchema = z.object({ language: z.enum(['en', 'zh']) });
export const passwordSchema = z.object({
	currentPassword: anyPassword,
	newPassword,
	revokeOthers: z.boolean().default(true)
});
export const sessionSchema = z.object({ token: z.string().min(1).max(200) });
