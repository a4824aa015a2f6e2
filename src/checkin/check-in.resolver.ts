import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { UserEntity } from 'src/auth/user.entity';
import { UserService } from 'src/auth/user.service';
import { Ctx, RequestContext } from 'src/common/request-context';
import { EventEntity } from 'src/events/event.entity';
import { CheckInEntity } from './check-in.entity';
import { CheckInService } from './check-in.service';
import { Attendance, CheckInConnection, CheckInResult } from './dto/attendance.model';
import { CheckInInput } from './dto/check-in.input';
import { CheckInsArgs } from './dto/check-ins.args';
import { SyncCheckInsArgs } from './dto/sync-check-ins.args';

@Resolver(() => CheckInEntity)
export class CheckInResolver {
  constructor(
    private readonly checkInService: CheckInService,
    private readonly users: UserService,
  ) {}

  @Mutation(() => CheckInResult)
  checkIn(@Ctx() ctx: RequestContext, @Args('input') input: CheckInInput) {
    return this.checkInService.checkIn(ctx, input);
  }

  @Mutation(() => [CheckInResult])
  syncCheckIns(@Ctx() ctx: RequestContext, @Args() args: SyncCheckInsArgs) {
    return this.checkInService.sync(ctx, args.items);
  }

  @Query(() => Attendance)
  attendance(@Ctx() ctx: RequestContext, @Args('eventId', { type: () => ID }) eventId: string) {
    return this.checkInService.attendance(ctx, eventId);
  }

  @Query(() => CheckInConnection)
  checkIns(@Ctx() ctx: RequestContext, @Args() args: CheckInsArgs) {
    return this.checkInService.list(ctx, args);
  }

  @ResolveField(() => UserEntity)
  recordedBy(@Ctx() ctx: RequestContext, @Parent() checkIn: CheckInEntity) {
    return this.users.loadById(ctx, checkIn.recordedById);
  }
}

/** A result's attendance, read (batched) only when the client selects it. */
@Resolver(() => CheckInResult)
export class CheckInResultResolver {
  constructor(private readonly checkInService: CheckInService) {}

  @ResolveField(() => Attendance, { nullable: true, description: "The event's attendance after this item; null when the caller may not see the event." })
  attendance(@Ctx() ctx: RequestContext, @Parent() result: CheckInResult) {
    return result.attendanceEventId ? this.checkInService.loadAttendance(ctx, result.attendanceEventId) : null;
  }
}

/** `Event.attendance` lives here, with the data it counts, so events/ never imports checkin/. */
@Resolver(() => EventEntity)
export class EventAttendanceResolver {
  constructor(private readonly checkIns: CheckInService) {}

  @ResolveField(() => Attendance)
  attendance(@Ctx() ctx: RequestContext, @Parent() event: EventEntity) {
    return this.checkIns.loadAttendance(ctx, event.id);
  }
}
