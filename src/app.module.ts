import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuditModule } from 'src/audit/audit.module';
import { AuthModule } from 'src/auth/auth.module';
import { CampaignsModule } from 'src/campaigns/campaigns.module';
import { CheckInModule } from 'src/checkin/checkin.module';
import { ClockModule } from 'src/common/clock';
import { graphqlOptions } from 'src/common/graphql/graphql-options';
import { InputValidationPipe } from 'src/common/input-validation.pipe';
import { LocalDateScalar } from 'src/common/scalars/local-date.scalar';
import { AppConfig } from 'src/config/app-config';
import { ConfigModule } from 'src/config/config.module';
import { DatabaseModule } from 'src/database/database.module';
import { EventsModule } from 'src/events/events.module';
import { FeedbackModule } from 'src/feedback/feedback.module';
import { MaterialsModule } from 'src/materials/materials.module';
import { EmailModule } from 'src/notifications/email.module';
import { NotificationSchedulesModule } from 'src/notifications/schedules/notification-schedules.module';
import { OrgModule } from 'src/org/org.module';
import { ReachModule } from 'src/reach/reach.module';
import { WebModule } from 'src/web/web.module';

@Module({})
export class AppModule {
  /** The whole service for one parsed configuration (main.ts and the tests both build it this way). */
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlOptions(config) }),
        OrgModule,
        AuthModule,
        ClockModule,
        AuditModule,
        CampaignsModule,
        EventsModule,
        CheckInModule,
        FeedbackModule,
        MaterialsModule,
        ReachModule,
        EmailModule,
        NotificationSchedulesModule,
        WebModule,
      ],
      providers: [{ provide: APP_PIPE, useClass: InputValidationPipe }, LocalDateScalar],
    };
  }
}
