// Small process helpers: detached start with a log file, pid files, port checks, health waits.
import { spawn, spawnSync } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export class StackError extends Error {
	/** @param {string} service @param {string} message */
	constructor(service, message) {
		super(`${service}: ${message}`);
		this.service = service;
	}
}

/** A path as the user should read it: relative to the repository when inside it. */
export function shown(path, root) {
	const rel = relative(root, path);
	return rel && !rel.startsWith('..') ? rel : path;
}

export function ensureDir(path) {
	mkdirSync(path, { recursive: true });
}

export function readPid(file) {
	if (!existsSync(file)) return null;
	const pid = Number(readFileSync(file, 'utf8').split('\n')[0]?.trim());
	return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function isAlive(pid) {
	if (!pid) return false;
	try {
		process.kill(pid, 0);
	} catch (err) {
		return err.code === 'EPERM';
	}
	// a zombie is not alive
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
		return state !== 'Z';
	} catch {
		return true;
	}
}

export function cmdline(pid) {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
	} catch {
		return '';
	}
}

/** The pid recorded in `file` if that process is alive and its command line contains `marker`. */
export function ourPid(file, marker) {
	const pid = readPid(file);
	if (pid && isAlive(pid) && cmdline(pid).includes(marker)) return pid;
	return null;
}

/** True when nothing can bind host:port (someone else listens there). */
export function portInUse(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', (err) => resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'));
		server.once('listening', () => server.close(() => resolve(false)));
		server.listen({ port, host, exclusive: true });
	});
}

export function lastLines(file, count = 8) {
	try {
		const size = statSync(file).size;
		const text = readFileSync(file, 'utf8').slice(Math.max(0, size - 8000));
		return text
			.split('\n')
			.filter((l) => l.trim())
			.slice(-count);
	} catch {
		return [];
	}
}

/**
 * Starts `command` detached from this process (it survives the CLI), appending its output to
 * `log`, and writes its pid to `pidFile`. Returns the child for exit detection.
 */
export function startDetached({ command, args, env, log, pidFile, cwd }) {
	const fd = openSync(log, 'a');
	writeFileSync(fd, `\n--- ${new Date().toISOString()} starting ${command} ${args.join(' ')}\n`);
	const child = spawn(command, args, {
		cwd,
		env,
		detached: true,
		stdio: ['ignore', fd, fd]
	});
	closeSync(fd);
	const exit = { code: null, signal: null, exited: false, error: null };
	child.on('exit', (code, signal) => Object.assign(exit, { code, signal, exited: true }));
	child.on('error', (error) => Object.assign(exit, { error, exited: true }));
	if (child.pid) writeFileSync(pidFile, `${child.pid}\n`);
	child.unref();
	return { child, exit };
}

/**
 * Polls `check` until it returns true. Fails early when `exit` says the process died.
 * @param {{ check: () => Promise<boolean>, timeoutMs: number, exit?: { exited: boolean } }} opts
 */
export async function waitUntil({ check, timeoutMs, exit, intervalMs = 150 }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check().catch(() => false)) return 'ready';
		if (exit?.exited) return 'exited';
		if (Date.now() > deadline) return 'timeout';
		await sleep(intervalMs);
	}
}

export async function httpOk(url, timeoutMs = 1500) {
	const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
	await res.arrayBuffer().catch(() => {});
	return res.ok;
}

/** SIGTERM, wait, then SIGKILL. Only ever the one pid we started. */
export async function stopPid(pid, timeoutMs = 10_000) {
	if (!isAlive(pid)) return true;
	try {
		process.kill(pid, 'SIGTERM');
	} catch {
		return true;
	}
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!isAlive(pid)) return true;
		await sleep(100);
	}
	try {
		process.kill(pid, 'SIGKILL');
	} catch {
		/* already gone */
	}
	await sleep(200);
	return !isAlive(pid);
}

export function removeFile(path) {
	rmSync(path, { force: true });
}

/** Runs a command synchronously; returns { status, stdout, stderr }. */
export function run(command, args, opts = {}) {
	const res = spawnSync(command, args, { encoding: 'utf8', ...opts });
	return {
		status: res.status ?? (res.error ? 127 : 1),
		stdout: res.stdout ?? '',
		stderr: (res.stderr ?? '') + (res.error ? String(res.error.message) : '')
	};
}
