import { describe, expect, it } from 'vitest';
import { browserName } from '$lib/domain/auth/user-agent';

describe('browserName', () => {
	it('names common browsers and systems', () => {
		expect(
			browserName(
				'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36'
			)
		).toBe('Chrome · Linux');
		expect(
			browserName(
				'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1'
			)
		).toBe('Safari · iOS');
		expect(
			browserName('Mozilla/5.0 (Windows NT 10.0; rv:130.0) Gecko/20100101 Firefox/130.0')
		).toBe('Firefox · Windows');
		expect(browserName('curl/8.5.0')).toBe('curl');
	});
	it('says nothing when it cannot tell', () => {
		expect(browserName('')).toBeNull();
		expect(browserName(null)).toBeNull();
		expect(browserName('something')).toBeNull();
	});
});
