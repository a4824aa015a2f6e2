/**
 * Demo materials: the catalogue (fixed ids that tests import; prefix 60 =
 * material, 61 = movement) and a stock history that follows the leaflets from
 * the printer to head office, down to branches, sub-branches and outlets, out to
 * the demo plan's events and, at held events, into people's hands. The 2025
 * history is fixed; the restock and the events around "today" are placed
 * relative to the demo plan's own event times, as seeds/demo-plan.ts places them.
 */
import { EventStatus } from 'src/events/event.enums';
import { MaterialFormat } from 'src/materials/material.entity';
import { MovementKind } from 'src/materials/stock-movement.entity';
import type { Posting } from 'src/materials/stock-ledger';
import { DEMO_UNITS, USERS } from './demo-bank';
import { EVENTS } from './demo-plan';

const materialId = (n: number) => `60000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
export const demoMovementId = (n: number) => `61000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const MATERIALS = {
  antiFraudLeaflet: materialId(1),
  pensionSavingsBooklet: materialId(2),
  personalPensionLeaflet: materialId(3),
  creditReportLeaflet: materialId(4),
  antiMoneyLaunderingPoster: materialId(5),
  antiFraudLargePrint: materialId(6),
  antiFraudBraille: materialId(7),
  newCitizenLeafletEn: materialId(8),
} as const;

export interface DemoMaterial {
  id: string;
  code: string;
  title: string;
  topic: string;
  format: MaterialFormat;
  language: string;
  lowStockThreshold: number | null;
}

const M = MATERIALS;

export const DEMO_MATERIALS: DemoMaterial[] = [
  { id: M.antiFraudLeaflet, code: 'FZ-LF-2025', title: '防范电信网络诈骗宣传折页', topic: '防范电信网络诈骗', format: MaterialFormat.LEAFLET, language: 'zh-CN', lowStockThreshold: 100 },
  { id: M.pensionSavingsBooklet, code: 'SQ-BK-2025', title: '守住钱袋子·护好养老钱——防范非法集资宣传手册', topic: '防范非法集资', format: MaterialFormat.BOOKLET, language: 'zh-CN', lowStockThreshold: 50 },
  { id: M.personalPensionLeaflet, code: 'YL-LF-2025', title: '个人养老金知识问答折页', topic: '养老金融', format: MaterialFormat.LEAFLET, language: 'zh-CN', lowStockThreshold: 50 },
  { id: M.creditReportLeaflet, code: 'ZX-LF-2025', title: '珍爱信用记录——征信知识折页', topic: '征信知识', format: MaterialFormat.LEAFLET, language: 'zh-CN', lowStockThreshold: 50 },
  { id: M.antiMoneyLaunderingPoster, code: 'FXQ-PS-2025', title: '反洗钱宣传海报（A2）', topic: '反洗钱', format: MaterialFormat.POSTER, language: 'zh-CN', lowStockThreshold: 5 },
  { id: M.antiFraudLargePrint, code: 'FZ-LP-2025', title: '防范电信网络诈骗（长者大字版）', topic: '防范电信网络诈骗', format: MaterialFormat.LARGE_PRINT, language: 'zh-CN', lowStockThreshold: 50 },
  { id: M.antiFraudBraille, code: 'FZ-BR-2025', title: '防范电信网络诈骗（盲文版）', topic: '防范电信网络诈骗', format: MaterialFormat.BRAILLE, language: 'zh-CN', lowStockThreshold: 5 },
  { id: M.newCitizenLeafletEn, code: 'XSM-LF-EN', title: 'Banking in China: a guide for new residents', topic: '新市民金融服务', format: MaterialFormat.LEAFLET, language: 'en', lowStockThreshold: 30 },
];

/** What the history needs to know of a demo event: where it is, when, and how it ended. */
export interface DemoEventTimes {
  orgUnitId: string;
  startsAt: Date;
  endsAt: Date;
  status: EventStatus;
}

const unit = (code: string): string => {
  const found = DEMO_UNITS.find((u) => u.code === code);
  if (!found) throw new Error(`No demo unit ${code}`);
  return found.id;
};

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** 10:00 in Beijing on a fixed day of the 2025 history. */
const on = (day: string) => new Date(`${day}T02:00:00Z`);

type Lines = [material: string, quantity: number][];

/**
 * The demo stock history as of `now`, oldest first. `events` holds the demo
 * plan's events by id, as loaded. Every line passes the ledger's rules: no
 * level below zero, nothing distributed or returned beyond what was issued.
 */
export function buildDemoStockHistory(now: Date, events: ReadonlyMap<string, DemoEventTimes>): Posting[] {
  const postings: Posting[] = [];
  const u = USERS;
  const event = (id: string): DemoEventTimes => {
    const found = events.get(id);
    if (!found) throw new Error(`Demo event ${id} is not loaded`);
    return found;
  };
  /** Never in the future: a movement near "today" is placed at most `now` minus a little. */
  const past = (at: Date, margin = HOUR) => new Date(Math.min(at.getTime(), now.getTime() - margin));

  const receive = (at: Date, by: string, to: string, lines: Lines, note: string) => {
    for (const [materialId, quantity] of lines) postings.push({ kind: MovementKind.RECEIVE, orgUnitId: unit(to), materialId, quantity, note, createdAt: at, createdById: by });
  };
  const transfer = (at: Date, by: string, from: string, to: string, lines: Lines, note: string | null = null) => {
    for (const [materialId, quantity] of lines) {
      postings.push({ kind: MovementKind.TRANSFER_OUT, orgUnitId: unit(from), counterpartOrgUnitId: unit(to), materialId, quantity, note, createdAt: at, createdById: by });
      postings.push({ kind: MovementKind.TRANSFER_IN, orgUnitId: unit(to), counterpartOrgUnitId: unit(from), materialId, quantity, note, createdAt: at, createdById: by });
    }
  };
  /** Issued a day before the event (or `at`); at a held event, handed out and the rest brought back after it. */
  const atEvent = (eventId: string, by: string, lines: [material: string, issued: number, distributed: number, returned: number][], issuedAt?: Date) => {
    const e = event(eventId);
    const issueTime = issuedAt ?? past(new Date(e.startsAt.getTime() - DAY));
    for (const [materialId, issued] of lines) {
      postings.push({ kind: MovementKind.ISSUE_TO_EVENT, orgUnitId: e.orgUnitId, eventId, materialId, quantity: issued, note: null, createdAt: issueTime, createdById: by });
    }
    const held = e.status === EventStatus.COMPLETED;
    const reportedAt = new Date(e.endsAt.getTime() + HOUR);
    for (const [materialId, , distributed, returned] of lines) {
      if (held && distributed > 0) postings.push({ kind: MovementKind.DISTRIBUTE, orgUnitId: e.orgUnitId, eventId, materialId, quantity: distributed, note: null, createdAt: reportedAt, createdById: by });
      if (held && returned > 0) postings.push({ kind: MovementKind.RETURN_FROM_EVENT, orgUnitId: e.orgUnitId, eventId, materialId, quantity: returned, note: '活动结束后余量退回', createdAt: reportedAt, createdById: by });
    }
  };

  // 2025 "3·15" week: head office prints for the whole bank and ships to the branches.
  receive(on('2025-03-01'), u.admin.id, 'HO', [[M.antiFraudLeaflet, 20000], [M.pensionSavingsBooklet, 6000], [M.personalPensionLeaflet, 5000], [M.creditReportLeaflet, 6000], [M.antiMoneyLaunderingPoster, 400], [M.antiFraudLargePrint, 3000], [M.antiFraudBraille, 200], [M.newCitizenLeafletEn, 2000]], '2025年"3·15"宣传周统一印制');
  transfer(on('2025-03-04'), u.admin.id, 'HO', 'LZ', [[M.antiFraudLeaflet, 6000], [M.pensionSavingsBooklet, 2000], [M.personalPensionLeaflet, 1200], [M.creditReportLeaflet, 1500], [M.antiMoneyLaunderingPoster, 100], [M.antiFraudLargePrint, 900], [M.antiFraudBraille, 60], [M.newCitizenLeafletEn, 400]], '3·15宣传物料下发');
  transfer(on('2025-03-04'), u.admin.id, 'HO', 'QD', [[M.antiFraudLeaflet, 4000], [M.pensionSavingsBooklet, 800], [M.personalPensionLeaflet, 1000], [M.creditReportLeaflet, 1500], [M.antiMoneyLaunderingPoster, 80], [M.antiFraudLargePrint, 500], [M.antiFraudBraille, 30], [M.newCitizenLeafletEn, 600]], '3·15宣传物料下发');
  transfer(on('2025-03-04'), u.admin.id, 'HO', 'SJZ', [[M.antiFraudLeaflet, 2500], [M.pensionSavingsBooklet, 500], [M.personalPensionLeaflet, 600], [M.creditReportLeaflet, 1000], [M.antiMoneyLaunderingPoster, 60], [M.antiFraudLargePrint, 400], [M.antiFraudBraille, 20], [M.newCitizenLeafletEn, 400]], '3·15宣传物料下发');
  transfer(on('2025-03-04'), u.admin.id, 'HO', 'HB', [[M.antiFraudLeaflet, 3000], [M.pensionSavingsBooklet, 800], [M.personalPensionLeaflet, 800], [M.creditReportLeaflet, 800], [M.antiMoneyLaunderingPoster, 60], [M.antiFraudLargePrint, 500], [M.antiFraudBraille, 30], [M.newCitizenLeafletEn, 300]], '3·15宣传物料下发');
  // Branches pass them on to sub-branches and outlets.
  transfer(on('2025-03-06'), u.lanzhouManager.id, 'LZ', 'LZ-CG', [[M.antiFraudLeaflet, 2500], [M.pensionSavingsBooklet, 600], [M.personalPensionLeaflet, 400], [M.creditReportLeaflet, 800], [M.antiMoneyLaunderingPoster, 30], [M.antiFraudLargePrint, 400], [M.antiFraudBraille, 30], [M.newCitizenLeafletEn, 150]]);
  transfer(on('2025-03-06'), u.lanzhouManager.id, 'LZ', 'LZ-XG', [[M.antiFraudLeaflet, 800], [M.pensionSavingsBooklet, 500], [M.antiFraudLargePrint, 100]]);
  transfer(on('2025-03-06'), u.lanzhouManager.id, 'LZ', 'LZ-AN', [[M.pensionSavingsBooklet, 400], [M.antiFraudLargePrint, 150], [M.antiFraudBraille, 20]]);
  transfer(on('2025-03-06'), u.lanzhouManager.id, 'LZ', 'LZ-QLH', [[M.antiFraudLeaflet, 600], [M.pensionSavingsBooklet, 300], [M.creditReportLeaflet, 300]]);
  transfer(on('2025-03-07'), u.lanzhouStaff.id, 'LZ-CG', 'LZ-CG-02', [[M.antiFraudLeaflet, 600], [M.antiFraudBraille, 20]], '雁滩网点厅堂宣传日用');
  transfer(on('2025-03-07'), u.lanzhouStaff.id, 'LZ-CG', 'LZ-CG-01', [[M.antiFraudLeaflet, 300], [M.personalPensionLeaflet, 200], [M.antiFraudLargePrint, 120]]);
  transfer(on('2025-03-06'), u.qingdaoManager.id, 'QD', 'QD-SN', [[M.antiFraudLeaflet, 1200], [M.creditReportLeaflet, 800], [M.personalPensionLeaflet, 300], [M.newCitizenLeafletEn, 200]]);
  transfer(on('2025-03-06'), u.qingdaoManager.id, 'QD', 'QD-SB', [[M.antiMoneyLaunderingPoster, 20], [M.newCitizenLeafletEn, 200]]);
  transfer(on('2025-03-07'), u.qingdaoManager.id, 'QD-SB', 'QD-SB-01', [[M.antiMoneyLaunderingPoster, 15], [M.newCitizenLeafletEn, 150]]);
  transfer(on('2025-03-06'), u.admin.id, 'SJZ', 'SJZ-CA', [[M.antiFraudLeaflet, 600], [M.newCitizenLeafletEn, 250], [M.antiFraudLargePrint, 100]]);
  transfer(on('2025-03-06'), u.admin.id, 'SJZ', 'SJZ-QX', [[M.antiFraudLeaflet, 500]]);
  transfer(on('2025-03-07'), u.admin.id, 'SJZ-QX', 'SJZ-QX-01', [[M.antiFraudLeaflet, 350]]);
  transfer(on('2025-03-06'), u.admin.id, 'HB', 'HB-WC', [[M.pensionSavingsBooklet, 300], [M.antiFraudLargePrint, 150]]);
  transfer(on('2025-03-07'), u.admin.id, 'HB-WC', 'HB-WC-01', [[M.pensionSavingsBooklet, 150], [M.antiFraudLargePrint, 80]]);

  // The "3·15" events: issued the day before, handed out, the rest brought back.
  atEvent(EVENTS.lanzhou315Community, u.lanzhouStaff.id, [[M.antiFraudLeaflet, 300, 262, 38], [M.antiFraudLargePrint, 80, 71, 9]]);
  atEvent(EVENTS.xigu315Village, u.lanzhouManager.id, [[M.pensionSavingsBooklet, 200, 186, 14], [M.antiFraudLeaflet, 200, 200, 0]]);
  atEvent(EVENTS.yantan315Outlet, u.lanzhouStaff.id, [[M.antiFraudLeaflet, 400, 356, 44], [M.antiFraudBraille, 15, 9, 6]]);
  atEvent(EVENTS.qingdao315School, u.qingdaoStaff.id, [[M.creditReportLeaflet, 300, 288, 12]]);
  atEvent(EVENTS.taidong315Mall, u.qingdaoManager.id, [[M.antiMoneyLaunderingPoster, 10, 10, 0], [M.newCitizenLeafletEn, 120, 97, 23]]);
  atEvent(EVENTS.changan315Enterprise, u.admin.id, [[M.newCitizenLeafletEn, 150, 143, 7], [M.antiFraudLeaflet, 200, 200, 0]]);
  atEvent(EVENTS.zhongnan315Community, u.admin.id, [[M.pensionSavingsBooklet, 120, 104, 16], [M.antiFraudLargePrint, 60, 60, 0]]);
  // Issued three days ahead, then the event was called off: everything went back to the outlet.
  const cancelled = event(EVENTS.zhonghua315Cancelled);
  atEvent(EVENTS.zhonghua315Cancelled, u.admin.id, [[M.antiFraudLeaflet, 300, 0, 0]], new Date(cancelled.startsAt.getTime() - 3 * DAY));
  postings.push({ kind: MovementKind.RETURN_FROM_EVENT, orgUnitId: cancelled.orgUnitId, eventId: EVENTS.zhonghua315Cancelled, materialId: M.antiFraudLeaflet, quantity: 300, note: '活动因大风预警取消，折页全部退回网点', createdAt: new Date(cancelled.startsAt.getTime() - 12 * HOUR), createdById: u.admin.id });

  // June 2025: a booklet reprint for 兰州分行's illegal-fundraising month.
  receive(on('2025-05-20'), u.admin.id, 'HO', [[M.pensionSavingsBooklet, 5000]], '防范非法集资宣传月加印');
  transfer(on('2025-05-25'), u.admin.id, 'HO', 'LZ', [[M.pensionSavingsBooklet, 2000]]);
  transfer(on('2025-05-28'), u.lanzhouManager.id, 'LZ', 'LZ-QLH', [[M.pensionSavingsBooklet, 300]]);
  transfer(on('2025-05-28'), u.lanzhouManager.id, 'LZ', 'LZ-AN', [[M.pensionSavingsBooklet, 300]]);
  transfer(on('2025-05-28'), u.lanzhouManager.id, 'LZ', 'LZ-CG', [[M.pensionSavingsBooklet, 400]]);
  transfer(on('2025-06-03'), u.lanzhouManager.id, 'LZ-QLH', 'LZ-QLH-01', [[M.pensionSavingsBooklet, 200]]);
  transfer(on('2025-06-03'), u.lanzhouManager.id, 'LZ-AN', 'LZ-AN-01', [[M.antiFraudLargePrint, 60], [M.antiFraudBraille, 10]], '无障碍金融服务日用');
  transfer(on('2025-06-03'), u.lanzhouManager.id, 'LZ-XG', 'LZ-XG-01', [[M.pensionSavingsBooklet, 150]]);
  atEvent(EVENTS.xizhanFundCommunity, u.lanzhouManager.id, [[M.pensionSavingsBooklet, 150, 138, 12]]);
  atEvent(EVENTS.anningFundVillage, u.lanzhouManager.id, [[M.pensionSavingsBooklet, 200, 191, 9]]);
  atEvent(EVENTS.zhangyeFundStreet, u.lanzhouStaff.id, [[M.pensionSavingsBooklet, 300, 300, 0], [M.antiFraudLeaflet, 200, 176, 24]]);
  atEvent(EVENTS.xiguchengFundEnterprise, u.lanzhouManager.id, [[M.pensionSavingsBooklet, 120, 120, 0]]);
  atEvent(EVENTS.peiliFundAccessibility, u.lanzhouManager.id, [[M.antiFraudBraille, 8, 6, 2], [M.antiFraudLargePrint, 50, 45, 5]]);

  // September 2025: credit and new-citizen reprints for the financial-knowledge month.
  receive(on('2025-08-25'), u.admin.id, 'HO', [[M.creditReportLeaflet, 5000], [M.newCitizenLeafletEn, 1500]], '金融知识普及月加印');
  transfer(on('2025-08-28'), u.admin.id, 'HO', 'QD', [[M.creditReportLeaflet, 800], [M.newCitizenLeafletEn, 400]]);
  transfer(on('2025-08-28'), u.admin.id, 'HO', 'SJZ', [[M.creditReportLeaflet, 800]]);
  transfer(on('2025-08-28'), u.admin.id, 'HO', 'HB', [[M.newCitizenLeafletEn, 300]]);
  transfer(on('2025-08-28'), u.admin.id, 'HO', 'LZ', [[M.creditReportLeaflet, 500]]);
  transfer(on('2025-09-02'), u.qingdaoStaff.id, 'QD-SN', 'QD-SN-01', [[M.newCitizenLeafletEn, 120], [M.personalPensionLeaflet, 150]]);
  transfer(on('2025-09-02'), u.qingdaoManager.id, 'QD', 'QD-HD', [[M.newCitizenLeafletEn, 200]]);
  transfer(on('2025-09-02'), u.qingdaoManager.id, 'QD', 'QD-LS', [[M.creditReportLeaflet, 300]]);
  transfer(on('2025-09-03'), u.qingdaoManager.id, 'QD-LS', 'QD-LS-01', [[M.creditReportLeaflet, 250]]);
  transfer(on('2025-09-02'), u.admin.id, 'SJZ', 'SJZ-XH', [[M.creditReportLeaflet, 500]]);
  transfer(on('2025-09-02'), u.admin.id, 'SJZ-CA', 'SJZ-CA-01', [[M.antiFraudLargePrint, 90]]);
  transfer(on('2025-09-02'), u.admin.id, 'HB', 'HB-YC', [[M.pensionSavingsBooklet, 200], [M.antiFraudLargePrint, 100]]);
  transfer(on('2025-09-02'), u.admin.id, 'HB', 'HB-JH', [[M.newCitizenLeafletEn, 300]]);
  transfer(on('2025-09-03'), u.admin.id, 'HB-JH', 'HB-JH-01', [[M.newCitizenLeafletEn, 150]]);
  atEvent(EVENTS.chengguanSeptSchool, u.lanzhouStaff.id, [[M.creditReportLeaflet, 400, 376, 24]]);
  atEvent(EVENTS.qiliheSeptVillage, u.lanzhouManager.id, [[M.antiFraudLeaflet, 300, 268, 32]]);
  atEvent(EVENTS.badahuSeptCommunity, u.qingdaoStaff.id, [[M.newCitizenLeafletEn, 80, 76, 4], [M.personalPensionLeaflet, 100, 88, 12]]);
  atEvent(EVENTS.huangdaoSeptEnterprise, u.qingdaoManager.id, [[M.newCitizenLeafletEn, 150, 150, 0]]);
  atEvent(EVENTS.licunSeptMarket, u.qingdaoManager.id, [[M.creditReportLeaflet, 200, 200, 0]]);
  atEvent(EVENTS.xinhuaSeptSchool, u.admin.id, [[M.creditReportLeaflet, 300, 290, 10]]);
  atEvent(EVENTS.jiansheSeptOutlet, u.admin.id, [[M.antiFraudLargePrint, 80, 70, 10]]);
  atEvent(EVENTS.yichangSeptVillage, u.admin.id, [[M.pensionSavingsBooklet, 150, 150, 0], [M.antiFraudLargePrint, 60, 60, 0]]);
  atEvent(EVENTS.jianghanSeptCommunity, u.admin.id, [[M.newCitizenLeafletEn, 100, 100, 0]]);

  // The current year: a restock a month before the plan's "today", then the recent and today's events.
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  receive(ago(30), u.admin.id, 'HO', [[M.antiFraudLeaflet, 10000], [M.antiFraudLargePrint, 2000]], '常态化宣传补印');
  transfer(ago(25), u.admin.id, 'HO', 'LZ', [[M.antiFraudLeaflet, 3000], [M.antiFraudLargePrint, 600]]);
  transfer(ago(25), u.admin.id, 'HO', 'QD', [[M.antiFraudLeaflet, 2000]]);
  transfer(ago(20), u.lanzhouManager.id, 'LZ', 'LZ-CG', [[M.antiFraudLeaflet, 1200], [M.antiFraudLargePrint, 300]]);
  transfer(ago(20), u.qingdaoManager.id, 'QD', 'QD-SN', [[M.antiFraudLeaflet, 800]]);
  transfer(ago(15), u.lanzhouStaff.id, 'LZ-CG', 'LZ-CG-01', [[M.antiFraudLargePrint, 100]], '东岗网点长者课堂用');
  atEvent(EVENTS.zhanshanRecentCommunity, u.qingdaoStaff.id, [[M.antiFraudLeaflet, 200, 193, 7]]);
  // 东岗网点's large-print stock falls below its threshold here (one low-stock notice) and stays low.
  atEvent(EVENTS.donggangRecentOutlet, u.lanzhouStaff.id, [[M.antiFraudLargePrint, 180, 175, 5], [M.personalPensionLeaflet, 100, 82, 18]]);
  // Today's events: issued, nothing reported yet (the demo staff can record the distribution).
  atEvent(EVENTS.yantanTodayMarket, u.lanzhouStaff.id, [[M.antiFraudLeaflet, 500, 0, 0], [M.creditReportLeaflet, 200, 0, 0], [M.newCitizenLeafletEn, 60, 0, 0]], past(new Date(event(EVENTS.yantanTodayMarket).startsAt.getTime() - HOUR), 2 * HOUR));
  // Already below the threshold: no second notice.
  atEvent(EVENTS.donggangTodaySalon, u.lanzhouStaff.id, [[M.antiFraudLargePrint, 20, 0, 0]], past(new Date(event(EVENTS.donggangTodaySalon).startsAt.getTime() - 3 * HOUR), HOUR));
  atEvent(EVENTS.anningTomorrowVillage, u.lanzhouManager.id, [[M.pensionSavingsBooklet, 100, 0, 0]], past(now, HOUR));

  // Oldest first (a stable sort keeps each transfer's OUT before its IN), with fixed ids in that order.
  return postings
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.createdAt.getTime() - b.p.createdAt.getTime() || a.i - b.i)
    .map(({ p }, n) => ({ ...p, id: demoMovementId(n + 1) }));
}
