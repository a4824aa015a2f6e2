import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export enum OrgUnitLevel {
  HEAD_OFFICE = 'HEAD_OFFICE',
  BRANCH = 'BRANCH',
  SUB_BRANCH = 'SUB_BRANCH',
  OUTLET = 'OUTLET',
}

registerEnumType(OrgUnitLevel, { name: 'OrgUnitLevel' });

/** Depth rank of each level: a child must rank higher than its parent. */
export const LEVEL_RANK: Record<OrgUnitLevel, number> = {
  [OrgUnitLevel.HEAD_OFFICE]: 0,
  [OrgUnitLevel.BRANCH]: 1,
  [OrgUnitLevel.SUB_BRANCH]: 2,
  [OrgUnitLevel.OUTLET]: 3,
};

/** One node of the bank's tree. `parent` and `children` are resolved in OrgUnitResolver. */
@ObjectType('OrgUnit')
@Entity('org_unit')
export class OrgUnitEntity {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field()
  @Index('UQ_org_unit_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => OrgUnitLevel)
  @Column({ type: 'varchar', length: 16 })
  level: OrgUnitLevel;

  @Index('IDX_org_unit_parent')
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrgUnitEntity;

  /**
   * 'ROOT' on the head office, NULL elsewhere. The unique index makes a second
   * root impossible even when two requests race (NULLs never collide).
   */
  @Index('UQ_org_unit_root', { unique: true })
  @Column({ name: 'root_marker', type: 'varchar', length: 4, nullable: true })
  rootMarker: 'ROOT' | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/**
 * Closure table: one row per (ancestor, descendant) pair, including each unit
 * with itself at depth 0. Subtree look-ups and rollups join on it instead of
 * walking the tree in code. Units never move, so rows are written once.
 */
@Entity('org_unit_closure')
@Index('IDX_org_unit_closure_descendant', ['descendantId', 'depth'])
export class OrgUnitClosureEntity {
  @PrimaryColumn({ name: 'ancestor_id', type: 'varchar', length: 36 })
  ancestorId: string;

  @PrimaryColumn({ name: 'descendant_id', type: 'varchar', length: 36 })
  descendantId: string;

  @Column({ type: 'int' })
  depth: number;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ancestor_id' })
  ancestor?: OrgUnitEntity;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'descendant_id' })
  descendant?: OrgUnitEntity;
}
