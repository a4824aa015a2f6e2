import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from 'src/audit/audit-log';
import { UserService } from 'src/auth/user.service';
import { Clock } from 'src/common/clock';
import { BadInputError, ForbiddenError, NotFoundError } from 'src/common/errors';
import { RequestContext } from 'src/common/request-context';
import { lockingTransaction } from 'src/database/locking';
import { AccessPolicy, Capability } from 'src/org/access-policy';
import { OrgRepository } from 'src/org/org.repository';
import { EventAssignmentEntity } from './event-assignment.entity';
import { EventMailService } from './event-mail.service';
import { EventRole, EventStatus } from './event.enums';
import { EventEntity } from './event.entity';
import { EventRepository } from './event.repository';
import { assertOpen, EventService, scheduleConflict } from './event.service';

/** Who works at an event: leads, staff and volunteers. */
@Injectable()
export class AssignmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly repository: EventRepository,
    private readonly users: UserService,
    private readonly orgs: OrgRepository,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly mail: EventMailService,
  ) {}

  /**
   * Assigns a user of the event's subtree to an open event (assigning again
   * changes the role). The user's other events that are not cancelled must not
   * overlap it: CONFLICT SCHEDULE_CONFLICT. Safe under concurrency: the event
   * row and then the user row are locked before the overlap is checked, so two
   * requests booking the same person wait for each other. A newcomer to a
   * SCHEDULED or IN_PROGRESS event gets its invitation (event-scheduled).
   */
  async assign(ctx: RequestContext, eventId: string, userId: string, role: EventRole): Promise<EventEntity> {
    const principal = this.access.principal(ctx);
    return lockingTransaction(this.dataSource, async (manager) => {
      const event = await this.repository.lockById(manager, eventId);
      if (!event) throw this.events.unknownEvent(ctx, eventId);
      await this.events.assertCanManage(ctx, event);
      assertOpen(event, 'change the staff of');
      const user = await this.users.findById(userId);
      // Someone the caller cannot see at all is not confirmed to exist, nor is an unknown id.
      const hidden = new ForbiddenError('This user is outside your part of the bank.');
      if (!user) throw this.access.unknownIdError(ctx, new NotFoundError('User', userId), hidden);
      if (!(await this.orgs.isWithin(event.orgUnitId, user.orgUnitId))) {
        if (!(await this.access.can(ctx, Capability.READ, user.orgUnitId))) throw hidden;
        throw new BadInputError(`${user.name} does not belong to the event's org unit or a unit below it.`, ['userId']);
      }
      await this.repository.lockUsers(manager, [user.id]);
      const clash = await this.repository.findOverlapping(manager, user.id, event.startsAt, event.endsAt, event.id);
      if (clash) throw scheduleConflict(clash, user.name);

      const existing = await this.repository.findAssignment(event.id, user.id, manager);
      await this.audit.record(manager, ctx, { action: 'event.assign', entityType: 'event', entityId: event.id, orgUnitId: event.orgUnitId, changes: { userId: [null, user.id], role: [existing?.role ?? null, role] } });
      if (existing) {
        await manager.update(EventAssignmentEntity, { eventId: event.id, userId: user.id }, { role });
      } else {
        await manager.insert(EventAssignmentEntity, {
          eventId: event.id,
          userId: user.id,
          role,
          joinedByLink: false,
          assignedById: principal.userId,
          assignedAt: this.clock.now(),
        });
        // Someone added to an announced event gets the invitation the others got.
        if (event.status === EventStatus.SCHEDULED || event.status === EventStatus.IN_PROGRESS) await this.mail.invite(manager, event, { userIds: [user.id] });
      }
      return event;
    });
  }

  /** Removes a person from an open event; NOT_FOUND when they were not on it. */
  async unassign(ctx: RequestContext, eventId: string, userId: string): Promise<EventEntity> {
    return lockingTransaction(this.dataSource, async (manager) => {
      const event = await this.repository.lockById(manager, eventId);
      if (!event) throw this.events.unknownEvent(ctx, eventId);
      await this.events.assertCanManage(ctx, event);
      assertOpen(event, 'change the staff of');
      const existing = await this.repository.findAssignment(eventId, userId, manager);
      const result = await manager.delete(EventAssignmentEntity, { eventId, userId });
      if (!result.affected) throw new NotFoundError(`Assignment of user ${userId} to this event`);
      await this.audit.record(manager, ctx, { action: 'event.unassign', entityType: 'event', entityId: eventId, orgUnitId: event.orgUnitId, changes: { userId: [userId, null], role: [existing?.role ?? null, null] } });
      return event;
    });
  }
}
