// Every message is said somewhere: a key no code reads is a string translators keep up for nothing
// (24 had piled up by December 2026). Messages are read as `m.<key>(…)` (paraglide); no code builds
// a key at run time, so a key that appears nowhere as a word in the sources is unused.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCES = ['src', 'scripts'];
const SKIP = new Set(['paraglide', 'node_modules']);

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (SKIP.has(name)) return [];
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|svelte|js|mjs)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
	});
}

function keys(locale: string): string[] {
	const messages = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<
		string,
		unknown
	>;
	return Object.keys(messages).filter((k) => k !== '$schema');
}

describe('messages', () => {
	it('are the same keys in every language', () => {
		expect(keys('zh').sort()).toEqual(keys('en').sort());
	});

	it('are each read by some code', () => {
		const words = new Set(
			SOURCES.flatMap(sourceFiles).flatMap((f) => readFileSync(f, 'utf8').match(/\w+/g) ?? [])
		);
		expect(keys('en').filter((k) => !words.has(k))).toEqual([]);
	});
});
