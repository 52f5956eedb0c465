export type ButtonVariant = 'primary' | 'secondary' | 'ghost';
export type ButtonSize = 'md' | 'sm';

const base =
	'inline-flex items-center justify-center gap-2 rounded-md font-semibold no-underline transition-colors disabled:cursor-not-allowed disabled:opacity-60';
const variants: Record<ButtonVariant, string> = {
	primary: 'bg-brand-700 text-white hover:bg-brand-800 border border-brand-700',
	secondary: 'bg-white text-brand-800 border border-slate-400 hover:bg-slate-100',
	ghost: 'bg-transparent text-brand-700 underline hover:text-brand-900'
};
const sizes: Record<ButtonSize, string> = {
	md: 'min-h-11 px-4 py-2 text-base',
	sm: 'min-h-9 px-3 py-1.5 text-sm'
};

/** Shared by Button and LinkButton so a link that looks like a button looks exactly like one. */
export function buttonClass(variant: ButtonVariant, size: ButtonSize): string {
	return `${base} ${variants[variant]} ${sizes[size]}`;
}
