-- public.search_words() splits a document into the words that feed search_lexicon. Only the
-- SECURITY DEFINER triggers that keep the lexicon call it, yet visitors could call it through the
-- API with a body of any size (a 1.2 MB text cost 74 ms of database time per request). It stays
-- where the landed triggers look for it; visitors and signed-in users may no longer execute it.
revoke execute on function public.search_words(text) from anon, authenticated;
