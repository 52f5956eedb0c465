import { describe, expect, it } from 'vitest';
import { namePattern, safeWebsite } from './organisations';

describe('organisation helpers', () => {
	it('keeps only http(s) websites', () => {
		expect(safeWebsite('https://example.com/aquasense')).toBe('https://example.com/aquasense');
		expect(safeWebsite('http://example.org')).toBe('http://example.org/');
		expect(safeWebsite('javascript:alert(1)')).toBeNull();
		expect(safeWebsite('example.com')).toBeNull();
		expect(safeWebsite(null)).toBeNull();
	});

	it('matches the name search literally inside the name', () => {
		expect(namePattern('flood')).toBe('%flood%');
		expect(namePattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
		expect(namePattern('a*b')).toBe('%a_b%');
	});
});
