-- A notification about a challenge with versions carries their titles by language
-- (supabase/migrations/20261207002100_notification_titles.sql); one about a challenge without
-- any carries none. Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;

select plan(3);

insert into public.notifications (user_id, kind, challenge_id, params, link)
select p.id, 'status_changed', c.id,
	jsonb_build_object('title', c.title, 'slug', c.slug, 'status', 'open'), '/challenges/' || c.slug
from public.challenges c, (select id from public.profiles order by id limit 1) p
where c.slug in ('shanghai-sponge-city-waterlogging-sensors', 'kigali-car-free-air-quality', 'da-nang-flood-sensors-han-river');

select is(
	(select n.params -> 'titles' from public.notifications n join public.challenges c on c.id = n.challenge_id
	 where c.slug = 'shanghai-sponge-city-waterlogging-sensors'),
	'{"en": "Sponge city rainwater harvesting and flood sensor pilot"}'::jsonb,
	'a Chinese challenge with an English version: its English title beside the original'
);
select is(
	(select n.params ->> 'title' from public.notifications n join public.challenges c on c.id = n.challenge_id
	 where c.slug = 'da-nang-flood-sensors-han-river'),
	'Flood sensors and early warning for the Han River and Cam Le district',
	'the original title stays in params.title'
);
select ok(
	not exists (
		select 1 from public.notifications n join public.challenges c on c.id = n.challenge_id
		where c.slug = 'kigali-car-free-air-quality' and n.params ? 'titles'
	),
	'a challenge without versions: no titles'
);

select * from finish();
rollback;
