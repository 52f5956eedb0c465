import { describe, expect, it } from 'vitest';
import {
	createOrganisationSchema,
	invitationTokenSchema,
	organisationProfileSchema,
	orNull
} from './forms';

const valid = {
	name: '  Quayside Sensors ',
	country: 'sg',
	domains: ['mobility'],
	website: '',
	profile: '',
	contact_email: ' Hello@Quayside.Example '
};

describe('organisation forms', () => {
	it('trims, upper-cases the country, lower-cases the mailbox, leaves empty optionals empty', () => {
		const r = organisationProfileSchema.safeParse(valid);
		expect(r.success && r.data).toEqual({
			name: 'Quayside Sensors',
			country: 'SG',
			domains: ['mobility'],
			website: '',
			profile: '',
			contact_email: 'hello@quayside.example'
		});
		expect(orNull('')).toBe(null);
		expect(orNull('x')).toBe('x');
	});

	it('names each bad field', () => {
		const r = organisationProfileSchema.safeParse({
			...valid,
			name: 'Q',
			country: 'Singapore',
			domains: ['space'],
			website: 'ftp://quayside.example',
			contact_email: 'not a mailbox',
			profile: 'x'.repeat(5001)
		});
		expect(r.success).toBe(false);
		const fields = new Set(r.error?.issues.map((i) => i.path[0]));
		expect(fields).toEqual(
			new Set(['name', 'country', 'domains', 'website', 'contact_email', 'profile'])
		);
	});

	it('creates cities and vendors only (hub organisations are never made through the portal)', () => {
		expect(createOrganisationSchema.safeParse({ ...valid, kind: 'vendor' }).success).toBe(true);
		expect(createOrganisationSchema.safeParse({ ...valid, kind: 'city' }).success).toBe(true);
		expect(createOrganisationSchema.safeParse({ ...valid, kind: 'hub' }).success).toBe(false);
	});

	it('takes an invitation token of the mail link shape only', () => {
		expect(invitationTokenSchema.safeParse('ab'.repeat(32)).success).toBe(true);
		expect(invitationTokenSchema.safeParse('short').success).toBe(false);
		expect(invitationTokenSchema.safeParse('../../etc/passwd-xxxxxxxx').success).toBe(false);
	});
});
