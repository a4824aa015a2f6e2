import ICAL from 'ical.js';
import { loadConfig } from 'src/config/app-config';
import { EMAIL_LOCALES, EMAIL_TEMPLATES } from './email-models';
import { unusableAddressReason } from './email-outbox';
import { EmailRenderer } from './email-renderer';
import { emailSamples, SAMPLE_RECIPIENTS } from './email-samples';
import { buildIcs } from './ical';
import { classifySendError } from './mailer';

const config = loadConfig({ APP_SECRET: 's'.repeat(40), NODE_ENV: 'test', PUBLIC_URL: 'https://outreach.bank.example' });
const renderer = new EmailRenderer(config);
const samples = emailSamples(config.publicUrl);

describe(EmailRenderer.name, () => {
  it('has every message in both languages', () => {
    const { shared, byTemplate } = renderer.messageKeys();
    expect(shared['en']).toEqual(shared['zh-CN']);
    for (const name of EMAIL_TEMPLATES) expect({ name, keys: byTemplate[name]['en'] }).toEqual({ name, keys: byTemplate[name]['zh-CN'] });
  });

  it.each(EMAIL_TEMPLATES.flatMap((name) => EMAIL_LOCALES.map((locale) => [name, locale] as const)))('renders %s in %s with no placeholder left', (name, locale) => {
    const email = renderer.render(name, SAMPLE_RECIPIENTS[locale], samples[name]);
    for (const part of [email.subject, email.html, email.text]) {
      expect(part).not.toMatch(/\{\w+\}/);
      expect(part).not.toContain('undefined');
    }
    expect(email.text).toContain(SAMPLE_RECIPIENTS[locale].name);
    expect(Boolean(email.calendar)).toBe(name === 'event-scheduled' || name === 'event-cancelled');
  });

  it('escapes what people typed in the html part and keeps it as typed in the text part', () => {
    const model = { ...samples['event-cancelled'], event: { ...samples['event-cancelled'].event, title: 'Q&A <script>alert(1)</script>' }, reason: '"雨" & <风>' };
    const email = renderer.render('event-cancelled', SAMPLE_RECIPIENTS.en, model);
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Q&amp;A &lt;script&gt;');
    expect(email.html).toContain('&quot;雨&quot; &amp; &lt;风&gt;');
    expect(email.text).toContain('Q&A <script>alert(1)</script>');
    expect(email.subject).toBe('Event cancelled: Q&A <script>alert(1)</script> (Sat, 15 Mar 2025)');
  });

  it('formats learning outcomes for people, and renders a summary written before they existed without them', () => {
    const summary = samples['event-summary'];
    const render = (locale: 'zh-CN' | 'en', outcomes: (typeof summary)['outcomes']) => renderer.render('event-summary', SAMPLE_RECIPIENTS[locale], { ...summary, outcomes }).text;
    expect(render('en', { feedbackCount: 1200, averageRating: 4.25, correctRate: 0.8, learningGain: -0.05 })).toContain(
      'Feedback received: 1,200\nAverage rating: 4.3 / 5\nCorrect answers after the event: 80.0%\nLearning gain (after vs before): −5.0 points\n',
    );
    expect(render('zh-CN', { feedbackCount: 2, averageRating: 5, correctRate: 0, learningGain: 0 })).toContain('平均满意度：5.0 / 5\n活动后答题正确率：0.0%\n学习提升（活动后比活动前）：±0.0 个百分点\n');
    const { outcomes, ...before } = summary;
    expect(outcomes.feedbackCount).toBeGreaterThan(0);
    const old = renderer.render('event-summary', SAMPLE_RECIPIENTS.en, before as typeof summary);
    expect(old.text).toContain('Media reports: 1');
    expect(old.text).not.toMatch(/feedback/i);
  });

  it('shows times in APP_TIMEZONE', () => {
    const email = renderer.render('event-reminder', SAMPLE_RECIPIENTS.en, samples['event-reminder']);
    // 01:30Z is 09:30 in Asia/Shanghai.
    expect(email.text).toContain('When: Sat, 15 Mar 2025, 09:30–11:30 (Asia/Shanghai)');
    const utc = new EmailRenderer(loadConfig({ APP_SECRET: 's'.repeat(40), NODE_ENV: 'test', APP_TIMEZONE: 'UTC' }));
    expect(utc.render('event-reminder', SAMPLE_RECIPIENTS.en, samples['event-reminder']).text).toContain('When: Sat, 15 Mar 2025, 01:30–03:30 (UTC)');
  });
});

describe(buildIcs.name, () => {
  it('folds long lines at 75 octets without splitting a character, and escapes text', () => {
    const invite = { ...samples['event-scheduled'].calendar, summary: '金融知识进万家；防范电信网络诈骗、反洗钱、反假货币宣传, 第二期\\特别场'.repeat(2) };
    const ics = buildIcs(invite, { organizer: { name: 'finreach', email: 'no-reply@bank.example' }, attendee: { name: 'Li "Wei"', email: 'li@example.com' } });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') as ICAL.Component);
    expect(event.summary).toBe(invite.summary);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().toISOString()).toBe(invite.startsAt);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});

describe(unusableAddressReason.name, () => {
  it('accepts real addresses and explains the others', () => {
    expect(unusableAddressReason('manager.qingdao@finreach.demo')).toBeNull();
    expect(unusableAddressReason('join+1234@volunteers.invalid')).toMatch(/cannot receive mail/);
    expect(unusableAddressReason('')).toMatch(/no email address/);
    expect(unusableAddressReason('not an address')).toMatch(/not an email address/);
  });
});

describe(classifySendError.name, () => {
  it('tells a refusal for good from a server that is away and from a passing failure', () => {
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 No such user' })).toEqual({ failure: 'REJECTED', reason: '550 No such user' });
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO', response: '451 Later' }).failure).toBe('TEMPORARY');
    expect(classifySendError({ code: 'ECONNECTION', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:2525' }).failure).toBe('UNREACHABLE');
    expect(classifySendError({ code: 'ETIMEDOUT', command: 'DATA', message: 'Timeout' }).failure).toBe('TEMPORARY');
  });
});
