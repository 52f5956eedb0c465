-- Budgets comparable (supabase/migrations/20261207001400_budgets_usd.sql): the rates table's
-- access (everyone reads, nobody but the service role writes), the one conversion, the search
-- documents' USD range, the filter and the order. Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(26);

-- ---------------------------------------------------------------------------------------------
-- The rates table
-- ---------------------------------------------------------------------------------------------

select ok((select relrowsecurity from pg_class where oid = 'public.currency_rates'::regclass),
	'currency_rates has row-level security');
select is((select count(*)::int from public.currencies c where not exists (
		select 1 from public.currency_rates r where r.currency = c.code)), 0,
	'every currency a budget may be stated in has a rate');
select is((select count(*)::int from public.currency_rates where note !~* 'illustrative'), 0,
	'every seeded rate says it is illustrative');
select throws_ok($$insert into public.currency_rates (currency, usd_per_unit, as_of) values ('USD', 0, current_date)$$,
	'23514', null, 'a rate must be above zero');

set local role anon;
select cmp_ok((select count(*)::int from public.currency_rates), '>=', 49, 'anon reads the rates');
select throws_ok($$insert into public.currency_rates (currency, usd_per_unit, as_of) values ('XAU', 1, current_date)$$,
	'42501', null, 'anon cannot add a rate');
select throws_ok($$update public.currency_rates set usd_per_unit = 1 where currency = 'VND'$$,
	'42501', null, 'anon cannot change a rate');
select throws_ok($$delete from public.currency_rates where currency = 'VND'$$,
	'42501', null, 'anon cannot delete a rate');
reset role;

set local role authenticated;
select set_config('request.jwt.claims', '{"sub":"00000000-0000-4000-8000-00000000a11e","role":"authenticated"}', true);
select cmp_ok((select count(*)::int from public.currency_rates), '>=', 49, 'authenticated reads the rates');
select throws_ok($$update public.currency_rates set usd_per_unit = 1 where currency = 'VND'$$,
	'42501', null, 'authenticated cannot change a rate');
reset role;

-- ---------------------------------------------------------------------------------------------
-- The conversion
-- ---------------------------------------------------------------------------------------------

update public.currency_rates set usd_per_unit = 0.0000395, as_of = '2026-12-01' where currency = 'VND';
select is(private.usd(2000000000, 'VND'), 79000.00, '₫2,000,000,000 is USD 79,000 at 0.0000395');
select is(private.usd(1, 'VND'), 0.00, 'to the cent');
select is(private.usd(null, 'VND'), null, 'no amount: no figure');
select is(private.usd(100, 'XXX'), null, 'no rate: no figure');

-- A challenge of our own (rolled back) with a budget in đồng.
insert into public.challenges (id, city_id, organisation_id, slug, title, summary, domain, kind, status,
	budget_min, budget_max, currency, published_at)
select '00000000-0000-4000-8000-00000000b0d6', ci.id, ci.organisation_id, 'pgtap-budget-zzqx', 'Zzqx budget test',
	'A test challenge', 'utilities', 'challenge', 'open', 1000000000, 2000000000, 'VND', now()
from public.cities ci where ci.organisation_id is not null limit 1;

select is(
	(select row(public.budget_min_usd(c), public.budget_max_usd(c), public.budget_usd_as_of(c))::text
	 from public.challenges c where c.slug = 'pgtap-budget-zzqx'),
	'(39500.00,79000.00,2026-12-01)',
	'the computed columns give both ends in USD and the rate''s date');
select is(
	(select row(h.budget_min_usd, h.budget_max_usd, h.budget_usd_as_of)::text
	 from unnest((public.search_challenges('{"q":"zzqx"}')).hits) h where h.slug = 'pgtap-budget-zzqx'),
	'(39500.00,79000.00,2026-12-01)',
	'a search hit carries the same figures (private.search_hits joins the rates itself)');
select is(
	(select row(d.budget_usd_low, d.budget_usd_high)::text from private.search_docs d
	 where d.id = '00000000-0000-4000-8000-00000000b0d6'),
	'(39500.00,79000.00)', 'its search document holds the range in USD');

update public.challenges set budget_min = null where slug = 'pgtap-budget-zzqx';
select is(
	(select row(d.budget_usd_low, d.budget_usd_high)::text from private.search_docs d
	 where d.id = '00000000-0000-4000-8000-00000000b0d6'),
	'(79000.00,79000.00)', 'a budget edit refreshes it; one end is both ends of the range');
select is(
	(select row(h.budget_min_usd, h.budget_max_usd, h.budget_usd_as_of)::text
	 from unnest((public.search_challenges('{"q":"zzqx"}')).hits) h where h.slug = 'pgtap-budget-zzqx'),
	'(,79000.00,2026-12-01)',
	'a hit''s missing end stays missing; the rate''s date is still given');

update public.currency_rates set usd_per_unit = 0.00004 where currency = 'VND';
select is(
	(select d.budget_usd_high from private.search_docs d where d.id = '00000000-0000-4000-8000-00000000b0d6'),
	80000.00, 'a new rate refreshes the documents of its currency');

-- ---------------------------------------------------------------------------------------------
-- The filter and the order
-- ---------------------------------------------------------------------------------------------

select is(
	(select row(a.budget_min, a.budget_max)::text from private.search_args('{"min_usd":"500000","max_usd":100000}') a),
	'(100000,500000)', 'search_args reads the range and swaps reversed ends');
select is(
	(select row(a.budget_min, a.budget_max, a.sort)::text from private.search_args('{"min_usd":"lots","max_usd":-5,"sort":"budget"}') a),
	'(,,budget)', 'ends that are not amounts count as missing; the budget order is known');
select is(
	(select array(select unnest(public.search_challenge_ids('{"q":"zzqx","min_usd":79000,"max_usd":81000}')))),
	array['00000000-0000-4000-8000-00000000b0d6'::uuid], 'a range overlapping the budget finds it');
select is(
	(select cardinality(public.search_challenge_ids('{"q":"zzqx","min_usd":80001}'))), 0,
	'a range above it does not');

-- ---------------------------------------------------------------------------------------------
-- A hit's figures, as a visitor reads them (private.search_hits joins the rates under RLS)
-- ---------------------------------------------------------------------------------------------

insert into public.challenges (city_id, organisation_id, slug, title, summary, domain, kind, status,
	currency, published_at)
select ci.id, ci.organisation_id, 'pgtap-budget-none-zzqx', 'Zzqx no budget test', 'A test challenge without a budget',
	'utilities', 'challenge', 'open', 'VND', now()
from public.cities ci where ci.organisation_id is not null limit 1;

set local role anon;
select is(
	(select array_agg(h.slug || ' ' || row(h.budget_min_usd, h.budget_max_usd, h.budget_usd_as_of)::text order by h.slug)
	 from unnest((public.search_challenges('{"q":"zzqx"}')).hits) h),
	array['pgtap-budget-none-zzqx (,,)', 'pgtap-budget-zzqx (,80000.00,2026-12-01)'],
	'as a visitor: the figures at the current rate; no budget, no figures and no date');
reset role;
delete from public.currency_rates where currency = 'VND';
set local role anon;
select is(
	(select row(h.budget_min_usd, h.budget_max_usd, h.budget_usd_as_of)::text
	 from unnest((public.search_challenges('{"q":"zzqx"}')).hits) h where h.slug = 'pgtap-budget-zzqx'),
	'(,,)', 'a currency without a rate: no figures and no date');
reset role;

select * from finish();
rollback;
