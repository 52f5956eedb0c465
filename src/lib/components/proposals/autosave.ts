// Autosave of a proposal draft (with JavaScript; without it, "Save draft" posts the same form):
// after the member stops typing for a moment, the form's fields are posted to its `?/save` action
// with intent=save, as SvelteKit's enhance would (x-sveltekit-action). When the page is hidden or
// left with unsaved changes, they are sent with sendBeacon, so a reload loses nothing.
import { deserialize } from '$app/forms';
import type { ActionResult } from '@sveltejs/kit';

export interface AutosaveOptions {
	/** Autosave only while the proposal is a draft (or not yet made) and the challenge is open. */
	enabled: boolean;
	/** Quiet time after the last keystroke before saving (ms). */
	delay?: number;
	onsaving: () => void;
	onresult: (result: ActionResult) => void;
	onoffline: () => void;
}

function body(form: HTMLFormElement): FormData {
	const data = new FormData(form);
	data.set('intent', 'save');
	return data;
}

export function autosave(form: HTMLFormElement, initial: AutosaveOptions) {
	let options = initial;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let dirty = false;
	let inFlight: Promise<void> | null = null;
	const url = () => new URL('?/save', location.href).toString();

	async function save() {
		timer = undefined;
		if (!options.enabled || !dirty) return;
		if (inFlight) {
			// One save at a time, in order: the next one starts when this one is over.
			await inFlight;
			if (!dirty) return;
		}
		dirty = false;
		options.onsaving();
		inFlight = (async () => {
			try {
				const res = await fetch(url(), {
					method: 'POST',
					body: body(form),
					headers: { 'x-sveltekit-action': 'true', accept: 'application/json' }
				});
				options.onresult(deserialize(await res.text()));
			} catch {
				dirty = true;
				options.onoffline();
			} finally {
				inFlight = null;
			}
		})();
		await inFlight;
	}

	function changed(event: Event) {
		if (!options.enabled) return;
		// The buttons' own submissions are not edits.
		if (event.target instanceof HTMLButtonElement) return;
		dirty = true;
		clearTimeout(timer);
		timer = setTimeout(save, options.delay ?? 1200);
	}

	function flush(event: Event) {
		if (!options.enabled || !dirty) return;
		if (event.type === 'visibilitychange' && document.visibilityState !== 'hidden') return;
		clearTimeout(timer);
		if (navigator.sendBeacon(url(), body(form))) dirty = false;
	}

	function submitted() {
		// An explicit Save / Submit carries the same text: nothing left to autosave.
		clearTimeout(timer);
		dirty = false;
	}

	form.addEventListener('input', changed);
	form.addEventListener('change', changed);
	form.addEventListener('submit', submitted);
	document.addEventListener('visibilitychange', flush);
	window.addEventListener('pagehide', flush);
	return {
		update(next: AutosaveOptions) {
			options = next;
		},
		destroy() {
			clearTimeout(timer);
			form.removeEventListener('input', changed);
			form.removeEventListener('change', changed);
			form.removeEventListener('submit', submitted);
			document.removeEventListener('visibilitychange', flush);
			window.removeEventListener('pagehide', flush);
		}
	};
}
