import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from 'src/auth/user.entity';

/** The printed editions the bank hands out; LARGE_PRINT is for elderly readers, BRAILLE for blind readers. */
export enum MaterialFormat {
  LEAFLET = 'LEAFLET',
  BOOKLET = 'BOOKLET',
  POSTER = 'POSTER',
  LARGE_PRINT = 'LARGE_PRINT',
  BRAILLE = 'BRAILLE',
}

registerEnumType(MaterialFormat, { name: 'MaterialFormat' });

/**
 * One printed item of the catalogue (a leaflet, booklet, poster, large-print or
 * braille edition). The catalogue is shared by the whole bank; stock is kept per
 * org unit in the ledger (StockMovementEntity) beside the current StockLevelEntity.
 */
@ObjectType('Material')
@Entity('material')
@Index('IDX_material_format_code', ['format', 'code'])
export class MaterialEntity {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The bank's item code, stored upper-cased so it is unique ignoring case on both engines. */
  @Field()
  @Index('UQ_material_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** What it teaches, e.g. 防范电信网络诈骗. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  topic: string | null;

  @Field(() => MaterialFormat)
  @Column({ type: 'varchar', length: 16 })
  format: MaterialFormat;

  /** BCP 47 tag of the text, e.g. zh-CN or en. */
  @Field()
  @Column({ type: 'varchar', length: 16 })
  language: string;

  /**
   * A unit's level of this material below this many copies is "low": the moment
   * a level falls from at least this to below it, one low-stock notice is recorded.
   * Null: never low.
   */
  @Field(() => Int, { nullable: true })
  @Column({ name: 'low_stock_threshold', type: 'int', nullable: true })
  lowStockThreshold: number | null;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
