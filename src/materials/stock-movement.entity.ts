import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from 'src/auth/user.entity';
import { EventEntity } from 'src/events/event.entity';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { MaterialEntity } from './material.entity';

/** What a movement did. The quantity is always positive; the kind says which way the stock went. */
export enum MovementKind {
  /** New copies arrived at the unit (from the printer, or found at a stocktake). */
  RECEIVE = 'RECEIVE',
  /** Left the unit for another unit; paired with a TRANSFER_IN there. */
  TRANSFER_OUT = 'TRANSFER_OUT',
  TRANSFER_IN = 'TRANSFER_IN',
  /** Taken from the event's unit to the event. */
  ISSUE_TO_EVENT = 'ISSUE_TO_EVENT',
  /** Not handed out at the event, back on the event unit's shelf. */
  RETURN_FROM_EVENT = 'RETURN_FROM_EVENT',
  /** Handed out at the event: out of stock already when issued, so the unit's level does not change. */
  DISTRIBUTE = 'DISTRIBUTE',
  /** Damaged, outdated or lost copies taken off the unit's stock. */
  WRITE_OFF = 'WRITE_OFF',
}

/**
 * The sign each kind applies to the quantity for the unit's on-hand level.
 * SUM(quantity × effect) over a unit's movements of a material is its StockLevel.
 */
export const STOCK_EFFECT: Record<MovementKind, 1 | 0 | -1> = {
  [MovementKind.RECEIVE]: 1,
  [MovementKind.TRANSFER_IN]: 1,
  [MovementKind.RETURN_FROM_EVENT]: 1,
  [MovementKind.TRANSFER_OUT]: -1,
  [MovementKind.ISSUE_TO_EVENT]: -1,
  [MovementKind.WRITE_OFF]: -1,
  [MovementKind.DISTRIBUTE]: 0,
};

/**
 * One line of the append-only stock ledger. Rows are only ever inserted: a
 * mistake is corrected by a new movement (a WRITE_OFF, a RECEIVE with a note, a
 * RETURN_FROM_EVENT), never by changing or deleting an old one. `quantity` is
 * always positive; STOCK_EFFECT gives its sign for the unit's level.
 * `material`, `orgUnit`, `event`, `counterpartOrgUnit` and `createdBy` are
 * resolved in StockMovementResolver.
 */
@ObjectType('StockMovement')
@Entity('stock_movement')
@Index('IDX_stock_movement_unit_material', ['orgUnitId', 'materialId', 'createdAt'])
@Index('IDX_stock_movement_event', ['eventId', 'kind', 'materialId'])
@Index('IDX_stock_movement_material', ['materialId', 'createdAt'])
@Index('IDX_stock_movement_created', ['createdAt', 'id'])
export class StockMovementEntity {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'material_id', type: 'varchar', length: 36 })
  materialId: string;

  @ManyToOne(() => MaterialEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'material_id' })
  material?: MaterialEntity;

  /** The unit whose stock this line concerns (for event movements: the event's unit). */
  @Column({ name: 'org_unit_id', type: 'varchar', length: 36 })
  orgUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnitEntity;

  /** One of MovementKind; a String in the API, as the contract names it. */
  @Field(() => String)
  @Column({ type: 'varchar', length: 24 })
  kind: MovementKind;

  /** Copies moved, always positive; the kind gives the direction. */
  @Field(() => Int)
  @Column({ type: 'int' })
  quantity: number;

  /** Set on ISSUE_TO_EVENT, RETURN_FROM_EVENT and DISTRIBUTE. */
  @Column({ name: 'event_id', type: 'varchar', length: 36, nullable: true })
  eventId: string | null;

  @ManyToOne(() => EventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  /** For TRANSFER_OUT the receiving unit, for TRANSFER_IN the sending unit. */
  @Column({ name: 'counterpart_org_unit_id', type: 'varchar', length: 36, nullable: true })
  counterpartOrgUnitId: string | null;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'counterpart_org_unit_id' })
  counterpartOrgUnit?: OrgUnitEntity;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Field(() => GraphQLISODateTime)
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;
}
