import { Field, ObjectType } from '@nestjs/graphql';
import { Connection } from 'src/common/pagination';
import { AuditEntryEntity } from '../audit-entry.entity';

/** One field of a recorded change. Values are JSON text (`"SCHEDULED"`, `42`, `["ELDERLY"]`); null when there was none. */
@ObjectType()
export class AuditChange {
  @Field()
  field: string;

  @Field(() => String, { nullable: true })
  before: string | null;

  @Field(() => String, { nullable: true })
  after: string | null;
}

export const AuditEntryConnection = Connection(AuditEntryEntity, 'AuditEntry');
