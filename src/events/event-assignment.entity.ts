import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from 'src/auth/user.entity';
import { EventRole } from './event.enums';
import { EventEntity } from './event.entity';

/**
 * A person working at an event. A volunteer who joins through a check-in link is
 * recorded here too (role VOLUNTEER, `joinedByLink`): the contract treats
 * "assigned or joined" alike for reading the event and checking people in, and
 * reach counts both in staffParticipations, so one table answers all three with
 * one look-up. `user` is resolved in AssignmentResolver.
 */
@ObjectType('EventAssignment')
@Entity('event_assignment')
@Index('IDX_event_assignment_user', ['userId', 'eventId'])
export class EventAssignmentEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Field(() => EventRole)
  @Column({ type: 'varchar', length: 16 })
  role: EventRole;

  @Column({ name: 'joined_by_link', type: 'boolean', default: false })
  joinedByLink: boolean;

  /** Who assigned the person; null when they joined by link. */
  @Column({ name: 'assigned_by_id', type: 'varchar', length: 36, nullable: true })
  assignedById: string | null;

  @Column({ name: 'assigned_at', type: 'datetime', precision: 3 })
  assignedAt: Date;
}
