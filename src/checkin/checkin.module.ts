import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from 'src/auth/auth.module';
import { EventsModule } from 'src/events/events.module';
import { OrgModule } from 'src/org/org.module';
import { CheckInRetention } from './check-in-retention';
import { CheckInEntity } from './check-in.entity';
import { CheckInWriter } from './check-in-writer';
import { CheckInRepository } from './check-in.repository';
import { CheckInResolver, CheckInResultResolver, EventAttendanceResolver } from './check-in.resolver';
import { CheckInService } from './check-in.service';

@Module({
  imports: [TypeOrmModule.forFeature([CheckInEntity]), OrgModule, AuthModule, EventsModule],
  providers: [CheckInRepository, CheckInWriter, CheckInService, CheckInResolver, CheckInResultResolver, EventAttendanceResolver, CheckInRetention],
  exports: [CheckInService, CheckInRepository],
})
export class CheckInModule {}
