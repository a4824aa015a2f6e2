/**
 * A stand-in for /graphql that follows the contract of DESIGN.md section 5
 * (login, me, myEvents, event, attendance, syncCheckIns, checkIn) closely enough
 * to test the check-in page's own logic: its queue, its sender and how it reads
 * results. The real API is exercised by checkin-offline.spec.ts.
 */
import type { BrowserContext, Route } from 'playwright-core';

export interface FakeInput {
  clientId: string;
  eventId: string;
  targetGroup: string;
  count?: number;
  name?: string;
  phone?: string;
  checkedInAt?: string;
}

export interface FakeEvent {
  id: string;
  title: string;
  venueName: string;
  startsAt: string;
  endsAt: string;
  targetGroups: string[];
  status: string;
}

type Mode = 'up' | 'unreachable' | 'error503';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export class FakeApi {
  mode: Mode = 'up';
  /** Operations the "server" does not know yet (answered like Apollo's validation error). */
  unknownOperations = new Set<string>();
  /** Every check-in the server accepted, by clientId. */
  readonly accepted = new Map<string, FakeInput>();
  /** Batch sizes of every syncCheckIns call that reached the server. */
  readonly syncBatches: number[] = [];
  readonly singleCheckIns: string[] = [];
  /** Groups whose check-ins the server rejects, with the reason. */
  rejectGroups = new Map<string, string>();
  private tokens = new Set<string>();
  private phones = new Set<string>();
  private tokenCount = 0;

  constructor(readonly events: FakeEvent[]) {}

  revokeTokens(): void {
    this.tokens.clear();
  }

  total(eventId: string): number {
    let n = 0;
    for (const input of this.accepted.values()) if (input.eventId === eventId) n += input.count ?? 1;
    return n;
  }

  async install(context: BrowserContext): Promise<void> {
    await context.route('**/graphql', (route) => this.handle(route));
  }

  private async handle(route: Route): Promise<void> {
    if (this.mode === 'unreachable') return route.abort('internetdisconnected');
    if (this.mode === 'error503') return route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>Service Unavailable</h1>' });
    const request = route.request();
    const { query, variables } = request.postDataJSON() as { query: string; variables: Record<string, any> };
    const operation = /^(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '';
    const token = /^Bearer (.+)$/.exec(request.headers()['authorization'] ?? '')?.[1];
    const json = (status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

    if (this.unknownOperations.has(operation)) {
      return json(400, { errors: [{ message: `Cannot query field "${operation}" on type "Mutation".`, extensions: { code: 'BAD_USER_INPUT', fields: [] } }] });
    }
    if (operation === 'Login') {
      if (variables.password !== 'right') return json(200, { data: null, errors: [error('UNAUTHENTICATED', 'Wrong email or password.', ['login'])] });
      const issued = `token-${++this.tokenCount}`;
      this.tokens.add(issued);
      return json(200, {
        data: { login: { token: issued, expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString(), user: { id: 'u1', name: '张志愿', role: 'VOLUNTEER', locale: 'zh-CN' } } },
      });
    }
    if (!token || !this.tokens.has(token)) return json(200, { data: null, errors: [error('UNAUTHENTICATED', 'Please log in.', [operation])] });

    switch (operation) {
      case 'Me':
        return json(200, { data: { me: { id: 'u1', name: '张志愿', role: 'VOLUNTEER' } } });
      case 'MyEvents':
        return json(200, { data: { myEvents: this.events } });
      case 'EventState': {
        const event = this.events.find((e) => e.id === variables.id) ?? null;
        return json(200, { data: { event, attendance: this.attendance(variables.id) } });
      }
      case 'Sync': {
        const items = variables.items as FakeInput[];
        const bad = items.findIndex((i) => i.name === 'BAD');
        if (bad >= 0) {
          return json(400, { errors: [{ message: `Variable "$items" got invalid value at "items[${bad}].name"`, extensions: { code: 'BAD_USER_INPUT', fields: [`items[${bad}].name`] } }] });
        }
        if (items.length > 500) return json(200, { data: null, errors: [error('BAD_USER_INPUT', 'At most 500 items.', ['syncCheckIns'])] });
        this.syncBatches.push(items.length);
        return json(200, { data: { syncCheckIns: items.map((i) => this.checkIn(i)) } });
      }
      case 'CheckIn': {
        const input = variables.input as FakeInput;
        this.singleCheckIns.push(input.clientId);
        if (input.name === 'BAD') return json(400, { errors: [{ message: 'Bad name', extensions: { code: 'BAD_USER_INPUT', fields: ['input.name'] } }] });
        return json(200, { data: { checkIn: this.checkIn(input) } });
      }
      default:
        return json(400, { errors: [{ message: `Unknown operation ${operation}`, extensions: { code: 'BAD_USER_INPUT', fields: [] } }] });
    }
  }

  private checkIn(input: FakeInput) {
    const base = { clientId: input.clientId, reason: null as string | null, attendance: null };
    if (!UUID.test(input.clientId) || !input.checkedInAt || Number.isNaN(Date.parse(input.checkedInAt))) {
      return { ...base, outcome: 'REJECTED', reason: 'BAD_INPUT' };
    }
    if (this.accepted.has(input.clientId)) return { ...base, outcome: 'DUPLICATE' };
    const rejected = this.rejectGroups.get(input.targetGroup);
    if (rejected) return { ...base, outcome: 'REJECTED', reason: rejected };
    if (input.phone) {
      if (this.phones.has(input.phone)) return { ...base, outcome: 'DUPLICATE', reason: 'ALREADY_CHECKED_IN' };
      this.phones.add(input.phone);
    }
    this.accepted.set(input.clientId, input);
    return { ...base, outcome: 'ACCEPTED' };
  }

  private attendance(eventId: string) {
    const counts = new Map<string, number>();
    for (const input of this.accepted.values()) {
      if (input.eventId === eventId) counts.set(input.targetGroup, (counts.get(input.targetGroup) ?? 0) + (input.count ?? 1));
    }
    return { total: this.total(eventId), byTargetGroup: [...counts].map(([targetGroup, count]) => ({ targetGroup, count })) };
  }
}

function error(code: string, message: string, path: string[]) {
  return { message, path, extensions: { code } };
}
