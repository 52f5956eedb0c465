import { describe, expect, it } from 'vitest';
import { listReferrer } from './back-link';

const origin = 'http://127.0.0.1:3000';

describe('listReferrer', () => {
	it('keeps the search of the list the visitor came from', () => {
		expect(listReferrer(`${origin}/?q=flood&region=southeast-asia&page=2`, origin)).toBe(
			'/?q=flood&region=southeast-asia&page=2'
		);
		expect(listReferrer(`${origin}/`, origin)).toBe('/');
	});

	it('ignores other sites, other pages and junk', () => {
		expect(listReferrer('https://evil.example/?q=flood', origin)).toBeNull();
		expect(listReferrer(`${origin}/cities/sepang`, origin)).toBeNull();
		expect(listReferrer(`${origin}//evil.example/`, origin)).toBeNull();
		expect(listReferrer('not a url', origin)).toBeNull();
		expect(listReferrer(null, origin)).toBeNull();
	});
});
