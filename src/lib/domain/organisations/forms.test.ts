import { describe, expect, it } from 'vitest';
import {
	createOrganisationSchema,
	invitationTokenSchema,
	organisationManageSchema,
	organisationProfileSchema,
	orNull,
	profileVersionSchema
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

describe('profileVersionSchema', () => {
	it("takes the organisation's own profile ('' city) or a city's id, the seed's md5 ids too", () => {
		const ok = (city: string) =>
			profileVersionSchema.safeParse({ city, language: 'zh', profile: '简介' }).success;
		expect(ok('')).toBe(true);
		expect(ok('5a6f0b8e-4c2d-d1f3-9e8b-7a6c5d4e3f21')).toBe(true);
		expect(ok('not-an-id')).toBe(false);
	});

	it('wants a portal language and a text of 1 to 5,000 characters, trimmed', () => {
		const parse = (language: string, profile: string) =>
			profileVersionSchema.safeParse({ city: '', language, profile });
		expect(parse('zh', '  简介  ').data?.profile).toBe('简介');
		expect(parse('fr', 'Profil').success).toBe(false);
		expect(parse('zh', '   ').success).toBe(false);
		expect(parse('zh', 'x'.repeat(5001)).success).toBe(false);
	});
});

describe('organisationManageSchema', () => {
	const base = { name: 'Sepang', country: 'MY', profile_language: 'ms' };
	it('takes a BCP 47 tag as the profile language and refuses anything else', () => {
		expect(organisationManageSchema.safeParse(base).success).toBe(true);
		expect(organisationManageSchema.safeParse({ ...base, profile_language: 'pt-BR' }).success).toBe(
			true
		);
		expect(
			organisationManageSchema.safeParse({ ...base, profile_language: 'Chinese' }).success
		).toBe(false);
	});
});
