-- Notifications name a challenge in the reader's language (issue 16, item 1): the triggers that
-- make notifications put the challenge's title in params.title, in its own words (the original).
-- Where the challenge has versions, each notification also carries their titles by language
-- (params.titles: {"en": "…"}), taken when it is made, so the page and the mail
-- (src/lib/domain/notifications/text.ts) say the title in the reader's language. One trigger on
-- the table, whichever trigger or function inserts.

create function private.notifications_version_titles()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_titles jsonb;
begin
	if new.challenge_id is not null and new.params ? 'title' then
		select jsonb_object_agg(t.language, t.title order by t.language) into v_titles
		from public.challenge_translations t
		where t.challenge_id = new.challenge_id;
		if v_titles is not null then
			new.params := new.params || jsonb_build_object('titles', v_titles);
		end if;
	end if;
	return new;
end;
$$;
comment on function private.notifications_version_titles() is
	'Trigger: a notification about a challenge with versions carries their titles by language (params.titles), beside the original''s (params.title).';
revoke all on function private.notifications_version_titles() from public;

create trigger notifications_version_titles
	before insert on public.notifications
	for each row execute function private.notifications_version_titles();
