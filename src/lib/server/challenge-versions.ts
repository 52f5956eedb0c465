// Versions of a challenge's texts in other languages on its management page (issue 16, item 1;
// docs/collaboration.md#versions-in-other-languages): the page's entries (one per portal language
// other than the original's) and the two actions, save and remove, each a plain POST form.
// The database decides (set_challenge_translation / remove_challenge_translation, called with the
// official's own client); its refusals are worded by versionProblem().
import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { languageName } from '$lib/components/challenges/format';
import {
	versionFormId,
	versionFormSchema,
	type VersionFormInput
} from '$lib/domain/challenges/version-form';
import { versionLanguagesFor } from '$lib/domain/challenges/versions';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { AuthMessage } from '$lib/server/auth/form-result';
import { versionProblem } from '$lib/server/challenge-problems';
import type { Db } from '$lib/server/db/client';
import {
	removeChallengeVersion,
	setChallengeVersion,
	type ChallengeVersion
} from '$lib/server/db/manage-challenges';
import { renderMarkdown } from '$lib/server/markdown';

type VersionForm = SuperValidated<VersionFormInput, AuthMessage>;

export interface VersionEntry {
	language: string;
	/** The language's name in the page's language. */
	name: string;
	exists: boolean;
	form: VersionForm;
	/** The stored version, for the read-only view (the description rendered and sanitised). */
	shown: {
		title: string;
		summary: string;
		descriptionHtml: string;
		expected_outcomes: string | null;
	} | null;
}

/** What a remove button's outcome says, above the versions. */
export interface VersionNotice {
	kind: 'error' | 'success';
	text: string;
}

const nameOf = (language: string) => languageName(language, getLocale());

/** One entry per portal language but the original's, each with its form filled from what is stored. */
export async function versionEntries(
	challenge: { language: string },
	versions: ChallengeVersion[],
	editable: boolean
): Promise<VersionEntry[]> {
	const adapter = zod4(versionFormSchema(challenge.language));
	return Promise.all(
		versionLanguagesFor(challenge.language).map(async (language) => {
			const v = versions.find((x) => x.language === language);
			const values = {
				language,
				title: v?.title ?? '',
				summary: v?.summary ?? '',
				description: v?.description ?? '',
				expected_outcomes: v?.expected_outcomes ?? ''
			};
			const form = (await superValidate(values, adapter, {
				id: versionFormId(language),
				errors: false
			})) as VersionForm;
			return {
				language,
				name: nameOf(language),
				exists: Boolean(v),
				form,
				// Only the read-only view renders the description (the forms edit its Markdown).
				shown:
					v && !editable
						? {
								title: v.title,
								summary: v.summary,
								descriptionHtml: renderMarkdown(v.description),
								expected_outcomes: v.expected_outcomes
							}
						: null
			};
		})
	);
}

/** A language the page has no form for (a forged request): refused above the versions. */
function unknownLanguage() {
	const versionNotice: VersionNotice = {
		kind: 'error',
		text: m.manage_ch_versions_error_language()
	};
	return fail(400, { versionNotice });
}

/** The posted form and its language: null unless the challenge may have a version in it. */
async function postedVersion(event: RequestEvent, challenge: { language: string }) {
	const formData = await event.request.formData();
	const language = String(formData.get('language') ?? '').trim();
	const known = versionLanguagesFor(challenge.language).some((l) => l === language);
	return { formData, language: known ? language : null };
}

/** Adds or replaces the version the form is for; the form comes back with what was typed. */
export async function saveVersion(
	event: RequestEvent,
	db: Db,
	challenge: { id: string; language: string }
) {
	const { formData, language } = await postedVersion(event, challenge);
	if (language === null) return unknownLanguage();
	const form = (await superValidate(formData, zod4(versionFormSchema(challenge.language)), {
		id: versionFormId(language)
	})) as VersionForm;
	if (!form.valid) {
		return message(form, { kind: 'error', text: m.manage_ch_error_form() }, { status: 400 });
	}
	try {
		await setChallengeVersion(db, { challenge: challenge.id, ...form.data });
	} catch (e) {
		const problem = versionProblem(e);
		if (problem.field && problem.field in form.data) {
			setError(form, problem.field as 'title', problem.text);
			return message(form, { kind: 'error', text: m.manage_ch_error_form() }, { status: 400 });
		}
		return message(form, { kind: 'error', text: problem.text }, { status: 400 });
	}
	return message(form, {
		kind: 'success',
		text: m.manage_ch_versions_saved({ language: nameOf(language) })
	});
}

/** Asks first (confirm=yes removes): the version's texts are kept nowhere else. */
export async function removeVersion(
	event: RequestEvent,
	db: Db,
	challenge: { id: string; language: string }
) {
	const { formData, language } = await postedVersion(event, challenge);
	if (language === null) return unknownLanguage();
	if (formData.get('confirm') !== 'yes') return { confirmRemove: language };
	try {
		await removeChallengeVersion(db, challenge.id, language);
	} catch (e) {
		const versionNotice: VersionNotice = { kind: 'error', text: versionProblem(e).text };
		return fail(400, { versionNotice });
	}
	const versionNotice: VersionNotice = {
		kind: 'success',
		text: m.manage_ch_versions_removed({ language: nameOf(language) })
	};
	return { versionNotice };
}
