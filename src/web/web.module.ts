import { Module } from '@nestjs/common';
import { CheckInPageController } from './checkin.controller';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController, CheckInPageController] })
export class WebModule {}
