-- The database of the City Challenges & Opportunities portal, as one baseline (issue 15).
--
-- This file defines every table, type, function, trigger and policy once, grouped by area. It
-- replaces the nine migrations of 2026-11-29, which restated whole functions as they changed; their
-- history is in git. From here on, one change per migration file, restating only what changes.
--
-- Contents
--   1. Schemas, extensions, default privileges
--   2. What a visitor's API request may cost (db-pre-request; the read guard in every policy)
--   3. Types (the list's enums; the challenge lifecycle)
--   4. Reference data: regions, currencies, countries
--   5. Organisations and cities
--   6. Challenges: table, what "public" means, lifecycle, timestamps
--   7. Search: text helpers
--   8. Search: documents, facet counts, lexicon, synonyms (private tables kept by triggers)
--   9. Search: the Meilisearch outbox
--  10. Search: triggers that keep documents, lexicon and outbox in step with challenges and places
--  11. Search: query parsing (typos, synonyms, prefixes)
--  12. Search: matching, facets and the page of ids (search_core and its pieces)
--  13. Search: the result cache
--  14. Search: the API (search_challenges, search_challenge_ids, similar_challenges)
--  15. Search: the worker's functions (service_role only)
--
-- Conventions (docs/database.md says why):
-- * public is the API: it holds only what the portal or an open-data client reads or calls.
--   Helpers, trigger functions, search tables and queues live in `private`, which PostgREST does
--   not expose. tests/integration/api-surface.test.ts lists exactly what anon and authenticated
--   may read and execute, and fails on anything else.
-- * Every function sets search_path = '' and names every object with its schema. SECURITY DEFINER
--   only in private, only where a visitor's request must reach a private table, and such a
--   function returns nothing a visitor could not read anyway (ids, ranks, counts).
-- * Grants are explicit, next to each object; nothing is granted by default (section 1).

-- =============================================================================================
-- 1. Schemas, extensions, default privileges
-- =============================================================================================

create schema if not exists extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists unaccent with schema extensions;
create extension if not exists fuzzystrmatch with schema extensions;

-- Everything the API does not serve. anon and authenticated need usage to run the private
-- functions that policies and the search call; they can reach no table in it (no grants).
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

-- PostgreSQL lets everyone execute a new function, and a hosted Supabase project also grants new
-- tables, sequences and functions in public to anon and authenticated. Neither may happen by
-- accident here: an object this role creates is reachable only through the grants written next to
-- it. (Per-schema default privileges can only add to the global ones, so the PUBLIC execute is
-- revoked globally.)
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke all on tables from public, anon, authenticated;
alter default privileges in schema public revoke all on sequences from public, anon, authenticated;
alter default privileges in schema public revoke all on functions from public, anon, authenticated;
alter default privileges in schema private revoke all on tables from public, anon, authenticated;
alter default privileges in schema private revoke all on sequences from public, anon, authenticated;
alter default privileges in schema private revoke all on functions from public, anon, authenticated;

-- =============================================================================================
-- 2. What a visitor's API request may cost
-- =============================================================================================

-- The anon key is public by design: anyone may call PostgREST with it, not only the portal. RLS
-- decides what a visitor may read; these two functions bound what a read may cost.
--
-- What the database can see of a request (checked on PostgREST 12.0.2, docs/database.md): before
-- the request's statement PostgREST sets the role, its statement_timeout, request.jwt.claims,
-- request.method, request.path, request.headers and request.cookies, then calls the db-pre-request
-- function, then runs the statement. The query string (select=, filters, order) is never set: the
-- pre-request function cannot see which filters or embeds a request asks for. Only the statement
-- itself carries them, and current_query() shows it to a function that runs inside it, such as a
-- row-level security policy. So:
-- * api_pre_request() (PostgREST's db-pre-request) sets a visitor's statement timeout by path;
-- * api_read_allowed(), called once per statement by the policy of every table a visitor reads,
--   refuses the two request shapes a security review found to exhaust the API.
-- Neither replaces a rate limit per client in front of the API (docs/database.md).

create function private.api_pre_request()
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
	-- PostgREST has already applied the role's own statement_timeout (3 s for anon, as on a hosted
	-- project); a visitor's table read gets 2 s. The portal's slowest table reads, at 100k
	-- challenges on a loaded 2-core machine, take about 1 s (the cities index with its counts, a
	-- deep batch of the CSV export; `npm run bench:anon-reads`, docs/database.md); a filter or an
	-- embed a visitor made up stops a third sooner. RPCs keep the role's limit: their inputs are
	-- capped (search_args), and a search on a large list is the heaviest thing the portal asks.
	-- Set here rather than on the role: the local bootstrap resets the role's settings.
	if current_user = 'anon' and coalesce(current_setting('request.path', true), '') not like '/rpc/%' then
		perform set_config('statement_timeout', '2s', true);
	end if;
end;
$$;

comment on function private.api_pre_request() is
	'PostgREST db-pre-request (pgrst.db_pre_request on the authenticator role): a visitor''s table reads get a shorter statement_timeout than the role''s. Sees method, path, headers and claims; never the query string.';

-- PostgREST reads its in-database configuration from the authenticator role (as on a hosted
-- project: there the same statement configures it); `reload config` makes a running server
-- read it again once this transaction commits.
alter role authenticator set pgrst.db_pre_request = 'private.api_pre_request';
notify pgrst, 'reload config';

create function private.api_read_allowed()
returns boolean
language plpgsql
stable
set search_path = ''
as $$
declare
	v_sql text;
	v_ch text;
	v_parens integer := 0;
	-- The paren depth at which each embed still open began.
	v_embeds integer[] := '{}';
	v_deepest integer := 0;
begin
	-- Only visitors: signed-in users are accountable, and jobs need their own reads.
	if current_user <> 'anon' then
		return true;
	end if;
	-- The statement PostgREST built for this request. Values arrive as $n parameters, never in
	-- the text; without its quoted identifiers (a visitor chooses aliases) and literals, what is
	-- left are PostgREST's own keywords, operators and parentheses.
	v_sql := regexp_replace(current_query(), '"(?:[^"]|"")*"|''(?:[^'']|'''')*''', ' ', 'g');

	-- match and imatch become ~ and ~*. A regular expression with back-references runs until the
	-- statement timeout on every row it is tried on; nothing the portal offers needs one.
	if v_sql ~ '\s!?~\*?\s' then
		raise exception using
			errcode = 'PT400',
			message = 'Regular expression filters (match, imatch) are not available without signing in.',
			hint = 'Use like or ilike, or the list search (rpc/search_challenges).';
	end if;

	-- Each embedded resource is a LATERAL subquery of the one it is embedded in, and each may
	-- return up to max-rows rows: the rows multiply with every level (max-rows only caps the top
	-- level). One level is all the portal uses.
	foreach v_ch in array regexp_split_to_array(
		regexp_replace(regexp_replace(v_sql, 'JOIN\s+LATERAL\s*\(', '<', 'gi'), '[^()<]', '', 'g'), ''
	) loop
		if v_ch = '<' then
			v_parens := v_parens + 1;
			v_embeds := v_embeds || v_parens;
			v_deepest := greatest(v_deepest, cardinality(v_embeds));
		elsif v_ch = '(' then
			v_parens := v_parens + 1;
		elsif v_ch = ')' then
			if v_embeds[cardinality(v_embeds)] = v_parens then
				v_embeds := v_embeds[1:cardinality(v_embeds) - 1];
			end if;
			v_parens := v_parens - 1;
		end if;
	end loop;
	if v_deepest > 1 then
		raise exception using
			errcode = 'PT400',
			message = format('Embedding is limited to one level without signing in (this request nests %s).', v_deepest),
			hint = 'Embed each related table directly in the top-level select, or make a second request.';
	end if;
	return true;
end;
$$;

comment on function private.api_read_allowed() is
	'Called once per statement by the SELECT policy of every table visitors read: for anon, refuses (400, PT400) regular expression filters and embeds nested deeper than one level, read from current_query(). True otherwise.';

revoke all on function private.api_pre_request() from public;
revoke all on function private.api_read_allowed() from public;
grant execute on function private.api_pre_request() to anon, authenticated, service_role;
grant execute on function private.api_read_allowed() to anon, authenticated, service_role;

-- =============================================================================================
-- 3. Types
-- =============================================================================================

-- The list's enums. The app derives its lists from the generated types (Constants in
-- src/lib/database.types.ts), so adding a value here is the whole change for the vocabulary.
create type public.challenge_domain as enum ('technologies', 'mobility', 'environment', 'utilities');
create type public.challenge_kind as enum ('challenge', 'opportunity');
create type public.priority_area as enum (
	'smart-governance',
	'green-transition',
	'infrastructure-renewal',
	'digital-inclusion',
	'public-safety',
	'circular-economy',
	'climate-resilience',
	'public-health'
);
create type public.org_kind as enum ('city', 'vendor', 'hub');

-- The states of a challenge, not of the proposals to it: shortlisted, declined and selected are
-- states of a proposal (as Decidim and CONSUL model it). "Closed for proposals" is not a state:
-- an open challenge whose deadline has passed (derived where it is shown).
create type public.challenge_status as enum ('draft', 'open', 'in_review', 'decided', 'archived', 'withdrawn');
create type public.challenge_outcome as enum ('awarded', 'not_awarded');

comment on type public.challenge_status is
	'Lifecycle: draft → open → in_review → decided → archived; draft, open and in_review may be withdrawn (final); open may be decided without a review. private.challenge_status_transition_allowed() is the one list; the trigger challenges_guard_status enforces it.';
comment on type public.challenge_outcome is
	'How a decided challenge ended: awarded (a proposal was selected) or not_awarded (closed without award).';

-- =============================================================================================
-- 4. Reference data: regions, currencies, countries
-- Everyone reads them; only migrations and the service role write them.
-- =============================================================================================

create table public.regions (
	slug text primary key
		constraint regions_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 60),
	name text not null
		constraint regions_name_length check (char_length(name) between 2 and 100)
);
alter table public.regions enable row level security;
comment on table public.regions is 'World regions used to group cities (slugs mirror REGIONS in list-params.ts).';

create table public.currencies (
	code char(3) primary key
		constraint currencies_code_format check (code ~ '^[A-Z]{3}$'),
	name text not null
		constraint currencies_name_length check (char_length(name) between 2 and 100),
	minor_units smallint not null default 2
		constraint currencies_minor_units_range check (minor_units between 0 and 4)
);
alter table public.currencies enable row level security;
comment on table public.currencies is
	'ISO 4217 currencies a budget may be stated in. A lookup table (not a check constraint) so adding one is an insert, not a migration.';
comment on column public.currencies.minor_units is 'Digits after the decimal point (ISO 4217 exponent), for display.';

create table public.countries (
	code char(2) primary key constraint countries_code_format check (code ~ '^[A-Z]{2}$'),
	name text not null constraint countries_name_length check (char_length(name) between 1 and 100)
);
alter table public.countries enable row level security;
comment on table public.countries is
	'ISO 3166-1 alpha-2 codes with their English names (as Intl.DisplayNames gives them). Their names make a challenge findable by its country.';

-- The policies of every table a visitor reads also run private.api_read_allowed() (section 2):
-- it refuses anonymous requests that PostgREST would turn into unbounded work.
create policy "Anyone can read regions" on public.regions
	for select to anon, authenticated using ((select private.api_read_allowed()));
create policy "Anyone can read currencies" on public.currencies
	for select to anon, authenticated using ((select private.api_read_allowed()));
create policy "Anyone can read countries" on public.countries
	for select to anon, authenticated using ((select private.api_read_allowed()));

revoke all on table public.regions, public.currencies, public.countries from public, anon, authenticated;
grant select on table public.regions, public.currencies, public.countries to anon, authenticated;
grant all on table public.regions, public.currencies, public.countries to service_role;

insert into public.currencies (code, name, minor_units) values
	('USD', 'US dollar', 2), ('EUR', 'Euro', 2), ('GBP', 'Pound sterling', 2), ('CHF', 'Swiss franc', 2),
	('SEK', 'Swedish krona', 2), ('NOK', 'Norwegian krone', 2), ('DKK', 'Danish krone', 2),
	('PLN', 'Polish złoty', 2), ('CZK', 'Czech koruna', 2), ('HUF', 'Hungarian forint', 2),
	('RON', 'Romanian leu', 2), ('TRY', 'Turkish lira', 2), ('CNY', 'Chinese yuan renminbi', 2),
	('HKD', 'Hong Kong dollar', 2), ('TWD', 'New Taiwan dollar', 2), ('JPY', 'Japanese yen', 0),
	('KRW', 'South Korean won', 0), ('MYR', 'Malaysian ringgit', 2), ('THB', 'Thai baht', 2),
	('SGD', 'Singapore dollar', 2), ('IDR', 'Indonesian rupiah', 2), ('PHP', 'Philippine peso', 2),
	('VND', 'Vietnamese đồng', 0), ('INR', 'Indian rupee', 2), ('PKR', 'Pakistani rupee', 2),
	('BDT', 'Bangladeshi taka', 2), ('LKR', 'Sri Lankan rupee', 2), ('AED', 'UAE dirham', 2),
	('SAR', 'Saudi riyal', 2), ('QAR', 'Qatari riyal', 2), ('ILS', 'Israeli new shekel', 2),
	('EGP', 'Egyptian pound', 2), ('MAD', 'Moroccan dirham', 2), ('ZAR', 'South African rand', 2),
	('KES', 'Kenyan shilling', 2), ('NGN', 'Nigerian naira', 2), ('GHS', 'Ghanaian cedi', 2),
	('RWF', 'Rwandan franc', 0), ('ETB', 'Ethiopian birr', 2), ('BRL', 'Brazilian real', 2),
	('MXN', 'Mexican peso', 2), ('COP', 'Colombian peso', 2), ('CLP', 'Chilean peso', 0),
	('PEN', 'Peruvian sol', 2), ('ARS', 'Argentine peso', 2), ('UYU', 'Uruguayan peso', 2),
	('CAD', 'Canadian dollar', 2), ('AUD', 'Australian dollar', 2), ('NZD', 'New Zealand dollar', 2);

insert into public.countries (code, name) values
	('AC', 'Ascension Island'), ('AD', 'Andorra'), ('AE', 'United Arab Emirates'),
	('AF', 'Afghanistan'), ('AG', 'Antigua & Barbuda'), ('AI', 'Anguilla'), ('AL', 'Albania'),
	('AM', 'Armenia'), ('AO', 'Angola'), ('AQ', 'Antarctica'), ('AR', 'Argentina'),
	('AS', 'American Samoa'), ('AT', 'Austria'), ('AU', 'Australia'), ('AW', 'Aruba'),
	('AX', 'Åland Islands'), ('AZ', 'Azerbaijan'), ('BA', 'Bosnia & Herzegovina'),
	('BB', 'Barbados'), ('BD', 'Bangladesh'), ('BE', 'Belgium'), ('BF', 'Burkina Faso'),
	('BG', 'Bulgaria'), ('BH', 'Bahrain'), ('BI', 'Burundi'), ('BJ', 'Benin'),
	('BL', 'St. Barthélemy'), ('BM', 'Bermuda'), ('BN', 'Brunei'), ('BO', 'Bolivia'),
	('BQ', 'Caribbean Netherlands'), ('BR', 'Brazil'), ('BS', 'Bahamas'), ('BT', 'Bhutan'),
	('BV', 'Bouvet Island'), ('BW', 'Botswana'), ('BY', 'Belarus'), ('BZ', 'Belize'),
	('CA', 'Canada'), ('CC', 'Cocos (Keeling) Islands'), ('CD', 'Congo - Kinshasa'),
	('CF', 'Central African Republic'), ('CG', 'Congo - Brazzaville'), ('CH', 'Switzerland'),
	('CI', 'Côte d’Ivoire'), ('CK', 'Cook Islands'), ('CL', 'Chile'), ('CM', 'Cameroon'),
	('CN', 'China'), ('CO', 'Colombia'), ('CP', 'Clipperton Island'), ('CQ', 'Sark'),
	('CR', 'Costa Rica'), ('CU', 'Cuba'), ('CV', 'Cape Verde'), ('CW', 'Curaçao'),
	('CX', 'Christmas Island'), ('CY', 'Cyprus'), ('CZ', 'Czechia'), ('DE', 'Germany'),
	('DG', 'Diego Garcia'), ('DJ', 'Djibouti'), ('DK', 'Denmark'), ('DM', 'Dominica'),
	('DO', 'Dominican Republic'), ('DZ', 'Algeria'), ('EA', 'Ceuta & Melilla'), ('EC', 'Ecuador'),
	('EE', 'Estonia'), ('EG', 'Egypt'), ('EH', 'Western Sahara'), ('ER', 'Eritrea'),
	('ES', 'Spain'), ('ET', 'Ethiopia'), ('FI', 'Finland'), ('FJ', 'Fiji'),
	('FK', 'Falkland Islands'), ('FM', 'Micronesia'), ('FO', 'Faroe Islands'), ('FR', 'France'),
	('GA', 'Gabon'), ('GB', 'United Kingdom'), ('GD', 'Grenada'), ('GE', 'Georgia'),
	('GF', 'French Guiana'), ('GG', 'Guernsey'), ('GH', 'Ghana'), ('GI', 'Gibraltar'),
	('GL', 'Greenland'), ('GM', 'Gambia'), ('GN', 'Guinea'), ('GP', 'Guadeloupe'),
	('GQ', 'Equatorial Guinea'), ('GR', 'Greece'), ('GS', 'South Georgia & South Sandwich Islands'),
	('GT', 'Guatemala'), ('GU', 'Guam'), ('GW', 'Guinea-Bissau'), ('GY', 'Guyana'),
	('HK', 'Hong Kong SAR China'), ('HM', 'Heard & McDonald Islands'), ('HN', 'Honduras'),
	('HR', 'Croatia'), ('HT', 'Haiti'), ('HU', 'Hungary'), ('IC', 'Canary Islands'),
	('ID', 'Indonesia'), ('IE', 'Ireland'), ('IL', 'Israel'), ('IM', 'Isle of Man'),
	('IN', 'India'), ('IO', 'British Indian Ocean Territory'), ('IQ', 'Iraq'), ('IR', 'Iran'),
	('IS', 'Iceland'), ('IT', 'Italy'), ('JE', 'Jersey'), ('JM', 'Jamaica'), ('JO', 'Jordan'),
	('JP', 'Japan'), ('KE', 'Kenya'), ('KG', 'Kyrgyzstan'), ('KH', 'Cambodia'), ('KI', 'Kiribati'),
	('KM', 'Comoros'), ('KN', 'St. Kitts & Nevis'), ('KP', 'North Korea'), ('KR', 'South Korea'),
	('KW', 'Kuwait'), ('KY', 'Cayman Islands'), ('KZ', 'Kazakhstan'), ('LA', 'Laos'),
	('LB', 'Lebanon'), ('LC', 'St. Lucia'), ('LI', 'Liechtenstein'), ('LK', 'Sri Lanka'),
	('LR', 'Liberia'), ('LS', 'Lesotho'), ('LT', 'Lithuania'), ('LU', 'Luxembourg'),
	('LV', 'Latvia'), ('LY', 'Libya'), ('MA', 'Morocco'), ('MC', 'Monaco'), ('MD', 'Moldova'),
	('ME', 'Montenegro'), ('MF', 'St. Martin'), ('MG', 'Madagascar'), ('MH', 'Marshall Islands'),
	('MK', 'North Macedonia'), ('ML', 'Mali'), ('MM', 'Myanmar (Burma)'), ('MN', 'Mongolia'),
	('MO', 'Macao SAR China'), ('MP', 'Northern Mariana Islands'), ('MQ', 'Martinique'),
	('MR', 'Mauritania'), ('MS', 'Montserrat'), ('MT', 'Malta'), ('MU', 'Mauritius'),
	('MV', 'Maldives'), ('MW', 'Malawi'), ('MX', 'Mexico'), ('MY', 'Malaysia'),
	('MZ', 'Mozambique'), ('NA', 'Namibia'), ('NC', 'New Caledonia'), ('NE', 'Niger'),
	('NF', 'Norfolk Island'), ('NG', 'Nigeria'), ('NI', 'Nicaragua'), ('NL', 'Netherlands'),
	('NO', 'Norway'), ('NP', 'Nepal'), ('NR', 'Nauru'), ('NU', 'Niue'), ('NZ', 'New Zealand'),
	('OM', 'Oman'), ('PA', 'Panama'), ('PE', 'Peru'), ('PF', 'French Polynesia'),
	('PG', 'Papua New Guinea'), ('PH', 'Philippines'), ('PK', 'Pakistan'), ('PL', 'Poland'),
	('PM', 'St. Pierre & Miquelon'), ('PN', 'Pitcairn Islands'), ('PR', 'Puerto Rico'),
	('PS', 'Palestinian Territories'), ('PT', 'Portugal'), ('PW', 'Palau'), ('PY', 'Paraguay'),
	('QA', 'Qatar'), ('RE', 'Réunion'), ('RO', 'Romania'), ('RS', 'Serbia'), ('RU', 'Russia'),
	('RW', 'Rwanda'), ('SA', 'Saudi Arabia'), ('SB', 'Solomon Islands'), ('SC', 'Seychelles'),
	('SD', 'Sudan'), ('SE', 'Sweden'), ('SG', 'Singapore'), ('SH', 'St. Helena'),
	('SI', 'Slovenia'), ('SJ', 'Svalbard & Jan Mayen'), ('SK', 'Slovakia'), ('SL', 'Sierra Leone'),
	('SM', 'San Marino'), ('SN', 'Senegal'), ('SO', 'Somalia'), ('SR', 'Suriname'),
	('SS', 'South Sudan'), ('ST', 'São Tomé & Príncipe'), ('SV', 'El Salvador'),
	('SX', 'Sint Maarten'), ('SY', 'Syria'), ('SZ', 'Eswatini'), ('TA', 'Tristan da Cunha'),
	('TC', 'Turks & Caicos Islands'), ('TD', 'Chad'), ('TF', 'French Southern Territories'),
	('TG', 'Togo'), ('TH', 'Thailand'), ('TJ', 'Tajikistan'), ('TK', 'Tokelau'),
	('TL', 'Timor-Leste'), ('TM', 'Turkmenistan'), ('TN', 'Tunisia'), ('TO', 'Tonga'),
	('TR', 'Türkiye'), ('TT', 'Trinidad & Tobago'), ('TV', 'Tuvalu'), ('TW', 'Taiwan'),
	('TZ', 'Tanzania'), ('UA', 'Ukraine'), ('UG', 'Uganda'),
	('UM', 'U.S. Outlying Islands'), ('US', 'United States'), ('UY', 'Uruguay'),
	('UZ', 'Uzbekistan'), ('VA', 'Vatican City'), ('VC', 'St. Vincent & Grenadines'),
	('VE', 'Venezuela'), ('VG', 'British Virgin Islands'), ('VI', 'U.S. Virgin Islands'),
	('VN', 'Vietnam'), ('VU', 'Vanuatu'), ('WF', 'Wallis & Futuna'), ('WS', 'Samoa'),
	('XK', 'Kosovo'), ('YE', 'Yemen'), ('YT', 'Mayotte'), ('ZA', 'South Africa'), ('ZM', 'Zambia'),
	('ZW', 'Zimbabwe');

-- =============================================================================================
-- 5. Organisations and cities
-- =============================================================================================

create table public.organisations (
	id uuid primary key default gen_random_uuid(),
	kind public.org_kind not null,
	slug text not null unique
		constraint organisations_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 120),
	name text not null
		constraint organisations_name_length check (char_length(name) between 2 and 200),
	country char(2) not null
		constraint organisations_country_format check (country ~ '^[A-Z]{2}$'),
	website text
		constraint organisations_website_format check (website ~* '^https?://[^\s/$.?#][^\s]*$' and char_length(website) <= 500),
	domains public.challenge_domain[] not null default '{}'
		constraint organisations_domains_no_nulls check (array_position(domains, null) is null),
	verified boolean not null default false,
	profile text
		constraint organisations_profile_length check (char_length(profile) <= 5000),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
alter table public.organisations enable row level security;

comment on table public.organisations is 'Who takes part: a city administration, a vendor, or the hub that runs the list.';
comment on column public.organisations.country is 'ISO 3166-1 alpha-2, upper case.';
comment on column public.organisations.domains is 'Domains the organisation works in (vendors) or posts in (cities).';
comment on column public.organisations.verified is 'Checked by the hub (identity and mandate); the UI shows a badge.';

create policy "Anyone can read organisations" on public.organisations
	for select to anon, authenticated using ((select private.api_read_allowed()));

create index organisations_kind_idx on public.organisations (kind);
create index organisations_domains_idx on public.organisations using gin (domains);

revoke all on table public.organisations from public, anon, authenticated;
grant select on table public.organisations to anon, authenticated;
grant all on table public.organisations to service_role;

-- True for a full IANA time zone name the database's tz data knows ('Asia/Ho_Chi_Minh', 'UTC'):
-- not an abbreviation such as 'CEST', which browsers and Intl refuse, nor the posix/ and right/
-- copies. Immutable for a check constraint: a name the tz database knows stays known.
create function private.is_time_zone(zone text)
returns boolean
language sql
immutable
set search_path = ''
as $$
	select zone ~ '^[A-Za-z][A-Za-z0-9_+/-]{0,63}$'
		and zone !~ '^(posix|right)/'
		and exists (select 1 from pg_catalog.pg_timezone_names as t where t.name = zone);
$$;
comment on function private.is_time_zone(text) is
	'Whether the IANA time zone name is known to the database''s tz data; used by cities_time_zone_known.';

create table public.cities (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique
		constraint cities_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 80),
	name text not null
		constraint cities_name_length check (char_length(name) between 1 and 120),
	-- The portal's Chinese pages show it ("上海", not "Shanghai"); it is searchable too.
	name_zh text
		constraint cities_name_zh_length check (name_zh is null or char_length(btrim(name_zh)) between 1 and 100),
	country char(2) not null
		constraint cities_country_format check (country ~ '^[A-Z]{2}$'),
	region text not null references public.regions (slug) on update cascade,
	profile text
		constraint cities_profile_length check (char_length(profile) <= 5000),
	population integer
		constraint cities_population_nonnegative check (population >= 0),
	organisation_id uuid references public.organisations (id) on delete set null,
	-- Deadlines are instants shown in UTC; a vendor on another continent also wants the city's own
	-- time ("23:59 in Da Nang"), and a city near the date line would otherwise see another day.
	time_zone text
		constraint cities_time_zone_known check (time_zone is null or private.is_time_zone(time_zone)),
	created_at timestamptz not null default now()
);
alter table public.cities enable row level security;

comment on table public.cities is 'Cities that post challenges. Slugs are ≤ 80 chars to match the city filter in schema.ts.';
comment on column public.cities.organisation_id is 'The city administration (an organisation of kind city) that speaks for this city.';
comment on column public.cities.name_zh is
	'The city''s name in Chinese, shown on the Chinese pages and searchable with its other names; null: show name.';
comment on column public.cities.time_zone is
	'The city''s IANA time zone (e.g. Asia/Ho_Chi_Minh): deadlines are shown in it beside UTC; null: UTC only.';

create policy "Anyone can read cities" on public.cities
	for select to anon, authenticated using ((select private.api_read_allowed()));

create index cities_region_idx on public.cities (region);
create index cities_organisation_id_idx on public.cities (organisation_id);
create index cities_country_idx on public.cities (country);

revoke all on table public.cities from public, anon, authenticated;
grant select on table public.cities to anon, authenticated;
grant all on table public.cities to service_role;

-- =============================================================================================
-- 6. Challenges
-- =============================================================================================

create table public.challenges (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique
		constraint challenges_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 120),
	city_id uuid not null references public.cities (id) on delete restrict,
	-- Who publishes it and answers for it: the city's administration, in practice. Not derived from
	-- the city, so a city may have more than one organisation posting (a utility, a district).
	organisation_id uuid not null references public.organisations (id) on delete restrict,
	-- The person who created it. No foreign key yet: the sign-in work (issue 11) adds the profiles
	-- it refers to and then the key.
	created_by uuid,
	kind public.challenge_kind not null default 'challenge',
	title text not null
		constraint challenges_title_length check (char_length(btrim(title)) between 3 and 200),
	summary text not null
		constraint challenges_summary_length check (char_length(btrim(summary)) between 10 and 600),
	description text not null default ''
		constraint challenges_description_length check (char_length(description) <= 20000),
	domain public.challenge_domain not null,
	priority_areas public.priority_area[] not null default '{}'
		constraint challenges_priority_areas_valid check (
			array_position(priority_areas, null) is null and cardinality(priority_areas) <= 8
		),
	expected_outcomes text
		constraint challenges_expected_outcomes_length check (char_length(expected_outcomes) <= 5000),
	budget_min numeric(16, 2)
		constraint challenges_budget_min_nonnegative check (budget_min >= 0),
	budget_max numeric(16, 2)
		constraint challenges_budget_max_nonnegative check (budget_max >= 0),
	currency char(3) references public.currencies (code),
	deadline timestamptz,
	status public.challenge_status not null default 'draft',
	outcome public.challenge_outcome,
	language text not null default 'en'
		constraint challenges_language_format check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
	contact_name text
		constraint challenges_contact_name_length check (char_length(contact_name) between 2 and 200),
	contact_email text
		constraint challenges_contact_email_format check (
			contact_email ~* '^[a-z0-9._%+''-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$'
			and char_length(contact_email) <= 254
		),
	published_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint challenges_budget_range check (budget_min <= budget_max),
	constraint challenges_budget_needs_currency check (
		currency is not null or (budget_min is null and budget_max is null)
	),
	-- A decision has an outcome; an archived challenge keeps the one it had (or none, if it was
	-- never decided); no other state has one.
	constraint challenges_outcome_when_decided check (
		case status
			when 'decided' then outcome is not null
			when 'archived' then true
			else outcome is null
		end
	)
);
alter table public.challenges enable row level security;

comment on table public.challenges is
	'Challenges (a problem a city wants solved) and opportunities (something a city offers: a testbed, data, a tender) on the Collaboration List.';
comment on column public.challenges.organisation_id is 'The organisation that publishes the challenge and answers for it (a city administration).';
comment on column public.challenges.created_by is 'The user who created it (public.profiles once sign-in exists; no foreign key until then).';
comment on column public.challenges.kind is 'challenge = a problem looking for solutions; opportunity = something a city offers to vendors.';
comment on column public.challenges.description is 'Markdown; rendered and sanitised by the app.';
comment on column public.challenges.budget_min is 'Indicative budget range in currency; both null when the city states no budget.';
comment on column public.challenges.currency is 'ISO 4217 code (public.currencies); required when a budget is given.';
comment on column public.challenges.status is 'Visitors see every status private.challenge_is_public() accepts (RLS). Changes are checked by challenges_guard_status.';
comment on column public.challenges.outcome is 'Required when decided, may stay when archived, null otherwise.';
comment on column public.challenges.language is 'BCP 47 tag of the text (en, zh, pt-BR…).';
comment on column public.challenges.published_at is 'Set by trigger the first time the challenge becomes open (or on insert of a non-draft row).';

create index challenges_city_id_idx on public.challenges (city_id);
create index challenges_organisation_id_idx on public.challenges (organisation_id);
create index challenges_created_by_idx on public.challenges (created_by);
create index challenges_currency_idx on public.challenges (currency);
create index challenges_domain_idx on public.challenges (domain);
create index challenges_kind_idx on public.challenges (kind);
create index challenges_status_idx on public.challenges (status);
create index challenges_deadline_idx on public.challenges (deadline);
-- The exports and the feed read the list newest first, 1,000 rows at a time: in this order an
-- index scan, not a sort of every public row per batch (at 100k, 1.1 s → 0.1–0.8 s a batch).
create index challenges_published_order_idx on public.challenges (published_at desc nulls last, id);
create index challenges_priority_areas_idx on public.challenges using gin (priority_areas);

revoke all on table public.challenges from public, anon, authenticated;
grant select on table public.challenges to anon, authenticated;
grant all on table public.challenges to service_role;

-- ---------------------------------------------------------------------------------------------
-- What "public" means: the one definition. The RLS policy below, the search documents, the
-- search's status filter and the exports all follow it; the app's PUBLIC_STATUSES is derived
-- from the generated enum and checked against this function by a drift test.
-- ---------------------------------------------------------------------------------------------

create function private.challenge_is_public(status public.challenge_status)
returns boolean
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
	select status not in ('draft'::public.challenge_status, 'withdrawn'::public.challenge_status);
$$;

comment on function private.challenge_is_public(public.challenge_status) is
	'The statuses a visitor may see: all but draft and withdrawn. The only definition; see docs/database.md.';

revoke all on function private.challenge_is_public(public.challenge_status) from public;
grant execute on function private.challenge_is_public(public.challenge_status) to anon, authenticated, service_role;

-- A function with its own search_path is never inlined, so calling it for every row costs ~2 µs
-- (200k rows: 450 ms instead of 28). The policy asks it once per statement, for every status,
-- and compares each row with that small array (index-friendly too).
create policy "Anyone can read public challenges" on public.challenges
	for select to anon, authenticated
	using (
		(select private.api_read_allowed())
		and status = any ((
			select array_agg(s)
			from unnest(enum_range(null::public.challenge_status)) as s
			where private.challenge_is_public(s)
		)::public.challenge_status[])
	);

-- ---------------------------------------------------------------------------------------------
-- Lifecycle
-- ---------------------------------------------------------------------------------------------

create function private.challenge_status_transition_allowed(
	from_status public.challenge_status,
	to_status public.challenge_status
)
returns boolean
language sql
immutable
set search_path = ''
as $$
	select (from_status, to_status) in (
		('draft'::public.challenge_status, 'open'::public.challenge_status),
		('draft', 'withdrawn'),
		('open', 'in_review'),
		('open', 'decided'),
		('open', 'withdrawn'),
		('in_review', 'decided'),
		('in_review', 'withdrawn'),
		('decided', 'archived')
	);
$$;

-- withdrawn is final: archiving exists to retire a decided challenge while keeping its record
-- public, and a withdrawn challenge that became archived would be public again.
comment on function private.challenge_status_transition_allowed(public.challenge_status, public.challenge_status) is
	'The one list of legal status changes: draft→open|withdrawn; open→in_review|decided|withdrawn; in_review→decided|withdrawn; decided→archived. archived and withdrawn are final. Used by the guard trigger.';

create function private.challenges_guard_status()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		-- Inserts are permissive (imports and seeds may bring any status), but a public row is published.
		if new.status <> 'draft' and new.published_at is null then
			new.published_at := coalesce(new.created_at, now());
		end if;
		return new;
	end if;

	if new.status is distinct from old.status then
		if not private.challenge_status_transition_allowed(old.status, new.status) then
			raise exception 'illegal challenge status transition: % → %', old.status, new.status
				using errcode = 'P0001',
					detail = format('challenge %s cannot go from %s to %s', old.slug, old.status, new.status),
					hint = 'Allowed: draft→open|withdrawn; open→in_review|decided|withdrawn; in_review→decided|withdrawn; decided→archived.';
		end if;
		if new.status = 'open' and new.published_at is null then
			new.published_at := now();
		end if;
	end if;
	return new;
end;
$$;

comment on function private.challenges_guard_status() is
	'Trigger: refuses illegal status changes (P0001) and stamps published_at on first opening. The outcome rule is a check constraint (challenges_outcome_when_decided).';

create trigger challenges_guard_status
	before insert or update on public.challenges
	for each row execute function private.challenges_guard_status();

create function private.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.updated_at := now();
	return new;
end;
$$;

comment on function private.set_updated_at() is 'Trigger: keeps updated_at current on every update.';

create trigger organisations_set_updated_at
	before update on public.organisations
	for each row execute function private.set_updated_at();
create trigger challenges_set_updated_at
	before update on public.challenges
	for each row execute function private.set_updated_at();

-- Trigger functions need no grant (PostgreSQL checks EXECUTE when a trigger is created, not when
-- it fires), but what they call runs as whoever changes the row: jobs now, city officials later.
revoke all on function private.challenge_status_transition_allowed(public.challenge_status, public.challenge_status) from public;
grant execute on function private.challenge_status_transition_allowed(public.challenge_status, public.challenge_status)
	to authenticated, service_role;
revoke all on function private.challenges_guard_status() from public;
revoke all on function private.set_updated_at() from public;

-- =============================================================================================
-- 7. Search: text helpers
-- Search is Postgres full text + trigram (always there) and, when configured, Meilisearch fed by
-- the outbox (section 9). What a search reads are the search documents (section 8): a narrow copy
-- of every public challenge. Matching, ranking and facet counts happen there; the wide challenge
-- rows are read, under the caller's RLS, only for the page of hits.
-- =============================================================================================

create function private.search_normalize(value text)
returns text
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
	select lower(extensions.unaccent('extensions.unaccent'::regdictionary, value));
$$;

comment on function private.search_normalize(text) is
	'Lower case without accents. IMMUTABLE wrapper around unaccent (which is only STABLE), so it may feed stored search columns.';

create function private.search_words(doc text)
returns setof text
language sql
immutable
parallel safe
set search_path = ''
as $$
	select w
	from unnest(tsvector_to_array(to_tsvector(
		'simple'::regconfig,
		lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(doc, '')))
	))) as w
	where char_length(w) between 3 and 32 and w ~ '^[[:alnum:]]+$' and w !~ '^[0-9]+$';
$$;

comment on function private.search_words(text) is
	'Distinct unstemmed words of a text (one row each) (3–32 letters or digits, not all digits): the vocabulary feeding search_lexicon.';

create function private.search_priority_mask(areas public.priority_area[])
returns integer
language sql
stable
parallel safe
set search_path = ''
as $$
	select coalesce(sum(distinct 1 << (array_position(enum_range(null::public.priority_area), p) - 1)), 0)::integer
	from unnest(areas) as p;
$$;

comment on function private.search_priority_mask(public.priority_area[]) is
	'Priority areas as a bit mask (bit i = the i-th value of the priority_area enum), so facets can count them without arrays.';

-- A snippet is rendered as HTML by the portal ({@html}): everything is escaped, then ts_headline
-- adds its <mark> tags, which are then the only markup in it.
create function private.search_snippet(summary text, description text, tsq tsquery)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
	-- One line of text from the first 2,000 characters (ts_headline on a 20 KB description full of
	-- matches took up to 100 ms): the Markdown's heading lines, list and quote markers, link
	-- targets and emphasis go (as markdownToPlainText in document.ts), line breaks become spaces.
	select regexp_replace(ts_headline(
		'english'::regconfig,
		replace(replace(replace(replace(replace(left(
			concat_ws(' ', summary, regexp_replace(regexp_replace(regexp_replace(regexp_replace(
				left(description, 2000),
				'(^|\n)[ \t]*#+[^\n]*', '\1', 'g'),                      -- heading lines
				'\]\([^)]*\)', ']', 'g'),                                   -- link targets
				'(^|\n)[ \t]*(?:[-+*>]|[0-9]+[.)])[ \t]+', '\1', 'g'),      -- list and quote markers
				'[*`|[\]~]+', '', 'g')),                                     -- emphasis, code, tables
			2000), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'),
		tsq,
		'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
	), '\s+', ' ', 'g');
$$;

comment on function private.search_snippet(text, text, tsquery) is
	'The snippet of a search hit: HTML-escaped text of summary and description with the matches of tsq in <mark>, one line.';

revoke all on function private.search_normalize(text) from public;
revoke all on function private.search_words(text) from public;
revoke all on function private.search_priority_mask(public.priority_area[]) from public;
-- search_challenges() calls it as the visitor.
revoke all on function private.search_snippet(text, text, tsquery) from public;
grant execute on function private.search_snippet(text, text, tsquery) to anon, authenticated, service_role;

-- =============================================================================================
-- 8. Search: documents, facet counts, lexicon, synonyms, state
-- Private tables: visitors reach them only through the SECURITY DEFINER search functions, which
-- return ids, ranks and counts of public challenges, never text. RLS is on with no policy for the
-- API roles, so a grant made by mistake still shows nothing.
-- =============================================================================================

-- One row: what the search's cache and the outbox need to know about the whole list.
create table private.search_state (
	id boolean primary key default true check (id),
	-- Raised at the commit of every transaction that changes what search results depend on: a
	-- cached result is used only while the generation it was computed at is current (section 13).
	generation bigint not null default 0,
	-- Off only to measure searches that miss (scripts/bench-search.mjs).
	cache_enabled boolean not null default true,
	-- On while a Meilisearch index is fed from the outbox (section 9): set by search:reindex before
	-- it copies the list, cleared by search:detach. Off, nothing is queued for an index no worker
	-- will ever drain.
	outbox_enabled boolean not null default false
);
insert into private.search_state default values;
alter table private.search_state enable row level security;

comment on table private.search_state is
	'One row: generation (bumped once per transaction that changes search documents, lexicon, synonyms, cities or regions), cache_enabled, outbox_enabled.';

-- What search needs of each public challenge (never drafts or withdrawn ones).
create table private.search_docs (
	id uuid primary key,
	city_id uuid not null,
	city_slug text not null,
	region_slug text not null,
	domain public.challenge_domain not null,
	kind public.challenge_kind not null,
	status public.challenge_status not null,
	priority_mask integer not null,
	deadline timestamptz,
	published_at timestamptz,
	rank_vector tsvector not null,
	search_vector tsvector not null,
	search_text text not null,
	row_pad text not null default repeat(' ', 2048)
) with (toast_tuple_target = 128, fillfactor = 90);
-- A keyword search reads, for every matching document, its facet keys and ranking vector, so a
-- row must stay small (~600 B; the heap of 100k documents is 56 MB instead of 142 MB). PostgreSQL
-- moves values out of line only when a row exceeds ~2 KB, which most rows do not: row_pad, 2 KB
-- of spaces that compress to ~35 bytes kept in the row, makes it TOAST every row, and the match
-- vector and the trigram text (external) go out of line. The ranking vector stays inline and
-- uncompressed (plain), so ranking never decompresses anything; main keeps the pad and the slugs
-- that facets group by in the row.
alter table private.search_docs alter column rank_vector set storage plain;
alter table private.search_docs alter column search_vector set storage external;
alter table private.search_docs alter column search_text set storage external;
alter table private.search_docs alter column row_pad set storage main;
alter table private.search_docs alter column city_slug set storage main;
alter table private.search_docs alter column region_slug set storage main;
alter table private.search_docs enable row level security;

comment on table private.search_docs is
	'What search needs of each public challenge (never drafts or withdrawn), maintained by statement triggers on challenges and places in the same transaction.';
comment on column private.search_docs.rank_vector is
	'English vector of unaccented title (A), summary (B), place names (city, also in Chinese, country, region), priority areas and domain (D): what relevance is ranked on.';
comment on column private.search_docs.search_vector is
	'rank_vector plus description and expected outcomes (C): what a keyword is matched against.';
comment on column private.search_docs.search_text is 'Unaccented lower-case title and summary, for trigram similarity.';
comment on column private.search_docs.priority_mask is 'search_priority_mask(priority_areas).';
comment on column private.search_docs.row_pad is
	'2 KB of spaces (~35 bytes once compressed, kept in the row): makes PostgreSQL TOAST every row, so search_vector and search_text go out of line and the row stays small. Never read.';

create index search_docs_vector_idx on private.search_docs using gin (search_vector);
create index search_docs_text_trgm_idx on private.search_docs using gin (search_text extensions.gin_trgm_ops);
-- Facet counts without a keyword: an index-only scan of the facet columns.
create index search_docs_facets_idx on private.search_docs (status)
	include (domain, kind, region_slug, city_slug, priority_mask);
-- The two orders of a search without keyword.
create index search_docs_deadline_order_idx on private.search_docs
	((status <> 'open'::public.challenge_status), deadline, published_at desc nulls last, id);
create index search_docs_newest_order_idx on private.search_docs (published_at desc nulls last, id);
-- A city or region with few challenges, without a keyword (the order indexes would walk them all).
create index search_docs_city_idx on private.search_docs (city_slug);
create index search_docs_region_idx on private.search_docs (region_slug);
-- Similar challenges: candidates by the words of their own titles and summaries only (weights A
-- and B), exact from this index, so no candidate is rechecked.
create index search_docs_title_summary_idx on private.search_docs using gin (ts_filter(rank_vector, '{a,b}'));

-- Facet counts of all documents, by city, region, domain, kind and status (p: per priority area,
-- in enum order): a search without keyword needs no scan of the documents.
create table private.search_facet_counts (
	city_slug text not null,
	region_slug text not null,
	domain public.challenge_domain not null,
	kind public.challenge_kind not null,
	status public.challenge_status not null,
	n integer not null,
	p integer[] not null,
	primary key (city_slug, region_slug, domain, kind, status)
);
alter table private.search_facet_counts enable row level security;

comment on table private.search_facet_counts is
	'Number of search documents per city, region, domain, kind and status (n), and per priority area (p, in priority_area enum order). Kept by search_docs_refresh in the same transaction; read by search_core for searches without keyword.';

create function private.search_facet_counts_apply(sign integer, ids uuid[])
returns void
language plpgsql
set search_path = ''
as $$
begin
	insert into private.search_facet_counts as f (city_slug, region_slug, domain, kind, status, n, p)
	select k.city_slug, k.region_slug, k.domain, k.kind, k.status, sign * max(k.n), array_agg(sign * k.c order by k.i)
	from (
		select d.city_slug, d.region_slug, d.domain, d.kind, d.status, b.i,
			count(*)::integer as n,
			count(*) filter (where (d.priority_mask >> (b.i - 1)) & 1 = 1)::integer as c
		from private.search_docs d
		cross join generate_series(1, cardinality(enum_range(null::public.priority_area))) as b (i)
		where d.id = any (ids)
		group by d.city_slug, d.region_slug, d.domain, d.kind, d.status, b.i
	) k
	group by k.city_slug, k.region_slug, k.domain, k.kind, k.status
	order by k.city_slug, k.region_slug, k.domain, k.kind, k.status
	on conflict (city_slug, region_slug, domain, kind, status) do update
		set n = f.n + excluded.n,
			p = array(select a + b from unnest(f.p, excluded.p) as u (a, b));
	if sign < 0 then
		delete from private.search_facet_counts f where f.n <= 0;
	end if;
end;
$$;

comment on function private.search_facet_counts_apply(integer, uuid[]) is
	'Adds (sign 1) or removes (sign -1) the current search documents of the given challenges to search_facet_counts.';

create function private.search_docs_refresh(ids uuid[])
returns void
language plpgsql
set search_path = ''
as $$
begin
	perform private.search_facet_counts_apply(-1, ids);
	delete from private.search_docs d
	where d.id = any (ids)
		and not exists (
			select 1 from public.challenges c where c.id = d.id and private.challenge_is_public(c.status)
		);

	insert into private.search_docs as d (
		id, city_id, city_slug, region_slug, domain, kind, status, priority_mask, deadline, published_at,
		rank_vector, search_vector, search_text
	)
	select c.id, c.city_id, ci.slug, ci.region, c.domain, c.kind, c.status,
		private.search_priority_mask(c.priority_areas), c.deadline, c.published_at,
		v.head,
		v.head || setweight(
			to_tsvector(
				'english'::regconfig,
				lower(extensions.unaccent('extensions.unaccent'::regdictionary, concat_ws(' ', c.description, c.expected_outcomes)))
			),
			'C'
		),
		n.title || ' ' || n.summary
	from public.challenges c
	join public.cities ci on ci.id = c.city_id
	join public.regions r on r.slug = ci.region
	left join public.countries co on co.code = ci.country
	cross join lateral (
		select lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(c.title, ''))) as title,
			lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(c.summary, ''))) as summary
	) n
	cross join lateral (
		-- Place names make a challenge findable by where it is ("flood Vietnam", "Southeast Asia",
		-- "岘港" for Da Nang on the Chinese pages).
		select setweight(to_tsvector('english'::regconfig, n.title), 'A')
			|| setweight(to_tsvector('english'::regconfig, n.summary), 'B')
			|| setweight(
				to_tsvector(
					'english'::regconfig,
					lower(extensions.unaccent(
						'extensions.unaccent'::regdictionary,
						concat_ws(' ', ci.name, ci.name_zh, co.name, r.name, replace(array_to_string(c.priority_areas, ' '), '-', ' '), c.domain::text)
					))
				),
				'D'
			) as head
	) v
	where c.id = any (ids) and private.challenge_is_public(c.status)
	order by c.id
	on conflict (id) do update set
		city_id = excluded.city_id,
		city_slug = excluded.city_slug,
		region_slug = excluded.region_slug,
		domain = excluded.domain,
		kind = excluded.kind,
		status = excluded.status,
		priority_mask = excluded.priority_mask,
		deadline = excluded.deadline,
		published_at = excluded.published_at,
		rank_vector = excluded.rank_vector,
		search_vector = excluded.search_vector,
		search_text = excluded.search_text;
	perform private.search_facet_counts_apply(1, ids);
end;
$$;

comment on function private.search_docs_refresh(uuid[]) is
	'Rebuilds the search documents of the given challenges from their rows: public ones are (re)written, the others removed.';

-- Known words of public challenges, for typo correction and prefix completion.
create table private.search_lexicon (
	word text collate "C" primary key,
	ndoc integer not null
);
alter table private.search_lexicon enable row level security;

comment on table private.search_lexicon is
	'Words of the titles and summaries of public challenges, with the number of challenges using them. Maintained by statement triggers on challenges; a query word that is not here is corrected to the most similar known words (pg_trgm).';

create index search_lexicon_word_trgm_idx on private.search_lexicon using gin (word extensions.gin_trgm_ops);

-- The lexicon follows the titles and summaries of public challenges: each text counts once for
-- each of its words, `added` ones up, `removed` ones down (an edit is both), netted first so a
-- word an edit keeps is not touched.
create function private.search_lexicon_count(added text[], removed text[])
returns void
language plpgsql
set search_path = ''
as $$
declare
	v_words text[];
	v_counts integer[];
begin
	select array_agg(x.w order by x.w), array_agg(x.n order by x.w) into v_words, v_counts
	from (
		select s.w, sum(s.d)::integer as n
		from (
			select w, 1 as d from unnest(added) as t cross join lateral private.search_words(t) as w
			union all
			select w, -1 from unnest(removed) as t cross join lateral private.search_words(t) as w
		) s
		group by s.w
		having sum(s.d) <> 0
	) x;
	if v_words is null then
		return;
	end if;
	insert into private.search_lexicon as l (word, ndoc)
	select d.word, d.n from unnest(v_words, v_counts) as d (word, n) order by d.word
	on conflict (word) do update set ndoc = l.ndoc + excluded.ndoc;
	delete from private.search_lexicon l where l.word = any (v_words) and l.ndoc <= 0;
end;
$$;

comment on function private.search_lexicon_count(text[], text[]) is
	'Counts the words of added texts into search_lexicon and those of removed texts out of it (one per text and word); drops words no public challenge uses any more.';

-- Synonyms: the same groups as SYNONYM_GROUPS in src/lib/server/search/synonyms.ts (a drift test
-- compares them).
create table private.search_synonyms (
	group_id integer not null,
	term text not null constraint search_synonyms_term_length check (char_length(term) between 1 and 100),
	phrase text generated always as (
		btrim(regexp_replace(private.search_normalize(term), '[^[:alnum:]]+', ' ', 'g'))
	) stored,
	primary key (group_id, term)
);
alter table private.search_synonyms enable row level security;

comment on table private.search_synonyms is
	'Groups of equivalent terms (ev = electric vehicle). Every term of a group finds the others. phrase is the term as query words.';

create index search_synonyms_phrase_idx on private.search_synonyms (phrase);

insert into private.search_synonyms (group_id, term)
select g.group_id, t.term
from (
	values
	(1, array['ev', 'electric vehicle']),
	(2, array['evs', 'electric vehicles']),
	(3, array['e-bike', 'ebike', 'electric bike']),
	(4, array['e-scooter', 'escooter', 'electric scooter']),
	(5, array['streetlight', 'street light']),
	(6, array['streetlights', 'street lights']),
	(7, array['iot', 'internet of things']),
	(8, array['ai', 'artificial intelligence']),
	(9, array['pv', 'photovoltaic']),
	(10, array['maas', 'mobility as a service']),
	(11, array['brt', 'bus rapid transit']),
	(12, array['ghg', 'greenhouse gas']),
	(13, array['wastewater', 'waste water']),
	(14, array['carsharing', 'car sharing']),
	(15, array['bicycle', 'bike']),
	(16, array['nbs', 'nature-based solutions'])
) as g (group_id, terms)
cross join lateral unnest(g.terms) as t (term);

revoke all on table private.search_state, private.search_docs, private.search_facet_counts,
	private.search_lexicon, private.search_synonyms
	from public, anon, authenticated, service_role;
-- The worker's switch (section 15), called with the service-role key.
grant select, update (outbox_enabled) on table private.search_state to service_role;
revoke all on function private.search_facet_counts_apply(integer, uuid[]) from public;
revoke all on function private.search_docs_refresh(uuid[]) from public;
revoke all on function private.search_lexicon_count(text[], text[]) from public;

-- =============================================================================================
-- 9. Search: the Meilisearch outbox
-- Changes reach the optional Meilisearch index through this queue, written in the same
-- transaction as the change (so nothing is lost while the index is down) and drained by
-- `npm run search:worker` (src/lib/server/search/outbox.ts). One row per challenge: the latest
-- operation replaces any pending one, so a challenge deleted after many edits is one delete.
-- Only while search_state.outbox_enabled: with no index to feed, nothing is queued (the queue
-- once held 9,455 rows nobody would ever read, one per challenge ever changed).
-- =============================================================================================

create table private.search_outbox (
	id bigserial primary key,
	challenge_id uuid not null constraint search_outbox_challenge_unique unique,
	op text not null constraint search_outbox_op_valid check (op in ('upsert', 'delete')),
	enqueued_at timestamptz not null default now(),
	attempts integer not null default 0,
	next_attempt_at timestamptz not null default now(),
	last_error text,
	locked_until timestamptz,
	lease_id bigint
);
alter table private.search_outbox enable row level security;

comment on table private.search_outbox is
	'Pending changes for the Meilisearch index, one row per challenge (the latest op wins), written in the same transaction as the change while search_state.outbox_enabled. Only the worker (service_role, through the functions of section 15) reads it.';
comment on column private.search_outbox.id is 'Renumbered on every new event, so completing an older claim never deletes a newer event.';
comment on column private.search_outbox.lease_id is 'The id the row had when it was last claimed; complete_search_outbox releases re-enqueued rows by it.';

create index search_outbox_due_idx on private.search_outbox (next_attempt_at, id);

create function private.search_enqueue(ids uuid[], operation text)
returns void
language sql
set search_path = ''
as $$
	insert into private.search_outbox as o (challenge_id, op)
	select distinct i, operation from unnest(ids) as i
	where i is not null and (select s.outbox_enabled from private.search_state s)
	order by 1
	on conflict (challenge_id) do update
		set op = excluded.op,
			id = nextval(pg_get_serial_sequence('private.search_outbox', 'id')),
			enqueued_at = now(),
			attempts = 0,
			next_attempt_at = now(),
			last_error = null;
$$;

comment on function private.search_enqueue(uuid[], text) is
	'Adds or replaces the pending index operation of each challenge (the latest op wins), while search_state.outbox_enabled.';

revoke all on table private.search_outbox from public, anon, authenticated;
revoke all on sequence private.search_outbox_id_seq from public, anon, authenticated;
-- The worker's functions (section 15) run as the worker: service_role.
grant select, insert, update, delete on table private.search_outbox to service_role;
grant usage, select on sequence private.search_outbox_id_seq to service_role;
revoke all on function private.search_enqueue(uuid[], text) from public;

-- =============================================================================================
-- 10. Search: triggers that keep documents, lexicon and outbox in step
-- Statement triggers, in the same transaction as the change: a search right after a commit sees
-- it. SECURITY DEFINER because they write private tables whoever changes a challenge or a place.
-- =============================================================================================

create function private.challenges_search_after_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_ids uuid[];
begin
	v_ids := array(select r.id from new_rows r where private.challenge_is_public(r.status) order by r.id);
	if cardinality(v_ids) = 0 then
		return null;
	end if;
	perform private.search_docs_refresh(v_ids);
	perform private.search_lexicon_count(
		array(select concat_ws(' ', r.title, r.summary) from new_rows r where private.challenge_is_public(r.status)),
		'{}'
	);
	perform private.search_enqueue(v_ids, 'upsert');
	return null;
end;
$$;

comment on function private.challenges_search_after_insert() is
	'Statement trigger: writes the search documents of new public rows, counts their title and summary words, enqueues upserts.';

create function private.challenges_search_after_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	-- Search documents of rows whose searchable, facet or sort columns changed.
	perform private.search_docs_refresh(array(
		select n.id
		from new_rows n
		join old_rows o on o.id = n.id
		where (o.title, o.summary, o.description, o.expected_outcomes, o.priority_areas, o.domain, o.kind,
				o.status, o.city_id, o.deadline, o.published_at)
			is distinct from (n.title, n.summary, n.description, n.expected_outcomes, n.priority_areas, n.domain, n.kind,
				n.status, n.city_id, n.deadline, n.published_at)
		union all
		-- A changed primary key (never done by the app) leaves the old id behind: remove it too.
		select o.id from old_rows o where not exists (select 1 from new_rows n where n.id = o.id)
	));

	-- Words of titles and summaries that changed, or whose row became public or stopped being.
	perform private.search_lexicon_count(
		array(
			select concat_ws(' ', n.title, n.summary)
			from old_rows o join new_rows n on n.id = o.id
			where private.challenge_is_public(n.status)
				and (o.title, o.summary, private.challenge_is_public(o.status))
					is distinct from (n.title, n.summary, private.challenge_is_public(n.status))
		),
		array(
			select concat_ws(' ', o.title, o.summary)
			from old_rows o join new_rows n on n.id = o.id
			where private.challenge_is_public(o.status)
				and (o.title, o.summary, private.challenge_is_public(o.status))
					is distinct from (n.title, n.summary, private.challenge_is_public(n.status))
		)
	);

	-- Public rows are (re)sent whole (the index document also holds columns the search documents
	-- do not, such as the budget); rows that stopped being public, or changed id, are deleted.
	perform private.search_enqueue(array(select n.id from new_rows n where private.challenge_is_public(n.status)), 'upsert');
	perform private.search_enqueue(
		array(
			select n.id from new_rows n join old_rows o on o.id = n.id
			where not private.challenge_is_public(n.status) and private.challenge_is_public(o.status)
		),
		'delete'
	);
	perform private.search_enqueue(
		array(select o.id from old_rows o where not exists (select 1 from new_rows n where n.id = o.id)),
		'delete'
	);
	return null;
end;
$$;

comment on function private.challenges_search_after_update() is
	'Statement trigger: refreshes changed search documents, adjusts word counts, enqueues an upsert for public rows and a delete for rows that stopped being public.';

create function private.challenges_search_after_delete()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.search_docs_refresh(array(select r.id from old_rows r order by r.id));
	perform private.search_lexicon_count(
		'{}',
		array(select concat_ws(' ', r.title, r.summary) from old_rows r where private.challenge_is_public(r.status))
	);
	-- A delete replaces whatever was pending for the row. (A row that was not public has no
	-- document in the index: its last public change, if any, already queued a delete.)
	perform private.search_enqueue(array(select r.id from old_rows r where private.challenge_is_public(r.status)), 'delete');
	return null;
end;
$$;

comment on function private.challenges_search_after_delete() is
	'Statement trigger: removes search documents and word counts, enqueues a delete for each deleted public row (replacing any pending operation).';

create trigger challenges_search_after_insert
	after insert on public.challenges
	referencing new table as new_rows
	for each statement execute function private.challenges_search_after_insert();
create trigger challenges_search_after_update
	after update on public.challenges
	referencing old table as old_rows new table as new_rows
	for each statement execute function private.challenges_search_after_update();
create trigger challenges_search_after_delete
	after delete on public.challenges
	referencing old table as old_rows
	for each statement execute function private.challenges_search_after_delete();

-- A place's names are in its challenges' search documents and index documents: a change
-- refreshes the documents and re-sends the public challenges to the index.
create function private.search_resync(ids uuid[])
returns void
language plpgsql
set search_path = ''
as $$
begin
	perform private.search_docs_refresh(ids);
	perform private.search_enqueue(
		array(select c.id from public.challenges c where c.id = any (ids) and private.challenge_is_public(c.status)),
		'upsert'
	);
end;
$$;

comment on function private.search_resync(uuid[]) is
	'Refreshes the search documents of the given challenges and re-sends the public ones to the index (the triggers on cities, regions and countries).';

create function private.cities_search_sync()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if (new.slug, new.name, new.name_zh, new.region, new.country)
		is distinct from (old.slug, old.name, old.name_zh, old.region, old.country) then
		perform private.search_resync(array(select c.id from public.challenges c where c.city_id = new.id order by c.id));
	end if;
	return null;
end;
$$;

comment on function private.cities_search_sync() is
	'Trigger: a renamed or moved city (slug, names, region, country) refreshes its challenges'' search documents and re-sends them to the index.';

create function private.places_search_sync()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_key text := to_jsonb(new) ->> case tg_table_name when 'regions' then 'slug' else 'code' end;
begin
	if tg_op = 'INSERT' or new.name is distinct from old.name then
		perform private.search_resync(array(
			select c.id from public.challenges c join public.cities ci on ci.id = c.city_id
			where case tg_table_name when 'regions' then ci.region else ci.country::text end = v_key
			order by c.id
		));
	end if;
	return null;
end;
$$;

comment on function private.places_search_sync() is
	'Trigger on regions and countries: a renamed (or newly added) one refreshes its challenges'' search documents and re-sends the public ones to the index.';

create trigger cities_search_sync
	after update on public.cities
	for each row execute function private.cities_search_sync();
create trigger regions_search_sync
	after update on public.regions
	for each row execute function private.places_search_sync();
create trigger countries_search_sync
	after insert or update on public.countries
	for each row execute function private.places_search_sync();

revoke all on function private.challenges_search_after_insert() from public;
revoke all on function private.challenges_search_after_update() from public;
revoke all on function private.challenges_search_after_delete() from public;
revoke all on function private.search_resync(uuid[]) from public;
revoke all on function private.cities_search_sync() from public;
revoke all on function private.places_search_sync() from public;

-- =============================================================================================
-- 11. Search: query parsing
-- =============================================================================================

create function private.search_tsquery(q text)
returns tsquery
language plpgsql
stable
parallel safe
set search_path = ''
set client_min_messages = warning
as $$
declare
	v_tokens text[];
	v_n integer;
	v_i integer := 1;
	v_len integer;
	v_alts text[];
	v_word text;
	v_known boolean;
	v_alt text;
	v_term tsquery;
	v_result tsquery;
begin
	-- search_args() has cut the query to 200 characters already; cut again, so that no caller can
	-- make the loop below expensive (a 600 KB query once ran into the statement timeout).
	v_tokens := array(
		select t.token
		from regexp_split_to_table(
			left(private.search_normalize(left(coalesce(q, ''), 400)), 200), '[^[:alnum:]]+'
		) with ordinality as t (token, n)
		where t.token <> ''
		order by t.n
		limit 12
	);
	v_n := coalesce(array_length(v_tokens, 1), 0);

	while v_i <= v_n loop
		v_len := 0;
		v_alts := null;
		-- The longest synonym phrase starting here (up to four words: "mobility as a service").
		for l in reverse least(4, v_n - v_i + 1)..1 loop
			select array_agg(distinct s2.phrase) into v_alts
			from private.search_synonyms s1
			join private.search_synonyms s2 on s2.group_id = s1.group_id
			where s1.phrase = array_to_string(v_tokens[v_i:v_i + l - 1], ' ');
			if v_alts is not null then
				v_len := l;
				exit;
			end if;
		end loop;

		if v_len > 0 then
			v_term := null;
			foreach v_alt in array v_alts loop
				v_term := case when v_term is null then phraseto_tsquery('english'::regconfig, v_alt)
					else v_term || phraseto_tsquery('english'::regconfig, v_alt) end;
			end loop;
			v_i := v_i + v_len;
		else
			v_word := v_tokens[v_i];
			v_term := plainto_tsquery('english'::regconfig, v_word);
			v_known := exists (select 1 from private.search_lexicon l where l.word = v_word);
			-- An unknown word: add the most similar known words ("moblity" → mobility).
			if char_length(v_word) >= 4 and v_word !~ '^[0-9]+$' and not v_known then
				for v_alt in
					select l.word
					from private.search_lexicon l
					where l.word operator(extensions.%) v_word
						and (
							extensions.similarity(l.word, v_word) >= 0.45
							or extensions.levenshtein_less_equal(l.word, v_word, 2)
								<= case when char_length(v_word) >= 8 then 2 else 1 end
						)
					order by extensions.levenshtein_less_equal(l.word, v_word, 3),
						extensions.similarity(l.word, v_word) desc, l.ndoc desc, l.word
					limit 3
				loop
					-- Skip alternatives with the same stem as what the term already has (flooding → flood).
					if not v_term @> plainto_tsquery('english'::regconfig, v_alt) then
						v_term := v_term || plainto_tsquery('english'::regconfig, v_alt);
					end if;
				end loop;
			end if;
			-- The last word may be unfinished (results as you type): complete it from known words.
			-- A known word is only given its own endings ("bus" → buses, not business).
			if v_i = v_n and char_length(v_word) >= 3 then
				for v_alt in
					select l.word
					from private.search_lexicon l
					where l.word like v_word || '%' and l.word <> v_word
						and (not v_known or char_length(l.word) <= char_length(v_word) + 2)
					order by l.ndoc desc, l.word
					limit 5
				loop
					if not v_term @> plainto_tsquery('english'::regconfig, v_alt) then
						v_term := v_term || plainto_tsquery('english'::regconfig, v_alt);
					end if;
				end loop;
			end if;
			v_i := v_i + 1;
		end if;

		if numnode(v_term) > 0 then
			v_result := case when v_result is null then v_term else v_result && v_term end;
		end if;
	end loop;
	return v_result;
end;
$$;

comment on function private.search_tsquery(text) is
	'Turns a visitor''s query into a tsquery: words ANDed; each word ORed with its synonyms, its corrections when unknown (pg_trgm candidates from search_lexicon, kept when similar enough or one or two edits away) and, for the last word, its completions (a known word only gets its own endings, up to two more letters: "bus" finds buses, not business). Null when nothing is searchable.';

revoke all on function private.search_tsquery(text) from public;

-- =============================================================================================
-- 12. Search: matching, facets and the page of ids
-- A search's parameters (search_args) become one SQL statement over the search documents
-- (search_core), built from named pieces: the filters as conditions, the scope of each facet,
-- how rows are matched, ranked and ordered, and where the facet counts come from. The statement
-- returns {total, facets, page: [{id, rank}]}: ids, ranks and counts only.
-- =============================================================================================

create type private.search_args as (
	q text,
	qnorm text,
	tsq tsquery,
	mode text,
	domain public.challenge_domain[],
	region text[],
	city text[],
	kind public.challenge_kind[],
	status public.challenge_status[],
	priority integer,
	sort text,
	max_rows integer,
	skip integer
);

comment on type private.search_args is
	'A list search as the database reads it: normalised query and its tsquery, mode (fts, trigram or all), filters, sort, page. Filters are null when not set; priority is a bit mask.';

create function private.search_args(params jsonb)
returns private.search_args
language plpgsql
stable
set search_path = ''
as $$
declare
	v_params jsonb := coalesce(params, '{}');
	v_priority public.priority_area[];
	a private.search_args;
begin
	-- A visitor's request stays small: the app never sends more than a 200-character query and
	-- 50 cities; anything far beyond that is refused before any work is done.
	if pg_column_size(v_params) > 16384 then
		raise exception 'search parameters too large' using errcode = '22023';
	end if;
	-- GET /rpc/search_challenges?params={…} (read-only, cacheable by HTTP) hands the object over
	-- as a JSON string: read the object inside it.
	if jsonb_typeof(v_params) = 'string' then
		v_params := (v_params #>> '{}')::jsonb;
	end if;
	-- Normalised first, then cut: unaccent can turn one character into three ("ﬃ" → "ffi"), and
	-- the typo step's levenshtein_less_equal() fails on words over 255 characters.
	a.q := left(btrim(regexp_replace(private.search_normalize(coalesce(v_params ->> 'q', '')), '\s+', ' ', 'g')), 200);
	a.sort := coalesce(v_params ->> 'sort', 'relevance');
	-- Unknown values are dropped (the app validates with searchQuerySchema first, and answers 400).
	select array_agg(distinct x::public.challenge_domain) into a.domain
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'domain') = 'array' then v_params -> 'domain' else '[]' end) as x
	where x = any (enum_range(null::public.challenge_domain)::text[]);
	select array_agg(distinct x) into a.region
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'region') = 'array' then v_params -> 'region' else '[]' end) as x;
	select array_agg(distinct x) into a.city
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'city') = 'array' then v_params -> 'city' else '[]' end) as x;
	select array_agg(distinct x::public.challenge_kind) into a.kind
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'kind') = 'array' then v_params -> 'kind' else '[]' end) as x
	where x = any (enum_range(null::public.challenge_kind)::text[]);
	-- Only public statuses: asking for drafts finds nothing rather than an error.
	select array_agg(distinct x::public.challenge_status) into a.status
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'status') = 'array' then v_params -> 'status' else '[]' end) as x
	where x = any (enum_range(null::public.challenge_status)::text[])
		and private.challenge_is_public(x::public.challenge_status);
	select array_agg(distinct x::public.priority_area) into v_priority
	from jsonb_array_elements_text(case when jsonb_typeof(v_params -> 'priority') = 'array' then v_params -> 'priority' else '[]' end) as x
	where x = any (enum_range(null::public.priority_area)::text[]);
	a.priority := case when v_priority is not null then private.search_priority_mask(v_priority) end;

	if a.sort not in ('relevance', 'deadline', 'newest') then
		a.sort := 'relevance';
	end if;
	-- Numbers that are not numbers count as missing (the app never sends them).
	a.max_rows := least(greatest(coalesce(
		case when v_params ->> 'limit' ~ '^-?[0-9]{1,9}$' then (v_params ->> 'limit')::integer end, 20), 1), 50);
	a.skip := least(greatest(coalesce(
		case when v_params ->> 'offset' ~ '^-?[0-9]{1,9}$' then (v_params ->> 'offset')::integer end, 0), 0), 25000);

	-- Keyword: full text first; search_cached() falls back to trigram similarity on title and
	-- summary when full text finds nothing (and says which mode answered).
	if a.q = '' then
		a.mode := 'all';
	else
		a.qnorm := private.search_normalize(a.q);
		a.tsq := private.search_tsquery(a.q);
		a.mode := case when a.tsq is null then 'trigram' else 'fts' end;
	end if;
	return a;
end;
$$;

comment on function private.search_args(jsonb) is
	'Reads the params object of search_challenges() / search_challenge_ids(): filters (unknown values and non-public statuses dropped), sort, limit ≤ 50, offset ≤ 25000, the normalised query cut to 200 characters, its tsquery and the first mode to try.';

-- The statements below are built as text and run with EXECUTE, so each search is planned for
-- its own filters (a generic plan with every filter optional reads far more rows), and pass the
-- values as parameters: $1 tsq, $2 qnorm, $3 domain, $4 region, $5 city, $6 kind, $7 status,
-- $8 priority mask, $9 rows, $10 offset (search_ids: upcoming). %1$s stands for a row alias.

-- Each filter as a condition, in facet order: domain, region, city, kind, status, priority.
create function private.search_conditions(a private.search_args)
returns text[]
language sql
immutable
set search_path = ''
as $$
	select array[
		case when a.domain is not null then '%1$s.domain = any ($3)' end,
		case when a.region is not null then '%1$s.region_slug = any ($4)' end,
		case when a.city is not null then '%1$s.city_slug = any ($5)' end,
		case when a.kind is not null then '%1$s.kind = any ($6)' end,
		case when a.status is not null then '%1$s.status = any ($7)' end,
		case when a.priority is not null then '(%1$s.priority_mask & $8) <> 0' end
	];
$$;

-- The conditions that are set, joined with and, on the given alias ('true' when none is).
create function private.search_all_of(conditions text[], alias text)
returns text
language sql
immutable
set search_path = ''
as $$
	select coalesce(string_agg(format(c, alias), ' and ' order by i), 'true')
	from unnest(conditions) with ordinality as u (c, i)
	where c is not null;
$$;

-- Facets as shoppers expect them: each facet's counts respect every other filter but not its
-- own, so a count is always what a click on it would give. One condition per facet, on a row of
-- `groups`; the priority filter is never among them, because it is already applied to the
-- group counts n (and the priority facet's own counts p1…pN leave it out).
create function private.search_facet_scopes(conditions text[])
returns text[]
language sql
immutable
set search_path = ''
as $$
	select array(
		select private.search_all_of(
			array(select case when j <> i then conditions[j] end from generate_series(1, 5) as j order by j),
			'g'
		)
		from generate_series(1, 6) as i
		order by i
	);
$$;

-- How a keyword matches a document: full text on the whole text, or trigram similarity to the
-- title and summary.
create function private.search_match(a private.search_args)
returns text
language sql
immutable
set search_path = ''
as $$
	select case a.mode
		when 'fts' then 'd.search_vector @@ $1'
		when 'trigram' then '$2 operator(extensions.<%) d.search_text'
		else 'true'
	end;
$$;

-- Relevance, when the order needs it. ts_rank rather than ts_rank_cd: the same weights, and
-- ~0.2 µs per ranked row instead of ~1.1 µs here.
create function private.search_rank(a private.search_args)
returns text
language sql
immutable
set search_path = ''
as $$
	select case
		when a.mode = 'all' or a.sort <> 'relevance' then 'null::real'
		when a.mode = 'fts' then 'ts_rank(''{0.1, 0.2, 0.4, 1.0}''::real[], d.rank_vector, $1)'
		else 'extensions.word_similarity($2, d.search_text)'
	end;
$$;

-- The order of the results, on the given alias. Relevance ties (and relevance without a keyword)
-- fall back to the deadline order: open challenges first, soonest deadline first, none last.
create function private.search_order(a private.search_args, alias text, rank text)
returns text
language sql
immutable
set search_path = ''
as $$
	select case
		when a.sort = 'newest' then format('%1$s.published_at desc nulls last, %1$s.id', alias)
		when a.sort = 'deadline' or a.mode = 'all' then
			format('(%1$s.status <> ''open''::public.challenge_status), %1$s.deadline, %1$s.published_at desc nulls last, %1$s.id', alias)
		else
			format('%2$s desc, (%1$s.status <> ''open''::public.challenge_status), %1$s.deadline, %1$s.published_at desc nulls last, %1$s.id', alias, rank)
	end;
$$;

-- Where the facet counts and the page come from: `base` (the rows to count), `groups` (counts per
-- city, region, domain, kind and status, with p1…pN per priority area) and `page` (ids and
-- ranks of the requested page).
create function private.search_sources(
	a private.search_args,
	conditions text[],
	out base text,
	out groups text,
	out page text
)
language plpgsql
stable
set search_path = ''
as $$
declare
	v_nprio integer := cardinality(enum_range(null::public.priority_area));
	v_prefilter text := 'true';
begin
	-- A row failing two filters or more counts in no facet (each facet ignores only its own
	-- filter): leave it out before anything is grouped.
	if (select count(*) from unnest(conditions) as c where c is not null) >= 2 then
		v_prefilter := (
			select string_agg(format('(not coalesce(' || c || ', false))::int', 'd'), ' + ')
			from unnest(conditions) as c where c is not null
		) || ' <= 1';
	end if;

	if a.mode = 'all' and (a.priority is null or (a.priority & (a.priority - 1)) = 0) then
		-- No keyword and at most one priority area: the counts are kept up to date in
		-- search_facet_counts (with one area, a group's rows in that area are its count for it),
		-- and the page comes from an order index.
		base := 'select 1';
		groups := format(
			'select f.city_slug, f.region_slug, f.domain, f.kind, f.status, %s as n, %s from private.search_facet_counts f',
			case when a.priority is null then 'f.n'
				else format('f.p[%s]', (select i from generate_series(1, v_nprio) as i where a.priority = 1 << (i - 1))) end,
			(select string_agg(format('f.p[%s] as p%s', i, i), ', ' order by i) from generate_series(1, v_nprio) as i)
		);
		page := format(
			'select d.id, null::real as rank from private.search_docs d where %s order by %s limit $9 offset $10',
			private.search_all_of(conditions, 'd'), private.search_order(a, 'd', null)
		);
		return;
	elsif a.mode = 'all' then
		-- No keyword, several priority areas: count from an index-only scan of the facet columns.
		base := format(
			'select d.city_slug, d.region_slug, d.domain, d.kind, d.status, d.priority_mask, %s as f_priority
			from private.search_docs d where %s',
			coalesce(format(conditions[6], 'd'), 'true'), v_prefilter
		);
		page := format(
			'select d.id, null::real as rank from private.search_docs d where %s order by %s limit $9 offset $10',
			private.search_all_of(conditions, 'd'), private.search_order(a, 'd', null)
		);
	else
		-- A keyword: the matches are computed once (materialized) and feed both the counts and the
		-- page; only rows passing every filter are ranked.
		base := format(
			'select d.id, d.city_slug, d.region_slug, d.domain, d.kind, d.status, d.priority_mask, d.deadline, d.published_at,
				%s as f_priority, case when %s then %s end as rank
			from private.search_docs d where %s and %s',
			coalesce(format(conditions[6], 'd'), 'true'), private.search_all_of(conditions, 'd'),
			private.search_rank(a), private.search_match(a), v_prefilter
		);
		page := format(
			'select b.id, b.rank from base b where %s order by %s limit $9 offset $10',
			private.search_all_of(conditions, 'b'), private.search_order(a, 'b', 'b.rank')
		);
	end if;
	groups := format(
		'select b.city_slug, b.region_slug, b.domain, b.kind, b.status, count(*) filter (where b.f_priority) as n, %s
		from base b
		group by b.city_slug, b.region_slug, b.domain, b.kind, b.status',
		(
			select string_agg(format('count(*) filter (where (b.priority_mask & %s) <> 0) as p%s', 1 << (i - 1), i), ', ')
			from generate_series(1, v_nprio) as i
		)
	);
end;
$$;

-- The whole search in one statement: the counts per facet (each in its own scope), the total,
-- and the page. A facet lists its 500 busiest values (every city of a large list: 216 in the
-- 100k benchmark); the page shows 12 of each unless asked for all of one.
create function private.search_core(a private.search_args)
returns jsonb
language plpgsql
stable
set search_path = ''
set jit = off
set max_parallel_workers_per_gather = 0
as $$
declare
	v_conditions text[] := private.search_conditions(a);
	v_scopes text[] := private.search_facet_scopes(v_conditions);
	v_sources record;
	v_result jsonb;
begin
	-- search_args() clamps these already; so does every other caller, and again here.
	a.max_rows := least(greatest(coalesce(a.max_rows, 20), 1), 50);
	a.skip := least(greatest(coalesce(a.skip, 0), 0), 25000);
	if cardinality(a.region) > 20 or cardinality(a.city) > 50 then
		raise exception 'too many filter values' using errcode = '22023';
	end if;
	v_sources := private.search_sources(a, v_conditions);

	execute format(
		$sql$
		with base as materialized (%1$s),
		groups as materialized (%2$s),
		facet_rows as (
			select 'domain' as facet, g.domain::text as value, sum(g.n) as n from groups g where %4$s group by g.domain
			union all
			select 'region', g.region_slug, sum(g.n) from groups g where %5$s group by g.region_slug
			union all
			select 'city', g.city_slug, sum(g.n) from groups g where %6$s group by g.city_slug
			union all
			select 'kind', g.kind::text, sum(g.n) from groups g where %7$s group by g.kind
			union all
			select 'status', g.status::text, sum(g.n) from groups g where %8$s group by g.status
			union all
			select 'priority', e.value::text, x.n
			from (select array[%3$s] as counts from groups g where %9$s) s
			cross join lateral unnest(s.counts) with ordinality as x (n, i)
			join unnest(enum_range(null::public.priority_area)) with ordinality as e (value, i) on e.i = x.i
		),
		facet_ranked as (
			select f.facet, f.value, f.n,
				coalesce(case f.facet when 'region' then r.name when 'city' then ci.name end, f.value) as label,
				row_number() over (partition by f.facet order by f.n desc, f.value) as pos
			from facet_rows f
			left join public.regions r on f.facet = 'region' and r.slug = f.value
			left join public.cities ci on f.facet = 'city' and ci.slug = f.value
			where f.n > 0 and f.value is not null
		),
		page as (
			select p.id, p.rank, row_number() over () as ord from (%10$s) p
		)
		select jsonb_build_object(
			'total', (select coalesce(sum(g.n), 0)::bigint from groups g where %9$s),
			'page', coalesce((select jsonb_agg(jsonb_build_object('id', p.id, 'rank', p.rank) order by p.ord) from page p), '[]'::jsonb),
			'facets', '{"domain": [], "region": [], "city": [], "kind": [], "status": [], "priority": []}'::jsonb
				|| coalesce((
					select jsonb_object_agg(g.facet, g.vals)
					from (
						select f.facet,
							jsonb_agg(jsonb_build_object('value', f.value, 'label', f.label, 'count', f.n) order by f.n desc, f.label, f.value) as vals
						from facet_ranked f
						where f.pos <= 500
						group by f.facet
					) g
				), '{}'::jsonb)
		)
		$sql$,
		v_sources.base, v_sources.groups,
		(select string_agg(format('sum(g.p%s)', i), ', ' order by i)
			from generate_series(1, cardinality(enum_range(null::public.priority_area))) as i),
		v_scopes[1], v_scopes[2], v_scopes[3], v_scopes[4], v_scopes[5], v_scopes[6],
		v_sources.page
	)
	into v_result
	using a.tsq, a.qnorm, a.domain, a.region, a.city, a.kind, a.status, a.priority, a.max_rows, a.skip;
	return v_result;
end;
$$;

comment on function private.search_core(private.search_args) is
	'The heavy part of a list search, over search_docs (public challenges only): {total, facets, page: [{id, rank}]}. Reached through search_cached().';

-- The ids of every match in the list's order, for exports (no facets, no snippets, never cached):
-- one query instead of a full search per 50 rows.
create function private.search_ids(params jsonb, upcoming boolean, max_ids integer)
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
set jit = off
set max_parallel_workers_per_gather = 0
as $$
declare
	a private.search_args := private.search_args(params);
	v_conditions text[] := private.search_conditions(a);
	v_matched boolean;
	v_result uuid[];
begin
	max_ids := least(greatest(coalesce(max_ids, 25000), 1), 25000);
	if cardinality(a.region) > 20 or cardinality(a.city) > 50 then
		raise exception 'too many filter values' using errcode = '22023';
	end if;
	-- The list falls back to trigram similarity when full text matches nothing that passes the
	-- filters other than domain (search_cached(): no total, no domain facet). The same rule here,
	-- without counting anything.
	if a.mode = 'fts' then
		execute format(
			'select exists (select 1 from private.search_docs d where d.search_vector @@ $1 and %s)',
			private.search_all_of(array[null, v_conditions[2], v_conditions[3], v_conditions[4], v_conditions[5], v_conditions[6]], 'd')
		)
		into v_matched
		using a.tsq, a.qnorm, a.domain, a.region, a.city, a.kind, a.status, a.priority;
		if not v_matched then
			a.mode := 'trigram';
		end if;
	end if;
	execute format(
		'select array(select d.id from private.search_docs d where %s and %s and (not $10 or d.deadline > now()) order by %s limit $9)',
		private.search_match(a), private.search_all_of(v_conditions, 'd'),
		private.search_order(a, 'd', private.search_rank(a))
	)
	into v_result
	using a.tsq, a.qnorm, a.domain, a.region, a.city, a.kind, a.status, a.priority, max_ids, coalesce(upcoming, false);
	return v_result;
end;
$$;

comment on function private.search_ids(jsonb, boolean, integer) is
	'Ids of the public challenges a list search matches, in its order, at most max_ids (≤ 25000); upcoming keeps deadlines after now(). SECURITY DEFINER: search_docs is private; returns ids only.';

revoke all on function private.search_args(jsonb) from public;
revoke all on function private.search_conditions(private.search_args) from public;
revoke all on function private.search_all_of(text[], text) from public;
revoke all on function private.search_facet_scopes(text[]) from public;
revoke all on function private.search_match(private.search_args) from public;
revoke all on function private.search_rank(private.search_args) from public;
revoke all on function private.search_order(private.search_args, text, text) from public;
revoke all on function private.search_sources(private.search_args, text[]) from public;
revoke all on function private.search_core(private.search_args) from public;
revoke all on function private.search_ids(jsonb, boolean, integer) from public;
grant execute on function private.search_ids(jsonb, boolean, integer) to anon, authenticated, service_role;

-- =============================================================================================
-- 13. Search: the result cache
-- At 100k challenges a search for a common word costs tens of milliseconds, almost all of it in
-- counting facets over every match; the list's busiest searches repeat, and search documents
-- change seldom. So search_cached() keeps what search_core() returned (ids, ranks, counts; never
-- text) per normalised search, used only while nothing it depends on has changed:
-- * search_state.generation goes up at the commit of every transaction that changes search
--   documents, the lexicon, the synonyms, or a city or region (their names are facet labels). An
--   entry is stored with the generation read before it was computed, and read only while that is
--   the current one: the next search after a commit never sees an older answer.
-- * The page's challenges are read fresh, under the caller's RLS, on every request.
-- * UNLOGGED (nothing to replicate or recover) and bounded: entries of older generations and all
--   but the newest 5,000 are dropped now and then.
-- * A read-only transaction (PostgREST answers GET /rpc in one) reads the cache but never writes.
--   A transaction that has already written something (it could see its own uncommitted changes)
--   and a read replica neither read nor write it. Failing to store never fails a search.
-- * The key is computed inside the SECURITY DEFINER function from the search it answers, so
--   nobody can store an answer that search_core() would not give.
-- =============================================================================================

create unlogged table private.search_cache (
	key text primary key,
	generation bigint not null,
	result jsonb not null,
	created_at timestamptz not null default now()
);
create index search_cache_generation_idx on private.search_cache (generation);
create index search_cache_created_idx on private.search_cache (created_at);
alter table private.search_cache enable row level security;

comment on table private.search_cache is
	'search_core() results ({core, mode}) of recent searches, by md5 of the normalised search. Valid only for the generation stored with them. Reached only through private.search_cached().';

revoke all on table private.search_cache from public, anon, authenticated, service_role;

-- The bump runs at COMMIT (a deferred constraint trigger), once per transaction: the writer holds
-- the generation row's lock only while committing, after every other lock it takes, so writers
-- of different challenges never wait for each other's open transactions and cannot deadlock on it.
create function private.search_state_bump()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	-- The flag names the transaction, so no session-wide setting can switch the bump off.
	if coalesce(current_setting('search.generation_bumped', true), '') <> pg_current_xact_id()::text then
		perform set_config('search.generation_bumped', pg_current_xact_id()::text, true);
		update private.search_state set generation = generation + 1;
	end if;
	return null;
end;
$$;

comment on function private.search_state_bump() is
	'Deferred trigger: something search results depend on changed, so every cached result is stale. Bumps private.search_state.generation once per transaction, at commit.';

create constraint trigger search_docs_bump_generation
	after insert or update or delete on private.search_docs
	deferrable initially deferred
	for each row execute function private.search_state_bump();
create constraint trigger search_lexicon_bump_generation
	after insert or update or delete on private.search_lexicon
	deferrable initially deferred
	for each row execute function private.search_state_bump();
create constraint trigger search_synonyms_bump_generation
	after insert or update or delete on private.search_synonyms
	deferrable initially deferred
	for each row execute function private.search_state_bump();
-- Region and city names are facet labels in cached results. (A city rename also rewrites its
-- documents; a region rename rewrites them too, since the region's name is searchable.)
create constraint trigger regions_bump_search_generation
	after insert or update or delete on public.regions
	deferrable initially deferred
	for each row execute function private.search_state_bump();
create constraint trigger cities_bump_search_generation
	after insert or update or delete on public.cities
	deferrable initially deferred
	for each row execute function private.search_state_bump();
-- TRUNCATE has no row events: bump at once (nothing in the app truncates these tables).
create trigger search_docs_truncate_bump_generation
	after truncate on private.search_docs
	for each statement execute function private.search_state_bump();
create trigger search_lexicon_truncate_bump_generation
	after truncate on private.search_lexicon
	for each statement execute function private.search_state_bump();
create trigger search_synonyms_truncate_bump_generation
	after truncate on private.search_synonyms
	for each statement execute function private.search_state_bump();

-- A list search up to its page of ids: search_core() with the trigram fallback, through the cache.
-- Also returns the query's tsquery, for the snippets search_challenges() builds.
create function private.search_cached(params jsonb, out core jsonb, out mode text, out tsq tsquery)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
	a private.search_args := private.search_args(params);
	-- Everything the answer depends on, the trigram mode's threshold included.
	v_key text := md5(jsonb_build_array(
		a.tsq::text, a.qnorm, a.mode, a.domain, a.region, a.city, a.kind, a.status, a.priority, a.sort,
		a.max_rows, a.skip, current_setting('pg_trgm.word_similarity_threshold', true)
	)::text);
	-- A transaction that has written something may see its own uncommitted changes: it neither
	-- reads nor writes the cache. Nor does a read replica (an unlogged table cannot be read there).
	v_use boolean := pg_current_xact_id_if_assigned() is null and not pg_is_in_recovery();
	v_state private.search_state;
	v_cached jsonb;
begin
	tsq := a.tsq;
	-- The generation is read before anything is computed (see the top of this section).
	select * into v_state from private.search_state;
	v_use := v_use and v_state.cache_enabled;
	if v_use then
		select c.result into v_cached
		from private.search_cache c
		where c.key = v_key and c.generation = v_state.generation;
		if v_cached is not null then
			core := v_cached -> 'core';
			mode := v_cached ->> 'mode';
			return;
		end if;
	end if;

	<<attempt>>
	loop
		core := private.search_core(a);
		-- Full text found nothing at all (not even outside the filters): try trigram similarity.
		exit attempt when a.mode <> 'fts' or (core ->> 'total')::integer > 0
			or jsonb_array_length(core -> 'facets' -> 'domain') > 0;
		a.mode := 'trigram';
	end loop;
	mode := a.mode;

	-- Storing is best effort: whatever goes wrong (a lock timeout, a serialization failure), the
	-- visitor still gets the answer.
	if v_use and current_setting('transaction_read_only') <> 'on' then
		begin
			insert into private.search_cache as c (key, generation, result)
			values (v_key, v_state.generation, jsonb_build_object('core', core, 'mode', mode))
			on conflict (key) do update
				set generation = excluded.generation, result = excluded.result, created_at = now()
				where c.generation <= excluded.generation;
			-- Now and then, one session at a time: drop entries of older generations and all but
			-- the newest 5,000.
			if random() < 0.02 and pg_try_advisory_xact_lock(hashtext('private.search_cache cleanup')) then
				delete from private.search_cache c where c.generation < v_state.generation;
				delete from private.search_cache c
				where c.created_at < (
					select k.created_at from private.search_cache k order by k.created_at desc offset 5000 limit 1
				);
			end if;
		exception when others then
			raise log 'search cache not written: % (%)', sqlerrm, sqlstate;
		end;
	end if;
end;
$$;

comment on function private.search_cached(jsonb) is
	'A list search (params as search_challenges()) up to its page: core = search_core() with the trigram fallback ({total, facets, page}), mode = the mode that answered, tsq = the query for snippets; from private.search_cache while the generation it was computed at is current. SECURITY DEFINER (the search tables are private); returns ids, ranks and counts only.';

revoke all on function private.search_state_bump() from public;
revoke all on function private.search_cached(jsonb) from public;
grant execute on function private.search_cached(jsonb) to anon, authenticated, service_role;

-- =============================================================================================
-- 14. Search: the API
-- Three functions a visitor calls. Security invoker: the hits are read from challenges under the
-- caller's RLS (and also filtered on the public statuses explicitly). Their results are declared
-- as types, so the generated TypeScript types describe them (CompositeTypes in
-- src/lib/database.types.ts); PostgREST answers with the same JSON shape jsonb gave.
-- =============================================================================================

create type public.search_hit_city as (slug text, name text, country text);
create type public.search_hit_region as (slug text, name text);
-- SearchHit in src/lib/domain/challenges/schema.ts.
create type public.search_hit as (
	id uuid,
	slug text,
	kind public.challenge_kind,
	language text,
	title text,
	summary text,
	domain public.challenge_domain,
	priority_areas public.priority_area[],
	status public.challenge_status,
	outcome public.challenge_outcome,
	deadline timestamptz,
	published_at timestamptz,
	city public.search_hit_city,
	region public.search_hit_region,
	budget_min numeric,
	budget_max numeric,
	currency text,
	-- HTML: everything escaped but the <mark> tags around matches.
	snippet text,
	rank real
);
create type public.search_facet_value as (value text, label text, count integer);
create type public.search_facets as (
	domain public.search_facet_value[],
	region public.search_facet_value[],
	city public.search_facet_value[],
	kind public.search_facet_value[],
	status public.search_facet_value[],
	priority public.search_facet_value[]
);
create type public.search_result as (
	total integer,
	hits public.search_hit[],
	facets public.search_facets,
	-- fts, trigram (full text found nothing) or all (no keyword).
	mode text
);

comment on type public.search_result is 'What search_challenges() answers: the number of matches, the page of hits, the facet counts and the mode that matched.';
comment on type public.search_facets is 'Counts per facet value; each facet''s counts respect every other active filter but not its own. label is the city or region name (the value itself for enums).';

-- One hit, shared by search_challenges() and similar_challenges(), which read the rows under the
-- caller's RLS.
create function private.search_hit(
	c public.challenges,
	ci public.cities,
	r public.regions,
	snippet text,
	rank real
)
returns public.search_hit
language sql
stable
set search_path = ''
as $$
	select row(
		c.id, c.slug, c.kind, c.language, c.title, c.summary, c.domain, c.priority_areas, c.status,
		c.outcome, c.deadline, c.published_at,
		row(ci.slug, ci.name, ci.country)::public.search_hit_city,
		row(r.slug, r.name)::public.search_hit_region,
		c.budget_min, c.budget_max, c.currency, snippet, rank
	)::public.search_hit;
$$;

revoke all on function private.search_hit(public.challenges, public.cities, public.regions, text, real) from public;
grant execute on function private.search_hit(public.challenges, public.cities, public.regions, text, real)
	to anon, authenticated, service_role;

create function public.search_challenges(params jsonb)
returns public.search_result
language plpgsql
volatile
set search_path = ''
as $$
declare
	v_search record := private.search_cached(params);
	v_page jsonb := v_search.core -> 'page';
	-- An id array, so the rows come from the primary key index whatever the estimates.
	v_ids uuid[] := array(select (e ->> 'id')::uuid from jsonb_array_elements(v_page) as e);
begin
	return row(
		(v_search.core ->> 'total')::integer,
		-- The page's rows are read here, as the caller: RLS on challenges applies to every hit.
		coalesce((
			select array_agg(
				private.search_hit(
					c, ci, r,
					case when v_search.tsq is not null then private.search_snippet(c.summary, c.description, v_search.tsq) end,
					(v_page -> (p.ord - 1) ->> 'rank')::real
				)
				order by p.ord
			)
			from public.challenges c
			join public.cities ci on ci.id = c.city_id
			join public.regions r on r.slug = ci.region
			cross join lateral (select array_position(v_ids, c.id) as ord) p
			where c.id = any (v_ids) and private.challenge_is_public(c.status)
		), '{}'),
		jsonb_populate_record(null::public.search_facets, v_search.core -> 'facets'),
		v_search.mode
	)::public.search_result;
end;
$$;

comment on function public.search_challenges(jsonb) is
	'The list search. params: {q, domain[], region[], city[], kind[], status[], priority[], sort: relevance|deadline|newest, limit ≤ 50, offset}. Public challenges only; each facet''s counts respect every other filter but not its own; snippets are HTML-escaped except <mark>. Matching, facets and the page''s ids come from private.search_cached(); the hits are read under the caller''s RLS. Volatile because a miss stores its answer in the cache.';

create function public.search_challenge_ids(params jsonb, upcoming boolean default false, max_ids integer default 25000)
returns uuid[]
language sql
volatile
set search_path = ''
as $$
	select private.search_ids(params, upcoming, max_ids);
$$;

comment on function public.search_challenge_ids(jsonb, boolean, integer) is
	'The ids of every public challenge a list search matches, in its order (params as search_challenges(); limit and offset ignored), at most max_ids (≤ 25000); upcoming: only deadlines still ahead. For exports: one query instead of a page of facets and snippets per 50 hits. The caller reads the rows under its own RLS.';

-- The same problem in other cities. A candidate needs two of the challenge's title words in its
-- own title or summary (one, for a one-word title), not merely in its description or its place
-- names: "Southeast Asia" in a title would otherwise bring every challenge of the region, and
-- their boosts would push the real matches out. Ranked by where it has them (title over summary
-- over the rest), with a boost for the same domain and for being open to proposals.
create function private.search_similar(challenge_id uuid, max_results integer)
returns table (id uuid, score real)
language sql
stable
security definer
set search_path = ''
set jit = off
as $$
	-- Materialized: inlined, its query terms would be built again for every candidate.
	with source as materialized (
		select s.id, s.city_id, s.domain,
			-- Candidates: pairs from the first ten title words, from the index on the title and
			-- summary part of rank_vector (exact, never rechecked).
			(
				select coalesce(
					string_agg(format('(%s & %s)', w1, w2), ' | '),
					w.quoted[1]
				)::tsquery
				from unnest(w.quoted[1:10]) as w1
				join unnest(w.quoted[1:10]) as w2 on w1 < w2
			) as pairs,
			-- Scoring: any of them, weighted by where the candidate has it.
			array_to_string(w.quoted, ' | ')::tsquery as any_word
		from private.search_docs s
		-- The title's lexemes in title order, quoted for tsquery input as they are: to_tsquery
		-- would parse them again ('e-bik' → 'e-bik' <-> 'e' <-> 'bik', which no document has).
		cross join lateral (
			select array(
				select '''' || replace(replace(t.lexeme, '\', '\\'), '''', '''''') || ''''
				from unnest(ts_filter(s.rank_vector, '{a}')) as t
				order by t.positions[1], t.lexeme
			) as quoted
		) w
		where s.id = search_similar.challenge_id and cardinality(w.quoted) > 0
	)
	select d.id,
		(
			ts_rank('{0.1, 0.2, 0.4, 1.0}'::real[], d.rank_vector, src.any_word)
			+ case when d.domain = src.domain then 0.1 else 0 end
			+ case when d.status = 'open'::public.challenge_status and (d.deadline is null or d.deadline > now()) then 0.1 else 0 end
		)::real as score
	from source src
	join private.search_docs d
		on ts_filter(d.rank_vector, '{a,b}') @@ src.pairs and d.city_id <> src.city_id
	order by score desc, d.id
	limit least(greatest(coalesce(search_similar.max_results, 6), 1), 24);
$$;

comment on function private.search_similar(uuid, integer) is
	'Ids and scores of public challenges of other cities sharing title words with the given public one. SECURITY DEFINER (reads search_docs); returns no text.';

create function public.similar_challenges(challenge_id uuid, max_results integer default 6)
returns setof public.search_hit
language sql
stable
set search_path = ''
as $$
	-- Read as the caller (RLS applies), by primary key, in the order of the scores.
	select private.search_hit(c, ci, r, null, s.score)
	from private.search_similar(similar_challenges.challenge_id, similar_challenges.max_results) as s
	join public.challenges c on c.id = s.id
	join public.cities ci on ci.id = c.city_id
	join public.regions r on r.slug = ci.region
	where private.challenge_is_public(c.status)
	order by s.score desc, s.id;
$$;

comment on function public.similar_challenges(uuid, integer) is
	'Public challenges of other cities with two or more of the given public challenge''s title words in their own title or summary, ranked by where they have them (title over summary over the rest), with a boost for the same domain and for being open to proposals (read under the caller''s RLS).';

revoke all on function private.search_similar(uuid, integer) from public;
grant execute on function private.search_similar(uuid, integer) to anon, authenticated, service_role;
revoke all on function public.search_challenges(jsonb) from public;
revoke all on function public.search_challenge_ids(jsonb, boolean, integer) from public;
revoke all on function public.similar_challenges(uuid, integer) from public;
grant execute on function public.search_challenges(jsonb) to anon, authenticated, service_role;
grant execute on function public.search_challenge_ids(jsonb, boolean, integer) to anon, authenticated, service_role;
grant execute on function public.similar_challenges(uuid, integer) to anon, authenticated, service_role;

-- =============================================================================================
-- 15. Search: the worker's functions
-- Called by the search jobs (search:reindex, search:worker, search:detach) through supabase-js
-- with the service-role key: in public so PostgREST serves them, executable by service_role only.
-- Security invoker: they run as service_role, which may use the outbox and the outbox switch.
-- =============================================================================================

create function public.start_search_outbox()
returns void
language sql
volatile
set search_path = ''
as $$
	update private.search_state set outbox_enabled = true;
$$;

comment on function public.start_search_outbox() is
	'From now on, every change to a public challenge is queued for the Meilisearch index. search:reindex calls it before it copies the list, so no change made during the copy is lost.';

create function public.stop_search_outbox()
returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
	v_dropped integer;
begin
	update private.search_state set outbox_enabled = false;
	delete from private.search_outbox;
	get diagnostics v_dropped = row_count;
	return v_dropped;
end;
$$;

comment on function public.stop_search_outbox() is
	'No index is fed any more (search:detach): stops queueing and drops what was pending. Returns how many pending operations were dropped. search:reindex starts again from a full copy.';

create function public.claim_search_outbox(batch integer default 100, lease_seconds integer default 60)
returns table (id bigint, challenge_id uuid, op text, attempts integer)
language sql
volatile
set search_path = ''
as $$
	with picked as (
		select o.id
		from private.search_outbox o
		where o.next_attempt_at <= now()
			and (o.locked_until is null or o.locked_until < now())
		order by o.next_attempt_at, o.id
		limit least(greatest(coalesce(batch, 100), 1), 1000)
		for update skip locked
	)
	update private.search_outbox o
	set attempts = o.attempts + 1,
		locked_until = now() + make_interval(secs => greatest(coalesce(lease_seconds, 60), 1)),
		lease_id = o.id
	from picked
	where o.id = picked.id
	returning o.id, o.challenge_id, o.op, o.attempts;
$$;

comment on function public.claim_search_outbox(integer, integer) is
	'Takes up to batch due outbox rows no one else holds (FOR UPDATE SKIP LOCKED), leases them for lease_seconds and counts the attempt.';

create function public.complete_search_outbox(ids bigint[])
returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
	v_done integer;
begin
	delete from private.search_outbox o where o.id = any (ids);
	get diagnostics v_done = row_count;
	-- Rows that got a newer event while claimed keep it, and become claimable again now.
	update private.search_outbox o set locked_until = null where o.lease_id = any (ids);
	return v_done;
end;
$$;

comment on function public.complete_search_outbox(bigint[]) is
	'Removes the given claimed rows (a row re-enqueued since its claim has a new id and stays). Returns how many were removed.';

create function public.fail_search_outbox(id bigint, error text)
returns timestamptz
language sql
volatile
set search_path = ''
as $$
	update private.search_outbox o
	set last_error = left(fail_search_outbox.error, 2000),
		locked_until = null,
		next_attempt_at = now() + least(
			make_interval(secs => 5 * power(2, greatest(o.attempts - 1, 0))::double precision),
			interval '1 hour'
		)
	where o.id = fail_search_outbox.id
	returning o.next_attempt_at;
$$;

comment on function public.fail_search_outbox(bigint, text) is
	'Records a failed attempt and schedules the next one with exponential backoff (5 s, 10 s, 20 s … at most 1 h).';

revoke all on function public.start_search_outbox() from public, anon, authenticated;
revoke all on function public.stop_search_outbox() from public, anon, authenticated;
revoke all on function public.claim_search_outbox(integer, integer) from public, anon, authenticated;
revoke all on function public.complete_search_outbox(bigint[]) from public, anon, authenticated;
revoke all on function public.fail_search_outbox(bigint, text) from public, anon, authenticated;
grant execute on function public.start_search_outbox() to service_role;
grant execute on function public.stop_search_outbox() to service_role;
grant execute on function public.claim_search_outbox(integer, integer) to service_role;
grant execute on function public.complete_search_outbox(bigint[]) to service_role;
grant execute on function public.fail_search_outbox(bigint, text) to service_role;
