// The demo accounts (npm run demo, npm run stack:reset): illustrative people, all verified, all
// with the same public password, each the admin (or, where said, a member) of one organisation of the seed
// (supabase/seed.sql; docs/organisations.md). scripts/auth-stack.ts gives them their places.
export const DEMO_PASSWORD = 'city-portal-demo';

export const DEMO_ACCOUNTS = [
	{
		email: 'official.shanghai@demo.test',
		name: 'Shanghai city official (demo)',
		locale: 'zh',
		organisation: 'shanghai-municipal-commission'
	},
	{
		// The second reviewer of the demo's review trail (scripts/demo-trail.sql).
		email: 'reviewer.shanghai@demo.test',
		name: 'Shanghai reviewer (demo)',
		locale: 'en',
		organisation: 'shanghai-municipal-commission',
		role: 'member'
	},
	{
		email: 'official.sepang@demo.test',
		name: 'Sepang city official (demo)',
		locale: 'en',
		organisation: 'sepang-municipal-council'
	},
	{
		email: 'vendor.a@demo.test',
		name: 'Vendor A (demo)',
		locale: 'en',
		organisation: 'aquasense-analytics'
	},
	{
		email: 'vendor.b@demo.test',
		name: 'Vendor B (demo)',
		locale: 'en',
		organisation: 'voltway-charging'
	},
	{
		email: 'hub@demo.test',
		name: 'Hub staff (demo)',
		locale: 'en',
		organisation: 'collaboration-list-hub'
	}
] as const;

/** The hub organisation the demo makes when the seed has none (an empty or custom seed). */
export const DEMO_HUB = {
	slug: 'collaboration-list-hub',
	name: 'Smart Cities Collaboration Hub',
	country: 'MY'
} as const;
