import { Module } from '@nestjs/common';
import { CheckInPageController } from './checkin.controller';
import { DashboardPageController } from './dashboard.controller';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController, CheckInPageController, DashboardPageController] })
export class WebModule {}
