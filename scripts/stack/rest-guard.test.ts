import { describe, expect, it } from 'vitest';
import {
	GuardSyntaxError,
	anonRefusal,
	filterOperator,
	logicTreeOperators,
	postgrestParams,
	selectEmbedDepth,
	splitTopLevel
} from './rest-guard.mjs';

const refusalOf = (query: string) => anonRefusal(postgrestParams(query));

describe('postgrestParams', () => {
	it('reads the query string as PostgREST does: ; separates too, + is a space', () => {
		expect([...postgrestParams('?select=id;description=match.x&name=eq.a+b')]).toEqual([
			['select', 'id'],
			['description', 'match.x'],
			['name', 'eq.a b']
		]);
		expect([...postgrestParams('select=slug%3Bname=eq.x')]).toEqual([['select', 'slug;name=eq.x']]);
	});
});

describe('selectEmbedDepth', () => {
	it.each([
		['*', 0],
		['id,title', 0],
		['id,title::text,data->>key,"odd, name"', 0],
		['*,cities(*)', 1],
		['city:cities(slug,name)', 1],
		['...cities(slug,name)', 1],
		['cities!inner(slug)', 1],
		['cities!challenges_city_id_fkey!inner(slug)', 1],
		['cities()', 1],
		['cities(count)', 1],
		['count()', 0],
		['n:count(),amount.sum(),total:budget_max.max()', 0],
		['cities(count(),population.avg())', 1],
		['cities(regions(name))', 2],
		['city:cities!inner(slug,region:regions!inner(slug))', 2],
		['...cities(...regions(name))', 2],
		['cities(regions())', 2],
		['cities(challenges(count))', 2],
		['*,currencies(challenges(*,currencies(challenges(*))))', 4],
		['a(b),c(d(e(f)))', 3],
		['"quoted(name"', 0],
		['"a\\"(b"(x)', 1]
	])('%s → %i', (select, depth) => {
		expect(selectEmbedDepth(select)).toBe(depth);
	});

	it.each(['cities(', 'cities(regions(name)', 'id)', 'a),b(', '"unterminated'])(
		'refuses unbalanced %s',
		(select) => {
			expect(() => selectEmbedDepth(select)).toThrow(GuardSyntaxError);
		}
	);

	it('tolerates whitespace as supabase-js sends it', () => {
		expect(selectEmbedDepth(' id , city:cities ( slug , region:regions ( slug ) ) ')).toBe(2);
	});
});

describe('filterOperator', () => {
	it.each([
		['eq.5', 'eq'],
		['match.^a', 'match'],
		['not.imatch.x', 'imatch'],
		['imatch(any).{a,b}', 'imatch'],
		['not.match(all).{a,b}', 'match'],
		['like.*.match.*', 'like'],
		['{"params":1}', '{"params":1}']
	])('%s → %s', (value, op) => {
		expect(filterOperator(value)).toBe(op);
	});
});

describe('logicTreeOperators', () => {
	it('reads every condition, nested trees included', () => {
		expect(
			logicTreeOperators('(a.eq.1,or(b.match.x,not.and(c.not.imatch.y,d.in.(1,2))),e.cs.{x,y})')
		).toEqual(['eq', 'match', 'imatch', 'in', 'cs']);
	});

	it('reads quoted fields and values as PostgREST does', () => {
		expect(logicTreeOperators('(title.eq."a,b.match.c)",name.ilike.*x*)')).toEqual(['eq', 'ilike']);
		expect(logicTreeOperators('("odd.name".imatch.x)')).toEqual(['imatch']);
	});

	it('reads embedded paths and quantifiers', () => {
		expect(logicTreeOperators('(cities.name.imatch(any).{a,b},deadline.is.null)')).toEqual([
			'imatch',
			'is'
		]);
	});

	it('stops at the operator: the value is not read', () => {
		expect(logicTreeOperators('(title.eq.match.x)')).toEqual(['eq']);
	});

	it.each(['a.eq.1', '(a.eq.1', '(a.eq.1))', '(a.b)', '(a.eq."x)'])('refuses %s', (tree) => {
		expect(() => logicTreeOperators(tree)).toThrow(GuardSyntaxError);
	});
});

describe('splitTopLevel', () => {
	it('keeps brackets and quotes whole', () => {
		expect(splitTopLevel('a,b(c,d),{e,f},"g,h"', ',')).toEqual(['a', 'b(c,d)', '{e,f}', '"g,h"']);
	});
});

describe('anonRefusal', () => {
	it('lets ordinary reads through', () => {
		expect(
			refusalOf('select=id,title,city:cities(slug,name)&status=eq.open&order=deadline.desc')
		).toBe(null);
		expect(refusalOf('or=(deadline.is.null,deadline.gt.2026-01-01)&limit=10')).toBe(null);
		expect(refusalOf('name=ilike.*match*&title=eq.match.x')).toBe(null);
		expect(refusalOf('params={"q":"match.x"}')).toBe(null);
	});

	it("refuses the security review's regular expression with a clear 400", () => {
		const refused = refusalOf('select=id&description=match.(.*)(.*)(.*)(.*)\\3\\2\\1Z');
		expect(refused?.status).toBe(400);
		expect(refused?.body).toMatchObject({
			code: 'regex_filter_refused',
			message: expect.stringMatching(/Regular-expression filters \(match, imatch\)/),
			hint: expect.stringMatching(/ilike/),
			details: 'description=match.(.*)(.*)(.*)(.*)\\3\\2\\1Z'
		});
	});

	it.each([
		'title=imatch.x',
		'title=not.match.x',
		'title=match(any).{a,b}',
		'cities.name=imatch.x',
		'or=(title.eq.a,description.match.x)',
		'and=(title.eq.a,or(summary.not.imatch.y))',
		'not.or=(title.imatch.x)',
		'cities.or=(name.match.x)',
		'title=eq.a&title=match.x',
		'select=id;description=match.x',
		'title=%6Datch.x'
	])('refuses a regular expression in %s', (query) => {
		expect(refusalOf(query)?.body).toMatchObject({ code: 'regex_filter_refused' });
	});

	it("refuses the security review's nested embed", () => {
		const refused = refusalOf(
			'select=*,currencies(challenges(*,currencies(challenges(*,currencies(challenges(*))))))'
		);
		expect(refused?.status).toBe(400);
		expect(refused?.body).toMatchObject({
			code: 'embed_too_deep',
			message: expect.stringMatching(/6 levels deep; 1 is allowed/),
			hint: expect.stringMatching(/second request/)
		});
	});

	it.each([
		'select=id,city:cities(slug,region:regions(slug))',
		'select=...cities(...regions(name))',
		'select=cities!inner(regions!inner())'
	])('refuses an embed inside an embed: %s', (query) => {
		expect(refusalOf(query)?.body).toMatchObject({ code: 'embed_too_deep' });
	});

	it('refuses what it cannot read instead of guessing', () => {
		expect(refusalOf('select=cities(slug')?.body).toMatchObject({ code: 'query_unparsable' });
		expect(refusalOf('or=(title.match."x)')?.body).toMatchObject({ code: 'query_unparsable' });
	});

	it('ignores parameters that are not filters', () => {
		expect(refusalOf('order=match.asc&limit=5&offset=0&columns=match&on_conflict=match')).toBe(
			null
		);
	});
});
