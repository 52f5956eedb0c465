-- challenges.created_by names the member who created the challenge: now that members exist
-- (public.profiles, one per identity user), it refers to their profile. A member who is deleted
-- leaves their challenges in place, no longer attributed.
alter table public.challenges
	add constraint challenges_created_by_fkey
	foreign key (created_by) references public.profiles (id) on delete set null;

comment on column public.challenges.created_by is 'The member who created it (public.profiles); null once that member is deleted, and for imported challenges.';
