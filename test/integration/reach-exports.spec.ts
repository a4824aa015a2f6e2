import ExcelJS from 'exceljs';
import { UNITS, USERS } from 'seeds/demo-bank';
import { ReachExportController } from 'src/reach/reach-export.controller';
import { eventInStatus } from '../support/planning';
import { FIGURES, fold, insertCheckIns } from '../support/reach';
import { startTestApp, TestApp } from '../support/test-app';

const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const FILTER = { orgUnitId: UNITS.lanzhou, from: '2032-01-01', to: '2032-12-31' };
/** Every figure, the feedback ones too (the exports carry them all). */
const ALL_FIGURES = `${FIGURES} feedbackCount averageRating correctRate learningGain`;
const REACH = `query ($filter: ReachFilterInput, $groupBy: [ReachDimension!]) {
  reach(filter: $filter, groupBy: $groupBy) { totals { ${ALL_FIGURES} } rows { orgUnit { name } targetGroup figures { ${ALL_FIGURES} } } }
}`;
const QUERY = `orgUnitId=${UNITS.lanzhou}&from=2032-01-01&to=2032-12-31&groupBy=ORG_UNIT,TARGET_GROUP`;

/** Minimal RFC 4180 parser: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  return rows;
}

describe(ReachExportController.name, () => {
  let t: TestApp;
  let manager: string;
  let api: any;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.login(USERS.lanzhouManager.email);
    const e1 = await eventInStatus(t, manager, 'COMPLETED', { orgUnitId: UNITS.lanzhouDonggang, targetGroups: ['ELDERLY'], startsAt: at('2032-05-10T09:00:00'), endsAt: at('2032-05-10T11:00:00') });
    const e2 = await eventInStatus(t, manager, 'IN_PROGRESS', { orgUnitId: UNITS.lanzhouQilihe, targetGroups: ['YOUTH', 'ELDERLY'], startsAt: at('2032-06-10T09:00:00'), endsAt: at('2032-06-10T11:00:00') });
    await insertCheckIns(t, e1.id, USERS.lanzhouManager.id, { ELDERLY: 5, GENERAL: 1 });
    await insertCheckIns(t, e2.id, USERS.lanzhouManager.id, { YOUTH: 3 });
    await fold(t);
    api = (await t.gql(REACH, { filter: FILTER, groupBy: ['ORG_UNIT', 'TARGET_GROUP'] }, manager)).data.reach;
  });

  afterAll(async () => {
    await t?.close();
  });

  const figures = (f: any) =>
    [f.events, f.attendees, f.onlineViews, f.peopleReached, f.leafletsDistributed, f.staffParticipations, f.feedbackCount, f.averageRating, f.correctRate, f.learningGain].map((v) =>
      v === null ? '' : String(v),
    );

  it('exports CSV with a BOM, Chinese headers, the totals and the same rows as the API', async () => {
    const res = await t.http().get(`/reports/reach.csv?${QUERY}`).set('Authorization', `Bearer ${manager}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(body.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['机构', '目标群体', '活动场次', '现场参与人数', '线上观看人次', '触及人数', '发放宣传折页', '参与员工人次', '反馈人数', '平均满意度', '答题正确率', '学习提升']);
    expect(rows[1]).toEqual(['合计', '', ...figures(api.totals)]);
    expect(rows.slice(2)).toEqual(api.rows.map((r: any) => [r.orgUnit.name, r.targetGroup, ...figures(r.figures)]));
    expect(api.totals.attendees).toBe(9);
  });

  it('exports XLSX that opens with exceljs, Chinese by default and English with locale=en', async () => {
    for (const [locale, header, total] of [
      ['', '机构', '合计'],
      ['&locale=en', 'Org unit', 'Total'],
    ]) {
      const res = await t.http().get(`/reports/reach.xlsx?${QUERY}${locale}`).set('Authorization', `Bearer ${manager}`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as never);
      expect(workbook.worksheets).toHaveLength(1);
      const sheet = workbook.worksheets[0];
      // Array.from: exceljs leaves empty cells as holes, which map() would skip.
      const values = (n: number) => Array.from(sheet.getRow(n).values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)));
      expect(values(1)[0]).toBe(header);
      // exceljs leaves trailing empty cells (null figures: no feedback here) out of a row's values.
      const trimmed = (cells: string[]) => cells.slice(0, cells.length - [...cells].reverse().findIndex((c) => c !== ''));
      expect(values(2)).toEqual(trimmed([total, '', ...figures(api.totals)]));
      expect(sheet.rowCount).toBe(2 + api.rows.length);
      api.rows.forEach((r: any, i: number) => expect(values(3 + i)).toEqual(trimmed([r.orgUnit.name, r.targetGroup, ...figures(r.figures)])));
    }
  });

  it('answers 401, 403 and 400 in the contract error shape', async () => {
    const anonymous = await t.http().get(`/reports/reach.csv?${QUERY}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const qingdao = await t.login(USERS.qingdaoManager.email);
    const foreign = await t.http().get(`/reports/reach.xlsx?${QUERY}`).set('Authorization', `Bearer ${qingdao}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const bad = await t.http().get(`/reports/reach.csv?from=2032-05-01&to=2032-04-01&groupBy=PLANET`).set('Authorization', `Bearer ${manager}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['groupBy'] });
    const backwards = await t.http().get(`/reports/reach.csv?from=2032-05-01&to=2032-04-01`).set('Authorization', `Bearer ${manager}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].extensions.fields).toEqual(['filter.from', 'filter.to']);
  });
});
