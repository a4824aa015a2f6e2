import { ArgsType, Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { PageArgs } from 'src/common/pagination';

const DATE_TIME = 'an ISO 8601 date-time such as 2026-03-15T09:30:00+08:00';

@InputType()
export class AuditLogFilter {
  /** `org_unit`, `user`, `event`, `campaign`, `material` or `stock`. */
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 24)
  entityType?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  entityId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  actorId?: string;

  /** Changes in this unit and the units below it. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  orgUnitId?: string;

  /** One action, e.g. `event.schedule`. */
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 48)
  action?: string;

  /** Changes at or after this instant. */
  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate({ message: `from must be ${DATE_TIME}` })
  from?: Date;

  /** Changes before this instant. */
  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate({ message: `to must be ${DATE_TIME}` })
  to?: Date;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter;
}
