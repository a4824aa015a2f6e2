import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection } from 'src/common/pagination';
import { Ctx, RequestContext } from 'src/common/request-context';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { OrgService } from 'src/org/org.service';
import { CampaignEntity, CampaignTargetEntity } from './campaign.entity';
import { CampaignService } from './campaign.service';
import { CampaignsArgs } from './dto/campaigns.args';
import { CreateCampaignInput } from './dto/create-campaign.input';
import { UpdateCampaignInput } from './dto/update-campaign.input';

export const CampaignConnection = Connection(CampaignEntity, 'Campaign');

@Resolver(() => CampaignEntity)
export class CampaignResolver {
  constructor(
    private readonly campaignService: CampaignService,
    private readonly orgService: OrgService,
  ) {}

  @Query(() => CampaignEntity, { nullable: true })
  campaign(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.campaignService.get(ctx, id);
  }

  @Query(() => CampaignConnection)
  campaigns(@Ctx() ctx: RequestContext, @Args() args: CampaignsArgs) {
    return this.campaignService.list(ctx, args);
  }

  @Mutation(() => CampaignEntity)
  createCampaign(@Ctx() ctx: RequestContext, @Args('input') input: CreateCampaignInput) {
    return this.campaignService.create(ctx, input);
  }

  @Mutation(() => CampaignEntity)
  updateCampaign(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateCampaignInput) {
    return this.campaignService.update(ctx, id, input);
  }

  @ResolveField(() => OrgUnitEntity)
  orgUnit(@Ctx() ctx: RequestContext, @Parent() campaign: CampaignEntity) {
    return this.orgService.loadById(ctx, campaign.orgUnitId);
  }

  @ResolveField(() => [CampaignTargetEntity])
  targets(@Ctx() ctx: RequestContext, @Parent() campaign: CampaignEntity) {
    return this.campaignService.loadTargets(ctx, campaign.id);
  }
}
