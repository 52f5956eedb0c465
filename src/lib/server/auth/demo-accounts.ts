// The demo accounts (npm run demo, npm run stack:reset): illustrative people, all verified, all
// with the same public password. A later issue gives them their organisations and roles.
export const DEMO_PASSWORD = 'city-portal-demo';

export const DEMO_ACCOUNTS = [
	{ email: 'official.shanghai@demo.test', name: 'Shanghai city official (demo)', locale: 'zh' },
	{ email: 'official.sepang@demo.test', name: 'Sepang city official (demo)', locale: 'en' },
	{ email: 'vendor.a@demo.test', name: 'Vendor A (demo)', locale: 'en' },
	{ email: 'vendor.b@demo.test', name: 'Vendor B (demo)', locale: 'en' },
	{ email: 'hub@demo.test', name: 'Hub staff (demo)', locale: 'en' }
] as const;
