import { goto } from '$app/navigation';

/** How long typing pauses before the results follow. */
export const TYPING_DEBOUNCE_MS = 250;

/**
 * Progressive enhancement for a GET search form whose whole state lives in the URL: typing in the
 * text field navigates after a pause, any other control applies at once, and submitting (Enter)
 * navigates immediately. Without JavaScript the form simply submits. Returns the three handlers
 * and a `dispose` for the pending timer.
 */
export function liveSearchForm(options: {
	form: () => HTMLFormElement | undefined;
	textInput: () => HTMLInputElement | undefined;
	/** The URL the form's current values stand for, already passed through resolve(). */
	href: (form: HTMLFormElement) => string;
}) {
	let timer: ReturnType<typeof setTimeout> | undefined;

	function update(replaceState: boolean) {
		clearTimeout(timer);
		const form = options.form();
		if (!form) return;
		// `href` builds the URL with resolve() (see list-url.ts / directory-url.ts).
		// eslint-disable-next-line svelte/no-navigation-without-resolve
		goto(options.href(form), { keepFocus: true, noScroll: true, replaceState });
	}

	return {
		onInput(e: Event) {
			if (e.target !== options.textInput()) return;
			clearTimeout(timer);
			timer = setTimeout(() => update(true), TYPING_DEBOUNCE_MS);
		},
		onChange(e: Event) {
			if (e.target === options.textInput()) return;
			update(true);
		},
		onSubmit(e: SubmitEvent) {
			e.preventDefault();
			update(false);
		},
		dispose() {
			clearTimeout(timer);
		}
	};
}
