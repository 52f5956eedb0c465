import { describe, expect, it } from 'vitest';
import { DataError, dataError } from '$lib/server/errors';
import { orgProblem } from './org-problems';

describe('organisation refusals in words', () => {
	it('words each refusal the database raises', () => {
		const lastAdmin = dataError({ code: 'PT409', message: 'last_admin' }, 409);
		expect(orgProblem(lastAdmin)).toMatchObject({
			key: 'last_admin',
			text: 'An organisation needs at least one admin: make someone else admin first.'
		});
		const expired = dataError({ code: 'PT410', message: 'invitation_expired' }, 410);
		expect(orgProblem(expired).text).toMatch(/^This invitation has expired\./);
	});

	it('names the field a constraint refused', () => {
		const e = dataError(
			{
				code: '23514',
				message:
					'new row for relation "organisations" violates check constraint "organisations_contact_email_format"'
			},
			400
		);
		expect(orgProblem(e, ['name', 'contact_email']).fields).toEqual({ contact_email: 'invalid' });
	});

	it('leaves an outage or a bug to the error page', () => {
		const bug = new DataError('bug', 'XX000', null, null, 500, 'boom');
		expect(() => orgProblem(bug)).toThrow('boom');
		expect(() => orgProblem(new Error('other'))).toThrow('other');
		expect(() => orgProblem(dataError({ message: 'fetch failed' }, 0))).toThrow();
	});
});
