// The three CSV endpoints under /hub/exports/: hub staff only (a visitor goes to sign in, anyone
// else gets 403; the database functions refuse them too), streamed page by page like the open
// data's CSV, with a BOM so spreadsheets read non-Latin text. Never cached (private data).
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import { challengePages, pipelinePages, proposalSummaryPages } from '$lib/server/db/hub-exports';
import { isHubStaff, myMemberships } from '$lib/server/db/memberships';
import {
	challengeRecord,
	COLUMNS,
	csvText,
	exportFileName,
	pipelineRecord,
	proposalRecord,
	type HubExport
} from './csv';

/** Every page of an export as records. */
function records(event: RequestEvent, kind: HubExport): AsyncGenerator<unknown[][]> {
	const db = event.locals.supabase;
	const origin = event.url.origin;
	async function* map<R>(pages: AsyncGenerator<R[]>, record: (origin: string, r: R) => unknown[]) {
		for await (const page of pages) yield page.map((r) => record(origin, r));
	}
	switch (kind) {
		case 'pipeline':
			return map(pipelinePages(db), pipelineRecord);
		case 'challenges':
			return map(challengePages(db), challengeRecord);
		case 'proposals':
			return map(proposalSummaryPages(db), proposalRecord);
	}
}

export async function hubCsvResponse(event: RequestEvent, kind: HubExport): Promise<Response> {
	requireUser(event);
	if (!isHubStaff(await myMemberships(event.locals.supabase))) {
		error(403, { message: m.hub_forbidden() });
	}
	const pages = records(event, kind);
	const columns = COLUMNS[kind];
	// The first page before answering, so a failure is an error status and not a truncated file.
	const first = await pages.next();
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(
				encoder.encode('\uFEFF' + csvText(columns, first.done ? [] : first.value, true))
			);
			if (first.done) controller.close();
		},
		async pull(controller) {
			const next = await pages.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(csvText(columns, next.value, false)));
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(kind)}"`,
			'cache-control': 'private, no-store'
		}
	});
}
