import type { Index, Settings } from 'meilisearch';
import { VERSION_LANGUAGES } from '$lib/domain/challenges/versions';
import { versionField, type VERSION_TEXTS } from '$lib/server/search/document';
import { meilisearchSynonyms } from '$lib/server/search/synonyms';

/** The original's text and, right after it, each version's: a version weighs as the original. */
const withVersions = (text: (typeof VERSION_TEXTS)[number]) => [
	text,
	...VERSION_LANGUAGES.map((l) => versionField(text, l))
];

/**
 * The index settings: ranking fields, filters, sorts, typo tolerance and synonyms. Every title
 * (the original's and its versions') ranks above every summary, and so on, as the postgres
 * engine's weights (titles A, summaries B, descriptions and expected outcomes C).
 */
export const INDEX_SETTINGS = {
	searchableAttributes: [
		...withVersions('title'),
		...withVersions('summary'),
		...withVersions('description'),
		...withVersions('expected_outcomes'),
		'city_name',
		'city_name_zh',
		'country_name',
		'region_name',
		'priority_text',
		'domain'
	],
	filterableAttributes: [
		'budget_usd_high',
		'budget_usd_low',
		'city',
		'city_facet',
		'domain',
		'kind',
		'priority_areas',
		'region',
		'region_facet',
		'status'
	],
	sortableAttributes: ['budget_usd_sort', 'deadline_sort', 'id', 'published_ts'],
	displayedAttributes: ['*'],
	typoTolerance: {
		enabled: true,
		minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 }
	},
	synonyms: meilisearchSynonyms(),
	faceting: { maxValuesPerFacet: 500, sortFacetValuesBy: { '*': 'count' } },
	pagination: { maxTotalHits: 100_000 }
} satisfies Settings;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Attributes whose order carries no meaning. */
const UNORDERED = new Set(['filterableAttributes', 'sortableAttributes']);

function normalize(value: Json, unordered = false): Json {
	if (Array.isArray(value)) {
		const items = value.map((v) => normalize(v));
		return unordered
			? [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
			: items;
	}
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((k) => [k, normalize(value[k] as Json, k === 'synonyms-values')])
		);
	}
	return value;
}

/** Synonym lists come back in any order: compare them sorted. */
function normalizeSynonyms(value: unknown): Json {
	if (!value || typeof value !== 'object') return (value ?? null) as Json;
	const entries = Object.entries(value as Record<string, string[]>).map(
		([k, v]) => [k, [...v].sort()] as const
	);
	return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))) as Json;
}

function deepEqual(a: Json, b: Json): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether the live settings differ from the desired ones. Only the keys we set are compared, and
 * within an object only the keys we set (Meilisearch adds defaults we do not care about).
 */
export function settingsDiffer(current: Settings, desired: Settings = INDEX_SETTINGS): string[] {
	const differ: string[] = [];
	for (const [key, want] of Object.entries(desired)) {
		const have = (current as Record<string, unknown>)[key];
		if (key === 'synonyms') {
			if (!deepEqual(normalizeSynonyms(have), normalizeSynonyms(want))) differ.push(key);
			continue;
		}
		if (want && typeof want === 'object' && !Array.isArray(want)) {
			if (!subsetEqual(want as Record<string, Json>, (have ?? {}) as Record<string, Json>)) {
				differ.push(key);
			}
			continue;
		}
		const unordered = UNORDERED.has(key);
		if (
			!deepEqual(normalize(want as Json, unordered), normalize((have ?? null) as Json, unordered))
		) {
			differ.push(key);
		}
	}
	return differ;
}

function subsetEqual(want: Record<string, Json>, have: Record<string, Json>): boolean {
	return Object.entries(want).every(([k, v]) => {
		const h = have?.[k];
		if (v && typeof v === 'object' && !Array.isArray(v)) {
			return subsetEqual(v as Record<string, Json>, (h ?? {}) as Record<string, Json>);
		}
		return deepEqual(normalize(v), normalize((h ?? null) as Json));
	});
}

/**
 * Brings an index's settings to INDEX_SETTINGS. Idempotent: when nothing differs no task is sent.
 * Returns the names of the settings that were changed.
 */
export async function applySettings(
	index: Pick<Index, 'getSettings' | 'updateSettings'>,
	desired: Settings = INDEX_SETTINGS
): Promise<string[]> {
	const current = await index.getSettings();
	const changed = settingsDiffer(current, desired);
	if (changed.length === 0) return [];
	const task = await index.updateSettings(desired).waitTask({ timeout: 120_000 });
	if (task.status !== 'succeeded') {
		throw new Error(`Meilisearch settings update ${task.status}: ${task.error?.message ?? ''}`);
	}
	return changed;
}
