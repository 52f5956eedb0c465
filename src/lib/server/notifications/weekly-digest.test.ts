import { describe, expect, it } from 'vitest';
import { weeklyDigestMail, type DigestItem, type DigestRecipient } from './weekly-digest';

const to = (locale: string): DigestRecipient => ({
	user_id: 'u1',
	email: 'hub@demo.test',
	display_name: 'Hub staff',
	locale,
	week: '2026-W50'
});

const items = [
	{
		section: 'stalled',
		challenge_title: 'Green corridors',
		challenge_slug: 'green',
		city: 'Medellín',
		vendor: 'FloodWatch Systems',
		stage: 'intro',
		last_activity_at: '2026-11-04T10:00:00Z'
	},
	{
		section: 'overdue',
		challenge_title: 'Tree canopy',
		challenge_slug: 'canopy',
		city: 'Brisbane',
		vendor: 'Shenzhen Urban IoT',
		stage: 'pilot',
		next_step: 'Agree the sensor locations',
		next_step_due: '2026-12-03'
	}
] as unknown as DigestItem[];

describe('the weekly digest mail', () => {
	it('lists each section, with none where nothing is due', () => {
		const mail = weeklyDigestMail(to('en'), items, 'https://portal.example');
		expect(mail.to).toBe('hub@demo.test');
		expect(mail.subject).toBe('Hub weekly digest 2026-W50: 1 stalled, 1 overdue, 0 deadlines');
		expect(mail.text).toContain(
			'• Green corridors (Medellín) with FloodWatch Systems: Introduction, last activity 2026-11-04'
		);
		expect(mail.text).toContain(
			'• Tree canopy (Brisbane) with Shenzhen Urban IoT: “Agree the sensor locations”, due 2026-12-03'
		);
		expect(mail.text).toMatch(/Challenge deadlines in the coming 7 days:\n\nNone\./);
		expect(mail.text).toContain('https://portal.example/hub/partnerships');
		expect(mail.html).toContain('FloodWatch Systems');
	});

	it('in the recipient’s language', () => {
		const mail = weeklyDigestMail(to('zh'), items, 'https://portal.example');
		expect(mail.subject).toBe('枢纽每周摘要 2026-W50：1 个停滞，1 个逾期，0 个截止日期');
		expect(mail.text).toContain('停滞的合作');
	});
});
