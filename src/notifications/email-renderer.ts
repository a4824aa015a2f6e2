import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { EMAIL_LOCALES, EMAIL_TEMPLATES, EmailLocale, emailLocaleOf, EmailModels, EmailTemplate, Recipient } from './email-models';
import { buildIcs } from './ical';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** The iCalendar part of an invitation or cancellation. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

type Env = typeof Handlebars;
type Template = Handlebars.TemplateDelegate;
/** locale → key → message, e.g. messages['en']['greeting'] = 'Dear {name},'. */
type Messages = Partial<Record<EmailLocale, Record<string, string>>>;

interface Catalog {
  templates: Map<EmailTemplate, { subject: Template; html: Template; text: Template }>;
  layouts: { html: Template; text: Template };
  shared: Messages;
  byTemplate: Map<EmailTemplate, Messages>;
}

/** What every template sees besides its model. */
interface RootData {
  template: EmailTemplate;
  locale: EmailLocale;
  recipient: { name: string; email: string };
  publicUrl: string;
  timeZone: string;
}

/**
 * The email templates' folder: `templates/email` at the project root, found from
 * this file under ts-node and Jest (src/notifications) and after `nest build`
 * (dist/src/notifications), or from the working directory.
 */
export function emailTemplatesDir(): string {
  const candidates = [resolve(__dirname, '../../templates/email'), resolve(__dirname, '../../../templates/email'), resolve(process.cwd(), 'templates/email')];
  const found = candidates.find((dir) => existsSync(join(dir, 'layouts')));
  if (!found) throw new Error(`Email templates not found; looked in ${candidates.join(', ')}.`);
  return found;
}

/**
 * Renders `templates/email/<name>/{subject,html,text}.hbs` inside
 * `layouts/{html,text}.hbs` with `partials/{html,text}/*.hbs`, in the
 * recipient's language. Words live in `messages.json` files beside the
 * templates (shared ones in templates/email/messages.json), one block per
 * locale, used through `{{t "key" name=value}}`; so the html and text parts
 * share one translation. Dates are shown in APP_TIMEZONE. Compiled once.
 */
@Injectable()
export class EmailRenderer {
  private catalog: Catalog | undefined;
  private readonly html: Env = Handlebars.create();
  private readonly text: Env = Handlebars.create();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    registerHelpers(this.html, this, true);
    registerHelpers(this.text, this, false);
  }

  /** Subject, html and text (and the .ics of event invitations) of one email. Throws on an unknown template or a missing message. */
  render<T extends EmailTemplate>(template: T, to: Recipient, model: EmailModels[T]): RenderedEmail {
    const catalog = this.load();
    const compiled = catalog.templates.get(template);
    if (!compiled) throw new Error(`Unknown email template "${template}".`);
    const root: RootData = {
      template,
      locale: emailLocaleOf(to.locale),
      recipient: { name: to.name, email: to.email },
      publicUrl: this.config.publicUrl,
      timeZone: this.config.appTimezone,
    };
    const data = { ...model, ...root };
    const subject = compiled.subject(data).replace(/\s+/g, ' ').trim();
    const html = catalog.layouts.html({ ...data, subject, body: new Handlebars.SafeString(compiled.html(data)) });
    const text = tidyText(catalog.layouts.text({ ...data, subject, body: compiled.text(data) }));
    const invite = (model as { calendar?: EmailModels['event-scheduled']['calendar'] }).calendar;
    const calendar = invite
      ? { method: invite.method, content: buildIcs(invite, { organizer: { name: 'finreach', email: this.fromAddress() }, attendee: { name: to.name, email: to.email } }) }
      : undefined;
    return { subject, html, text, calendar };
  }

  /** Like `render`, but outside production the templates are read from disk again first, so an edit shows on reload. */
  preview<T extends EmailTemplate>(template: T, to: Recipient, model: EmailModels[T]): RenderedEmail {
    if (!this.config.isProduction) this.catalog = undefined;
    return this.render(template, to, model);
  }

  /** The message `key` in `locale`, looked up in the template's messages, then the shared ones, then in zh-CN. */
  message(template: EmailTemplate, locale: EmailLocale, key: string): string {
    const catalog = this.load();
    const own = catalog.byTemplate.get(template) ?? {};
    for (const l of locale === 'zh-CN' ? [locale] : [locale, 'zh-CN' as const]) {
      const found = own[l]?.[key] ?? catalog.shared[l]?.[key];
      if (found !== undefined) return found;
    }
    throw new Error(`Email template "${template}" uses the message "${key}", which no messages.json defines.`);
  }

  /** Every message key per locale, for the test that both languages are complete. */
  messageKeys(): { shared: Record<string, string[]>; byTemplate: Record<string, Record<string, string[]>> } {
    const catalog = this.load();
    const keys = (messages: Messages) => Object.fromEntries(EMAIL_LOCALES.map((l) => [l, Object.keys(messages[l] ?? {}).sort()]));
    return { shared: keys(catalog.shared), byTemplate: Object.fromEntries([...catalog.byTemplate].map(([name, messages]) => [name, keys(messages)])) };
  }

  get timeZone(): string {
    return this.config.appTimezone;
  }

  private fromAddress(): string {
    return /<([^<>]+)>\s*$/.exec(this.config.mailFrom)?.[1] ?? this.config.mailFrom;
  }

  private load(): Catalog {
    if (this.catalog) return this.catalog;
    const dir = emailTemplatesDir();
    const read = (...parts: string[]) => readFileSync(join(dir, ...parts), 'utf8');
    for (const [env, kind] of [[this.html, 'html'], [this.text, 'text']] as const) {
      const partials = join(dir, 'partials', kind);
      for (const file of existsSync(partials) ? readdirSync(partials) : []) {
        if (file.endsWith('.hbs')) env.registerPartial(basename(file, '.hbs'), readFileSync(join(partials, file), 'utf8'));
      }
    }
    const textOptions = { noEscape: true, strict: true };
    const htmlOptions = { strict: true };
    const templates = new Map<EmailTemplate, { subject: Template; html: Template; text: Template }>();
    const byTemplate = new Map<EmailTemplate, Messages>();
    for (const name of EMAIL_TEMPLATES) {
      templates.set(name, {
        subject: this.text.compile(read(name, 'subject.hbs'), textOptions),
        html: this.html.compile(read(name, 'html.hbs'), htmlOptions),
        text: this.text.compile(read(name, 'text.hbs'), textOptions),
      });
      byTemplate.set(name, existsSync(join(dir, name, 'messages.json')) ? (JSON.parse(read(name, 'messages.json')) as Messages) : {});
    }
    this.catalog = {
      templates,
      layouts: { html: this.html.compile(read('layouts', 'html.hbs'), htmlOptions), text: this.text.compile(read('layouts', 'text.hbs'), textOptions) },
      shared: JSON.parse(read('messages.json')) as Messages,
      byTemplate,
    };
    return this.catalog;
  }
}

/** Text parts: no trailing blanks, at most one empty line in a row. */
function tidyText(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

type HelperOptions = Handlebars.HelperOptions;

function rootOf(options: HelperOptions): RootData {
  return (options.data as { root: RootData }).root;
}

/** `Intl` locale per email locale: en-GB writes "Sat 15 Mar 2025", which reads the same everywhere. */
function intlLocale(locale: EmailLocale): string {
  return locale === 'en' ? 'en-GB' : 'zh-CN';
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: EmailLocale, timeZone: string, kind: 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${locale}/${timeZone}/${kind}`;
  let found = formats.get(key);
  if (!found) {
    found =
      kind === 'date'
        ? new Intl.DateTimeFormat(intlLocale(locale), { timeZone, year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric', weekday: 'short' })
        : new Intl.DateTimeFormat(intlLocale(locale), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(key, found);
  }
  return found;
}

/** An instant (ISO string) or a local day (YYYY-MM-DD, shown as that day whatever the zone). */
function toDate(value: unknown): { date: Date; localDay: boolean } {
  const raw = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { date: new Date(`${raw}T12:00:00Z`), localDay: true };
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw new Error(`Not a date: "${raw}"`);
  return { date, localDay: false };
}

function registerHelpers(env: Env, renderer: EmailRenderer, html: boolean): void {
  const escape = (value: string) => (html ? Handlebars.escapeExpression(value) : value);
  const safe = (value: string) => (html ? new Handlebars.SafeString(value) : value);
  const localeOf = (options: HelperOptions) => rootOf(options).locale;

  const translate = (key: string, params: Record<string, unknown>, options: HelperOptions): string => {
    const root = rootOf(options);
    const message = renderer.message(root.template, root.locale, key);
    // Placeholders like {name} take the hash values; the message itself is plain text.
    return escape(message).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? escape(String(params[name])) : whole));
  };
  const day = (value: unknown, options: HelperOptions) => {
    const { date, localDay } = toDate(value);
    return format(localeOf(options), localDay ? 'UTC' : rootOf(options).timeZone, 'date').format(date);
  };
  const time = (value: unknown, options: HelperOptions) => format(localeOf(options), rootOf(options).timeZone, 'time').format(toDate(value).date);
  const number = (value: unknown, options: HelperOptions) => new Intl.NumberFormat(intlLocale(localeOf(options))).format(Number(value));
  const fixed = (value: number, digits: number, options: HelperOptions) =>
    new Intl.NumberFormat(intlLocale(localeOf(options)), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

  /** `{{t "key" name=value}}`: a message in the recipient's language. */
  env.registerHelper('t', (key: string, options: HelperOptions) => safe(translate(key, options.hash as Record<string, unknown>, options)));
  /** `{{label "targetGroup" value}}`: the name of an enum value, from the messages (`targetGroup.ELDERLY`). */
  env.registerHelper('label', (kind: string, value: unknown, options: HelperOptions) => safe(translate(`${kind}.${String(value)}`, {}, options)));
  /** `{{labels "targetGroup" values}}`: several names joined the way the language lists them. */
  env.registerHelper('labels', (kind: string, values: unknown[], options: HelperOptions) =>
    safe(values.map((v) => translate(`${kind}.${String(v)}`, {}, options)).join(localeOf(options) === 'en' ? ', ' : '、')),
  );
  /** `{{date value}}`: the day of an instant in APP_TIMEZONE, or a local day as it is. */
  env.registerHelper('date', (value: unknown, options: HelperOptions) => day(value, options));
  /** `{{time value}}`: hours and minutes of an instant in APP_TIMEZONE. */
  env.registerHelper('time', (value: unknown, options: HelperOptions) => time(value, options));
  /** `{{when startsAt endsAt}}`: "Sat 15 Mar 2025, 09:30–11:30", or both days when it spans more than one. */
  env.registerHelper('when', (start: unknown, end: unknown, options: HelperOptions) => {
    const [startDay, endDay] = [day(start, options), day(end, options)];
    const separator = localeOf(options) === 'en' ? ', ' : ' ';
    if (startDay === endDay) return `${startDay}${separator}${time(start, options)}–${time(end, options)}`;
    return `${startDay}${separator}${time(start, options)} – ${endDay}${separator}${time(end, options)}`;
  });
  /** `{{number n}}`: digits grouped for the locale. */
  env.registerHelper('number', (value: unknown, options: HelperOptions) => number(value, options));
  /** `{{fixed n 1}}`: n with exactly that many decimals, grouped for the locale: 4.33 → 4.3. */
  env.registerHelper('fixed', (value: unknown, digits: unknown, options: HelperOptions) => fixed(Number(value), Number(digits), options));
  /** `{{percentage ratio}}`: to 0.1 %, 0.833 → 83.3%. */
  env.registerHelper('percentage', (value: unknown, options: HelperOptions) => `${fixed(Number(value) * 100, 1, options)}%`);
  /** `{{points difference}}`: a difference of two rates in percentage points to 0.1, 0.25 → +25.0, −0.05 → −5.0, 0 → ±0.0. */
  env.registerHelper('points', (value: unknown, options: HelperOptions) => {
    const points = Math.round(Number(value) * 1000) / 10;
    const digits = fixed(Math.abs(points), 1, options);
    return points > 0 ? `+${digits}` : points < 0 ? `−${digits}` : `±${digits}`;
  });
  /** `{{percent ratio}}`: 0.6 → 60%. */
  env.registerHelper('percent', (value: unknown) => `${Math.round(Number(value) * 100)}%`);
  /** `{{change current previous}}`: +5, −3 or ±0. */
  env.registerHelper('change', (current: unknown, previous: unknown, options: HelperOptions) => {
    const delta = Number(current) - Number(previous);
    return delta > 0 ? `+${number(delta, options)}` : delta < 0 ? `−${number(-delta, options)}` : '±0';
  });
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  env.registerHelper('lt', (a: unknown, b: unknown) => Number(a) < Number(b));
}
