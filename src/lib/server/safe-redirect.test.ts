import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '$lib/server/safe-redirect';

const origin = 'http://127.0.0.1:4173';

describe('safeRedirectPath', () => {
	it('keeps a same-site path with its query', () => {
		expect(safeRedirectPath('/?domain=mobility&q=bus', origin)).toBe('/?domain=mobility&q=bus');
		expect(safeRedirectPath('/cities/lisbon', origin)).toBe('/cities/lisbon');
	});
	it('refuses other origins and protocol-relative URLs', () => {
		expect(safeRedirectPath('https://evil.example/', origin)).toBe('/');
		expect(safeRedirectPath('//evil.example/x', origin)).toBe('/');
		expect(safeRedirectPath('/\\evil.example', origin)).toBe('/');
		expect(safeRedirectPath('/\t/evil.example', origin)).toBe('/');
	});
	it('refuses paths that turn protocol-relative once dot segments are resolved', () => {
		// new URL('/..//evil.example/x', origin).pathname is '//evil.example/x'
		expect(safeRedirectPath('/..//evil.example/x', origin)).toBe('/');
		expect(safeRedirectPath('/.%2e//evil.example', origin)).toBe('/');
		expect(safeRedirectPath('/a/../..//evil.example', origin)).toBe('/');
		expect(safeRedirectPath('/cities/../challenges', origin)).toBe('/challenges');
	});
	it('refuses non-paths and missing values', () => {
		expect(safeRedirectPath('javascript:alert(1)', origin)).toBe('/');
		expect(safeRedirectPath(null, origin)).toBe('/');
		expect(safeRedirectPath('', origin)).toBe('/');
		expect(safeRedirectPath('cities', origin)).toBe('/');
	});
});
