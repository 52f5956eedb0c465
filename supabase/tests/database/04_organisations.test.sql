-- Organisations, memberships and roles (issue 12; migrations 20261203002000..2700,
-- docs/organisations.md): the private helpers, the functions and their refusals, the guards, the
-- audit log, and the rule that an unverified organisation cannot publish. People and organisations
-- are made here as the owner; each step then runs as `authenticated` with the person's claims.
-- Everything is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to anon, authenticated, service_role;

select plan(73);

-- People (identity users; the profile trigger makes their profiles) -------------------------------
insert into identity."user" (id, name, email, "emailVerified") values
	('00000000-0000-4000-8000-0000000000f1', 'Ada Admin', 'ada@pgtap.test', true),
	('00000000-0000-4000-8000-0000000000f2', 'Ben Member', 'ben@pgtap.test', true),
	('00000000-0000-4000-8000-0000000000f3', 'Cy Outsider', 'cy@pgtap.test', true),
	('00000000-0000-4000-8000-0000000000f4', 'Hu Hub', 'hu@pgtap.test', true),
	('00000000-0000-4000-8000-0000000000f5', 'Un Verified', 'un@pgtap.test', false);

insert into public.organisations (id, kind, slug, name, country, verified) values
	('00000000-0000-4000-8000-0000000000b1', 'vendor', 'pgtap-vendor', 'pgTAP Vendor', 'MY', false),
	('00000000-0000-4000-8000-0000000000b2', 'city', 'pgtap-city-office', 'pgTAP City Office', 'MY', false),
	('00000000-0000-4000-8000-0000000000b3', 'hub', 'pgtap-hub', 'pgTAP Hub', 'MY', true);
insert into public.memberships (organisation_id, user_id, role) values
	('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000f1', 'admin'),
	('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000f2', 'member'),
	('00000000-0000-4000-8000-0000000000b3', '00000000-0000-4000-8000-0000000000f4', 'admin');

create function pg_temp.as_user(id text) returns void language sql as $$
	select set_config('request.jwt.claims', json_build_object('sub', id, 'role', 'authenticated')::text, true)
$$;
grant execute on function pg_temp.as_user(text) to authenticated, service_role;
-- Values handed from one step to the next (tokens, ids), readable by authenticated.
create temporary table carry (k text primary key, v text) on commit drop;
grant all on carry to authenticated, service_role;

-- The helpers: how they are defined ---------------------------------------------------------------
select ok(
	(select bool_and(p.prosecdef and p.proconfig @> array['search_path=""'] and p.provolatile = 's')
	 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
	 where n.nspname = 'private'
	   and p.proname in ('is_member', 'is_org_admin', 'is_hub_staff', 'my_organisation_ids', 'my_verified_email', 'visible_profile_ids')),
	'the membership helpers are SECURITY DEFINER, stable, with an empty search_path');
select ok(
	not has_function_privilege('anon', 'private.is_org_admin(uuid)', 'execute')
	and has_function_privilege('authenticated', 'private.is_org_admin(uuid)', 'execute'),
	'the helpers are for authenticated only');
select ok(
	(select bool_and(p.prosecdef and p.proconfig @> array['search_path=""'])
	 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
	 where n.nspname = 'public' and p.proname in ('create_organisation', 'invite_member', 'invitation_preview', 'accept_invitation',
		'revoke_invitation', 'request_to_join', 'decide_join_request', 'set_member_role', 'remove_member',
		'leave_organisation', 'set_organisation_verified', 'my_memberships')),
	'the membership functions are SECURITY DEFINER with an empty search_path');
select ok(
	not has_function_privilege('anon', 'public.accept_invitation(text)', 'execute'),
	'visitors call none of them');

-- The helpers: what they answer -------------------------------------------------------------------
set local role authenticated;
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f1');
select ok(private.is_member('00000000-0000-4000-8000-0000000000b1'), 'an admin is a member');
select ok(private.is_org_admin('00000000-0000-4000-8000-0000000000b1'), 'is_org_admin: the admin');
select ok(not private.is_hub_staff(), 'a vendor admin is not hub staff');
select is(private.my_verified_email(), 'ada@pgtap.test', 'my_verified_email: the verified address');
select results_eq('select private.my_organisation_ids()', $$values ('00000000-0000-4000-8000-0000000000b1'::uuid)$$,
	'my_organisation_ids: the caller''s');

select pg_temp.as_user('00000000-0000-4000-8000-0000000000f2');
select ok(private.is_member('00000000-0000-4000-8000-0000000000b1'), 'is_member: a member');
select ok(not private.is_org_admin('00000000-0000-4000-8000-0000000000b1'), 'is_org_admin: not a member');
select is((select count(*)::int from public.profiles), 2, 'a member reads their own profile and their colleague''s');

select pg_temp.as_user('00000000-0000-4000-8000-0000000000f3');
select ok(not private.is_member('00000000-0000-4000-8000-0000000000b1'), 'is_member: not an outsider');
select is((select count(*)::int from public.memberships), 0, 'an outsider reads no membership');
select is((select count(*)::int from public.profiles), 1, 'an outsider reads only their own profile');

select pg_temp.as_user('00000000-0000-4000-8000-0000000000f4');
select ok(private.is_hub_staff(), 'is_hub_staff: a member of a hub organisation');
select ok((select count(*) from public.memberships) >= 3, 'hub staff read every membership');

select pg_temp.as_user('00000000-0000-4000-8000-0000000000f5');
select is(private.my_verified_email(), null, 'my_verified_email: null while unverified');

-- create_organisation -----------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f3');
insert into carry select 'org1', (public.create_organisation('vendor', 'Çafé Widgets', 'my', '{technologies}')).id;
insert into carry select 'org2', (public.create_organisation('vendor', 'Cafe Widgets', 'MY')).id;
select is((select slug from public.organisations where id = (select v::uuid from carry where k = 'org1')),
	'cafe-widgets', 'the slug comes from the name, unaccented');
select is((select slug from public.organisations where id = (select v::uuid from carry where k = 'org2')),
	'cafe-widgets-2', 'and is made unique');
select is((select row(kind, verified, country, created_by)::text from public.organisations where id = (select v::uuid from carry where k = 'org1')),
	row('vendor'::public.org_kind, false, 'MY', '00000000-0000-4000-8000-0000000000f3'::uuid)::text,
	'unverified, country upper-cased, created_by the caller');
select results_eq($$select role::text, active from public.my_memberships() order by joined_at, organisation_id$$,
	$$select 'admin', o.id = (select v::uuid from carry where k = 'org1') from public.organisations o
	  where o.id in (select v::uuid from carry) order by o.created_at, o.id$$,
	'the creator is admin of both; the first one made is the one they act for');
select throws_ok($$select public.create_organisation('hub', 'My Hub', 'MY')$$, '22023', 'kind_not_allowed',
	'a hub organisation cannot be created through the API');
select throws_ok($$select public.create_organisation('vendor', 'X', 'MY')$$, '23514', null,
	'the table''s constraints still apply (a one-letter name)');

-- invite_member / accept_invitation ---------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f2');
select throws_ok($$select public.invite_member('00000000-0000-4000-8000-0000000000b1', 'cy@pgtap.test')$$,
	'PT403', 'not_org_admin', 'a member cannot invite');
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f1');
insert into carry select 'tok_old', token from public.invite_member('00000000-0000-4000-8000-0000000000b1', 'Cy@PGTAP.test');
insert into carry select 'tok', token from public.invite_member('00000000-0000-4000-8000-0000000000b1', 'cy@pgtap.test', 'admin');
select matches((select v from carry where k = 'tok'), '^[0-9a-f]{64}$', 'the token is 32 random bytes in hex');
select is(
	(select count(*)::int from public.invitations i
	 where i.organisation_id = '00000000-0000-4000-8000-0000000000b1' and i.email = 'cy@pgtap.test' and i.revoked_at is null),
	1, 'a new invitation to the same address replaces the pending one');
select throws_ok($$select public.invite_member('00000000-0000-4000-8000-0000000000b1', 'ben@pgtap.test')$$,
	'PT409', 'already_member', 'members are not invited again');
reset role;
select is((select count(*)::int from public.invitations where token_hash = encode(sha256(convert_to((select v from carry where k = 'tok'), 'UTF8')), 'hex')),
	1, 'the table holds the token''s sha256 only');
select is((select count(*)::int from public.invitations where token_hash = (select v from carry where k = 'tok')),
	0, 'and not the token itself');
set local role authenticated;

select pg_temp.as_user('00000000-0000-4000-8000-0000000000f3');
select throws_ok($$select * from public.invitation_preview('not-a-token')$$, 'PT404', 'invitation_unknown', 'preview: a forged token is unknown');
select is((select status from public.invitation_preview((select v from carry where k = 'tok_old'))), 'revoked', 'preview: a replaced invitation');
select is((select row(name, role::text, status)::text from public.invitation_preview((select v from carry where k = 'tok'))),
	row('pgTAP Vendor', 'admin', 'pending')::text, 'preview: the organisation, the role, pending for the invitee');
select throws_ok($$select public.accept_invitation('not-a-token')$$, 'PT404', 'invitation_unknown', 'a forged token: unknown');
select throws_ok($$select public.accept_invitation((select v from carry where k = 'tok_old'))$$, 'PT410', 'invitation_revoked',
	'a replaced invitation: revoked');
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f2');
select is((select status from public.invitation_preview((select v from carry where k = 'tok'))), 'not_for_you', 'preview: not for another member');
select throws_ok($$select public.accept_invitation((select v from carry where k = 'tok'))$$, 'PT403', 'invitation_not_for_you',
	'someone else''s invitation: not for you');
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f3');
select is((public.accept_invitation((select v from carry where k = 'tok'))).slug, 'pgtap-vendor', 'the invitee accepts');
select is((select role::text from public.memberships where organisation_id = '00000000-0000-4000-8000-0000000000b1'
	and user_id = '00000000-0000-4000-8000-0000000000f3'), 'admin', 'with the invited role');
select throws_ok($$select public.accept_invitation((select v from carry where k = 'tok'))$$, 'PT409', 'invitation_used',
	'a used invitation: used');
reset role;
update public.invitations set expires_at = now() - interval '1 second', accepted_at = null, accepted_by = null
where token_hash = encode(sha256(convert_to((select v from carry where k = 'tok'), 'UTF8')), 'hex');
set local role authenticated;
select throws_ok($$select public.accept_invitation((select v from carry where k = 'tok'))$$, 'PT410', 'invitation_expired',
	'an expired invitation: expired');

-- join requests -----------------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f5');
insert into carry select 'req', (public.request_to_join('00000000-0000-4000-8000-0000000000b2', 'I work there')).id;
select throws_ok($$select public.request_to_join('00000000-0000-4000-8000-0000000000b2')$$, 'PT409', 'request_pending',
	'one pending request per organisation');
select throws_ok($$select public.request_to_join('00000000-0000-4000-8000-0000000000b3')$$, 'PT403', 'hub_by_invitation',
	'nobody asks to join the hub');
select throws_ok($$select public.decide_join_request((select v::uuid from carry where k = 'req'), true)$$, 'PT403', 'not_org_admin',
	'the requester cannot answer their own request');
reset role;
insert into public.memberships (organisation_id, user_id, role)
values ('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000f1', 'admin');
set local role authenticated;
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f1');
select is((select count(*)::int from public.profiles where id = '00000000-0000-4000-8000-0000000000f5'), 1,
	'an admin reads the name of someone asking to join');
select is((public.decide_join_request((select v::uuid from carry where k = 'req'), true)).decision, 'accepted',
	'an admin accepts');
select ok(exists (select 1 from public.memberships where organisation_id = '00000000-0000-4000-8000-0000000000b2'
	and user_id = '00000000-0000-4000-8000-0000000000f5' and role = 'member'), 'the requester is a member');
select throws_ok($$select public.decide_join_request((select v::uuid from carry where k = 'req'), false)$$, 'PT409', 'join_request_decided',
	'a request is answered once');

-- roles, removal, leaving; the last admin ---------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f1');
select throws_ok($$select public.set_member_role('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000f1', 'member')$$,
	'PT409', 'last_admin', 'the last admin cannot be demoted');
select throws_ok($$select public.remove_member('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000f1')$$,
	'PT409', 'last_admin', 'nor removed');
select throws_ok($$select public.leave_organisation('00000000-0000-4000-8000-0000000000b2')$$,
	'PT409', 'last_admin', 'nor leave');
select is((public.set_member_role('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000f5', 'admin')).role::text,
	'admin', 'an admin promotes a member');
select lives_ok($$select public.leave_organisation('00000000-0000-4000-8000-0000000000b2')$$,
	'with another admin, the first may leave');
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f2');
select lives_ok($$update public.profiles set active_organisation_id = '00000000-0000-4000-8000-0000000000b1' where id = '00000000-0000-4000-8000-0000000000f2'$$,
	'a member acts for their organisation');
select throws_ok($$update public.profiles set active_organisation_id = '00000000-0000-4000-8000-0000000000b2' where id = '00000000-0000-4000-8000-0000000000f2'$$,
	'PT403', 'not_member', 'but not for one they do not belong to');
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f1');
select lives_ok($$select public.remove_member('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000f2')$$,
	'an admin removes a member');
reset role;
select is((select active_organisation_id from public.profiles where id = '00000000-0000-4000-8000-0000000000f2'), null,
	'removal clears the organisation the member acted for');
set local role authenticated;

-- kind and verified ---------------------------------------------------------------------------------
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f1');
select throws_ok($$update public.organisations set kind = 'city' where id = '00000000-0000-4000-8000-0000000000b1'$$,
	'42501', null, 'an admin cannot change the kind (no column grant)');
select throws_ok($$update public.organisations set verified = true where id = '00000000-0000-4000-8000-0000000000b1'$$,
	'42501', null, 'nor verified');
select throws_ok($$select public.set_organisation_verified('00000000-0000-4000-8000-0000000000b1', true)$$,
	'PT403', 'not_hub_staff', 'only hub staff verify');
select lives_ok($$update public.organisations set name = 'pgTAP Vendor Ltd', contact_email = 'hello@pgtap.test' where id = '00000000-0000-4000-8000-0000000000b1'$$,
	'an admin edits the public profile');
set local role service_role;
select throws_ok($$update public.organisations set verified = true where id = '00000000-0000-4000-8000-0000000000b1'$$,
	'PT403', 'verified_by_hub_only', 'not even the service role sets verified directly');
set local role authenticated;
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f4');
select is((public.set_organisation_verified('00000000-0000-4000-8000-0000000000b1', true)).verified, true, 'hub staff verify');

-- the audit log -------------------------------------------------------------------------------------
select results_eq(
	$$select action, actor::text from public.audit_log where organisation_id = '00000000-0000-4000-8000-0000000000b1'
	  and actor is not null order by id$$,
	$$values ('invitation.created', '00000000-0000-4000-8000-0000000000f1'), ('invitation.revoked', '00000000-0000-4000-8000-0000000000f1'),
	         ('invitation.created', '00000000-0000-4000-8000-0000000000f1'),
	         ('membership.added', '00000000-0000-4000-8000-0000000000f3'), ('invitation.accepted', '00000000-0000-4000-8000-0000000000f3'),
	         ('membership.removed', '00000000-0000-4000-8000-0000000000f1'),
	         ('organisation.updated', '00000000-0000-4000-8000-0000000000f1'), ('organisation.verified', '00000000-0000-4000-8000-0000000000f4')$$,
	'every change is recorded with who made it, in order (read by hub staff)');
select is(
	(select row(before, after)::text from public.audit_log where organisation_id = '00000000-0000-4000-8000-0000000000b1' and action = 'organisation.updated'),
	row('{"name": "pgTAP Vendor", "contact_email": null}'::jsonb, '{"name": "pgTAP Vendor Ltd", "contact_email": "hello@pgtap.test"}'::jsonb)::text,
	'a profile edit records the fields before and after');
select pg_temp.as_user('00000000-0000-4000-8000-0000000000f1');
select is((select count(*)::int from public.audit_log), 0, 'anyone else reads nothing of it');
reset role;
select throws_ok($$delete from public.audit_log$$, '42501', 'audit_log_append_only', 'not even the owner deletes from it');
select throws_ok($$truncate public.audit_log$$, '42501', 'audit_log_append_only', 'nor truncates it');

-- publishing ------------------------------------------------------------------------------------------
insert into public.cities (id, slug, name, country, region, organisation_id)
values ('00000000-0000-4000-8000-0000000000c9', 'pgtap-org-city', 'pgTAP Org City', 'MY', 'southeast-asia',
	'00000000-0000-4000-8000-0000000000b2');
set local role service_role;
select throws_ok($$insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status)
	values ('pgtap-unverified-open', '00000000-0000-4000-8000-0000000000c9', '00000000-0000-4000-8000-0000000000b2',
	'Unverified open', 'An unverified city tries to publish this.', 'utilities', 'open')$$,
	'PT403', 'organisation_unverified', 'an unverified organisation cannot publish a challenge');
insert into public.challenges (slug, city_id, organisation_id, title, summary, domain, status)
values ('pgtap-unverified-draft', '00000000-0000-4000-8000-0000000000c9', '00000000-0000-4000-8000-0000000000b2',
	'Unverified draft', 'An unverified city may keep drafts.', 'utilities', 'draft');
select throws_ok($$update public.challenges set status = 'open' where slug = 'pgtap-unverified-draft'$$,
	'PT403', 'organisation_unverified', 'nor open a draft');
reset role;
update public.organisations set verified = true where id = '00000000-0000-4000-8000-0000000000b2';
set local role service_role;
select lives_ok($$update public.challenges set status = 'open' where slug = 'pgtap-unverified-draft'$$,
	'once verified, it publishes');
reset role;

-- deletions cascade without tripping the triggers ----------------------------------------------
select lives_ok($$delete from identity."user" where id = '00000000-0000-4000-8000-0000000000f3'$$,
	'a person with memberships and an active organisation can be deleted');
select lives_ok($$delete from public.organisations where id = '00000000-0000-4000-8000-0000000000b1'$$,
	'an organisation with members can be deleted (its memberships go, the log stays)');

select * from finish();
rollback;
