import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { MaterialEntity } from './material.entity';

/**
 * How many copies of a material an org unit holds now. Kept beside the ledger:
 * every movement updates it in the same transaction, under this row's lock, so
 * it always equals the ledger's sum for the unit and never goes below zero.
 * `material` and `orgUnit` are resolved in StockLevelResolver.
 */
@ObjectType('StockLevel')
@Entity('stock_level')
@Index('IDX_stock_level_material', ['materialId', 'orgUnitId'])
export class StockLevelEntity {
  @PrimaryColumn({ name: 'org_unit_id', type: 'varchar', length: 36 })
  orgUnitId: string;

  @PrimaryColumn({ name: 'material_id', type: 'varchar', length: 36 })
  materialId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnitEntity;

  @ManyToOne(() => MaterialEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'material_id' })
  material?: MaterialEntity;

  @Field(() => Int)
  @Column({ name: 'on_hand', type: 'int' })
  onHand: number;

  /** When the last movement changed it. */
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
