import { describe, expect, it } from 'vitest';
import { linkLines, linksProblem, proposalSchema, toProposalForm, toProposalInput } from './forms';

const base = {
	title: 'Flood sensors',
	summary: 'Sensors along the river.',
	approach: 'A mesh of sensors and alerts.',
	intent: 'submit'
};

const issues = (v: Record<string, unknown>) => {
	const r = proposalSchema.safeParse(v);
	return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('proposalSchema', () => {
	it('accepts a complete submission', () => {
		expect(issues(base)).toEqual([]);
	});
	it('lets a draft be incomplete, not a submission', () => {
		expect(issues({ intent: 'save' })).toEqual([]);
		expect(issues({ intent: 'submit' })).toEqual(['title', 'summary', 'approach']);
		expect(issues({ ...base, intent: 'update', summary: 'short' })).toEqual(['summary']);
	});
	it('holds the database limits', () => {
		expect(issues({ ...base, title: 'x'.repeat(200) })).toEqual([]);
		expect(issues({ ...base, title: 'x'.repeat(201) })).toEqual(['title']);
		expect(issues({ ...base, summary: 'x'.repeat(1001) })).toEqual(['summary']);
		expect(issues({ ...base, client_references: 'x'.repeat(5001) })).toEqual(['client_references']);
	});
	it('refuses a negative or malformed cost, and a cost without a currency', () => {
		expect(issues({ ...base, cost_estimate: '-1', currency: 'USD' })).toEqual(['cost_estimate']);
		expect(issues({ ...base, cost_estimate: '12.345', currency: 'USD' })).toEqual([
			'cost_estimate'
		]);
		expect(issues({ ...base, cost_estimate: '1'.repeat(15), currency: 'USD' })).toEqual([
			'cost_estimate'
		]);
		expect(issues({ ...base, cost_estimate: '12500.50' })).toEqual(['currency']);
		expect(issues({ ...base, cost_estimate: '12500.50', currency: 'USD' })).toEqual([]);
	});
	it('checks each link as the database does', () => {
		expect(issues({ ...base, links: 'https://example.org/deck\n\nhttp://a.b/c' })).toEqual([]);
		expect(issues({ ...base, links: 'example.org' })).toEqual(['links']);
		expect(issues({ ...base, links: 'javascript:alert(1)' })).toEqual(['links']);
		expect(issues({ ...base, links: 'https://localhost/x' })).toEqual(['links']);
		expect(
			linksProblem(Array.from({ length: 11 }, (_, i) => `https://e.org/${i}`).join('\n'))
		).toBe('too_many');
	});
});

describe('conversion', () => {
	it('form → database input → form', () => {
		const form = proposalSchema.parse({
			...base,
			cost_estimate: '12500.5',
			currency: 'usd',
			links: ' https://example.org/a \r\n\r\nhttps://example.org/b'
		});
		const input = toProposalInput(form);
		expect(input).toMatchObject({
			cost_estimate: 12500.5,
			currency: 'USD',
			links: ['https://example.org/a', 'https://example.org/b']
		});
		const back = toProposalForm(input);
		expect(back.links).toBe('https://example.org/a\nhttps://example.org/b');
		expect(back.cost_estimate).toBe('12500.5');
		expect(linkLines('\n a \n')).toEqual(['a']);
	});
});
