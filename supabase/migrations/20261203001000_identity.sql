-- Identity: Better Auth's tables (better-auth 1.7.25 with the magicLink and jwt plugins, database
-- rate limits, uuid ids), in a schema of their own that PostgREST does not expose
-- (pgrst.db_schemas = 'public') and that anon, authenticated and service_role cannot even enter.
-- Only the app's Better Auth instance reads and writes them, over its own database connection.
--
-- Generated once with getMigrations(auth.options).compileMigrations() from better-auth/db/migration
-- (src/lib/server/auth/config.ts), then laid out for reading; a later Better Auth that needs more
-- columns gets a migration of its own. Column names are Better Auth's (camelCase, quoted).

create schema if not exists identity;
revoke all on schema identity from public, anon, authenticated, service_role;

-- A person. "locale" is the language chosen at sign-up (en, zh); public.profiles mirrors it and the
-- name (migration 20261203001100_profiles.sql).
create table identity."user" (
	"id" uuid default pg_catalog.gen_random_uuid() not null primary key,
	"name" text not null,
	"email" text not null unique,
	"emailVerified" boolean not null,
	"image" text,
	"createdAt" timestamptz default current_timestamp not null,
	"updatedAt" timestamptz default current_timestamp not null,
	"locale" text default 'en' check ("locale" in ('en', 'zh'))
);

-- A signed-in browser: the opaque token in the HttpOnly session cookie. Deleting the row signs out.
create table identity."session" (
	"id" uuid default pg_catalog.gen_random_uuid() not null primary key,
	"expiresAt" timestamptz not null,
	"token" text not null unique,
	"createdAt" timestamptz default current_timestamp not null,
	"updatedAt" timestamptz not null,
	"ipAddress" text,
	"userAgent" text,
	"userId" uuid not null references identity."user" ("id") on delete cascade
);
create index "session_userId_idx" on identity."session" ("userId");

-- How a person signs in: provider 'credential' holds the scrypt password hash.
create table identity."account" (
	"id" uuid default pg_catalog.gen_random_uuid() not null primary key,
	"accountId" text not null,
	"providerId" text not null,
	"userId" uuid not null references identity."user" ("id") on delete cascade,
	"accessToken" text,
	"refreshToken" text,
	"idToken" text,
	"accessTokenExpiresAt" timestamptz,
	"refreshTokenExpiresAt" timestamptz,
	"scope" text,
	"password" text,
	"createdAt" timestamptz default current_timestamp not null,
	"updatedAt" timestamptz not null
);
create index "account_userId_idx" on identity."account" ("userId");

-- One-time values: password-reset and magic-link tokens (hashed), with their expiry.
create table identity."verification" (
	"id" uuid default pg_catalog.gen_random_uuid() not null primary key,
	"identifier" text not null,
	"value" text not null,
	"expiresAt" timestamptz not null,
	"createdAt" timestamptz default current_timestamp not null,
	"updatedAt" timestamptz default current_timestamp not null
);
create index "verification_identifier_idx" on identity."verification" ("identifier");

-- The jwt plugin's RS256 key pairs (private halves encrypted with BETTER_AUTH_SECRET). The newest
-- live key signs; a key whose "expiresAt" passed stays published in the JWKS for a grace period
-- (npm run auth:rotate-keys).
create table identity."jwks" (
	"id" uuid default pg_catalog.gen_random_uuid() not null primary key,
	"publicKey" text not null,
	"privateKey" text not null,
	"createdAt" timestamptz not null,
	"expiresAt" timestamptz,
	"alg" text,
	"crv" text
);

-- Rate-limit counters per client address and path, shared by every app process.
create table identity."rateLimit" (
	"id" uuid default pg_catalog.gen_random_uuid() not null primary key,
	"key" text not null unique,
	"count" integer not null,
	"lastRequest" bigint not null
);

-- No role but the owner (the app's connection) may touch them, whatever a later grant says.
alter table identity."user" enable row level security;
alter table identity."session" enable row level security;
alter table identity."account" enable row level security;
alter table identity."verification" enable row level security;
alter table identity."jwks" enable row level security;
alter table identity."rateLimit" enable row level security;
revoke all on all tables in schema identity from public, anon, authenticated, service_role;
