import { describe, expect, it } from 'vitest';
import { namePattern, safeWebsite, vendorWordFilters } from '$lib/server/db/organisations';

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

	it('searches each word in the name or the profile, quoted for PostgREST', () => {
		expect(vendorWordFilters('parking  sensors parking')).toEqual([
			'name.ilike."%parking%",profile.ilike."%parking%"',
			'name.ilike."%sensors%",profile.ilike."%sensors%"'
		]);
		// Reserved characters stay inside the quotes; quotes and backslashes are escaped.
		expect(vendorWordFilters('a,b(c)"d')).toEqual([
			'name.ilike."%a,b(c)\\"d%",profile.ilike."%a,b(c)\\"d%"'
		]);
		expect(vendorWordFilters('50%')).toEqual(['name.ilike."%50\\\\%%",profile.ilike."%50\\\\%%"']);
		expect(vendorWordFilters('   ')).toEqual([]);
		expect(vendorWordFilters('a b c d e f g h')).toHaveLength(6);
	});
});
