import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { MaterialEntity, MaterialFormat } from './material.entity';

/** Catalogue queries. No rules here: MaterialService holds them. */
@Injectable()
export class MaterialRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, material: MaterialEntity): Promise<void> {
    await manager.insert(MaterialEntity, material);
  }

  findById(id: string): Promise<MaterialEntity | null> {
    return this.dataSource.getRepository(MaterialEntity).findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<MaterialEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(MaterialEntity).findBy({ id: In([...ids]) });
  }

  codeExists(code: string): Promise<boolean> {
    return this.dataSource.getRepository(MaterialEntity).exists({ where: { code } });
  }

  /** The catalogue, optionally one format and/or language, for keyset pagination by code. */
  query(filter: { format?: MaterialFormat; language?: string }): SelectQueryBuilder<MaterialEntity> {
    const query = this.dataSource.getRepository(MaterialEntity).createQueryBuilder('mat');
    if (filter.format) query.andWhere('mat.format = :format', { format: filter.format });
    if (filter.language) query.andWhere('mat.language = :language', { language: filter.language });
    return query;
  }
}
