import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import {
	PIPELINE_COLUMNS,
	PROPOSAL_COLUMNS,
	csvText,
	exportFileName,
	pipelineRecord,
	proposalRecord
} from './csv';
import type { PipelineRow, ProposalSummaryRow } from '$lib/server/db/hub-exports';

const origin = 'https://portal.example';

const pipeline = {
	id: '11111111-1111-4111-8111-111111111111',
	challenge_slug: 'medellin-green-corridors-cooling',
	challenge_title: 'Cooling, "green" corridors',
	city: 'Medellín',
	country: 'CO',
	vendor: '=cmd|calc',
	stage: 'pilot',
	owner: '@owner',
	next_step: '-call the city\nthen write',
	next_step_due: '2026-12-03',
	stalled: false,
	overdue: true,
	closed_reason: null,
	created_at: '2026-08-21T10:00:00Z',
	last_activity_at: '2026-11-28T10:00:00Z'
} as unknown as PipelineRow;

describe('hub CSV exports', () => {
	it('one record per row, a cell per column, formulas neutralised, quoting kept', () => {
		const text = csvText(PIPELINE_COLUMNS, [pipelineRecord(origin, pipeline)], true);
		const [row] = parseCsv(text, { columns: true }) as Record<string, string>[];
		expect(Object.keys(row!)).toEqual([...PIPELINE_COLUMNS]);
		expect(row).toMatchObject({
			challenge: 'Cooling, "green" corridors',
			challenge_url: 'https://portal.example/challenges/medellin-green-corridors-cooling',
			city: 'Medellín',
			vendor: "'=cmd|calc",
			owner: "'@owner",
			next_step: "'-call the city\nthen write",
			stalled: 'false',
			overdue: 'true',
			closed_reason: ''
		});
	});

	it('the proposal summary has no column for a proposal text', () => {
		for (const c of ['title', 'summary', 'approach', 'pilot_plan', 'cost_estimate', 'feedback']) {
			expect(PROPOSAL_COLUMNS as readonly string[]).not.toContain(c);
		}
		const r = {
			id: 'p1',
			challenge_slug: 's',
			challenge_title: 'T',
			city: 'C',
			vendor: 'V',
			status: 'selected',
			submitted_at: '2026-08-01T00:00:00Z',
			decided_at: null,
			withdrawn_at: null,
			versions: 2
		} as unknown as ProposalSummaryRow;
		expect(proposalRecord(origin, r)).toHaveLength(PROPOSAL_COLUMNS.length);
	});

	it('without the header for the pages after the first', () => {
		const text = csvText(PIPELINE_COLUMNS, [pipelineRecord(origin, pipeline)], false);
		expect(text.startsWith('11111111-')).toBe(true);
	});

	it('names the file by export and UTC day', () => {
		expect(exportFileName('pipeline', new Date('2026-12-07T23:30:00Z'))).toBe(
			'pipeline-2026-12-07.csv'
		);
	});
});
