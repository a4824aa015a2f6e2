import ICAL from 'ical.js';
import { EMAIL_TEMPLATES } from 'src/notifications/email-models';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINE } from '../support/test-database';

describe(`GET /dev/emails/:template (${TEST_ENGINE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t?.close());

  it.each(EMAIL_TEMPLATES)('renders %s with its sample data in both languages', async (template) => {
    const zh = await t.http().get(`/dev/emails/${template}?locale=zh-CN`);
    expect(zh.status).toBe(200);
    expect(zh.headers['content-type']).toMatch(/^text\/html/);
    expect(zh.text).toContain('<html lang="zh-CN">');
    expect(zh.text).toContain('张志愿，您好：');
    const en = await t.http().get(`/dev/emails/${template}?locale=en`);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Dear Li Wei,');
    const text = await t.http().get(`/dev/emails/${template}?locale=en&part=text`);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.text).not.toMatch(/<[a-z]/i);
    const subject = await t.http().get(`/dev/emails/${template}?locale=en&part=subject`);
    expect(subject.text.length).toBeGreaterThan(10);
    expect(en.text).toContain(`<title>${subject.text.replace(/&/g, '&amp;')}</title>`);
  });

  it('serves the invitation as an iCalendar file that parses', async () => {
    const res = await t.http().get('/dev/emails/event-scheduled?part=ics');
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') as ICAL.Component);
    expect(event.startDate.toJSDate().toISOString()).toBe('2025-03-15T01:30:00.000Z');
  });

  it('lists every template on /dev/emails', async () => {
    const res = await t.http().get('/dev/emails');
    expect(res.status).toBe(200);
    for (const template of EMAIL_TEMPLATES) expect(res.text).toContain(`/dev/emails/${template}?locale=en`);
  });

  it('answers 404 for an unknown template or part, and 400 for an unknown locale', async () => {
    const unknown = await t.http().get('/dev/emails/password-reset');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.http().get('/dev/emails/layouts')).status).toBe(404);
    expect((await t.http().get('/dev/emails/low-stock?part=pdf')).status).toBe(404);
    expect((await t.http().get('/dev/emails/low-stock?part=ics')).status).toBe(404);
    const locale = await t.http().get('/dev/emails/low-stock?locale=fr');
    expect(locale.status).toBe(400);
    expect(locale.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['locale'] });
  });
});

describe(`GET /dev/emails in production (${TEST_ENGINE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t?.close());

  it('does not exist', async () => {
    expect((await t.http().get('/dev/emails/event-scheduled')).status).toBe(404);
    expect((await t.http().get('/dev/emails')).status).toBe(404);
  });
});
