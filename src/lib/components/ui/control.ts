/** Shared look of text inputs, text areas and selects. */
export const controlClass =
	'block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base text-slate-900 placeholder:text-slate-600 aria-invalid:border-red-700 aria-invalid:border-2';
