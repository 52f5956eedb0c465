// One zod schema per organisation form (welcome, manage, invitations, hub). The database repeats
// the essential rules as constraints (organisations_*_format/length, the functions' checks), so
// no path around these forms can break them. Messages are functions: each parse speaks the
// language of the request that runs it.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { VERSION_LANGUAGES } from '$lib/domain/challenges/versions';
import { DOMAINS } from './directory-params';

/** Roles in an organisation (public.org_role). */
export const ORG_ROLES = ['admin', 'member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** Kinds a person may create (hub organisations are made by the seed, never through the portal). */
export const CREATABLE_KINDS = ['city', 'vendor'] as const;

// No transforms (superforms derives the form's defaults from a JSON schema, which cannot hold
// them): optional texts are '' when empty; orNull() turns them into the database's null.
const optionalText = (max: number, error: () => string) =>
	z.string().trim().max(max, { error }).default('');

/** '' → null, for the optional columns. */
export const orNull = (v: string): string | null => v || null;

const email = z
	.string()
	.trim()
	.toLowerCase()
	.max(254, { error: () => m.auth_error_email() })
	.pipe(z.email({ error: () => m.auth_error_email() }));

const uuid = z.uuid({ error: () => m.org_error_pick() });

/** The public profile an organisation's admins edit (kind is not here: it is fixed). */
export const organisationProfileSchema = z.object({
	name: z
		.string()
		.trim()
		.min(2, { error: () => m.org_error_name() })
		.max(200, { error: () => m.org_error_name() }),
	country: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z]{2}$/, { error: () => m.org_error_country() }),
	domains: z.array(z.enum(DOMAINS)).max(DOMAINS.length).default([]),
	website: z
		.string()
		.trim()
		.max(500, { error: () => m.org_error_website() })
		.regex(/^(https?:\/\/[^\s/$.?#][^\s]*)?$/i, { error: () => m.org_error_website() })
		.default(''),
	profile: optionalText(5000, () => m.org_error_description()),
	contact_email: z.union([z.literal(''), email]).default('')
});
export type OrganisationProfileInput = z.output<typeof organisationProfileSchema>;

/**
 * The profile as its admins edit it on the manage page: with the language it is written in
 * (organisations.profile_language, any BCP 47 tag; the database's organisations_profile_language_format).
 */
export const organisationManageSchema = organisationProfileSchema.extend({
	profile_language: z
		.string()
		.trim()
		.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: () => m.manage_ch_error_language() })
		.max(35, { error: () => m.manage_ch_error_language() })
		.default('en')
});

/**
 * A version of an organisation's profile or a city's description in a portal language (issue 16;
 * the limits of organisation_translations and city_translations). `city` is '' for the
 * organisation's own profile. One form carries both buttons: save and remove.
 */
export const profileVersionSchema = z.object({
	// z.guid(): the seed's ids are md5 hashes shaped as uuids, without an RFC 9562 version.
	city: z.union([z.literal(''), z.guid()]).default(''),
	language: z.enum(VERSION_LANGUAGES),
	profile: z
		.string()
		.trim()
		.min(1, { error: () => m.manage_version_error_text() })
		.max(5000, { error: () => m.manage_version_error_text() })
		.default('')
});
export type ProfileVersionInput = z.output<typeof profileVersionSchema>;

/** A new organisation: its profile and its kind (city or vendor). */
export const createOrganisationSchema = organisationProfileSchema.extend({
	kind: z.enum(CREATABLE_KINDS)
});

/** Asking to join an existing organisation. */
export const joinRequestSchema = z.object({
	organisation: uuid,
	message: optionalText(1000, () => m.org_error_message())
});

export const inviteSchema = z.object({ email, role: z.enum(ORG_ROLES).default('member') });
export const memberRoleSchema = z.object({ user: uuid, role: z.enum(ORG_ROLES) });
export const memberSchema = z.object({ user: uuid });
export const idSchema = z.object({ id: uuid });
export const decisionSchema = z.object({ id: uuid, decision: z.enum(['accept', 'decline']) });
export const verifySchema = z.object({
	organisation: uuid,
	verified: z.enum(['true', 'false'])
});
export const activeOrganisationSchema = z.object({
	organisation: uuid,
	redirectTo: z.string().max(2000).default('/')
});
/** An invitation link's token as the mail carries it (base64url or hex, 16 to 128 characters). */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);
