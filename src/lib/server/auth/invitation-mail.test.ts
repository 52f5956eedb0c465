import { describe, expect, it } from 'vitest';
import { invitationMail } from './mail';

describe('invitation mail', () => {
	const url = `https://portal.example/invitations/${'ab'.repeat(32)}`;

	it('names the organisation, the inviter and the role, links the page, says it lasts 7 days', () => {
		const mail = invitationMail({
			to: 'sam@city.example',
			organisation: 'Harbourton <City>',
			inviter: 'Lin',
			role: 'Member',
			url,
			locale: 'en'
		});
		expect(mail.subject).toBe('You are invited to join Harbourton <City>');
		expect(mail.text).toContain('Lin invites you to join Harbourton <City>');
		expect(mail.text).toContain(`Accept the invitation: ${url}`);
		expect(mail.text).toContain('7 days');
		expect(mail.html).toContain('Harbourton &lt;City&gt;');
		expect(mail.html).not.toContain('<City>');
	});

	it('speaks Chinese when asked', () => {
		const mail = invitationMail({
			to: 'sam@city.example',
			organisation: '港城',
			inviter: '林',
			role: '成员',
			url,
			locale: 'zh'
		});
		expect(mail.subject).toBe('邀请您加入 港城');
		expect(mail.text).toContain('7 天');
		expect(mail.html).toContain('<html lang="zh">');
	});
});
