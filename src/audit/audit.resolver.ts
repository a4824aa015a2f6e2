import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from 'src/common/request-context';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditService } from './audit.service';
import { AuditChange, AuditEntryConnection } from './dto/audit-change.model';
import { AuditLogArgs } from './dto/audit-log.args';

@Resolver(() => AuditEntryEntity)
export class AuditResolver {
  constructor(private readonly auditService: AuditService) {}

  @Query(() => AuditEntryConnection, { description: 'Recorded changes, newest first (ADMIN and HEAD_OFFICE_ANALYST).' })
  auditLog(@Ctx() ctx: RequestContext, @Args() args: AuditLogArgs) {
    return this.auditService.list(ctx, args);
  }

  @ResolveField(() => [AuditChange])
  changes(@Parent() entry: AuditEntryEntity) {
    return this.auditService.changes(entry);
  }
}
