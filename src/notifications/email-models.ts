/**
 * What each email template needs: plain, JSON-safe view models (instants as ISO
 * strings, local days as YYYY-MM-DD, enum values as their names), never
 * entities. An outbox row stores its model as JSON and is rendered when sent.
 * Enum values are kept as strings so this file imports no domain.
 */

/** The languages templates are written in; a recipient's locale picks one (anything else gets zh-CN). */
export const EMAIL_LOCALES = ['zh-CN', 'en'] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];

/** `en`, `en-GB` … → en; everything else → zh-CN, the bank's language. */
export function emailLocaleOf(locale: string | null | undefined): EmailLocale {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Who an email goes to. `userId` is kept on the outbox row for the record. */
export interface Recipient {
  email: string;
  name: string;
  locale: string;
  userId?: string | null;
}

/** An event as every event email shows it. */
export interface EventCard {
  id: string;
  title: string;
  /** A VenueType value. */
  venueType: string;
  venueName: string;
  address: string | null;
  startsAt: string;
  endsAt: string;
  orgUnitName: string;
  /** TargetGroup values, in the contract's order. */
  targetGroups: string[];
  topics: string[];
}

/**
 * The iCalendar part of an invitation or cancellation. One UID per event, so a
 * calendar replaces its entry when a later message (higher sequence) arrives.
 */
export interface CalendarInvite {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  /** When this version of the invitation was made (DTSTAMP). */
  stamp: string;
  startsAt: string;
  endsAt: string;
  summary: string;
  location: string | null;
  description: string;
  url: string;
}

export interface EventScheduledModel {
  event: EventCard;
  /** An EventRole value: the recipient's role at the event. */
  role: string;
  /** True when the event was moved or changed after the first invitation. */
  updated: boolean;
  url: string;
  calendar: CalendarInvite;
}

export interface EventReminderModel {
  event: EventCard;
  role: string;
  url: string;
}

export interface EventCancelledModel {
  event: EventCard;
  reason: string;
  calendar: CalendarInvite;
}

export interface TargetGroupFigure {
  targetGroup: string;
  count: number;
}

/**
 * What attendees' feedback says about an event (definitions in
 * src/feedback/feedback-outcomes.ts): as far as it had come in when the
 * summary was written, since the AFTER link stays open 24 h after the end.
 */
export interface LearningOutcomes {
  /** AFTER submissions; 0: no feedback yet, the other figures are null. */
  feedbackCount: number;
  /** 1–5, rounded to 2 places. */
  averageRating: number | null;
  /** 0–1: correct share of the AFTER quiz answers; null without any. */
  correctRate: number | null;
  /** −1 to 1: AFTER minus BEFORE correct rate; null without answers in both phases. */
  learningGain: number | null;
}

export interface EventSummaryModel {
  event: EventCard;
  attendance: { total: number; byTargetGroup: TargetGroupFigure[] };
  /** Only for ONLINE events. */
  onlineViews: number | null;
  peopleReached: number;
  leafletsDistributed: number;
  mediaReports: number | null;
  /** People assigned to the event (leads, staff, volunteers). */
  staffCount: number;
  notes: string | null;
  /** Absent from rows written before feedback existed: the template then leaves the part out. */
  outcomes: LearningOutcomes;
  url: string;
}

/** The figures of the reach report the digest compares, by their field names in `ReachFigures`. */
export const DIGEST_METRICS = ['events', 'attendees', 'onlineViews', 'peopleReached', 'leafletsDistributed', 'staffParticipations'] as const;
export type DigestMetric = (typeof DIGEST_METRICS)[number];

export interface DigestFigure {
  metric: DigestMetric;
  current: number;
  previous: number;
}

export interface DigestCampaignTarget {
  /** A ReachMetric value. */
  metric: string;
  targetGroup: string | null;
  goal: number;
  actual: number;
  ratio: number;
  onTrack: boolean;
}

export interface DigestCampaign {
  name: string;
  startDate: string;
  endDate: string;
  targets: DigestCampaignTarget[];
}

export interface WeeklyDigestModel {
  orgUnitName: string;
  /** ISO week reported on, e.g. 2025-W11, with its first and last day. */
  week: string;
  from: string;
  to: string;
  /** The week before, compared against. */
  previousWeek: string;
  figures: DigestFigure[];
  campaigns: DigestCampaign[];
  /** Active campaigns left out of the email to keep it short. */
  moreCampaigns: number;
  url: string;
}

export interface LowStockModel {
  material: { code: string; title: string; format: string };
  orgUnitName: string;
  level: number;
  threshold: number;
  url: string;
}

/** The typed map from template name to the view model it renders. */
export interface EmailModels {
  'event-scheduled': EventScheduledModel;
  'event-reminder': EventReminderModel;
  'event-cancelled': EventCancelledModel;
  'event-summary': EventSummaryModel;
  'weekly-digest': WeeklyDigestModel;
  'low-stock': LowStockModel;
}

export type EmailTemplate = keyof EmailModels;

/** Every template, in the order of DESIGN.md §5; each has a folder under templates/email/. */
export const EMAIL_TEMPLATES: readonly EmailTemplate[] = ['event-scheduled', 'event-reminder', 'event-cancelled', 'event-summary', 'weekly-digest', 'low-stock'];

export function isEmailTemplate(name: string): name is EmailTemplate {
  return (EMAIL_TEMPLATES as readonly string[]).includes(name);
}

/** One email to write to the outbox. */
export interface EmailRequest<T extends EmailTemplate = EmailTemplate> {
  template: T;
  to: Recipient;
  model: EmailModels[T];
  /**
   * At most one outbox row ever has this key (a unique index): jobs that may run
   * on several instances, or again after a restart, use it so an email is written once.
   */
  dedupeKey?: string;
}
