import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessPolicy } from './access-policy';
import { OrgUnitClosureEntity, OrgUnitEntity } from './org-unit.entity';
import { OrgUnitResolver } from './org-unit.resolver';
import { OrgRepository } from './org.repository';
import { OrgService } from './org.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrgUnitEntity, OrgUnitClosureEntity])],
  providers: [OrgRepository, OrgService, AccessPolicy, OrgUnitResolver],
  exports: [OrgRepository, OrgService, AccessPolicy],
})
export class OrgModule {}
