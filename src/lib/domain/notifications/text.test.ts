import { describe, expect, it } from 'vitest';
import { notificationText, notificationTitle } from './text';

const params = {
	title: '海绵城市雨水收集与内涝监测试点',
	slug: 'shanghai-sponge-city-waterlogging-sensors',
	titles: { en: 'Sponge city rainwater harvesting and flood sensor pilot' }
};

describe('notificationTitle', () => {
	it('is the version in the reader language when the notification carries one', () => {
		expect(notificationTitle(params, 'en')).toBe(params.titles.en);
		expect(notificationText('question_answered', params, 'en')).toContain(params.titles.en);
	});

	it('is the original otherwise', () => {
		expect(notificationTitle(params, 'zh')).toBe(params.title);
		expect(notificationTitle({ title: 'Flood sensors' }, 'zh')).toBe('Flood sensors');
		expect(notificationTitle({ title: 'T', titles: { en: 42 } }, 'en')).toBe('T');
		expect(notificationTitle(null, 'en')).toBeUndefined();
	});
});
