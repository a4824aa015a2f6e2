import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import * as QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { AuditLog } from 'src/audit/audit-log';
import { AuthService } from 'src/auth/auth.service';
import { AuthPayload } from 'src/auth/dto/auth-payload.model';
import { UserEntity } from 'src/auth/user.entity';
import { Clock } from 'src/common/clock';
import { ConflictError, NotFoundError, UnauthenticatedError } from 'src/common/errors';
import { RequestContext, Role } from 'src/common/request-context';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { CheckInLinkSigner } from './check-in-link.signer';
import { CheckInLink } from './dto/check-in-link.model';
import { EventAssignmentEntity } from './event-assignment.entity';
import { EventRole, EventStatus } from './event.enums';
import { EventEntity } from './event.entity';
import { EventRepository } from './event.repository';
import { EventService } from './event.service';

/** A link works until the event's end plus this long, like the check-in window. */
export const LINK_GRACE_MS = 2 * 3600_000;
/** At most this many volunteers may join one event by link, so a leaked link cannot mint accounts without end. */
export const MAX_LINK_JOINS_PER_EVENT = 200;
/**
 * Volunteers who join by link have no email of their own. Their account gets a
 * unique placeholder under the reserved `.invalid` top-level domain (RFC 2606),
 * which can never receive mail; they have no password, so it never logs in.
 */
export const LINK_VOLUNTEER_EMAIL_DOMAIN = 'volunteers.invalid';

export function isLinkVolunteerEmail(email: string): boolean {
  return email.endsWith(`@${LINK_VOLUNTEER_EMAIL_DOMAIN}`);
}

@Injectable()
export class CheckInLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventService,
    private readonly repository: EventRepository,
    private readonly signer: CheckInLinkSigner,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /**
   * A signed link (and its QR code) for volunteers to join an event the caller
   * manages, valid until the event's end + 2h; none for a cancelled event or
   * once that time has passed.
   */
  async create(ctx: RequestContext, eventId: string): Promise<CheckInLink> {
    const event = await this.events.requireManageable(ctx, eventId);
    if (event.status === EventStatus.CANCELLED) throw new ConflictError('EVENT_CLOSED', 'This event was cancelled; it takes no check-in links.');
    const expiry = linkExpiry(event);
    if (expiry.getTime() <= this.clock.now().getTime()) {
      throw new ConflictError('EVENT_CLOSED', `The check-in window of this event closed at ${expiry.toISOString()}.`);
    }
    const { token, expiresAt } = this.signer.sign(event.id, expiry);
    // A link writes nothing else, yet it admits volunteers: who made one, and when, is on record.
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, ctx, { action: 'event.create_link', entityType: 'event', entityId: event.id, orgUnitId: event.orgUnitId, changes: { linkExpiresAt: [null, expiresAt] } }),
    );
    const url = `${this.config.publicUrl}/checkin/join/${token}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { url, token, qrSvg, expiresAt };
  }

  /**
   * Exchanges a link for a VOLUNTEER session limited to the link's event until
   * the link expires. The volunteer gets an account in the event's org unit and
   * is recorded as having joined the event. A forged or expired link is
   * UNAUTHENTICATED; a cancelled event's links no longer work.
   */
  async join(ctx: RequestContext, token: string, name: string): Promise<AuthPayload> {
    const claims = this.signer.verify(token.trim());
    if (!claims) throw new UnauthenticatedError('This check-in link is not valid; ask the event staff for a new one.');
    const now = this.clock.now();
    const event = await this.repository.findById(claims.eventId);
    if (!event) throw new NotFoundError('Event', claims.eventId);
    // The event may have been moved earlier since the link was made: the sooner expiry wins.
    const expiresAt = new Date(Math.min(claims.expiresAt.getTime(), linkExpiry(event).getTime()));
    if (now.getTime() >= expiresAt.getTime()) throw new UnauthenticatedError(`This check-in link expired at ${expiresAt.toISOString()}.`);
    if (event.status === EventStatus.CANCELLED) throw new ConflictError('EVENT_CLOSED', 'This event was cancelled; its check-in links no longer work.');
    if ((await this.repository.countJoinedByLink(event.id)) >= MAX_LINK_JOINS_PER_EVENT) {
      throw new ConflictError('LIMIT_REACHED', `${MAX_LINK_JOINS_PER_EVENT} volunteers have already joined this event by link; ask the event staff to add you.`);
    }

    const id = randomUUID();
    const user = Object.assign(new UserEntity(), {
      id,
      email: `join+${id}@${LINK_VOLUNTEER_EMAIL_DOMAIN}`,
      name: name.trim() || 'Volunteer',
      passwordHash: null,
      role: Role.VOLUNTEER,
      orgUnitId: event.orgUnitId,
      locale: 'zh-CN',
      createdAt: now,
    });
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(UserEntity, user);
      await manager.insert(EventAssignmentEntity, {
        eventId: event.id,
        userId: user.id,
        role: EventRole.VOLUNTEER,
        joinedByLink: true,
        assignedById: null,
        assignedAt: now,
      });
      await this.audit.record(manager, ctx, {
        action: 'event.join',
        entityType: 'event',
        entityId: event.id,
        orgUnitId: event.orgUnitId,
        changes: { userId: [null, user.id], name: [null, user.name], role: [null, EventRole.VOLUNTEER] },
        actor: { userId: user.id, role: Role.VOLUNTEER },
      });
    });
    return this.auth.session(user, { eventId: event.id, expiresAt });
  }
}

function linkExpiry(event: EventEntity): Date {
  return new Date(event.endsAt.getTime() + LINK_GRACE_MS);
}
