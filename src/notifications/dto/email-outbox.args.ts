import { ArgsType, Field } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional } from 'class-validator';
import { Connection, PageArgs } from 'src/common/pagination';
import { EmailOutboxEntity, EmailStatus } from '../email-outbox.entity';

@ArgsType()
export class EmailOutboxArgs extends PageArgs {
  /** Only emails in these states; all when absent or empty. */
  @Field(() => [EmailStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsEnum(EmailStatus, { each: true })
  status?: EmailStatus[];
}

export const OutboxEmailConnection = Connection(EmailOutboxEntity, 'OutboxEmail');
