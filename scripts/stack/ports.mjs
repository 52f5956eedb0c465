// Which ports the local stack listens on when the Supabase CLI's are taken by other processes.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { DEFAULT_PORTS, savedPortsFile } from './config.mjs';

/**
 * The first block of ports, `defaults` shifted by `step × k` for k = 0, 1, 2 …, in which every
 * port is free; null when none of `tries` blocks is.
 * @template {Record<string, number>} T
 * @param {T} defaults
 * @param {(port: number) => Promise<boolean>} isFree
 * @param {{ step?: number, tries?: number }} [options]
 * @returns {Promise<T | null>}
 */
export async function firstFreeBlock(defaults, isFree, { step = 100, tries = 40 } = {}) {
	for (let k = 0; k < tries; k++) {
		const block = /** @type {T} */ (
			Object.fromEntries(Object.entries(defaults).map(([key, port]) => [key, port + k * step]))
		);
		const ports = Object.values(block);
		if (ports.some((port) => port > 65535)) return null;
		let free = true;
		for (const port of ports) {
			if (!(await isFree(port))) {
				free = false;
				break;
			}
		}
		if (free) return block;
	}
	return null;
}

/**
 * Before a stack of this checkout starts: keeps the Supabase CLI's ports when they are all free,
 * else saves the first free block for every later command of this checkout. Does nothing when
 * the environment pins a port or when a service of this checkout already runs (it keeps its
 * ports).
 * @param {{ stateDir: string, pinned: boolean, running: boolean,
 *   isFree: (port: number) => Promise<boolean> }} options
 * @returns {Promise<'default' | 'moved' | 'kept' | 'taken'>} what it did
 */
export async function settlePorts({ stateDir, pinned, running, isFree }) {
	if (pinned || running) return 'kept';
	const block = await firstFreeBlock(DEFAULT_PORTS, isFree);
	const file = savedPortsFile(stateDir);
	if (!block) {
		// Nothing free nearby: the defaults stay, and starting names the port that is taken.
		rmSync(file, { force: true });
		return 'taken';
	}
	if (block.postgres === DEFAULT_PORTS.postgres) {
		rmSync(file, { force: true });
		return 'default';
	}
	// Written whole, then renamed: a command reading it meanwhile sees the old file or the new one.
	const partial = `${file}.${process.pid}.tmp`;
	writeFileSync(partial, `${JSON.stringify(block, null, '\t')}\n`);
	renameSync(partial, file);
	return 'moved';
}
