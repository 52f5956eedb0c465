import { describe, expect, it } from 'vitest';
import { compose, createMailer, type Mail } from '$lib/server/auth/mail';

describe('identity mail', () => {
	it('is written in the recipient language, as text and HTML, with the link in both', async () => {
		const sent: Mail[] = [];
		const mailer = createMailer(async (mail) => void sent.push(mail), 'https://portal.example');
		const url = 'https://portal.example/api/auth/verify-email?token=abc&callbackURL=%2F';
		await mailer.verifyEmail({ to: 'a@x.test', name: 'Ana', url, locale: 'en' });
		await mailer.verifyEmail({ to: 'b@x.test', name: '李', url, locale: 'zh' });
		expect(sent[0]?.subject).toBe('Confirm your e-mail address');
		expect(sent[1]?.subject).toBe('请确认您的电子邮箱地址');
		for (const mail of sent) {
			expect(mail.text).toContain(url);
			expect(mail.html).toContain(url.replaceAll('&', '&amp;'));
		}
		expect(sent[1]?.html).toContain('<html lang="zh">');
		expect(sent[1]?.text).toContain('李，您好');
	});

	it('escapes what people type into the HTML', () => {
		const mail = compose('a@x.test', {
			locale: 'en',
			name: '<script>x</script>',
			subject: 's',
			paragraphs: ['p & q']
		});
		expect(mail.html).not.toContain('<script>');
		expect(mail.html).toContain('&lt;script&gt;');
		expect(mail.html).toContain('p &amp; q');
	});

	it('links an existing account to sign-in and password reset on the portal', async () => {
		const sent: Mail[] = [];
		const mailer = createMailer(async (mail) => void sent.push(mail), 'https://portal.example');
		await mailer.existingAccount({ to: 'a@x.test', name: 'Ana', locale: 'en' });
		expect(sent[0]?.text).toContain('https://portal.example/signin');
		expect(sent[0]?.text).toContain('https://portal.example/forgot');
	});
});

describe('link lifetimes in mail', () => {
	it('are said in minutes or whole hours, in the recipient language', async () => {
		const sent: Mail[] = [];
		const mailer = createMailer(async (mail) => void sent.push(mail), 'https://portal.example');
		await mailer.magicLink({ to: 'a@x.test', name: 'A', url: 'https://p/x', locale: 'en' });
		await mailer.verifyEmail({ to: 'a@x.test', name: 'A', url: 'https://p/x', locale: 'zh' });
		expect(sent[0]?.text).toContain('for 15 minutes');
		expect(sent[1]?.text).toContain('有效期 24 小时');
	});
});
