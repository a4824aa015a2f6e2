import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsModule } from 'src/campaigns/campaigns.module';
import { OrgModule } from 'src/org/org.module';
import { ReachEventEntity, ReachDirtyEventEntity } from './reach-event.entity';
import { ReachExportController } from './reach-export.controller';
import { ReachExportService } from './reach-export.service';
import { ReachFolder } from './reach-folder';
import { ReachRebuild } from './reach-rebuild';
import { ReachRollupEntity } from './reach-rollup.entity';
import { CampaignProgressResolver, ReachResolver, ReachRowResolver } from './reach.resolver';
import { ReachRepository } from './reach.repository';
import { ReachService } from './reach.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReachRollupEntity, ReachEventEntity, ReachDirtyEventEntity]), OrgModule, CampaignsModule],
  controllers: [ReachExportController],
  providers: [ReachRepository, ReachService, ReachExportService, ReachFolder, ReachRebuild, ReachResolver, ReachRowResolver, CampaignProgressResolver],
  exports: [ReachService, ReachFolder, ReachRebuild],
})
export class ReachModule {}
