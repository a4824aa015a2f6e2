import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

type Refusal = { code: number; message: string };

/**
 * A real SMTP server on 127.0.0.1 for tests: collects every message it accepts
 * and parses it with mailparser. It can refuse given recipients (550 for good,
 * 451 for now), be stopped (connections refused) and started again on the
 * same port, as an SMTP outage would look to the service.
 */
export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  private readonly refusals = new Map<string, Refusal>();
  /** How long the server takes to accept a message's data, to catch a sender in the middle of a send. */
  dataDelayMs = 0;
  /** Messages whose data has started to arrive (accepted or not yet). */
  dataStarted = 0;

  private constructor(public port: number) {}

  /** Starts on a free port (or the one given). */
  static async start(port = 0): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer(port);
    await smtp.listen();
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** RCPT TO this address is answered 550 (permanent) from now on. */
  rejectRecipient(address: string, message = 'Mailbox unavailable'): void {
    this.refusals.set(address.toLowerCase(), { code: 550, message });
  }

  /** RCPT TO this address is answered 451 (try again later) from now on. */
  deferRecipient(address: string, message = 'Try again later'): void {
    this.refusals.set(address.toLowerCase(), { code: 451, message });
  }

  /** Messages addressed to `address`. */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** Messages whose X-Finreach-Template header is `template`. */
  ofTemplate(template: string): ReceivedMail[] {
    return this.messages.filter((m) => m.parsed.headers.get('x-finreach-template') === template);
  }

  /** Stops accepting connections; the port stays ours to start again on. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Starts again on the same port after `stop`. */
  restart(): Promise<void> {
    return this.listen();
  }

  private listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const refusal = this.refusals.get(address.address.toLowerCase());
        if (!refusal) return callback();
        const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
        callback(error);
      },
      onData: (stream, session, callback) => {
        this.dataStarted++;
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          new Promise((resolve) => setTimeout(resolve, this.dataDelayMs))
            .then(() => simpleParser(raw))
            .then((parsed) => {
              this.messages.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), parsed, raw });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    return new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.server.address() as AddressInfo).port;
        this.server = server;
        resolve();
      });
    });
  }
}
