import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgModule } from 'src/org/org.module';
import { CampaignEntity, CampaignTargetEntity } from './campaign.entity';
import { CampaignRepository } from './campaign.repository';
import { CampaignResolver } from './campaign.resolver';
import { CampaignService } from './campaign.service';

@Module({
  imports: [TypeOrmModule.forFeature([CampaignEntity, CampaignTargetEntity]), OrgModule],
  providers: [CampaignRepository, CampaignService, CampaignResolver],
  exports: [CampaignService],
})
export class CampaignsModule {}
