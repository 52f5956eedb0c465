// The proposal form (issue 13, item 4; docs/collaboration.md § Proposals): one zod schema for the
// draft (everything optional, within the limits) and the rule a submission adds (title, summary
// and approach filled). The database repeats each limit as a constraint on public.proposals
// (proposals_*_length, proposals_cost_nonnegative, proposals_links_valid, the currency's foreign
// key), so no path around this form can break them. No transforms (superforms derives its
// defaults from a JSON schema): cost and links stay text here; toProposalInput() converts them.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

/** The limits, as the constraints of public.proposals state them. */
export const PROPOSAL_LIMITS = {
	title: 200,
	summary: 1000,
	approach: 20000,
	pilot_plan: 10000,
	timeline: 5000,
	client_references: 5000,
	links: 10,
	link: 500,
	/** numeric(16, 2): 14 digits before the point. */
	costDigits: 14
} as const;

/** What a submission needs (proposals_submitted_complete). */
export const SUBMIT_MINIMUM = { title: 3, summary: 10, approach: 10 } as const;

/** The links rule of private.links_valid(): an absolute http(s) URL with a dotted host. */
export const LINK_PATTERN = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$/i;

/** The textarea's lines, trimmed, blanks dropped. */
export function linkLines(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l !== '');
}

/** Why the links text is refused, or null: too many, one too long, or one not an http(s) URL. */
export function linksProblem(text: string): 'too_many' | 'invalid' | null {
	const lines = linkLines(text);
	if (lines.length > PROPOSAL_LIMITS.links) return 'too_many';
	if (lines.some((l) => l.length > PROPOSAL_LIMITS.link || !LINK_PATTERN.test(l))) return 'invalid';
	return null;
}

const text = (max: number, error: () => string) => z.string().max(max, { error }).default('');

export const proposalSchema = z
	.object({
		title: text(PROPOSAL_LIMITS.title, () =>
			m.proposal_error_too_long({ max: PROPOSAL_LIMITS.title })
		),
		summary: text(PROPOSAL_LIMITS.summary, () =>
			m.proposal_error_too_long({ max: PROPOSAL_LIMITS.summary })
		),
		approach: text(PROPOSAL_LIMITS.approach, () =>
			m.proposal_error_too_long({ max: PROPOSAL_LIMITS.approach })
		),
		pilot_plan: text(PROPOSAL_LIMITS.pilot_plan, () =>
			m.proposal_error_too_long({ max: PROPOSAL_LIMITS.pilot_plan })
		),
		cost_estimate: z
			.string()
			.trim()
			.regex(/^(\d{1,14}(\.\d{1,2})?)?$/, { error: () => m.proposal_error_cost() })
			.default(''),
		currency: z
			.string()
			.trim()
			.regex(/^([A-Za-z]{3})?$/, { error: () => m.proposal_error_currency() })
			.default(''),
		timeline: text(PROPOSAL_LIMITS.timeline, () =>
			m.proposal_error_too_long({ max: PROPOSAL_LIMITS.timeline })
		),
		client_references: text(PROPOSAL_LIMITS.client_references, () =>
			m.proposal_error_too_long({ max: PROPOSAL_LIMITS.client_references })
		),
		links: z.string().max(20000).default(''),
		/** Which button: save the draft, submit it, save the changes of a submitted one. */
		intent: z.enum(['save', 'submit', 'update']).default('save')
	})
	.superRefine((v, ctx) => {
		const problem = linksProblem(v.links);
		if (problem) {
			ctx.addIssue({
				code: 'custom',
				path: ['links'],
				message:
					problem === 'too_many'
						? m.proposal_error_links_count({ max: PROPOSAL_LIMITS.links })
						: m.proposal_error_link()
			});
		}
		if (v.cost_estimate !== '' && v.currency === '') {
			ctx.addIssue({ code: 'custom', path: ['currency'], message: m.proposal_error_currency() });
		}
		if (v.intent !== 'save') {
			for (const field of ['title', 'summary', 'approach'] as const) {
				if (v[field].trim().length < SUBMIT_MINIMUM[field]) {
					ctx.addIssue({
						code: 'custom',
						path: [field],
						message: m.proposal_error_required({ min: SUBMIT_MINIMUM[field] })
					});
				}
			}
		}
	});
export type ProposalForm = z.output<typeof proposalSchema>;

/** The fields as the database functions take them. */
export interface ProposalInput {
	title: string;
	summary: string;
	approach: string;
	pilot_plan: string;
	cost_estimate: number | null;
	currency: string | null;
	timeline: string;
	client_references: string;
	links: string[];
}

export function toProposalInput(f: ProposalForm): ProposalInput {
	return {
		title: f.title,
		summary: f.summary,
		approach: f.approach,
		pilot_plan: f.pilot_plan,
		cost_estimate: f.cost_estimate === '' ? null : Number(f.cost_estimate),
		currency: f.currency === '' ? null : f.currency.toUpperCase(),
		timeline: f.timeline,
		client_references: f.client_references,
		links: linkLines(f.links)
	};
}

/** A stored proposal (or version's content) back into the form's text fields. */
export function toProposalForm(p: {
	title: string;
	summary: string;
	approach: string;
	pilot_plan: string;
	cost_estimate: number | null;
	currency: string | null;
	timeline: string;
	client_references: string;
	links: string[];
}): ProposalForm {
	return {
		title: p.title,
		summary: p.summary,
		approach: p.approach,
		pilot_plan: p.pilot_plan,
		cost_estimate: p.cost_estimate === null ? '' : String(p.cost_estimate),
		currency: p.currency ?? '',
		timeline: p.timeline,
		client_references: p.client_references,
		links: p.links.join('\n'),
		intent: 'save'
	};
}

export const proposalIdSchema = z.object({ id: z.guid() });
