import { goto } from '$app/navigation';
import { tick } from 'svelte';

/** How long typing pauses before the results follow. */
export const TYPING_DEBOUNCE_MS = 250;

/**
 * Progressive enhancement for a GET search form whose whole state lives in the URL: typing in the
 * text field navigates after a pause, any other control applies at once, and submitting (Enter)
 * navigates immediately. Without JavaScript the form simply submits. Returns the three handlers
 * and a `dispose` for the pending timer.
 *
 * History: every filter or sort change is a new entry, so Back undoes it. A burst of typing, or of
 * arrow keys on a menu, is one entry (its first pause adds it, later pauses replace it), and a
 * navigation to the URL already shown replaces rather than repeats it.
 *
 * `waiting(kind)` says whether a change of that kind waits for its pause: the page then keeps the
 * control as the visitor left it even when a navigation for an earlier change finishes meanwhile.
 */
/** Changes that come in runs: each run is one step in the history. */
export type Burst = 'typing' | 'menu';

export function liveSearchForm(options: {
	form: () => HTMLFormElement | undefined;
	textInput: () => HTMLInputElement | undefined;
	/** The URL the form's current values stand for, already passed through resolve(). */
	href: (form: HTMLFormElement) => string;
}) {
	let timer: ReturnType<typeof setTimeout> | undefined;
	/** The kind of change whose pause the timer waits for. */
	let waiting: Burst | undefined;
	/** The kind of burst going on, and the entry it added (or replaced) last. */
	let burst: { kind: Burst; href: string } | undefined;

	function update(kind: Burst | null, control?: EventTarget | null) {
		clearTimeout(timer);
		waiting = undefined;
		const form = options.form();
		if (!form) return;
		const href = options.href(form);
		const here = location.pathname + location.search;
		// The same burst goes on while the visitor is still on the entry it added.
		const replaceState =
			href === here || (kind !== null && burst?.kind === kind && burst.href === here);
		burst = kind ? { kind, href } : undefined;
		const anchor = anchorOf(control);
		// `href` builds the URL with resolve() (see $lib/urls.ts).
		// eslint-disable-next-line svelte/no-navigation-without-resolve
		goto(href, { keepFocus: true, noScroll: true, replaceState }).then(async () => {
			await tick();
			anchor?.restore(form);
		});
	}

	function later(kind: Burst) {
		clearTimeout(timer);
		waiting = kind;
		timer = setTimeout(() => update(kind), TYPING_DEBOUNCE_MS);
	}

	return {
		onInput(e: Event) {
			if (e.target !== options.textInput()) return;
			later('typing');
		},
		onChange(e: Event) {
			if (e.target === options.textInput()) return;
			// Arrow keys on a closed menu change it at every press: as with typing, the results
			// follow after a pause, and a run of changes is one step in the history.
			if (e.target instanceof HTMLSelectElement) later('menu');
			else update(null, e.target);
		},
		onSubmit(e: SubmitEvent) {
			e.preventDefault();
			update(null);
		},
		waiting: (kind: Burst) => waiting === kind,
		dispose() {
			clearTimeout(timer);
			waiting = undefined;
		}
	};
}

/**
 * Where a checkbox the visitor just changed sits on the screen, and how to put it back there once
 * the results have updated: options above it may have appeared or gone (their counts fell to
 * zero), which would move it, and the next option, away from under the visitor's finger.
 */
function anchorOf(control: EventTarget | null | undefined) {
	if (!(control instanceof HTMLInputElement) || control.type !== 'checkbox') return undefined;
	const { name, value } = control;
	const top = control.getBoundingClientRect().top;
	return {
		restore(form: HTMLFormElement) {
			const again = form.querySelector<HTMLInputElement>(
				`input[type="checkbox"][name="${CSS.escape(name)}"][value="${CSS.escape(value)}"]`
			);
			if (!again) return;
			const moved = again.getBoundingClientRect().top - top;
			if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
		}
	};
}
