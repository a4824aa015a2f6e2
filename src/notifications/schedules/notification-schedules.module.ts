import { Module } from '@nestjs/common';
import { CheckInModule } from 'src/checkin/checkin.module';
import { EventsModule } from 'src/events/events.module';
import { FeedbackModule } from 'src/feedback/feedback.module';
import { MaterialsModule } from 'src/materials/materials.module';
import { ReachModule } from 'src/reach/reach.module';
import { EmailModule } from '../email.module';
import { EventReminders } from './event-reminders';
import { EventSummaries } from './event-summaries';
import { LowStockEmails } from './low-stock-emails';
import { NotificationScheduler } from './notification-scheduler';
import { NotificationSources } from './notification-sources';
import { WeeklyDigest } from './weekly-digest';

/** The scheduled emails: they read across the domains (DESIGN.md §4), so they sit above them, apart from the outbox. */
@Module({
  imports: [EmailModule, EventsModule, CheckInModule, MaterialsModule, ReachModule, FeedbackModule],
  providers: [NotificationSources, EventReminders, EventSummaries, LowStockEmails, WeeklyDigest, NotificationScheduler],
  exports: [NotificationScheduler],
})
export class NotificationSchedulesModule {}
