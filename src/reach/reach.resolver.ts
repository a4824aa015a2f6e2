import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CampaignEntity } from 'src/campaigns/campaign.entity';
import { CampaignService } from 'src/campaigns/campaign.service';
import { Ctx, RequestContext } from 'src/common/request-context';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { OrgService } from 'src/org/org.service';
import { ReachArgs } from './dto/reach.args';
import { CampaignProgress, ReachReport, ReachRow } from './dto/reach.model';
import { ReachService } from './reach.service';

@Resolver(() => ReachReport)
export class ReachResolver {
  constructor(private readonly reachService: ReachService) {}

  @Query(() => ReachReport)
  reach(@Ctx() ctx: RequestContext, @Args() args: ReachArgs) {
    return this.reachService.report(ctx, args.filter, args.groupBy);
  }
}

/** The org unit and campaign of a row; the caller may read both, as they lie in (or cover) the report's scope. */
@Resolver(() => ReachRow)
export class ReachRowResolver {
  constructor(
    private readonly orgs: OrgService,
    private readonly campaigns: CampaignService,
  ) {}

  @ResolveField(() => OrgUnitEntity, { nullable: true })
  orgUnit(@Ctx() ctx: RequestContext, @Parent() row: ReachRow) {
    return row.orgUnitId ? this.orgs.loadById(ctx, row.orgUnitId) : null;
  }

  @ResolveField(() => CampaignEntity, { nullable: true })
  campaign(@Ctx() ctx: RequestContext, @Parent() row: ReachRow) {
    return row.campaignId ? this.campaigns.loadById(ctx, row.campaignId) : null;
  }
}

/** `Campaign.progress` lives here, with the reach it counts, so campaigns/ never imports reach/. */
@Resolver(() => CampaignEntity)
export class CampaignProgressResolver {
  constructor(private readonly reachService: ReachService) {}

  @ResolveField(() => [CampaignProgress])
  progress(@Ctx() ctx: RequestContext, @Parent() campaign: CampaignEntity) {
    return this.reachService.progress(ctx, campaign);
  }
}
