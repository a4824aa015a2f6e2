import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { MaterialEntity } from './material.entity';
import { StockMovementEntity } from './stock-movement.entity';

/** PENDING until the notification capability has turned the notice into `low-stock` emails; then NOTIFIED. */
export enum LowStockNoticeStatus {
  PENDING = 'PENDING',
  NOTIFIED = 'NOTIFIED',
}

/**
 * "This unit's stock of this material just fell below the material's
 * threshold." Written by the stock ledger in the same transaction as the
 * movement that crossed the line: one row per crossing, not per movement (a
 * level already below the threshold records nothing more; going back to the
 * threshold or above re-arms it). The notifications outbox reads PENDING rows
 * (oldest first, through IDX_low_stock_notice_status) and sends the emails; this
 * domain never sends mail itself.
 */
@Entity('low_stock_notice')
@Index('IDX_low_stock_notice_status', ['status', 'createdAt'])
@Index('IDX_low_stock_notice_unit_material', ['orgUnitId', 'materialId', 'createdAt'])
export class LowStockNoticeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'org_unit_id', type: 'varchar', length: 36 })
  orgUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnitEntity;

  @Column({ name: 'material_id', type: 'varchar', length: 36 })
  materialId: string;

  @ManyToOne(() => MaterialEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'material_id' })
  material?: MaterialEntity;

  /** The unit's level right after the crossing. */
  @Column({ type: 'int' })
  level: number;

  /** The material's threshold at the time. */
  @Column({ type: 'int' })
  threshold: number;

  /** The movement that took the level below the threshold. */
  @Column({ name: 'movement_id', type: 'varchar', length: 36 })
  movementId: string;

  @ManyToOne(() => StockMovementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'movement_id' })
  movement?: StockMovementEntity;

  @Column({ type: 'varchar', length: 16 })
  status: LowStockNoticeStatus;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
