import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from 'src/auth/auth.module';
import { CampaignsModule } from 'src/campaigns/campaigns.module';
import { EmailModule } from 'src/notifications/email.module';
import { OrgModule } from 'src/org/org.module';
import { AssignmentResolver } from './assignment.resolver';
import { AssignmentService } from './assignment.service';
import { CheckInLinkResolver } from './check-in-link.resolver';
import { CheckInLinkService } from './check-in-link.service';
import { CheckInLinkSigner } from './check-in-link.signer';
import { EventAssignmentEntity } from './event-assignment.entity';
import { EventMailService } from './event-mail.service';
import { EventLifecycleResolver } from './event-lifecycle.resolver';
import { EventLifecycleService } from './event-lifecycle.service';
import { EventEntity, EventTargetGroupEntity } from './event.entity';
import { EventRepository } from './event.repository';
import { EventResolver } from './event.resolver';
import { EventService } from './event.service';

@Module({
  imports: [TypeOrmModule.forFeature([EventEntity, EventTargetGroupEntity, EventAssignmentEntity]), OrgModule, AuthModule, CampaignsModule, EmailModule],
  providers: [
    EventRepository,
    EventService,
    EventLifecycleService,
    EventMailService,
    AssignmentService,
    CheckInLinkSigner,
    CheckInLinkService,
    EventResolver,
    EventLifecycleResolver,
    AssignmentResolver,
    CheckInLinkResolver,
  ],
  exports: [EventService, EventRepository, EventMailService],
})
export class EventsModule {}
