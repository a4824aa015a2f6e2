import { Injectable } from '@nestjs/common';
import { DomainError, ForbiddenError, UnauthenticatedError } from 'src/common/errors';
import { Principal, RequestContext, Role } from 'src/common/request-context';
import { OrgRepository } from './org.repository';

/** What a role may do; where it may do it is the scope check below. */
export enum Capability {
  READ = 'READ',
  MANAGE_ORG_UNITS = 'MANAGE_ORG_UNITS',
  MANAGE_USERS = 'MANAGE_USERS',
  MANAGE_CAMPAIGNS = 'MANAGE_CAMPAIGNS',
  MANAGE_EVENTS = 'MANAGE_EVENTS',
  MANAGE_STOCK = 'MANAGE_STOCK',
}

/** The contract's role table, in one place. */
const CAPABILITIES: Record<Role, ReadonlySet<Capability>> = {
  [Role.ADMIN]: new Set(Object.values(Capability)),
  [Role.HEAD_OFFICE_ANALYST]: new Set([Capability.READ]),
  [Role.BRANCH_MANAGER]: new Set([Capability.READ, Capability.MANAGE_USERS, Capability.MANAGE_CAMPAIGNS, Capability.MANAGE_EVENTS, Capability.MANAGE_STOCK]),
  [Role.OUTREACH_STAFF]: new Set([Capability.READ, Capability.MANAGE_EVENTS, Capability.MANAGE_STOCK]),
  [Role.VOLUNTEER]: new Set([Capability.READ]),
};

/** Roles whose reads are not limited to a subtree. ADMIN also writes anywhere. */
const READS_WHOLE_BANK: ReadonlySet<Role> = new Set([Role.ADMIN, Role.HEAD_OFFICE_ANALYST]);

/**
 * The one shared scope helper: every service asks it before reading or writing
 * something that belongs to an org unit. A unit outside the caller's reach is
 * FORBIDDEN whether or not it exists, so foreign ids never confirm existence;
 * services answer unknown ids of other objects the same way (`unknownIdError`).
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly orgs: OrgRepository) {}

  /** The caller, or UNAUTHENTICATED. */
  principal(ctx: RequestContext): Principal {
    if (!ctx.principal) throw ctx.authError ?? new UnauthenticatedError();
    return ctx.principal;
  }

  hasCapability(role: Role, capability: Capability): boolean {
    return CAPABILITIES[role].has(capability);
  }

  /** The unit whose subtree bounds the caller's reads, or null for the whole bank. */
  readScopeRoot(ctx: RequestContext): string | null {
    const principal = this.principal(ctx);
    return READS_WHOLE_BANK.has(principal.role) ? null : principal.orgUnitId;
  }

  /** Whether the caller may use `capability` on `orgUnitId` (its role allows it and the unit is in its subtree). */
  async can(ctx: RequestContext, capability: Capability, orgUnitId: string): Promise<boolean> {
    const principal = this.principal(ctx);
    if (!this.hasCapability(principal.role, capability)) return false;
    if (principal.role === Role.ADMIN) return true;
    if (capability === Capability.READ && READS_WHOLE_BANK.has(principal.role)) return true;
    if (principal.role === Role.VOLUNTEER) return orgUnitId === principal.orgUnitId;
    return this.orgs.isWithin(principal.orgUnitId, orgUnitId);
  }

  /** Throws FORBIDDEN unless the caller may use `capability` on `orgUnitId`; returns the caller. */
  async assertCan(ctx: RequestContext, capability: Capability, orgUnitId: string): Promise<Principal> {
    if (!(await this.can(ctx, capability, orgUnitId))) throw this.refusal(capability);
    return this.principal(ctx);
  }

  /** The FORBIDDEN of `assertCan`: one message whatever the reason, so it tells nothing about the object. */
  refusal(capability: Capability): ForbiddenError {
    return new ForbiddenError(
      capability === Capability.READ
        ? 'This org unit is outside your part of the bank.'
        : 'Your role does not allow this here, or this org unit is outside your part of the bank.',
    );
  }

  /**
   * The error for an id that names nothing: `notFound` for ADMIN and
   * HEAD_OFFICE_ANALYST, who see the whole bank anyway; for everyone else
   * `refusal`, the very error an object outside their part of the bank gets, so
   * an id never confirms that something exists where the caller cannot look.
   */
  unknownIdError(ctx: RequestContext, notFound: DomainError, refusal: DomainError): DomainError {
    return this.readScopeRoot(ctx) === null ? notFound : refusal;
  }

  /** Throws FORBIDDEN unless the caller's role has `capability` somewhere. */
  assertRole(ctx: RequestContext, capability: Capability): Principal {
    const principal = this.principal(ctx);
    if (!this.hasCapability(principal.role, capability)) throw new ForbiddenError('Your role does not allow this.');
    return principal;
  }
}
