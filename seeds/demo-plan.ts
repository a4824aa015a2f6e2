/**
 * The demo plan: campaigns and events of the demo bank, with fixed ids that
 * tests import (prefix 3 = campaign, 4 = event). The 2025 campaigns and their
 * events are fixed history; the events around "today" are placed relative to
 * the moment the plan is loaded, so the check-in page always has today's events
 * and the dashboard a running campaign.
 */
import { ReachMetric } from 'src/campaigns/reach-metric.enum';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { addDays, localDateOf, localTimeToInstant } from 'src/common/local-time';
import { EventRole, EventStatus, VenueType } from 'src/events/event.enums';
import { DEMO_UNITS, USERS } from './demo-bank';

const HOUR_MS = 3600_000;
const campaignId = (n: number) => `30000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const eventId = (n: number) => `40000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const targetId = (n: number) => `50000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const CAMPAIGNS = {
  consumerRightsWeek2025: campaignId(1),
  illegalFundraisingMonth2025: campaignId(2),
  financialKnowledgeMonth2025: campaignId(3),
  /** Runs through the whole calendar year in which the plan is loaded. */
  yearRound: campaignId(4),
} as const;

export const EVENTS = {
  lanzhou315Community: eventId(1),
  xigu315Village: eventId(2),
  yantan315Outlet: eventId(3),
  qingdao315School: eventId(4),
  taidong315Mall: eventId(5),
  changan315Enterprise: eventId(6),
  hubei315Online: eventId(7),
  zhongnan315Community: eventId(8),
  headOffice315Launch: eventId(9),
  zhonghua315Cancelled: eventId(10),
  xizhanFundCommunity: eventId(11),
  anningFundVillage: eventId(12),
  zhangyeFundStreet: eventId(13),
  lanzhouFundOnline: eventId(14),
  xiguchengFundEnterprise: eventId(15),
  peiliFundAccessibility: eventId(16),
  chengguanSeptSchool: eventId(17),
  qiliheSeptVillage: eventId(18),
  badahuSeptCommunity: eventId(19),
  qingdaoSeptOnline: eventId(20),
  huangdaoSeptEnterprise: eventId(21),
  licunSeptMarket: eventId(22),
  xinhuaSeptSchool: eventId(23),
  jiansheSeptOutlet: eventId(24),
  yichangSeptVillage: eventId(25),
  jianghanSeptCommunity: eventId(26),
  wuchangSeptCancelled: eventId(27),
  zhanshanRecentCommunity: eventId(28),
  shijiazhuangRecentOnline: eventId(29),
  donggangRecentOutlet: eventId(30),
  /** Today, in progress all day, with the demo volunteer assigned: the check-in page's event. */
  yantanTodayMarket: eventId(31),
  donggangTodaySalon: eventId(32),
  qingdaoTodaySchool: eventId(33),
  hubeiTodayOnline: eventId(34),
  anningTomorrowVillage: eventId(35),
  lanzhouUpcomingCommunity: eventId(36),
  qiaoxiUpcomingEnterprise: eventId(37),
  jianghanUpcomingSchool: eventId(38),
  qiliheDraftCommunity: eventId(39),
  shibeiDraftMarket: eventId(40),
  headOfficeDraftOnline: eventId(41),
  laoshanCancelledVillage: eventId(42),
} as const;

export interface DemoCampaign {
  id: string;
  name: string;
  theme: string;
  description: string;
  startDate: string;
  endDate: string;
  orgUnitId: string;
  createdById: string;
  targets: { id: string; metric: ReachMetric; targetGroup?: TargetGroup; goal: number }[];
}

type CampaignSpec = Omit<DemoCampaign, 'targets'> & { targets: Omit<DemoCampaign['targets'][number], 'id'>[] };

export interface DemoEvent {
  id: string;
  title: string;
  campaignId: string | null;
  orgUnitId: string;
  venueType: VenueType;
  venueName: string;
  address: string | null;
  startsAt: Date;
  endsAt: Date;
  targetGroups: TargetGroup[];
  topics: string[];
  capacity: number | null;
  status: EventStatus;
  onlineViews: number | null;
  mediaReports: number | null;
  notes: string | null;
  cancelReason: string | null;
  scheduledAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  createdById: string;
  createdAt: Date;
  assignments: { userId: string; role: EventRole }[];
}

export interface DemoPlan {
  campaigns: DemoCampaign[];
  events: DemoEvent[];
}

const unit = (code: string): string => {
  const found = DEMO_UNITS.find((u) => u.code === code);
  if (!found) throw new Error(`No demo unit ${code}`);
  return found.id;
};

const { ELDERLY, YOUTH, NEW_CITIZEN, DISABLED, ETHNIC_MINORITY, GENERAL } = TargetGroup;
const { VILLAGE, COMMUNITY, SCHOOL, ENTERPRISE, BUSINESS_DISTRICT, OUTLET, ONLINE } = VenueType;
const { DRAFT, SCHEDULED, IN_PROGRESS, COMPLETED, CANCELLED } = EventStatus;
const { LEAD, STAFF, VOLUNTEER } = EventRole;

/** One line of the plan: a local day and wall-clock times in APP_TIMEZONE. */
interface Spec {
  id: string;
  title: string;
  campaign?: string;
  unit: string;
  venueType: VenueType;
  venueName: string;
  address?: string;
  day: string;
  from: string;
  to: string;
  groups: TargetGroup[];
  topics: string[];
  capacity?: number;
  status: EventStatus;
  onlineViews?: number;
  mediaReports?: number;
  notes?: string;
  cancelReason?: string;
  by: string;
  staff?: [string, EventRole][];
}

/** The demo plan as seen at `now` in `timeZone`. */
export function buildDemoPlan(now: Date, timeZone: string): DemoPlan {
  const today = localDateOf(now, timeZone);
  const year = today.slice(0, 4);
  const day = (offset: number) => addDays(today, offset);
  const HO = unit('HO');

  const campaignSpecs: CampaignSpec[] = [
    {
      id: CAMPAIGNS.consumerRightsWeek2025,
      name: '2025年"3·15"消费者权益保护教育宣传周',
      theme: '提升金融素养 共筑诚信消费',
      description: '全行开展"进乡村、进社区、进校园、进企业、进商圈"集中宣传，重点面向"一老一少一新"群体。',
      startDate: '2025-03-10',
      endDate: '2025-03-16',
      orgUnitId: HO,
      createdById: USERS.admin.id,
      targets: [
        { metric: ReachMetric.EVENTS, goal: 10 },
        { metric: ReachMetric.PEOPLE_REACHED, goal: 60000 },
        { metric: ReachMetric.ATTENDEES, targetGroup: ELDERLY, goal: 400 },
        { metric: ReachMetric.LEAFLETS_DISTRIBUTED, goal: 3000 },
      ],
    },
    {
      id: CAMPAIGNS.illegalFundraisingMonth2025,
      name: '2025年防范非法集资宣传月',
      theme: '守住钱袋子 护好养老钱',
      description: '兰州分行辖内集中开展防范非法集资宣传，关注老年人和少数民族群众。',
      startDate: '2025-06-01',
      endDate: '2025-06-30',
      orgUnitId: unit('LZ'),
      createdById: USERS.lanzhouManager.id,
      targets: [
        { metric: ReachMetric.EVENTS, goal: 6 },
        { metric: ReachMetric.ATTENDEES, targetGroup: ELDERLY, goal: 300 },
        { metric: ReachMetric.LEAFLETS_DISTRIBUTED, goal: 1500 },
      ],
    },
    {
      id: CAMPAIGNS.financialKnowledgeMonth2025,
      name: '2025年金融知识普及月',
      theme: '金融知识进万家 争做理性投资者 争做金融好网民',
      description: '九月全行开展金融知识普及，青少年与新市民为重点人群。',
      startDate: '2025-09-01',
      endDate: '2025-09-30',
      orgUnitId: HO,
      createdById: USERS.admin.id,
      targets: [
        { metric: ReachMetric.EVENTS, goal: 12 },
        { metric: ReachMetric.ATTENDEES, targetGroup: YOUTH, goal: 500 },
        { metric: ReachMetric.ATTENDEES, targetGroup: NEW_CITIZEN, goal: 300 },
        { metric: ReachMetric.ONLINE_VIEWS, goal: 10000 },
        { metric: ReachMetric.PEOPLE_REACHED, goal: 15000 },
      ],
    },
    {
      id: CAMPAIGNS.yearRound,
      name: `${year}年"金融知识进万家"常态化宣传`,
      theme: '金融知识进万家',
      description: '全年常态化开展的金融教育宣传活动。',
      startDate: `${year}-01-01`,
      endDate: `${year}-12-31`,
      orgUnitId: HO,
      createdById: USERS.admin.id,
      targets: [
        { metric: ReachMetric.EVENTS, goal: 40 },
        { metric: ReachMetric.PEOPLE_REACHED, goal: 20000 },
        { metric: ReachMetric.EVENTS, targetGroup: ELDERLY, goal: 15 },
      ],
    },
  ];

  const campaigns: DemoCampaign[] = campaignSpecs.map((c, ci) => ({
    ...c,
    targets: c.targets.map((t, ti) => ({ ...t, id: targetId((ci + 1) * 100 + ti + 1) })),
  }));

  const week = CAMPAIGNS.consumerRightsWeek2025;
  const fund = CAMPAIGNS.illegalFundraisingMonth2025;
  const sept = CAMPAIGNS.financialKnowledgeMonth2025;
  const current = CAMPAIGNS.yearRound;
  const u = USERS;

  const specs: Spec[] = [
    // 2025 "3·15" week, head office: the whole bank.
    { id: EVENTS.lanzhou315Community, title: '东岗社区"3·15"金融消费者权益保护讲座', campaign: week, unit: 'LZ-CG', venueType: COMMUNITY, venueName: '东岗街道社区服务中心', address: '兰州市城关区东岗西路街道社区服务中心二楼', day: '2025-03-15', from: '09:30', to: '11:30', groups: [ELDERLY, GENERAL], topics: ['防范电信网络诈骗', '个人信息保护', '养老金融'], capacity: 80, status: COMPLETED, mediaReports: 2, by: u.lanzhouStaff.id, staff: [[u.lanzhouStaff.id, LEAD], [u.lanzhouVolunteer.id, VOLUNTEER]] },
    { id: EVENTS.xigu315Village, title: '"金融知识进乡村"陈坪村集市宣传', campaign: week, unit: 'LZ-XG', venueType: VILLAGE, venueName: '陈坪村文化广场', address: '兰州市西固区陈坪街道陈坪村', day: '2025-03-12', from: '10:00', to: '12:00', groups: [ELDERLY, ETHNIC_MINORITY], topics: ['防范非法集资', '反假货币'], status: COMPLETED, by: u.lanzhouManager.id },
    { id: EVENTS.yantan315Outlet, title: '雁滩网点厅堂"3·15"消保宣传日', campaign: week, unit: 'LZ-CG-02', venueType: OUTLET, venueName: '雁滩网点营业厅', address: '兰州市城关区雁滩路2788号', day: '2025-03-15', from: '09:00', to: '17:00', groups: [GENERAL, ELDERLY, DISABLED], topics: ['金融消费者八项权利', '投诉渠道'], status: COMPLETED, by: u.lanzhouStaff.id },
    { id: EVENTS.qingdao315School, title: '青岛大学"金融知识进校园"：远离不良校园贷', campaign: week, unit: 'QD-SN', venueType: SCHOOL, venueName: '青岛大学浮山校区学术报告厅', address: '青岛市市南区宁夏路308号', day: '2025-03-13', from: '14:00', to: '16:00', groups: [YOUTH], topics: ['校园贷风险', '征信知识'], capacity: 200, status: COMPLETED, mediaReports: 1, by: u.qingdaoStaff.id, staff: [[u.qingdaoStaff.id, LEAD]] },
    { id: EVENTS.taidong315Mall, title: '台东步行街"3·15"金融消费权益保护咨询', campaign: week, unit: 'QD-SB-01', venueType: BUSINESS_DISTRICT, venueName: '台东三路步行街', address: '青岛市市北区台东三路', day: '2025-03-15', from: '10:00', to: '16:00', groups: [GENERAL, NEW_CITIZEN], topics: ['理性借贷', '反洗钱'], status: COMPLETED, by: u.qingdaoManager.id },
    { id: EVENTS.changan315Enterprise, title: '走进企业：新市民金融服务专场', campaign: week, unit: 'SJZ-CA', venueType: ENTERPRISE, venueName: '石家庄高新区电子产业园职工食堂', address: '石家庄市长安区建设北大街', day: '2025-03-14', from: '12:00', to: '13:30', groups: [NEW_CITIZEN, YOUTH], topics: ['社保卡金融功能', '防范网络刷单诈骗'], status: COMPLETED, by: u.admin.id },
    { id: EVENTS.hubei315Online, title: '"3·15"消费者权益保护直播课堂', campaign: week, unit: 'HB', venueType: ONLINE, venueName: '湖北省分行视频号直播间', day: '2025-03-15', from: '19:30', to: '20:30', groups: [GENERAL, ELDERLY, YOUTH], topics: ['防范电信网络诈骗'], status: COMPLETED, onlineViews: 12680, mediaReports: 3, by: u.admin.id },
    { id: EVENTS.zhongnan315Community, title: '中南路社区"守护养老钱"讲座', campaign: week, unit: 'HB-WC-01', venueType: COMMUNITY, venueName: '中南路街道老年活动中心', address: '武汉市武昌区中南路', day: '2025-03-11', from: '15:00', to: '16:30', groups: [ELDERLY], topics: ['养老诈骗识别'], capacity: 60, status: COMPLETED, by: u.admin.id },
    { id: EVENTS.headOffice315Launch, title: '总行"3·15"教育宣传周启动仪式直播', campaign: week, unit: 'HO', venueType: ONLINE, venueName: '总行官方直播平台', day: '2025-03-10', from: '10:00', to: '11:00', groups: [GENERAL], topics: ['金融消费者权益保护'], status: COMPLETED, onlineViews: 48230, mediaReports: 6, by: u.admin.id },
    { id: EVENTS.zhonghua315Cancelled, title: '中华大街网点 户外消保宣传', campaign: week, unit: 'SJZ-QX-01', venueType: BUSINESS_DISTRICT, venueName: '中华大街万达广场', address: '石家庄市桥西区中华南大街', day: '2025-03-16', from: '10:00', to: '15:00', groups: [GENERAL], topics: ['反假货币'], status: CANCELLED, cancelReason: '当日大风橙色预警，户外活动取消', by: u.admin.id },

    // 2025 illegal-fundraising month, 兰州分行 only.
    { id: EVENTS.xizhanFundCommunity, title: '西站社区"守住钱袋子 护好养老钱"讲座', campaign: fund, unit: 'LZ-QLH-01', venueType: COMMUNITY, venueName: '西站街道社区活动室', address: '兰州市七里河区西津西路', day: '2025-06-10', from: '09:30', to: '11:00', groups: [ELDERLY], topics: ['防范非法集资', '养老金融'], capacity: 50, status: COMPLETED, by: u.lanzhouManager.id },
    { id: EVENTS.anningFundVillage, title: '刘家堡村防范非法集资入户宣传', campaign: fund, unit: 'LZ-AN', venueType: VILLAGE, venueName: '刘家堡村村委会', address: '兰州市安宁区刘家堡街道', day: '2025-06-14', from: '09:00', to: '12:00', groups: [ELDERLY, ETHNIC_MINORITY], topics: ['防范非法集资'], status: COMPLETED, by: u.lanzhouManager.id },
    { id: EVENTS.zhangyeFundStreet, title: '张掖路步行街防范非法集资宣传摊位', campaign: fund, unit: 'LZ-CG', venueType: BUSINESS_DISTRICT, venueName: '张掖路步行街', address: '兰州市城关区张掖路', day: '2025-06-15', from: '10:00', to: '18:00', groups: [GENERAL, NEW_CITIZEN], topics: ['防范非法集资', '识别虚假理财'], status: COMPLETED, mediaReports: 1, by: u.lanzhouStaff.id, staff: [[u.lanzhouStaff.id, LEAD], [u.lanzhouVolunteer.id, VOLUNTEER]] },
    { id: EVENTS.lanzhouFundOnline, title: '兰州分行防范非法集资直播讲堂', campaign: fund, unit: 'LZ', venueType: ONLINE, venueName: '兰州分行视频号直播间', day: '2025-06-20', from: '19:30', to: '20:30', groups: [GENERAL, ELDERLY], topics: ['防范非法集资'], status: COMPLETED, onlineViews: 5320, by: u.lanzhouManager.id, staff: [[u.lanzhouManager.id, LEAD]] },
    { id: EVENTS.xiguchengFundEnterprise, title: '石化企业职工防范非法集资专题宣讲', campaign: fund, unit: 'LZ-XG-01', venueType: ENTERPRISE, venueName: '兰州石化职工活动中心', address: '兰州市西固区福利东路', day: '2025-06-18', from: '12:00', to: '13:00', groups: [GENERAL, NEW_CITIZEN], topics: ['防范非法集资'], status: COMPLETED, by: u.lanzhouManager.id },
    { id: EVENTS.peiliFundAccessibility, title: '培黎网点残障人士无障碍金融服务日', campaign: fund, unit: 'LZ-AN-01', venueType: OUTLET, venueName: '培黎网点营业厅', address: '兰州市安宁区培黎街道', day: '2025-06-25', from: '09:30', to: '11:30', groups: [DISABLED, ELDERLY], topics: ['无障碍金融服务', '防范非法集资'], status: COMPLETED, by: u.lanzhouManager.id },

    // 2025 financial-knowledge month, head office.
    { id: EVENTS.chengguanSeptSchool, title: '兰州市第一中学"金融知识进校园"', campaign: sept, unit: 'LZ-CG', venueType: SCHOOL, venueName: '兰州市第一中学礼堂', address: '兰州市城关区中山路', day: '2025-09-05', from: '15:00', to: '16:30', groups: [YOUTH], topics: ['理性消费', '防范电信网络诈骗'], capacity: 300, status: COMPLETED, by: u.lanzhouStaff.id, staff: [[u.lanzhouStaff.id, LEAD]] },
    { id: EVENTS.qiliheSeptVillage, title: '魏岭乡金融知识普及宣传', campaign: sept, unit: 'LZ-QLH', venueType: VILLAGE, venueName: '魏岭乡集市', address: '兰州市七里河区魏岭乡', day: '2025-09-12', from: '09:00', to: '12:00', groups: [ELDERLY, ETHNIC_MINORITY], topics: ['惠农金融服务', '反假货币'], status: COMPLETED, by: u.lanzhouManager.id },
    { id: EVENTS.badahuSeptCommunity, title: '八大湖社区新市民金融服务宣讲', campaign: sept, unit: 'QD-SN-01', venueType: COMMUNITY, venueName: '八大湖街道党群服务中心', address: '青岛市市南区香港中路', day: '2025-09-10', from: '14:30', to: '16:00', groups: [NEW_CITIZEN, ELDERLY], topics: ['新市民金融服务'], status: COMPLETED, by: u.qingdaoStaff.id },
    { id: EVENTS.qingdaoSeptOnline, title: '青岛分行"金融知识普及月"线上答题直播', campaign: sept, unit: 'QD', venueType: ONLINE, venueName: '青岛分行手机银行直播间', day: '2025-09-20', from: '20:00', to: '21:00', groups: [YOUTH, GENERAL], topics: ['金融知识竞答'], status: COMPLETED, onlineViews: 8450, mediaReports: 2, by: u.qingdaoManager.id, staff: [[u.qingdaoManager.id, LEAD]] },
    { id: EVENTS.huangdaoSeptEnterprise, title: '港务职工金融知识讲座', campaign: sept, unit: 'QD-HD', venueType: ENTERPRISE, venueName: '前湾港职工之家', address: '青岛市黄岛区前湾港路', day: '2025-09-17', from: '12:00', to: '13:30', groups: [NEW_CITIZEN, GENERAL], topics: ['薪资卡安全', '防范网络诈骗'], status: COMPLETED, by: u.qingdaoManager.id },
    { id: EVENTS.licunSeptMarket, title: '李村商圈金融知识普及集市', campaign: sept, unit: 'QD-LS-01', venueType: BUSINESS_DISTRICT, venueName: '李村大集', address: '青岛市李沧区李村河畔', day: '2025-09-13', from: '10:00', to: '17:00', groups: [GENERAL, ELDERLY, YOUTH], topics: ['反假货币', '个人信息保护'], status: COMPLETED, by: u.qingdaoManager.id },
    { id: EVENTS.xinhuaSeptSchool, title: '河北师范大学金融知识普及月专场', campaign: sept, unit: 'SJZ-XH', venueType: SCHOOL, venueName: '河北师范大学图书馆报告厅', address: '石家庄市裕华区南二环东路', day: '2025-09-18', from: '15:00', to: '17:00', groups: [YOUTH], topics: ['征信知识', '校园贷风险'], status: COMPLETED, by: u.admin.id },
    { id: EVENTS.jiansheSeptOutlet, title: '建设大街网点适老化服务体验日', campaign: sept, unit: 'SJZ-CA-01', venueType: OUTLET, venueName: '建设大街网点营业厅', address: '石家庄市长安区建设北大街', day: '2025-09-09', from: '09:00', to: '11:30', groups: [ELDERLY, DISABLED], topics: ['适老化服务', '智能设备使用'], status: COMPLETED, by: u.admin.id },
    { id: EVENTS.yichangSeptVillage, title: '土家族村寨金融知识普及', campaign: sept, unit: 'HB-YC', venueType: VILLAGE, venueName: '五峰土家族自治县渔洋关镇', address: '宜昌市五峰县渔洋关镇', day: '2025-09-16', from: '09:30', to: '12:00', groups: [ETHNIC_MINORITY, ELDERLY], topics: ['惠农金融服务', '防范非法集资'], status: COMPLETED, by: u.admin.id },
    { id: EVENTS.jianghanSeptCommunity, title: '江汉路社区新市民安家金融服务', campaign: sept, unit: 'HB-JH-01', venueType: COMMUNITY, venueName: '江汉路社区服务站', address: '武汉市江汉区江汉路', day: '2025-09-24', from: '14:00', to: '16:00', groups: [NEW_CITIZEN], topics: ['住房公积金', '新市民金融服务'], status: COMPLETED, by: u.admin.id },
    { id: EVENTS.wuchangSeptCancelled, title: '武昌小学金融启蒙课', campaign: sept, unit: 'HB-WC', venueType: SCHOOL, venueName: '武昌实验小学', address: '武汉市武昌区首义路', day: '2025-09-26', from: '14:00', to: '15:00', groups: [YOUTH], topics: ['认识人民币'], status: CANCELLED, cancelReason: '学校临时安排期中考试，活动改期', by: u.admin.id },

    // Around the day the plan is loaded.
    { id: EVENTS.zhanshanRecentCommunity, title: '湛山街道反诈宣传进社区', campaign: current, unit: 'QD-SN', venueType: COMMUNITY, venueName: '湛山街道社区服务中心', address: '青岛市市南区湛山二路', day: day(-6), from: '09:30', to: '11:00', groups: [ELDERLY], topics: ['防范电信网络诈骗'], status: COMPLETED, by: u.qingdaoStaff.id, staff: [[u.qingdaoStaff.id, LEAD]] },
    { id: EVENTS.shijiazhuangRecentOnline, title: '石家庄分行新市民金融服务直播', campaign: current, unit: 'SJZ', venueType: ONLINE, venueName: '石家庄分行视频号直播间', day: day(-3), from: '19:30', to: '20:30', groups: [NEW_CITIZEN, GENERAL], topics: ['新市民金融服务'], status: COMPLETED, onlineViews: 3120, by: u.admin.id },
    { id: EVENTS.donggangRecentOutlet, title: '东岗网点老年人智能手机支付课堂', unit: 'LZ-CG-01', venueType: OUTLET, venueName: '东岗网点营业厅', address: '兰州市城关区东岗东路', day: day(-2), from: '10:00', to: '11:30', groups: [ELDERLY], topics: ['移动支付安全'], capacity: 30, status: COMPLETED, by: u.lanzhouStaff.id, staff: [[u.lanzhouVolunteer.id, VOLUNTEER]] },
    { id: EVENTS.yantanTodayMarket, title: '雁滩商圈金融知识宣传咨询台', campaign: current, unit: 'LZ-CG', venueType: BUSINESS_DISTRICT, venueName: '雁滩万达广场一层中庭', address: '兰州市城关区雁滩路', day: day(0), from: '09:00', to: '21:00', groups: [GENERAL, ELDERLY, YOUTH, NEW_CITIZEN], topics: ['防范电信网络诈骗', '反假货币', '个人信息保护'], status: IN_PROGRESS, by: u.lanzhouStaff.id, staff: [[u.lanzhouStaff.id, LEAD], [u.lanzhouVolunteer.id, VOLUNTEER]] },
    { id: EVENTS.donggangTodaySalon, title: '东岗网点厅堂微沙龙：识别养老诈骗', unit: 'LZ-CG-01', venueType: OUTLET, venueName: '东岗网点营业厅', address: '兰州市城关区东岗东路', day: day(0), from: '14:30', to: '16:00', groups: [ELDERLY], topics: ['养老诈骗识别'], capacity: 25, status: SCHEDULED, by: u.lanzhouStaff.id },
    { id: EVENTS.qingdaoTodaySchool, title: '青岛第二中学防范电信诈骗主题班会', campaign: current, unit: 'QD-SN', venueType: SCHOOL, venueName: '青岛第二中学', address: '青岛市崂山区松岭路', day: day(0), from: '15:00', to: '16:30', groups: [YOUTH], topics: ['防范电信网络诈骗'], status: SCHEDULED, by: u.qingdaoStaff.id, staff: [[u.qingdaoStaff.id, LEAD]] },
    { id: EVENTS.hubeiTodayOnline, title: '湖北省分行"守护钱袋子"直播', campaign: current, unit: 'HB', venueType: ONLINE, venueName: '湖北省分行视频号直播间', day: day(0), from: '19:30', to: '20:30', groups: [GENERAL], topics: ['防范非法集资'], status: SCHEDULED, by: u.admin.id },
    { id: EVENTS.anningTomorrowVillage, title: '沙井驿村金融知识进乡村', campaign: current, unit: 'LZ-AN', venueType: VILLAGE, venueName: '沙井驿村村委会', address: '兰州市安宁区沙井驿街道', day: day(1), from: '09:30', to: '12:00', groups: [ELDERLY, ETHNIC_MINORITY], topics: ['惠农金融服务'], status: SCHEDULED, by: u.lanzhouManager.id },
    { id: EVENTS.lanzhouUpcomingCommunity, title: '兰州分行敬老助残金融服务进社区', campaign: current, unit: 'LZ', venueType: COMMUNITY, venueName: '盐场堡社区养老服务站', address: '兰州市城关区盐场路', day: day(3), from: '14:00', to: '16:00', groups: [ELDERLY, DISABLED], topics: ['适老化服务', '无障碍金融服务'], capacity: 60, status: SCHEDULED, by: u.lanzhouManager.id, staff: [[u.lanzhouManager.id, LEAD], [u.lanzhouStaff.id, STAFF], [u.lanzhouVolunteer.id, VOLUNTEER]] },
    { id: EVENTS.qiaoxiUpcomingEnterprise, title: '物流园区新市民金融服务专场', unit: 'SJZ-QX', venueType: ENTERPRISE, venueName: '桥西区物流园区', address: '石家庄市桥西区友谊南大街', day: day(5), from: '12:00', to: '13:30', groups: [NEW_CITIZEN], topics: ['新市民金融服务'], status: SCHEDULED, by: u.admin.id },
    { id: EVENTS.jianghanUpcomingSchool, title: '江汉区中学生财商课', campaign: current, unit: 'HB-JH', venueType: SCHOOL, venueName: '武汉市第六中学', address: '武汉市江汉区新华路', day: day(7), from: '15:00', to: '16:30', groups: [YOUTH], topics: ['理性消费'], status: SCHEDULED, by: u.admin.id },
    { id: EVENTS.qiliheDraftCommunity, title: '敬老院金融知识讲座（筹备中）', unit: 'LZ-QLH', venueType: COMMUNITY, venueName: '七里河区第一敬老院', address: '兰州市七里河区建兰路', day: day(12), from: '10:00', to: '11:00', groups: [ELDERLY], topics: ['养老诈骗识别'], status: DRAFT, by: u.lanzhouManager.id },
    { id: EVENTS.shibeiDraftMarket, title: '市北商圈新市民金融服务周末集市（草稿）', unit: 'QD-SB', venueType: BUSINESS_DISTRICT, venueName: '市北区万象汇广场', address: '青岛市市北区福州南路', day: day(15), from: '10:00', to: '16:00', groups: [NEW_CITIZEN, YOUTH], topics: ['新市民金融服务'], status: DRAFT, by: u.qingdaoManager.id },
    { id: EVENTS.headOfficeDraftOnline, title: '总行年终金融知识直播（草稿）', unit: 'HO', venueType: ONLINE, venueName: '总行官方直播平台', day: day(20), from: '19:30', to: '21:00', groups: [GENERAL], topics: ['年终理财风险提示'], status: DRAFT, by: u.admin.id },
    { id: EVENTS.laoshanCancelledVillage, title: '崂山北宅村金融知识进乡村', unit: 'QD-LS', venueType: VILLAGE, venueName: '北宅街道北宅村', address: '青岛市崂山区北宅街道', day: day(4), from: '09:30', to: '11:30', groups: [ELDERLY], topics: ['反假货币'], status: CANCELLED, cancelReason: '场地与村委会换届选举冲突，待重新安排', by: u.qingdaoManager.id },
  ];

  const campaignDates = new Map(campaigns.map((c) => [c.id, c]));
  const events = specs.map((spec): DemoEvent => {
    const [fh, fm] = spec.from.split(':').map(Number);
    const [th, tm] = spec.to.split(':').map(Number);
    const plannedStart = localTimeToInstant(spec.day, fh, fm, timeZone);
    // Today's running event has begun whatever the hour the demo is loaded: before its planned start it began an hour ago.
    const startsAt = spec.status === IN_PROGRESS && plannedStart.getTime() > now.getTime() ? new Date(now.getTime() - HOUR_MS) : plannedStart;
    const endsAt = localTimeToInstant(spec.day, th, tm, timeZone);
    const campaign = spec.campaign ? campaignDates.get(spec.campaign) : undefined;
    // A relative day near New Year may fall outside the year-round campaign: such an event has none.
    const inCampaign = campaign && spec.day >= campaign.startDate && spec.day <= campaign.endDate;
    const ago = (ms: number, from: Date = now) => new Date(Math.min(from.getTime(), now.getTime()) - ms);
    const held = spec.status === IN_PROGRESS || spec.status === COMPLETED;
    const past = endsAt.getTime() < now.getTime();
    return {
      id: spec.id,
      title: spec.title,
      campaignId: inCampaign ? campaign.id : null,
      orgUnitId: unit(spec.unit),
      venueType: spec.venueType,
      venueName: spec.venueName,
      address: spec.address ?? null,
      startsAt,
      endsAt,
      targetGroups: spec.groups,
      topics: spec.topics,
      capacity: spec.capacity ?? null,
      status: spec.status,
      onlineViews: spec.onlineViews ?? null,
      mediaReports: spec.mediaReports ?? null,
      notes: spec.status === COMPLETED ? '活动顺利完成，现场反响良好。' : null,
      cancelReason: spec.cancelReason ?? null,
      scheduledAt: spec.status === DRAFT || (spec.status === CANCELLED && !past) ? null : ago(7 * 24 * 3600_000, startsAt),
      startedAt: held ? new Date(Math.min(startsAt.getTime(), now.getTime())) : null,
      completedAt: spec.status === COMPLETED ? new Date(endsAt.getTime() + 30 * 60_000) : null,
      cancelledAt: spec.status === CANCELLED ? ago(24 * 3600_000, startsAt) : null,
      createdById: spec.by,
      createdAt: ago(14 * 24 * 3600_000, startsAt),
      assignments: (spec.staff ?? []).map(([userId, role]) => ({ userId, role })),
    };
  });
  return { campaigns, events };
}
