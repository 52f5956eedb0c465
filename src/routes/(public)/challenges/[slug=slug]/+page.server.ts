import { pageNow } from '$lib/server/http-cache';
import { error } from '@sveltejs/kit';
import { getPublicChallenge } from '$lib/server/db/challenges';
import { challengePageExtras } from '$lib/server/db/manage-challenges';
import { renderMarkdown } from '$lib/server/markdown';
import { opensReviewBoard } from '$lib/server/db/review';
import { similarChallenges } from '$lib/server/search';
import { getLocale } from '$lib/paraglide/runtime.js';
import { qaActions, qaSection } from '$lib/server/qa/challenge-page';
import type { Actions, PageServerLoad } from './$types';
import { listReferrer } from './back-link';
import { ORIGINAL_PARAM, pageTexts } from './texts';

export const load: PageServerLoad = async ({ params, locals, request, url, setHeaders }) => {
	// Drafts and withdrawn challenges are invisible to visitors (RLS): a missing row is a 404.
	const challenge = await getPublicChallenge(locals.supabase, params.slug);
	if (!challenge) error(404, { message: 'Not found' });
	const [similar, qa, extras, reviewBoard] = await Promise.all([
		similarChallenges(locals.supabase, challenge, getLocale()),
		qaSection({ locals }, challenge),
		challengePageExtras(locals.supabase, Boolean(locals.user), challenge),
		locals.user ? opensReviewBoard(locals.supabase, challenge, locals.user.id) : false
	]);
	// The texts in the visitor's language when there is a version in it. They follow the language
	// (cookie, Accept-Language: the Vary of every page, hooks.server.ts) and ?original (the URL).
	const { versions, ...original } = challenge;
	const { texts, note } = pageTexts(
		original,
		versions,
		getLocale(),
		url.searchParams.has(ORIGINAL_PARAM)
	);
	const backToList = listReferrer(request.headers.get('referer'), url.origin);
	// The back link follows the Referer: a shared cache keeps one copy per Referer, and none of
	// a page that carries a visitor's own search.
	setHeaders(
		backToList ? { vary: 'Referer', 'cache-control': 'private, no-cache' } : { vary: 'Referer' }
	);
	return {
		challenge: texts,
		textsNote: note,
		descriptionHtml: renderMarkdown(texts.description),
		// Each twin in the visitor's language, with the words that make it one ("Also about flood,
		// sensors").
		similar,
		qa,
		...extras,
		reviewBoard,
		backToList,
		now: pageNow()
	};
};

export const actions: Actions = { ...qaActions };
