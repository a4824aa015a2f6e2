import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Role } from 'src/common/request-context';
import { OrgUnitEntity } from 'src/org/org-unit.entity';

registerEnumType(Role, { name: 'Role' });

/** A person who logs in. `orgUnit` is resolved in UserResolver. */
@ObjectType('User')
@Entity('app_user')
export class UserEntity {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Stored lower-cased, so look-ups and the unique key ignore case. */
  @Field()
  @Index('UQ_app_user_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Field(() => Role)
  @Column({ type: 'varchar', length: 24 })
  role: Role;

  @Index('IDX_app_user_org_unit')
  @Column({ name: 'org_unit_id', type: 'varchar', length: 36 })
  orgUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnitEntity;

  @Field()
  @Column({ type: 'varchar', length: 10, default: 'zh-CN' })
  locale: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/**
 * One row per failed login. Counting recent rows in the database (not in memory)
 * makes the throttle hold across every instance of the service.
 */
@Entity('login_failure')
@Index('IDX_login_failure_account', ['accountKey', 'createdAt'])
@Index('IDX_login_failure_ip', ['clientIp', 'createdAt'])
export class LoginFailureEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'account_key', type: 'varchar', length: 254 })
  accountKey: string;

  @Column({ name: 'client_ip', type: 'varchar', length: 64 })
  clientIp: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
