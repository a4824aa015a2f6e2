import { Module } from '@nestjs/common';
import { CheckInPageController } from './checkin.controller';
import { DashboardPageController } from './dashboard.controller';
import { FeedbackPageController } from './feedback.controller';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController, CheckInPageController, DashboardPageController, FeedbackPageController] })
export class WebModule {}
