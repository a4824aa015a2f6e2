import { registerEnumType } from '@nestjs/graphql';

/** Where an event takes place: 进乡村、进社区、进校园、进企业、进商圈, in the banking hall, or online. */
export enum VenueType {
  VILLAGE = 'VILLAGE',
  COMMUNITY = 'COMMUNITY',
  SCHOOL = 'SCHOOL',
  ENTERPRISE = 'ENTERPRISE',
  BUSINESS_DISTRICT = 'BUSINESS_DISTRICT',
  OUTLET = 'OUTLET',
  ONLINE = 'ONLINE',
}

/** DRAFT → SCHEDULED → IN_PROGRESS → COMPLETED; DRAFT or SCHEDULED → CANCELLED. */
export enum EventStatus {
  DRAFT = 'DRAFT',
  SCHEDULED = 'SCHEDULED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum EventRole {
  LEAD = 'LEAD',
  STAFF = 'STAFF',
  VOLUNTEER = 'VOLUNTEER',
}

registerEnumType(VenueType, { name: 'VenueType' });
registerEnumType(EventStatus, { name: 'EventStatus' });
registerEnumType(EventRole, { name: 'EventRole' });

/** Statuses in which the plan, the staff and the links of an event can still change. */
export const OPEN_STATUSES: ReadonlySet<EventStatus> = new Set([EventStatus.DRAFT, EventStatus.SCHEDULED, EventStatus.IN_PROGRESS]);
