import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS } from './config.mjs';
import { firstFreeBlock } from './ports.mjs';

const taken = (...ports: number[]) => {
	const set = new Set(ports);
	return async (port: number) => !set.has(port);
};

describe('firstFreeBlock', () => {
	it("keeps the Supabase CLI's ports when all are free", async () => {
		expect(await firstFreeBlock(DEFAULT_PORTS, taken())).toEqual(DEFAULT_PORTS);
	});

	it('moves every port by the same step when one of them is taken', async () => {
		const block = await firstFreeBlock(DEFAULT_PORTS, taken(54322));
		expect(block).toEqual({
			postgres: 54422,
			postgrest: 54431,
			postgrestAdmin: 54432,
			mailpit: 54424,
			smtp: 54425,
			gateway: 54421
		});
	});

	it('skips a block in which any port is taken', async () => {
		const block = await firstFreeBlock(DEFAULT_PORTS, taken(54321, 54425, 54532));
		expect(block?.gateway).toBe(54621);
		expect(block?.postgrestAdmin).toBe(54632);
	});

	it('gives up past the last valid port or after the tries', async () => {
		expect(await firstFreeBlock({ a: 65500 }, taken(65500), { step: 100 })).toBeNull();
		expect(await firstFreeBlock({ a: 1000 }, async () => false, { tries: 3 })).toBeNull();
	});
});
