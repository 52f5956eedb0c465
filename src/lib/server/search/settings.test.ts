import type { Settings } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { INDEX_SETTINGS, applySettings, settingsDiffer } from '$lib/server/search/settings';

/** What Meilisearch answers after INDEX_SETTINGS were applied: defaults added, lists reordered. */
function liveAfterApply(): Settings {
	const s = structuredClone(INDEX_SETTINGS) as Settings;
	return {
		...s,
		filterableAttributes: [...(s.filterableAttributes ?? [])].reverse(),
		sortableAttributes: [...(s.sortableAttributes ?? [])].reverse(),
		synonyms: Object.fromEntries(
			Object.entries(s.synonyms ?? {})
				.reverse()
				.map(([k, v]) => [k, [...v].reverse()])
		),
		typoTolerance: {
			...s.typoTolerance,
			disableOnWords: [],
			disableOnAttributes: []
		},
		faceting: { ...s.faceting },
		rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
		stopWords: []
	};
}

describe('settingsDiffer', () => {
	it('finds nothing to change when only order and defaults differ', () => {
		expect(settingsDiffer(liveAfterApply())).toEqual([]);
	});

	it('sees a fresh index as different', () => {
		expect(settingsDiffer({ searchableAttributes: ['*'], filterableAttributes: [] })).toEqual(
			expect.arrayContaining(['searchableAttributes', 'filterableAttributes', 'synonyms'])
		);
	});

	it('cares about the order of searchable attributes', () => {
		const live = liveAfterApply();
		live.searchableAttributes = [...(live.searchableAttributes ?? [])].reverse();
		expect(settingsDiffer(live)).toEqual(['searchableAttributes']);
	});

	it('sees a changed nested value and a missing synonym', () => {
		const live = liveAfterApply();
		live.typoTolerance = {
			...live.typoTolerance,
			minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }
		};
		delete (live.synonyms as Record<string, string[]>)['ev'];
		expect(settingsDiffer(live).sort()).toEqual(['synonyms', 'typoTolerance']);
	});
});

describe('applySettings', () => {
	// A recording stand-in for the two index calls applySettings makes (Meilisearch cannot run here;
	// the contract suite exercises the real server when MEILISEARCH_URL is set).
	function recordingIndex(initial: Settings) {
		let current = initial;
		const updates: Settings[] = [];
		return {
			updates,
			getSettings: async () => current,
			updateSettings: (s: Settings) => {
				updates.push(s);
				current = liveAfterApply();
				const task = Promise.resolve({ taskUid: updates.length });
				return Object.assign(task, {
					waitTask: async () => ({ status: 'succeeded', error: null })
				});
			}
		};
	}

	it('updates once, then is a no-op', async () => {
		const index = recordingIndex({ searchableAttributes: ['*'] });
		const first = await applySettings(index as never);
		expect(first.length).toBeGreaterThan(0);
		expect(await applySettings(index as never)).toEqual([]);
		expect(index.updates).toHaveLength(1);
	});
});

describe('INDEX_SETTINGS with versions', () => {
	it('searches every version, every title above every summary above every description', () => {
		const attrs = INDEX_SETTINGS.searchableAttributes as string[];
		const at = (a: string) => attrs.indexOf(a);
		for (const l of ['en', 'zh']) {
			for (const text of ['title', 'summary', 'description', 'expected_outcomes']) {
				expect(attrs).toContain(`${text}_${l}`);
			}
			expect(at(`title_${l}`)).toBeLessThan(at('summary'));
			expect(at(`summary_${l}`)).toBeLessThan(at('description'));
			expect(at(`description_${l}`)).toBeLessThan(at('expected_outcomes'));
		}
		expect(at('title')).toBe(0);
	});
});
