import { Inject, Injectable } from '@nestjs/common';
import { BadInputError, NotFoundError } from 'src/common/errors';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { EMAIL_LOCALES, EMAIL_TEMPLATES, EmailLocale, isEmailTemplate } from './email-models';
import { EmailRenderer } from './email-renderer';
import { emailSamples, SAMPLE_RECIPIENTS } from './email-samples';

export const PREVIEW_PARTS = ['html', 'text', 'subject', 'ics'] as const;
export type PreviewPart = (typeof PREVIEW_PARTS)[number];

/** Renders templates with their sample data for `/dev/emails`: outside production only. */
@Injectable()
export class EmailPreview {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly renderer: EmailRenderer,
  ) {}

  /** A page linking every template in every language; NOT_FOUND in production. */
  index(): string {
    this.assertAvailable();
    const links = EMAIL_TEMPLATES.map(
      (name) =>
        `<li>${name}: ${EMAIL_LOCALES.map((l) => PREVIEW_PARTS.filter((p) => p !== 'ics' || name === 'event-scheduled' || name === 'event-cancelled').map((p) => `<a href="/dev/emails/${name}?locale=${l}&amp;part=${p}">${l} ${p}</a>`).join(' · ')).join(' | ')}</li>`,
    );
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>finreach emails</title></head><body style="font-family:sans-serif"><h1>Email templates</h1><ul>${links.join('')}</ul></body></html>`;
  }

  /**
   * One part of a template rendered with its sample data, as the recipient's
   * locale would show it. NOT_FOUND for an unknown template or part, and in
   * production; BAD_USER_INPUT for a locale other than zh-CN or en.
   */
  render(template: string, locale = 'zh-CN', part = 'html'): { contentType: string; body: string } {
    this.assertAvailable();
    if (!isEmailTemplate(template)) throw new NotFoundError('Email template', template);
    if (!(EMAIL_LOCALES as readonly string[]).includes(locale)) throw new BadInputError(`locale must be ${EMAIL_LOCALES.join(' or ')}, got "${locale}".`, ['locale']);
    if (!(PREVIEW_PARTS as readonly string[]).includes(part)) throw new NotFoundError(`Part "${part}" of an email (html, text, subject or ics)`);
    const samples = emailSamples(this.config.publicUrl);
    const email = this.renderer.preview(template, SAMPLE_RECIPIENTS[locale as EmailLocale], samples[template]);
    switch (part as PreviewPart) {
      case 'html':
        return { contentType: 'text/html; charset=utf-8', body: email.html };
      case 'text':
        return { contentType: 'text/plain; charset=utf-8', body: email.text };
      case 'subject':
        return { contentType: 'text/plain; charset=utf-8', body: email.subject };
      case 'ics':
        if (!email.calendar) throw new NotFoundError(`The calendar part of ${template}`);
        return { contentType: 'text/calendar; charset=utf-8', body: email.calendar.content };
    }
  }

  private assertAvailable(): void {
    if (this.config.isProduction) throw new NotFoundError('This page');
  }
}
