import { describe, expect, it } from 'vitest';
import { sharedNeed, sharedNeedAcross } from '$lib/domain/challenges/twin-reason';

describe('sharedNeed', () => {
	it('names the title words the twin shares, in title order, plurals matched', () => {
		expect(
			sharedNeed(
				{ title: 'Flood sensors and early warning for the Han River' },
				{ title: 'Creek flood sensor network', summary: 'Early alerts for residents.' }
			)
		).toEqual(['flood', 'sensors', 'early']);
	});
	it('leaves out filler and place words every title has', () => {
		expect(
			sharedNeed(
				{ title: 'Smart parking pilot for the city centre' },
				{ title: 'Smart parking guidance', summary: 'A pilot in the city.' }
			)
		).toEqual(['parking']);
	});
	it('is empty when nothing is shared', () => {
		expect(
			sharedNeed({ title: 'EV charging' }, { title: 'Food waste', summary: 'Compost.' })
		).toEqual([]);
	});
});

describe('sharedNeedAcross', () => {
	const danang = {
		title: 'Flood sensors and early warning for the Han River and Cam Le district',
		summary: 'Da Nang needs flood sensors on the Han and Cu De rivers.',
		translations: {
			zh: { title: '韩江与锦丽郡洪水传感器及预警系统', summary: '岘港需要洪水传感器。' }
		}
	};
	it('names the words of a version when the original shares none (a Chinese original)', () => {
		expect(
			sharedNeedAcross(
				[
					'海绵城市雨水收集与内涝监测试点',
					'Sponge city rainwater harvesting and flood sensor pilot'
				],
				danang
			)
		).toEqual(['flood', 'sensor']);
	});
	it('takes the first title that shares a word, and reads the twin in every language', () => {
		expect(sharedNeedAcross(['Early warning', 'Flood sensors'], danang)).toEqual([
			'early',
			'warning'
		]);
		expect(
			sharedNeedAcross(['Sensors'], { title: '洪水', summary: '', translations: { en: danang } })
		).toEqual(['sensors']);
	});
	it('is empty when no title shares anything', () => {
		expect(sharedNeedAcross(['Street lights'], danang)).toEqual([]);
	});
});
