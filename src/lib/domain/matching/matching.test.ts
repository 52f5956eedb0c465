import { describe, expect, it } from 'vitest';
import { clustersFrom, jointChallengeSchema, suggestedJointTitle } from './clusters';
import { matchReasons } from './reasons';

// The demo's ids are md5-made (not RFC 4122 versions): the shapes must accept them.
const ID = '046556f6-f7fc-a071-23b5-146175e72f0d';
const challenge = (title: string, language = 'en') => ({
	id: ID,
	slug: 's',
	title,
	language,
	status: 'open',
	city_name: 'Lisbon',
	city_slug: 'lisbon'
});

describe('clusters', () => {
	it('reads challenge_clusters() with the demo ids and refuses another shape', () => {
		const json = [{ key: ID, domain: 'utilities', cities: 2, challenges: [challenge('A')] }];
		expect(clustersFrom(json)[0]!.key).toBe(ID);
		expect(() => clustersFrom([{ key: 'x' }])).toThrow();
	});

	it('suggests the shortest English title', () => {
		const cluster = clustersFrom([
			{
				key: ID,
				domain: 'utilities',
				cities: 3,
				challenges: [
					challenge('Water-leak detection in the Alfama'),
					challenge('漏水检测', 'zh'),
					challenge('Water-leak detection')
				]
			}
		])[0]!;
		expect(suggestedJointTitle(cluster)).toBe('Water-leak detection');
	});

	it('the joint form: a title of 3 to 200 characters, a summary up to 1000', () => {
		expect(
			jointChallengeSchema.safeParse({ cluster: ID, title: ' ab ', summary: '' }).success
		).toBe(false);
		expect(
			jointChallengeSchema.safeParse({ cluster: ID, title: 'Leaks', summary: 'x'.repeat(1001) })
				.success
		).toBe(false);
		expect(
			jointChallengeSchema.safeParse({ cluster: ID, title: 'Leaks', summary: '' }).success
		).toBe(true);
	});
});

describe('match reasons', () => {
	it('words each reason in the order the score weighs them', () => {
		expect(
			matchReasons(
				{ domain_match: true, country_match: true, mentions: ['flood', 'sensors'] },
				{ domain: 'Environment', country: 'Malaysia' }
			)
		).toEqual(['Your domain: Environment', 'In Malaysia', 'Mentions: flood, sensors']);
		expect(
			matchReasons(
				{ domain_match: false, country_match: false, mentions: ['flood'] },
				{ domain: 'Environment', country: 'Malaysia' }
			)
		).toEqual(['Mentions: flood']);
	});
});
