// A partnership's stages and the moves the board offers (issue 14, docs/collaboration.md § The
// partnership board). The database holds the same rules (private.partnership_stage_allowed in
// 20261207001000_partnership_board.sql) and refuses any other move; this copy only decides which
// buttons a card shows.
import { Constants } from '$lib/database.types';

/** The board's columns, in order (the database's enum: matched … deployed, closed). */
export const STAGES = Constants.public.Enums.partnership_stage;
export type Stage = (typeof STAGES)[number];
/** The path a partnership walks. */
export const PATH = [
	'matched',
	'intro',
	'pilot',
	'contract',
	'deployed'
] as const satisfies readonly Stage[];
/** Stages a partnership may be closed from. */
export const CLOSABLE: readonly Stage[] = ['matched', 'intro', 'pilot', 'contract'];

export function isStage(value: unknown): value is Stage {
	return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** One step forward along the path (null at deployed or closed). */
export function nextStage(stage: Stage): Stage | null {
	const i = (PATH as readonly Stage[]).indexOf(stage);
	return i >= 0 && i < PATH.length - 1 ? PATH[i + 1]! : null;
}

/** One step back along the path, to correct a mistake (null at matched or closed). */
export function previousStage(stage: Stage): Stage | null {
	const i = (PATH as readonly Stage[]).indexOf(stage);
	return i > 0 ? PATH[i - 1]! : null;
}

export function canClose(stage: Stage): boolean {
	return CLOSABLE.includes(stage);
}

/** A 'stage' event of the history, oldest first or in any order. */
export interface StageEvent {
	id: number;
	at: string;
	kind: string;
	from_stage: Stage | null;
	to_stage: Stage | null;
}

/** Where a closed partnership reopens: the stage it was last closed from (matched when unknown). */
export function reopenStage(events: readonly StageEvent[]): Stage {
	const closings = events
		.filter(
			(e) =>
				e.kind === 'stage' && e.to_stage === 'closed' && e.from_stage && e.from_stage !== 'closed'
		)
		.sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1));
	return closings[0]?.from_stage ?? 'matched';
}
