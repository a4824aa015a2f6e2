import { Inject, Injectable } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { RenderedEmail } from './email-renderer';

/** One message, rendered, addressed and with its stable Message-ID. */
export interface OutgoingEmail {
  messageId: string;
  to: { name: string; address: string };
  template: string;
  /** Used to name the .eml file, so a resend of the same row overwrites it. */
  createdAt: Date;
  content: RenderedEmail;
}

/** How a failed send ends for its row. */
export type SendFailure =
  /** The server refused this message or recipient for good (5xx): retrying cannot help. */
  | 'REJECTED'
  /** The server could not be reached or refused us (connection, TLS, login): every email waits for it. */
  | 'UNREACHABLE'
  /** Anything else (a 4xx answer, a timeout mid-message): worth another try later. */
  | 'TEMPORARY';

const UNREACHABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL']);

/** Sorts a nodemailer error into what the outbox should do with the row, with a reason for `lastError`. */
export function classifySendError(error: unknown): { failure: SendFailure; reason: string } {
  const e = (error ?? {}) as { code?: string; responseCode?: number; response?: string; command?: string; message?: string };
  const reason = (e.response || e.message || String(error)).slice(0, 900);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return { failure: 'REJECTED', reason };
  if (typeof e.responseCode === 'number') return { failure: 'TEMPORARY', reason };
  if (e.code && UNREACHABLE_CODES.has(e.code) && e.command !== 'DATA') return { failure: 'UNREACHABLE', reason };
  return { failure: 'TEMPORARY', reason };
}

/**
 * Hands rendered emails to nodemailer: SMTP when SMTP_URL is set, otherwise an
 * .eml file per email in `<VAR_DIR>/mail/`, so a first run shows its mail. One
 * connection per message keeps a restarted SMTP server from leaving a stale
 * pooled connection behind; volumes here are small.
 */
@Injectable()
export class Mailer {
  private readonly transport: Transporter;
  private readonly mailDir: string | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl) {
      const options: SMTPTransport.Options = { url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
      this.transport = createTransport(options);
    } else {
      this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
      this.mailDir = join(config.varDir, 'mail');
    }
  }

  /** Where .eml files go when there is no SMTP server, else undefined. */
  get fileDirectory(): string | undefined {
    return this.mailDir;
  }

  /** Sends one email; throws nodemailer's error (see `classifySendError`) when it is not accepted. */
  async send(email: OutgoingEmail): Promise<void> {
    const { content } = email;
    const info = (await this.transport.sendMail({
      from: this.config.mailFrom,
      to: email.to,
      subject: content.subject,
      text: content.text,
      html: content.html,
      messageId: email.messageId,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Finreach-Template': email.template },
      ...(content.calendar ? { icalEvent: { method: content.calendar.method, filename: 'invite.ics', content: content.calendar.content } } : {}),
    })) as { message?: Buffer };
    if (this.mailDir && info.message) {
      await mkdir(this.mailDir, { recursive: true });
      const stamp = email.createdAt.toISOString().replace(/[:.]/g, '-');
      const id = email.messageId.replace(/^<|@.*$/g, '');
      await writeFile(join(this.mailDir, `${stamp}-${email.template}-${id}.eml`), info.message);
    }
  }

  /** Closes the transport; the OutboxWorker calls it at shutdown once its last send is done. */
  close(): void {
    this.transport.close();
  }
}
