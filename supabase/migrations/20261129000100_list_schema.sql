-- The Collaboration List: regions, currencies, organisations, cities and their challenges.
--
-- Read model for anonymous visitors: regions, currencies, organisations and cities are public;
-- challenges are public unless they are drafts or withdrawn. Nothing is writable through the API
-- this round (no signed-in users yet): writes go through jobs holding the service_role key.
--
-- Search columns and full-text/trigram indexes are added by a later migration (search).

create schema if not exists extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists unaccent with schema extensions;

-- ---------------------------------------------------------------------------------------------
-- Enums (mirrored by src/lib/domain/challenges/schema.ts)
-- ---------------------------------------------------------------------------------------------

create type public.challenge_domain as enum ('technologies', 'mobility', 'environment', 'utilities');
create type public.challenge_kind as enum ('challenge', 'opportunity');
create type public.challenge_status as enum (
	'draft',
	'open',
	'reviewing',
	'shortlisted',
	'awarded',
	'closed',
	'withdrawn'
);
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

comment on type public.challenge_status is
	'Lifecycle: draft → open → reviewing → shortlisted → awarded | closed; withdrawn from any non-final state. Transitions are enforced by trigger challenges_guard_status.';

-- ---------------------------------------------------------------------------------------------
-- regions
-- ---------------------------------------------------------------------------------------------

create table public.regions (
	slug text primary key
		constraint regions_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 60),
	name text not null
		constraint regions_name_length check (char_length(name) between 2 and 100)
);
alter table public.regions enable row level security;

comment on table public.regions is 'World regions used to group cities (slugs mirror REGIONS in schema.ts).';

create policy "Anyone can read regions" on public.regions
	for select to anon, authenticated using (true);

-- ---------------------------------------------------------------------------------------------
-- currencies (ISO 4217 lookup, referenced by challenges.currency)
-- ---------------------------------------------------------------------------------------------

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

create policy "Anyone can read currencies" on public.currencies
	for select to anon, authenticated using (true);

insert into public.currencies (code, name, minor_units) values
	('USD', 'US dollar', 2),
	('EUR', 'Euro', 2),
	('GBP', 'Pound sterling', 2),
	('CHF', 'Swiss franc', 2),
	('SEK', 'Swedish krona', 2),
	('NOK', 'Norwegian krone', 2),
	('DKK', 'Danish krone', 2),
	('PLN', 'Polish złoty', 2),
	('CZK', 'Czech koruna', 2),
	('HUF', 'Hungarian forint', 2),
	('RON', 'Romanian leu', 2),
	('TRY', 'Turkish lira', 2),
	('CNY', 'Chinese yuan renminbi', 2),
	('HKD', 'Hong Kong dollar', 2),
	('TWD', 'New Taiwan dollar', 2),
	('JPY', 'Japanese yen', 0),
	('KRW', 'South Korean won', 0),
	('MYR', 'Malaysian ringgit', 2),
	('THB', 'Thai baht', 2),
	('SGD', 'Singapore dollar', 2),
	('IDR', 'Indonesian rupiah', 2),
	('PHP', 'Philippine peso', 2),
	('VND', 'Vietnamese đồng', 0),
	('INR', 'Indian rupee', 2),
	('PKR', 'Pakistani rupee', 2),
	('BDT', 'Bangladeshi taka', 2),
	('LKR', 'Sri Lankan rupee', 2),
	('AED', 'UAE dirham', 2),
	('SAR', 'Saudi riyal', 2),
	('QAR', 'Qatari riyal', 2),
	('ILS', 'Israeli new shekel', 2),
	('EGP', 'Egyptian pound', 2),
	('MAD', 'Moroccan dirham', 2),
	('ZAR', 'South African rand', 2),
	('KES', 'Kenyan shilling', 2),
	('NGN', 'Nigerian naira', 2),
	('GHS', 'Ghanaian cedi', 2),
	('RWF', 'Rwandan franc', 0),
	('ETB', 'Ethiopian birr', 2),
	('BRL', 'Brazilian real', 2),
	('MXN', 'Mexican peso', 2),
	('COP', 'Colombian peso', 2),
	('CLP', 'Chilean peso', 0),
	('PEN', 'Peruvian sol', 2),
	('ARS', 'Argentine peso', 2),
	('UYU', 'Uruguayan peso', 2),
	('CAD', 'Canadian dollar', 2),
	('AUD', 'Australian dollar', 2),
	('NZD', 'New Zealand dollar', 2);

-- ---------------------------------------------------------------------------------------------
-- organisations (cities' own administrations, vendors, the hub)
-- ---------------------------------------------------------------------------------------------

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
	for select to anon, authenticated using (true);

create index organisations_kind_idx on public.organisations (kind);
create index organisations_domains_idx on public.organisations using gin (domains);

-- ---------------------------------------------------------------------------------------------
-- cities
-- ---------------------------------------------------------------------------------------------

create table public.cities (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique
		constraint cities_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 80),
	name text not null
		constraint cities_name_length check (char_length(name) between 1 and 120),
	country char(2) not null
		constraint cities_country_format check (country ~ '^[A-Z]{2}$'),
	region text not null references public.regions (slug) on update cascade,
	profile text
		constraint cities_profile_length check (char_length(profile) <= 5000),
	population integer
		constraint cities_population_nonnegative check (population >= 0),
	organisation_id uuid references public.organisations (id) on delete set null,
	created_at timestamptz not null default now()
);
alter table public.cities enable row level security;

comment on table public.cities is 'Cities that post challenges. Slugs are ≤ 80 chars to match the city filter in schema.ts.';
comment on column public.cities.organisation_id is 'The city administration (an organisation of kind city) that speaks for this city.';

create policy "Anyone can read cities" on public.cities
	for select to anon, authenticated using (true);

create index cities_region_idx on public.cities (region);
create index cities_organisation_id_idx on public.cities (organisation_id);
create index cities_country_idx on public.cities (country);

-- ---------------------------------------------------------------------------------------------
-- challenges (challenges and opportunities posted by cities)
-- ---------------------------------------------------------------------------------------------

create table public.challenges (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique
		constraint challenges_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 120),
	city_id uuid not null references public.cities (id) on delete restrict,
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
	)
);
alter table public.challenges enable row level security;

comment on table public.challenges is
	'Challenges (a problem a city wants solved) and opportunities (something a city offers: a testbed, data, a tender) on the Collaboration List.';
comment on column public.challenges.kind is 'challenge = a problem looking for solutions; opportunity = something a city offers to vendors.';
comment on column public.challenges.description is 'Markdown; rendered and sanitised by the app.';
comment on column public.challenges.budget_min is 'Indicative budget range in currency; both null when the city states no budget.';
comment on column public.challenges.currency is 'ISO 4217 code (public.currencies); required when a budget is given.';
comment on column public.challenges.status is 'Only draft and withdrawn rows are hidden from the public (RLS). Changes are checked by challenges_guard_status.';
comment on column public.challenges.language is 'BCP 47 tag of the text (en, zh, pt-BR…).';
comment on column public.challenges.published_at is 'Set by trigger the first time the challenge becomes open (or on insert of a non-draft row).';

create policy "Anyone can read published challenges" on public.challenges
	for select to anon, authenticated
	using (status not in ('draft', 'withdrawn'));

create index challenges_city_id_idx on public.challenges (city_id);
create index challenges_currency_idx on public.challenges (currency);
create index challenges_domain_idx on public.challenges (domain);
create index challenges_kind_idx on public.challenges (kind);
create index challenges_status_idx on public.challenges (status);
create index challenges_deadline_idx on public.challenges (deadline);
create index challenges_published_at_idx on public.challenges (published_at desc);
create index challenges_priority_areas_idx on public.challenges using gin (priority_areas);

-- ---------------------------------------------------------------------------------------------
-- Status lifecycle and timestamps
-- ---------------------------------------------------------------------------------------------

create function public.challenge_status_transition_allowed(
	from_status public.challenge_status,
	to_status public.challenge_status
)
returns boolean
language sql
immutable
security invoker
set search_path = ''
as $$
	select (from_status, to_status) in (
		('draft'::public.challenge_status, 'open'::public.challenge_status),
		('draft', 'withdrawn'),
		('open', 'reviewing'),
		('open', 'closed'),
		('open', 'withdrawn'),
		('reviewing', 'shortlisted'),
		('reviewing', 'closed'),
		('reviewing', 'withdrawn'),
		('shortlisted', 'awarded'),
		('shortlisted', 'closed'),
		('shortlisted', 'withdrawn')
	);
$$;

comment on function public.challenge_status_transition_allowed(public.challenge_status, public.challenge_status) is
	'The one list of legal status changes (awarded, closed and withdrawn are final). Used by the guard trigger; callable by the UI to offer next steps.';

create function public.challenges_guard_status()
returns trigger
language plpgsql
security invoker
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
		if not public.challenge_status_transition_allowed(old.status, new.status) then
			raise exception 'illegal challenge status transition: % → %', old.status, new.status
				using errcode = 'P0001',
					detail = format('challenge %s cannot go from %s to %s', old.slug, old.status, new.status),
					hint = 'Allowed: draft→open|withdrawn; open→reviewing|closed|withdrawn; reviewing→shortlisted|closed|withdrawn; shortlisted→awarded|closed|withdrawn.';
		end if;
		if new.status = 'open' and new.published_at is null then
			new.published_at := now();
		end if;
	end if;
	return new;
end;
$$;

comment on function public.challenges_guard_status() is
	'Trigger: refuses illegal status changes (P0001) and stamps published_at on first opening.';

create trigger challenges_guard_status
	before insert or update on public.challenges
	for each row execute function public.challenges_guard_status();

create function public.set_updated_at()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
	new.updated_at := now();
	return new;
end;
$$;

comment on function public.set_updated_at() is 'Trigger: keeps updated_at current on every update.';

create trigger organisations_set_updated_at
	before update on public.organisations
	for each row execute function public.set_updated_at();

create trigger challenges_set_updated_at
	before update on public.challenges
	for each row execute function public.set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Grants: read-only for the API roles, everything for jobs (service_role bypasses RLS).
-- ---------------------------------------------------------------------------------------------

revoke all on table public.regions, public.currencies, public.organisations, public.cities, public.challenges
	from public, anon, authenticated;
grant select on table public.regions, public.currencies, public.organisations, public.cities, public.challenges
	to anon, authenticated;
grant all on table public.regions, public.currencies, public.organisations, public.cities, public.challenges
	to service_role;

revoke all on function public.challenges_guard_status() from public, anon, authenticated;
revoke all on function public.set_updated_at() from public, anon, authenticated;
grant execute on function public.challenges_guard_status() to service_role;
grant execute on function public.set_updated_at() to service_role;

revoke all on function public.challenge_status_transition_allowed(public.challenge_status, public.challenge_status)
	from public;
grant execute on function public.challenge_status_transition_allowed(public.challenge_status, public.challenge_status)
	to anon, authenticated, service_role;
