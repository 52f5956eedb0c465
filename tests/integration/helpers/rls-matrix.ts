// What the RLS matrices (rls-matrix.test.ts, rls-matrix-collaboration.test.ts) share: the actors'
// columns, the matrix text's parser, and one attempt of one operation through the gateway with the
// actor's real token. Each matrix brings its own tables, subject rows and rows to write.
import { expect } from 'vitest';
import { api, type ActorKey, type World } from './orgs';

export type Op = 'select' | 'insert' | 'update' | 'delete';
export type Actor = 'anon' | ActorKey;

/** The matrix columns: anon, then the seven actors of helpers/orgs.ts's world. */
export const COLUMNS: Record<string, Actor> = {
	anon: 'anon',
	vM: 'vendorMember',
	vA: 'vendorAdmin',
	oV: 'otherVendor',
	cM: 'cityMember',
	cA: 'cityAdmin',
	oC: 'otherCity',
	hub: 'hub'
};
export const ACTORS = Object.values(COLUMNS);

export interface Case<Table extends string, Subject extends string> {
	table: Table;
	op: Op;
	subject: Subject;
	actor: Actor;
	allowed: boolean;
}

/**
 * A matrix's text as cases: a header `table op subject <column>…`, then one line per table,
 * operation and subject with ✓ (allowed) or · (refused) under each column.
 */
export function parseMatrix<Table extends string, Subject extends string>(
	text: string
): Case<Table, Subject>[] {
	const [header, ...lines] = text.trim().split('\n');
	const actors = header!.trim().split(/\s+/).slice(3);
	return lines.flatMap((line) => {
		const [table, op, subject, ...marks] = line.trim().split(/\s+/);
		expect(marks.length, line).toBe(actors.length);
		return marks.map((mark, i) => ({
			table: table as Table,
			op: op as Op,
			subject: subject as Subject,
			actor: COLUMNS[actors[i]!]!,
			allowed: mark === '✓'
		}));
	});
}

/** How a matrix finds its subject rows and what it writes. */
export interface Subjects<Table extends string, Subject extends string> {
	/** The subject row(s): the filter that finds them and a column any reader may select. */
	target(table: Table, subject: Subject): { filter: string; select: string };
	/** A row as an attacker would try to insert it. */
	newRow(table: Table, subject: Subject, actor: Actor): Record<string, unknown>;
	/** The body of an update of the subject row(s). */
	change(
		table: Table,
		subject: Subject
	): Promise<Record<string, unknown>> | Record<string, unknown>;
}

/**
 * One case through the gateway: true when the operation was allowed (select read the subject
 * rows; insert answered 201; update or delete touched them), false when refused: 401/403 (no
 * grant, or a trigger's refusal), 400 for an insert PostgREST rejects, or nothing read or touched
 * (RLS). Any other answer fails the test.
 */
export async function attempt<Table extends string, Subject extends string>(
	world: World,
	subjects: Subjects<Table, Subject>,
	{ table, op, subject, actor }: Case<Table, Subject>
): Promise<boolean> {
	const token = actor === 'anon' ? null : world.actors[actor].token;
	const { filter, select } = subjects.target(table, subject);
	const path = `/rest/v1/${table}`;
	let res: Response;
	switch (op) {
		case 'select':
			res = await api(token, `${path}?${filter}&select=${select}`);
			break;
		case 'insert':
			res = await api(token, path, {
				method: 'POST',
				headers: { prefer: 'return=minimal' },
				body: JSON.stringify(subjects.newRow(table, subject, actor))
			});
			if (res.status === 201) return true;
			expect([400, 401, 403], `${actor} insert ${table}: ${res.status}`).toContain(res.status);
			return false;
		case 'update':
			res = await api(token, `${path}?${filter}&select=${select}`, {
				method: 'PATCH',
				headers: { prefer: 'return=representation' },
				body: JSON.stringify(await subjects.change(table, subject))
			});
			break;
		case 'delete':
			res = await api(token, `${path}?${filter}&select=${select}`, {
				method: 'DELETE',
				headers: { prefer: 'return=representation' }
			});
			break;
	}
	if (res.status === 200) return ((await res.json()) as unknown[]).length > 0;
	expect([401, 403], `${actor} ${op} ${table}: ${res.status} ${await res.text()}`).toContain(
		res.status
	);
	return false;
}
