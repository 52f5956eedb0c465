import { describe, expect, it } from 'vitest';
import {
	COMMON_PASSWORDS_CHECKED,
	isCommonPassword,
	passwordProblem
} from '$lib/server/auth/passwords';

describe('password rules', () => {
	it('refuses short, long and common passwords', () => {
		expect(passwordProblem('short-pw1')).toBe('too_short');
		expect(passwordProblem('x'.repeat(129))).toBe('too_long');
		expect(passwordProblem('qwertyuiop')).toBe('too_common');
		expect(passwordProblem('Password123')).toBe('too_common');
		expect(passwordProblem('1234567890')).toBe('too_common');
	});
	it('accepts a long uncommon one, including the demo password', () => {
		expect(passwordProblem('city-portal-demo')).toBeNull();
		expect(passwordProblem('correct horse battery staple')).toBeNull();
		expect(passwordProblem('x'.repeat(128))).toBeNull();
	});
	it('checks a list of real size, ignoring case', () => {
		expect(COMMON_PASSWORDS_CHECKED).toBeGreaterThan(1000);
		expect(isCommonPassword('BASKETBALL')).toBe(true);
	});
});
