import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { AuditLog } from 'src/audit/audit-log';
import { Clock } from 'src/common/clock';
import { ConflictError } from 'src/common/errors';
import { RequestContext } from 'src/common/request-context';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { EventStatus } from 'src/events/event.enums';
import { EventEntity } from 'src/events/event.entity';
import { EventService } from 'src/events/event.service';
import { FeedbackLink } from './dto/feedback-link.model';
import { FeedbackLinkSigner } from './feedback-link.signer';
import { FeedbackPhase } from './feedback.enums';
import { FeedbackConflictError } from './feedback.errors';
import { FeedbackRepository } from './feedback.repository';

/** An AFTER link works until the event's end plus this long: people answer on the way home. */
export const AFTER_LINK_GRACE_MS = 24 * 3600_000;

/** When a link of this phase stops working: BEFORE at the event's end, AFTER 24 hours later. */
export function feedbackLinkExpiry(event: Pick<EventEntity, 'endsAt'>, phase: FeedbackPhase): Date {
  return new Date(event.endsAt.getTime() + (phase === FeedbackPhase.AFTER ? AFTER_LINK_GRACE_MS : 0));
}

@Injectable()
export class FeedbackLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventService,
    private readonly repository: FeedbackRepository,
    private readonly signer: FeedbackLinkSigner,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /**
   * A signed feedback link (and its QR code) for one phase of an event the
   * caller manages: none for a cancelled event or once the link would already
   * have expired (CONFLICT EVENT_CLOSED); a BEFORE link needs the event's quiz
   * (CONFLICT NO_QUIZ), since before the event there is nothing to rate.
   */
  async create(ctx: RequestContext, eventId: string, phase: FeedbackPhase): Promise<FeedbackLink> {
    const event = await this.events.requireManageable(ctx, eventId);
    if (event.status === EventStatus.CANCELLED) throw new ConflictError('EVENT_CLOSED', 'This event was cancelled; it takes no feedback.');
    const expiry = feedbackLinkExpiry(event, phase);
    if (expiry.getTime() <= this.clock.now().getTime()) {
      throw new ConflictError('EVENT_CLOSED', `${phase} feedback for this event closed at ${expiry.toISOString()}.`);
    }
    if (phase === FeedbackPhase.BEFORE && (await this.repository.quizzesOf([event.id])).length === 0) {
      throw new FeedbackConflictError('NO_QUIZ', 'This event has no quiz yet; set one (setEventQuiz) before making a BEFORE link.');
    }
    const { token, expiresAt } = this.signer.sign(event.id, phase, expiry);
    // Like a check-in link, a feedback link writes nothing else, yet it admits answers: who made one is on record.
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, ctx, {
        action: 'event.create_feedback_link',
        entityType: 'event',
        entityId: event.id,
        orgUnitId: event.orgUnitId,
        changes: { phase: [null, phase], linkExpiresAt: [null, expiresAt] },
      }),
    );
    const url = `${this.config.publicUrl}/feedback/${token}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { url, token, qrSvg, phase, expiresAt };
  }
}
