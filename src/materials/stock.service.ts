import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { AuditChanges, AuditLog } from 'src/audit/audit-log';
import { Clock } from 'src/common/clock';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from 'src/common/errors';
import { ConnectionShape, paginate } from 'src/common/pagination';
import { loader, Principal, RequestContext, Role } from 'src/common/request-context';
import { lockingTransaction } from 'src/database/locking';
import { EventStatus } from 'src/events/event.enums';
import { EventEntity } from 'src/events/event.entity';
import { EventRepository } from 'src/events/event.repository';
import { EventService } from 'src/events/event.service';
import { AccessPolicy, Capability } from 'src/org/access-policy';
import { OrgRepository } from 'src/org/org.repository';
import { IssueToEventInput } from './dto/issue-to-event.input';
import { ReceiveStockInput } from './dto/receive-stock.input';
import { RecordDistributionInput } from './dto/record-distribution.input';
import { StockArgs } from './dto/stock.args';
import { StockMovementsArgs } from './dto/stock-movements.args';
import { TransferStockInput } from './dto/transfer-stock.input';
import { WriteOffStockInput } from './dto/write-off-stock.input';
import { MaterialService } from './material.service';
import { StockLevelEntity } from './stock-level.entity';
import { levelKey, Posting, StockLedger } from './stock-ledger';
import { MovementKind, StockMovementEntity } from './stock-movement.entity';
import { MovementQuery, StockRepository } from './stock.repository';

/**
 * Stock rules: who may move stock where, and what an event may receive and
 * report. Every change goes through StockLedger, which keeps levels at zero or
 * above under row locks and records low-stock notices.
 */
@Injectable()
export class StockService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stock: StockRepository,
    private readonly ledger: StockLedger,
    private readonly materials: MaterialService,
    private readonly orgs: OrgRepository,
    private readonly events: EventRepository,
    private readonly eventService: EventService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** Copies arrive at a unit where the caller manages stock: a print run, or an upward stocktake correction (say so in the note). */
  async receive(ctx: RequestContext, input: ReceiveStockInput): Promise<StockLevelEntity> {
    const principal = await this.assertManagesStock(ctx, input.orgUnitId, 'input.orgUnitId');
    const material = await this.materials.requireForInput(input.materialId, 'input.materialId');
    const now = this.clock.now();
    const posting: Posting = { kind: MovementKind.RECEIVE, orgUnitId: input.orgUnitId, materialId: material.id, quantity: input.quantity, note: cleanNote(input.note), createdAt: now, createdById: principal.userId };
    return lockingTransaction(this.dataSource, async (manager) => {
      const [level] = await this.ledger.record(manager, [posting], [material], now);
      await this.recordAudit(manager, ctx, 'stock.receive', level, { quantity: [null, input.quantity], onHand: [level.onHand - input.quantity, level.onHand], note: [null, posting.note] });
      return level;
    });
  }

  /**
   * Moves copies between two different units that both lie in the caller's
   * subtree (down to a unit below, or across between units below): never to
   * itself, never above the caller's own unit or into another branch. The
   * sending unit must hold enough (CONFLICT INSUFFICIENT_STOCK). Returns the
   * sending unit's level, then the receiving unit's.
   */
  async transfer(ctx: RequestContext, input: TransferStockInput): Promise<StockLevelEntity[]> {
    if (input.fromOrgUnitId === input.toOrgUnitId) {
      throw new BadInputError('A transfer moves stock between two different units; toOrgUnitId is the sending unit itself.', ['input.toOrgUnitId']);
    }
    const principal = await this.assertManagesStock(ctx, input.fromOrgUnitId, 'input.fromOrgUnitId');
    await this.assertManagesStock(ctx, input.toOrgUnitId, 'input.toOrgUnitId');
    const material = await this.materials.requireForInput(input.materialId, 'input.materialId');
    const now = this.clock.now();
    const common = { materialId: material.id, quantity: input.quantity, note: cleanNote(input.note), createdAt: now, createdById: principal.userId };
    const postings: Posting[] = [
      { ...common, kind: MovementKind.TRANSFER_OUT, orgUnitId: input.fromOrgUnitId, counterpartOrgUnitId: input.toOrgUnitId },
      { ...common, kind: MovementKind.TRANSFER_IN, orgUnitId: input.toOrgUnitId, counterpartOrgUnitId: input.fromOrgUnitId },
    ];
    return lockingTransaction(this.dataSource, async (manager) => {
      const levels = await this.ledger.record(manager, postings, [material], now);
      const [from, to] = levels;
      await this.recordAudit(manager, ctx, 'stock.transfer', from, {
        quantity: [null, input.quantity],
        toOrgUnitId: [null, to.orgUnitId],
        onHand: [from.onHand + input.quantity, from.onHand],
        toOnHand: [to.onHand - input.quantity, to.onHand],
        note: [null, common.note],
      });
      return levels;
    });
  }

  /** Takes damaged, outdated or missing copies off a unit's stock, with the reason in the note; never below zero. */
  async writeOff(ctx: RequestContext, input: WriteOffStockInput): Promise<StockLevelEntity> {
    const note = cleanNote(input.note);
    if (!note) throw new BadInputError('note must say why the copies are written off.', ['input.note']);
    const principal = await this.assertManagesStock(ctx, input.orgUnitId, 'input.orgUnitId');
    const material = await this.materials.requireForInput(input.materialId, 'input.materialId');
    const now = this.clock.now();
    const posting: Posting = { kind: MovementKind.WRITE_OFF, orgUnitId: input.orgUnitId, materialId: material.id, quantity: input.quantity, note, createdAt: now, createdById: principal.userId };
    return lockingTransaction(this.dataSource, async (manager) => {
      const [level] = await this.ledger.record(manager, [posting], [material], now);
      await this.recordAudit(manager, ctx, 'stock.write_off', level, { quantity: [null, input.quantity], onHand: [level.onHand + input.quantity, level.onHand], note: [null, note] });
      return level;
    });
  }

  /**
   * Issues copies from the event's own org unit to a SCHEDULED or IN_PROGRESS
   * event (a DRAFT is CONFLICT EVENT_NOT_OPEN, a completed or cancelled one
   * EVENT_CLOSED); the unit must hold enough. Returns the unit's level after.
   */
  async issueToEvent(ctx: RequestContext, input: IssueToEventInput): Promise<StockLevelEntity> {
    const { event, principal } = await this.requireEventForStock(ctx, input.eventId);
    if (event.status === EventStatus.DRAFT) throw new ConflictError('EVENT_NOT_OPEN', 'This event is still a draft; schedule it before issuing materials to it.');
    if (event.status === EventStatus.COMPLETED || event.status === EventStatus.CANCELLED) {
      throw new ConflictError('EVENT_CLOSED', `This event is ${event.status}; no more materials can be issued to it.`);
    }
    const material = await this.materials.requireForInput(input.materialId, 'input.materialId');
    const now = this.clock.now();
    const posting: Posting = {
      kind: MovementKind.ISSUE_TO_EVENT,
      orgUnitId: event.orgUnitId,
      materialId: material.id,
      eventId: event.id,
      quantity: input.quantity,
      note: cleanNote(input.note),
      createdAt: now,
      createdById: principal.userId,
    };
    return lockingTransaction(this.dataSource, async (manager) => {
      const [level] = await this.ledger.record(manager, [posting], [material], now);
      await this.recordAudit(manager, ctx, 'stock.issue', level, { eventId: [null, event.id], quantity: [null, input.quantity], onHand: [level.onHand + input.quantity, level.onHand], note: [null, posting.note] });
      return level;
    });
  }

  /**
   * Records what became of copies issued to an event: `distributed` handed out
   * (SCHEDULED, IN_PROGRESS or COMPLETED events), `returned` back on the event
   * unit's shelf (also from a CANCELLED event). Together they never exceed what
   * was issued and is still outstanding (CONFLICT EXCEEDS_ISSUED). Returns the
   * event unit's level after.
   */
  async recordDistribution(ctx: RequestContext, input: RecordDistributionInput): Promise<StockLevelEntity> {
    if (input.distributed + input.returned === 0) {
      throw new BadInputError('Report at least one copy distributed or returned.', ['input.distributed', 'input.returned']);
    }
    const { event, principal } = await this.requireEventForStock(ctx, input.eventId);
    if (event.status === EventStatus.DRAFT) throw new ConflictError('EVENT_NOT_OPEN', 'This event is still a draft; nothing can have been issued to it or handed out there.');
    if (event.status === EventStatus.CANCELLED && input.distributed > 0) {
      throw new ConflictError('EVENT_CLOSED', 'This event was cancelled, so nothing was handed out there; record only the copies returned.');
    }
    const material = await this.materials.requireForInput(input.materialId, 'input.materialId');
    const now = this.clock.now();
    const common = { orgUnitId: event.orgUnitId, materialId: material.id, eventId: event.id, note: cleanNote(input.note), createdAt: now, createdById: principal.userId };
    const postings: Posting[] = [];
    if (input.distributed > 0) postings.push({ ...common, kind: MovementKind.DISTRIBUTE, quantity: input.distributed });
    if (input.returned > 0) postings.push({ ...common, kind: MovementKind.RETURN_FROM_EVENT, quantity: input.returned });
    const key = { orgUnitId: event.orgUnitId, materialId: material.id };

    return lockingTransaction(this.dataSource, async (manager) => {
      // Every movement of this event's copies locks this level row first, so the balance below cannot change until commit.
      const locked = await this.ledger.lock(manager, [key], now, input.returned > 0 ? [key] : []);
      const balance = await this.stock.eventBalance(manager, event.id, material.id);
      const outstanding = balance.issued - balance.distributed - balance.returned;
      const reported = input.distributed + input.returned;
      if (reported > outstanding) {
        throw new ConflictError(
          'EXCEEDS_ISSUED',
          balance.issued === 0
            ? `No copies of ${material.code} were issued to this event, so none can be distributed or returned.`
            : `Only ${outstanding} of the ${balance.issued} copies of ${material.code} issued to this event are outstanding (${balance.distributed} distributed, ${balance.returned} returned so far); ${reported} were reported.`,
        );
      }
      const [touched] = await this.ledger.post(manager, locked, postings, [material]);
      const level = touched ?? (locked.get(levelKey(key)) as StockLevelEntity);
      await this.recordAudit(manager, ctx, 'stock.distribution', level, {
        eventId: [null, event.id],
        distributed: [null, input.distributed],
        returned: [null, input.returned],
        onHand: [level.onHand - input.returned, level.onHand],
        note: [null, common.note],
      });
      return level;
    });
  }

  /**
   * Levels of a unit the caller may read, or of every unit in its subtree with
   * `includeDescendants` (one entry per unit and material, by unit code then
   * material code). A volunteer reads its own unit only.
   */
  async levels(ctx: RequestContext, args: StockArgs): Promise<StockLevelEntity[]> {
    const principal = this.access.principal(ctx);
    await this.access.assertCan(ctx, Capability.READ, args.orgUnitId);
    if (!(await this.orgs.findById(args.orgUnitId))) throw new NotFoundError('Org unit', args.orgUnitId);
    return this.stock.levels(args.orgUnitId, args.includeDescendants && principal.role !== Role.VOLUNTEER);
  }

  /**
   * The ledger, oldest first (by time, then id), within what the caller may
   * read: `orgUnitId` covers that unit's subtree (a volunteer: its own unit),
   * `eventId` an event the caller may read; without either, the caller's part
   * of the bank. A check-in link session sees its one event's movements.
   */
  async movements(ctx: RequestContext, args: StockMovementsArgs): Promise<ConnectionShape<StockMovementEntity>> {
    const principal = this.access.principal(ctx);
    const filter = args.filter ?? {};
    const query: MovementQuery = {};
    if (filter.materialId) query.materialId = (await this.materials.requireForInput(filter.materialId, 'filter.materialId')).id;
    if (filter.eventId) {
      query.eventId = (await this.eventService.requireReadable(ctx, filter.eventId)).id;
    } else if (principal.eventId) {
      query.eventId = principal.eventId;
    }
    if (filter.orgUnitId) {
      await this.access.assertCan(ctx, Capability.READ, filter.orgUnitId);
      if (principal.role === Role.VOLUNTEER) query.orgUnitId = filter.orgUnitId;
      else query.subtreeOf = filter.orgUnitId;
    } else if (!query.eventId) {
      if (principal.role === Role.VOLUNTEER) query.orgUnitId = principal.orgUnitId;
      else query.subtreeOf = this.access.readScopeRoot(ctx) ?? undefined;
    }
    return paginate(this.stock.movementQuery(query), args, [
      { column: 'm.created_at', value: (m) => m.createdAt.toISOString(), parse: (raw) => new Date(String(raw)) },
      { column: 'm.id', value: (m) => m.id },
    ]);
  }

  /**
   * Batched `Event.leafletsDistributed`: every copy recorded as DISTRIBUTE at the
   * event, of every material (leaflets, booklets, posters, large-print and
   * braille editions alike); the caller already sees the event.
   */
  loadDistributed(ctx: RequestContext, eventId: string): Promise<number> {
    return loader(ctx, 'materials.distributedByEvent', () =>
      new DataLoader<string, number>(async (ids) => {
        const totals = new Map((await this.stock.distributedByEvent(ids)).map((r) => [r.eventId, r.distributed]));
        return ids.map((id) => totals.get(id) ?? 0);
      }),
    ).load(eventId);
  }

  /** FORBIDDEN unless the caller manages stock at the unit (naming the field); BAD_USER_INPUT if an ADMIN names a unit that does not exist. */
  private async assertManagesStock(ctx: RequestContext, orgUnitId: string, field: string): Promise<Principal> {
    const principal = this.access.principal(ctx);
    if (!(await this.access.can(ctx, Capability.MANAGE_STOCK, orgUnitId))) {
      throw new ForbiddenError(`${field}: your role does not manage stock there, or that org unit is outside your part of the bank.`);
    }
    if (!(await this.orgs.findById(orgUnitId))) throw new BadInputError(`Unknown org unit ${orgUnitId}.`, [field]);
    return principal;
  }

  /** The event named by `input.eventId` (BAD_USER_INPUT if none), where the caller manages stock at the event's unit. */
  private async requireEventForStock(ctx: RequestContext, eventId: string): Promise<{ event: EventEntity; principal: Principal }> {
    const principal = this.access.principal(ctx);
    const event = await this.events.findById(eventId);
    const refusal = new ForbiddenError('input.eventId: stock for this event comes from its org unit, where your role does not manage stock or which is outside your part of the bank.');
    if (!event) throw this.access.unknownIdError(ctx, new BadInputError(`Unknown event ${eventId}.`, ['input.eventId']), refusal);
    if (!(await this.access.can(ctx, Capability.MANAGE_STOCK, event.orgUnitId))) throw refusal;
    return { event, principal };
  }

  /** One audit entry for a stock change at `level`'s unit, in the change's transaction. */
  private recordAudit(manager: EntityManager, ctx: RequestContext, action: string, level: StockLevelEntity, changes: AuditChanges): Promise<void> {
    return this.audit.record(manager, ctx, { action, entityType: 'stock', entityId: level.materialId, orgUnitId: level.orgUnitId, changes });
  }
}

function cleanNote(note: string | null | undefined): string | null {
  return note?.trim() || null;
}
