import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';

const CHECK_IN = `mutation ($input: CheckInInput!) { checkIn(input: $input) { clientId outcome reason } }`;
const SYNC = `mutation ($items: [CheckInInput!]!) { syncCheckIns(items: $items) { clientId outcome reason } }`;

export interface LoadOptions {
  /** Base URL of the service, e.g. http://127.0.0.1:3000. */
  url: string;
  token: string;
  eventId: string;
  /** Phones sending one `checkIn` at a time. */
  singlePhones: number;
  /** Phones sending `syncCheckIns` batches of `batchSize`. */
  syncPhones?: number;
  batchSize?: number;
  /** Pause of a sync phone between batches, as the check-in page's send timer does. */
  syncPauseMs?: number;
  /** A request without an answer after this long counts as hung. */
  requestTimeoutMs?: number;
}

/** What one request came to. */
export type Answer =
  | { kind: 'ack' }
  | { kind: 'graphql-error'; status: number; code: string; body: string }
  | { kind: 'http-error'; status: number; body: string }
  | { kind: 'network'; code: string }
  | { kind: 'timeout' };

export interface RequestRecord {
  startedAt: number;
  endedAt: number;
  answer: Answer;
}

/**
 * Volunteers' phones checking people in against a running service, the way the
 * check-in page does: every check-in has its own clientId, and one that got no
 * acknowledgement (ACCEPTED or DUPLICATE) is sent again with the same clientId
 * until it gets one. Records every request and every acknowledged clientId.
 */
export class CheckInLoad {
  readonly acknowledged = new Set<string>();
  /** clientIds ever sent, acknowledged or not. */
  readonly sent = new Set<string>();
  readonly requests: RequestRecord[] = [];
  /** Items the service REJECTED: none are expected from this load. */
  readonly rejected: string[] = [];
  private stopping = false;
  private drainUntil = 0;
  private phones: Promise<void>[] = [];

  constructor(private readonly options: LoadOptions) {}

  start(): void {
    const { singlePhones, syncPhones = 0 } = this.options;
    for (let i = 0; i < singlePhones; i++) this.phones.push(this.phone(1));
    for (let i = 0; i < syncPhones; i++) this.phones.push(this.phone(this.options.batchSize ?? 10));
  }

  /**
   * Stops taking new check-ins. With `drainMs`, each phone keeps resending what is
   * still unacknowledged for up to that long; otherwise it gives up at once.
   */
  async stop(drainMs = 0): Promise<void> {
    this.stopping = true;
    this.drainUntil = Date.now() + drainMs;
    await Promise.all(this.phones);
  }

  /** clientIds sent but never acknowledged. */
  unacknowledged(): string[] {
    return [...this.sent].filter((id) => !this.acknowledged.has(id));
  }

  /** Counts of answers by kind and code, e.g. { ack: 812, 'graphql-error INTERNAL_SERVER_ERROR': 40 }. */
  tally(records: RequestRecord[] = this.requests): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { answer } of records) {
      const key =
        answer.kind === 'graphql-error'
          ? `${answer.status} ${answer.code}`
          : answer.kind === 'http-error'
            ? `HTTP ${answer.status}`
            : answer.kind === 'network'
              ? `network ${answer.code}`
              : answer.kind;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  private async phone(batchSize: number): Promise<void> {
    let pending: string[] = [];
    for (;;) {
      if (pending.length === 0) {
        if (this.stopping) return;
        pending = Array.from({ length: batchSize }, () => randomUUID());
      } else if (this.stopping && Date.now() >= this.drainUntil) {
        return;
      }
      pending.forEach((id) => this.sent.add(id));
      const settled = await this.send(pending, batchSize > 1);
      pending = pending.filter((id) => !settled.has(id));
      if (pending.length > 0) await sleep(100);
      else if (batchSize > 1) await sleep(this.options.syncPauseMs ?? 200);
    }
  }

  /** Sends the items; returns the clientIds the answer settled (acknowledged or rejected). */
  private async send(clientIds: string[], asSync: boolean): Promise<Set<string>> {
    const items = clientIds.map((clientId) => ({ clientId, eventId: this.options.eventId, targetGroup: 'ELDERLY' }));
    const body = asSync ? { query: SYNC, variables: { items } } : { query: CHECK_IN, variables: { input: items[0] } };
    const startedAt = Date.now();
    const settled = new Set<string>();
    const answer = await this.post(body, (data) => {
      const results: { clientId: string; outcome: string; reason: string | null }[] = asSync ? data.syncCheckIns : [data.checkIn];
      for (const result of results) {
        settled.add(result.clientId);
        if (result.outcome === 'ACCEPTED' || result.outcome === 'DUPLICATE') this.acknowledged.add(result.clientId);
        else this.rejected.push(`${result.clientId}: ${result.reason}`);
      }
    });
    this.requests.push({ startedAt, endedAt: Date.now(), answer });
    return settled;
  }

  private async post(body: unknown, onData: (data: any) => void): Promise<Answer> {
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.options.url}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.options.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 15_000),
      });
      text = await res.text();
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') return { kind: 'timeout' };
      return { kind: 'network', code: networkCode(error) };
    }
    let parsed: { data?: any; errors?: { extensions?: { code?: string } }[] };
    try {
      parsed = JSON.parse(text);
    } catch {
      return { kind: 'http-error', status: res.status, body: text };
    }
    if (parsed.errors?.length) return { kind: 'graphql-error', status: res.status, code: parsed.errors[0].extensions?.code ?? '(none)', body: text };
    if (res.status !== 200 || !parsed.data) return { kind: 'http-error', status: res.status, body: text };
    onData(parsed.data);
    return { kind: 'ack' };
  }
}

/** ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET, …: the cause fetch wraps. */
export function networkCode(error: unknown): string {
  let current = error as { code?: string; cause?: unknown } | undefined;
  for (let i = 0; i < 4 && current; i++) {
    if (current.code) return current.code;
    current = current.cause as typeof current;
  }
  return (error as Error)?.message ?? 'unknown';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** clientId -> rows, read straight from the database the process used. */
export async function storedClientIds(url: string, eventId: string): Promise<Map<string, number>> {
  const sql = 'SELECT client_id, COUNT(*) AS n FROM check_in WHERE event_id = ? GROUP BY client_id';
  let rows: { client_id: string; n: number | string }[];
  if (url.startsWith('sqlite:')) {
    const file = new Database(url.slice('sqlite:'.length), { readonly: true });
    rows = file.prepare(sql).all(eventId) as typeof rows;
    file.close();
  } else {
    const conn = await createConnection({ uri: url });
    [rows] = (await conn.query(sql, [eventId])) as unknown as [typeof rows];
    await conn.end();
  }
  return new Map(rows.map((r) => [r.client_id.toLowerCase(), Number(r.n)]));
}
