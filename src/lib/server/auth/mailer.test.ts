import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAIL_LOCALES, asLocale } from '$lib/server/auth/mailer';

describe('mail languages', () => {
	it('are the portal languages', () => {
		const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8'));
		expect([...MAIL_LOCALES]).toEqual(settings.locales);
	});
	it('fall back to English for anything else', () => {
		expect(asLocale('zh')).toBe('zh');
		expect(asLocale('fr')).toBe('en');
		expect(asLocale(undefined)).toBe('en');
	});
});
