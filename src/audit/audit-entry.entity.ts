import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from 'src/common/request-context';

/**
 * One recorded change: who made it (user and role at the time), when, from which
 * client address, and what (an action on one entity, with the fields it changed).
 * Written in the same transaction as the change, so both commit or neither does;
 * rows are only ever inserted. No foreign keys: an entry names what it is about
 * without locking those rows, and outlives them. `changes`, `actor` and `orgUnit`
 * are resolved in AuditResolver, UserResolver and OrgUnitResolver.
 */
@ObjectType('AuditEntry')
@Entity('audit_log')
@Index('IDX_audit_log_occurred', ['occurredAt'])
@Index('IDX_audit_log_entity', ['entityType', 'entityId', 'occurredAt'])
@Index('IDX_audit_log_actor', ['actorId', 'occurredAt'])
@Index('IDX_audit_log_org_unit', ['orgUnitId', 'occurredAt'])
@Index('IDX_audit_log_action', ['action', 'occurredAt'])
export class AuditEntryEntity {
  /** Auto-increment, so entries of the same millisecond keep their order of arrival (INT: SQLite auto-increments only an INTEGER key). */
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'int' })
  id: string;

  /** From the injectable Clock. */
  @Field(() => GraphQLISODateTime)
  @Column({ name: 'occurred_at', type: 'datetime', precision: 3 })
  occurredAt: Date;

  /** Null for a change made without a signed-in user (a command-line tool, the first start). */
  @Field(() => ID, { nullable: true })
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  /** The actor's role when the change was made (roles can change later). */
  @Field(() => Role, { nullable: true })
  @Column({ name: 'actor_role', type: 'varchar', length: 24, nullable: true })
  actorRole: Role | null;

  /** The client's address as the service saw it (honours TRUST_PROXY), or `cli` / `startup`. */
  @Field()
  @Column({ name: 'client_address', type: 'varchar', length: 64 })
  clientAddress: string;

  /** `<entityType>.<verb>`, e.g. `event.schedule`, `stock.transfer`. */
  @Field()
  @Column({ type: 'varchar', length: 48 })
  action: string;

  /** `org_unit`, `user`, `event`, `campaign`, `material` or `stock` (whose entityId is the material's). */
  @Field()
  @Column({ name: 'entity_type', type: 'varchar', length: 24 })
  entityType: string;

  @Field(() => ID)
  @Column({ name: 'entity_id', type: 'varchar', length: 36 })
  entityId: string;

  /** The org unit the change belongs to, for filtering by part of the bank. */
  @Field(() => ID, { nullable: true })
  @Column({ name: 'org_unit_id', type: 'varchar', length: 36, nullable: true })
  orgUnitId: string | null;

  /** JSON object: field name to [before, after]. Never passwords, hashes or phone numbers. */
  @Column({ name: 'changes', type: 'text' })
  changesJson: string;
}
