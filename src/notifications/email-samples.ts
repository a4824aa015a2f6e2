import { EmailModels, EmailTemplate, EventCard, Recipient } from './email-models';

/**
 * Sample view models, one per template, for `/dev/emails/:template` and the
 * renderer's tests: every field filled, so a preview shows every part.
 */
export function emailSamples(publicUrl: string): { [T in EmailTemplate]: EmailModels[T] } {
  const host = new URL(publicUrl).host;
  const event: EventCard = {
    id: '40000000-0000-4000-8000-000000000001',
    title: '3·15 防范电信网络诈骗进社区',
    venueType: 'COMMUNITY',
    venueName: '东岗社区活动中心',
    address: '兰州市城关区东岗西路 1 号',
    startsAt: '2025-03-15T01:30:00.000Z',
    endsAt: '2025-03-15T03:30:00.000Z',
    orgUnitName: '东岗网点',
    targetGroups: ['ELDERLY', 'NEW_CITIZEN'],
    topics: ['防范电信网络诈骗', '反假货币'],
  };
  const calendar = {
    uid: `event-${event.id}@${host}`,
    stamp: '2025-03-01T02:00:00.000Z',
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    summary: event.title,
    location: `${event.venueName}, ${event.address}`,
    description: '防范电信网络诈骗, 反假货币',
    url: `${publicUrl}/checkin`,
  };
  return {
    'event-scheduled': {
      event,
      role: 'VOLUNTEER',
      updated: false,
      url: `${publicUrl}/checkin`,
      calendar: { ...calendar, method: 'REQUEST', sequence: 0 },
    },
    'event-reminder': { event, role: 'LEAD', url: `${publicUrl}/checkin` },
    'event-cancelled': { event, reason: '大风天气，活动延期', calendar: { ...calendar, method: 'CANCEL', sequence: 1 } },
    'event-summary': {
      event,
      attendance: {
        total: 86,
        byTargetGroup: [
          { targetGroup: 'ELDERLY', count: 52 },
          { targetGroup: 'NEW_CITIZEN', count: 21 },
          { targetGroup: 'GENERAL', count: 13 },
        ],
      },
      onlineViews: null,
      peopleReached: 86,
      leafletsDistributed: 240,
      mediaReports: 1,
      staffCount: 5,
      notes: '社区居民反响热烈，现场咨询 20 余次。',
      outcomes: { feedbackCount: 48, averageRating: 4.33, correctRate: 0.833, learningGain: 0.25 },
      url: `${publicUrl}/dashboard`,
    },
    'weekly-digest': {
      orgUnitName: '兰州分行',
      week: '2025-W11',
      from: '2025-03-10',
      to: '2025-03-16',
      previousWeek: '2025-W10',
      figures: [
        { metric: 'events', current: 12, previous: 7 },
        { metric: 'attendees', current: 1260, previous: 845 },
        { metric: 'onlineViews', current: 3400, previous: 0 },
        { metric: 'peopleReached', current: 4660, previous: 845 },
        { metric: 'leafletsDistributed', current: 2100, previous: 1530 },
        { metric: 'staffParticipations', current: 48, previous: 30 },
      ],
      campaigns: [
        {
          name: '2025 年 3·15 消费者权益保护教育宣传周',
          startDate: '2025-03-10',
          endDate: '2025-03-16',
          targets: [
            { metric: 'EVENTS', targetGroup: null, goal: 20, actual: 12, ratio: 0.6, onTrack: false },
            { metric: 'ATTENDEES', targetGroup: 'ELDERLY', goal: 800, actual: 910, ratio: 1.1375, onTrack: true },
          ],
        },
      ],
      moreCampaigns: 0,
      url: `${publicUrl}/dashboard`,
    },
    'low-stock': {
      material: { code: 'LF-FRAUD-01', title: '防范电信网络诈骗宣传折页', format: 'LEAFLET' },
      orgUnitName: '东岗网点',
      level: 40,
      threshold: 100,
      url: `${publicUrl}/dashboard`,
    },
  };
}

export const SAMPLE_RECIPIENTS: Record<'zh-CN' | 'en', Recipient> = {
  'zh-CN': { email: 'zhang.zhiyuan@example.com', name: '张志愿', locale: 'zh-CN' },
  en: { email: 'li.wei@example.com', name: 'Li Wei', locale: 'en' },
};
