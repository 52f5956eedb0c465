// How identity actions answer with superforms: a problem next to its field or above the form,
// always with the passwords the visitor typed emptied (never sent back to the page).
import { fail } from '@sveltejs/kit';
import { message, setError, type SuperValidated } from 'sveltekit-superforms';
import type { AuthAnswer } from '$lib/server/auth/call';
import { problemOf } from '$lib/server/auth/errors';

export interface AuthMessage {
	kind: 'error' | 'success' | 'info';
	text: string;
	/** Set when sign-in was refused for an unconfirmed address: the page offers to resend. */
	resendTo?: string;
}

type Form = SuperValidated<Record<string, unknown>, AuthMessage>;

const PASSWORD_FIELDS = ['password', 'currentPassword', 'newPassword'];

export function withoutPasswords<F extends Form>(form: F): F {
	for (const key of PASSWORD_FIELDS) if (key in form.data) form.data[key] = '';
	return form;
}

/** The form back to the page with Better Auth's refusal in the visitor's language. */
export function refused(form: Form, answer: AuthAnswer<unknown>, passwordField = 'password') {
	withoutPasswords(form);
	const problem = problemOf(answer, passwordField);
	const status = answer.status >= 400 && answer.status < 600 ? answer.status : 400;
	if (problem.field && problem.field in form.data) {
		return setError(form as never, problem.field as never, problem.message, {
			status: status as 400
		});
	}
	return message(form, { kind: 'error', text: problem.message }, { status: status as 400 });
}

/** The form invalid by its own schema: errors next to the fields, passwords emptied. */
export function invalid(form: Form) {
	return fail(400, { form: withoutPasswords(form) });
}
