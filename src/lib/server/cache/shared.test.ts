import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedValue } from './shared';

afterEach(() => vi.useRealTimers());

describe('sharedValue', () => {
	it('reads once within the time to live, then again', async () => {
		vi.useFakeTimers({ now: 0 });
		let reads = 0;
		const get = sharedValue(60_000, async () => ++reads);
		expect(await Promise.all([get(), get(), get()])).toEqual([1, 1, 1]);
		vi.setSystemTime(59_999);
		expect(await get()).toBe(1);
		vi.setSystemTime(60_001);
		expect(await get()).toBe(2);
		get.clear();
		expect(await get()).toBe(3);
	});

	it('keeps no failed read', async () => {
		let fail = true;
		const get = sharedValue(60_000, async () => {
			if (fail) throw new Error('down');
			return 'ok';
		});
		await expect(get()).rejects.toThrow('down');
		fail = false;
		expect(await get()).toBe('ok');
	});
});
