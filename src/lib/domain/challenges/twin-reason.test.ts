import { describe, expect, it } from 'vitest';
import { sharedNeed } from '$lib/domain/challenges/twin-reason';

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
