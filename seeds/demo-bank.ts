/**
 * The demo bank: fixed ids that tests import. Ids look like UUIDs so they pass
 * the same checks as generated ones; the prefix tells the kind (1 = unit, 2 = user).
 */
import { Role } from 'src/common/request-context';
import { OrgUnitLevel } from 'src/org/org-unit.entity';

export const DEMO_PASSWORD = 'finreach-demo-2025';

const unitId = (n: number) => `10000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const userId = (n: number) => `20000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export interface DemoUnit {
  id: string;
  code: string;
  name: string;
  level: OrgUnitLevel;
  parent?: string;
}

export const UNITS = {
  headOffice: unitId(1),
  lanzhou: unitId(100),
  lanzhouChengguan: unitId(110),
  lanzhouQilihe: unitId(120),
  lanzhouAnning: unitId(130),
  lanzhouXigu: unitId(140),
  lanzhouDonggang: unitId(111),
  lanzhouYantan: unitId(112),
  qingdao: unitId(200),
  qingdaoShinan: unitId(210),
  qingdaoXianggangRoad: unitId(211),
  shijiazhuang: unitId(300),
  hubei: unitId(400),
} as const;

const { headOffice, lanzhou, qingdao, shijiazhuang, hubei } = UNITS;

export const DEMO_UNITS: DemoUnit[] = [
  { id: headOffice, code: 'HO', name: '总行', level: OrgUnitLevel.HEAD_OFFICE },

  { id: lanzhou, code: 'LZ', name: '兰州分行', level: OrgUnitLevel.BRANCH, parent: headOffice },
  { id: UNITS.lanzhouChengguan, code: 'LZ-CG', name: '兰州城关支行', level: OrgUnitLevel.SUB_BRANCH, parent: lanzhou },
  { id: UNITS.lanzhouQilihe, code: 'LZ-QLH', name: '兰州七里河支行', level: OrgUnitLevel.SUB_BRANCH, parent: lanzhou },
  { id: UNITS.lanzhouAnning, code: 'LZ-AN', name: '兰州安宁支行', level: OrgUnitLevel.SUB_BRANCH, parent: lanzhou },
  { id: UNITS.lanzhouXigu, code: 'LZ-XG', name: '兰州西固支行', level: OrgUnitLevel.SUB_BRANCH, parent: lanzhou },
  { id: UNITS.lanzhouDonggang, code: 'LZ-CG-01', name: '东岗网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouChengguan },
  { id: UNITS.lanzhouYantan, code: 'LZ-CG-02', name: '雁滩网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouChengguan },
  { id: unitId(113), code: 'LZ-CG-03', name: '张掖路网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouChengguan },
  { id: unitId(114), code: 'LZ-CG-04', name: '庆阳路网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouChengguan },
  { id: unitId(121), code: 'LZ-QLH-01', name: '西站网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouQilihe },
  { id: unitId(122), code: 'LZ-QLH-02', name: '敦煌路网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouQilihe },
  { id: unitId(123), code: 'LZ-QLH-03', name: '小西湖网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouQilihe },
  { id: unitId(131), code: 'LZ-AN-01', name: '培黎网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouAnning },
  { id: unitId(132), code: 'LZ-AN-02', name: '刘家堡网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouAnning },
  { id: unitId(133), code: 'LZ-AN-03', name: '安宁西路网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouAnning },
  { id: unitId(141), code: 'LZ-XG-01', name: '西固城网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouXigu },
  { id: unitId(142), code: 'LZ-XG-02', name: '福利路网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouXigu },
  { id: unitId(143), code: 'LZ-XG-03', name: '陈坪网点', level: OrgUnitLevel.OUTLET, parent: UNITS.lanzhouXigu },

  { id: qingdao, code: 'QD', name: '青岛分行', level: OrgUnitLevel.BRANCH, parent: headOffice },
  { id: UNITS.qingdaoShinan, code: 'QD-SN', name: '青岛市南支行', level: OrgUnitLevel.SUB_BRANCH, parent: qingdao },
  { id: unitId(220), code: 'QD-SB', name: '青岛市北支行', level: OrgUnitLevel.SUB_BRANCH, parent: qingdao },
  { id: unitId(230), code: 'QD-LS', name: '青岛崂山支行', level: OrgUnitLevel.SUB_BRANCH, parent: qingdao },
  { id: unitId(240), code: 'QD-HD', name: '青岛黄岛支行', level: OrgUnitLevel.SUB_BRANCH, parent: qingdao },
  { id: UNITS.qingdaoXianggangRoad, code: 'QD-SN-01', name: '香港中路网点', level: OrgUnitLevel.OUTLET, parent: UNITS.qingdaoShinan },
  { id: unitId(221), code: 'QD-SB-01', name: '台东网点', level: OrgUnitLevel.OUTLET, parent: unitId(220) },
  { id: unitId(231), code: 'QD-LS-01', name: '李村网点', level: OrgUnitLevel.OUTLET, parent: unitId(230) },

  { id: shijiazhuang, code: 'SJZ', name: '石家庄分行', level: OrgUnitLevel.BRANCH, parent: headOffice },
  { id: unitId(310), code: 'SJZ-CA', name: '石家庄长安支行', level: OrgUnitLevel.SUB_BRANCH, parent: shijiazhuang },
  { id: unitId(320), code: 'SJZ-QX', name: '石家庄桥西支行', level: OrgUnitLevel.SUB_BRANCH, parent: shijiazhuang },
  { id: unitId(330), code: 'SJZ-XH', name: '石家庄新华支行', level: OrgUnitLevel.SUB_BRANCH, parent: shijiazhuang },
  { id: unitId(311), code: 'SJZ-CA-01', name: '建设大街网点', level: OrgUnitLevel.OUTLET, parent: unitId(310) },
  { id: unitId(321), code: 'SJZ-QX-01', name: '中华大街网点', level: OrgUnitLevel.OUTLET, parent: unitId(320) },

  { id: hubei, code: 'HB', name: '湖北省分行', level: OrgUnitLevel.BRANCH, parent: headOffice },
  { id: unitId(410), code: 'HB-JH', name: '武汉江汉支行', level: OrgUnitLevel.SUB_BRANCH, parent: hubei },
  { id: unitId(420), code: 'HB-WC', name: '武汉武昌支行', level: OrgUnitLevel.SUB_BRANCH, parent: hubei },
  { id: unitId(430), code: 'HB-YC', name: '宜昌支行', level: OrgUnitLevel.SUB_BRANCH, parent: hubei },
  { id: unitId(411), code: 'HB-JH-01', name: '江汉路网点', level: OrgUnitLevel.OUTLET, parent: unitId(410) },
  { id: unitId(421), code: 'HB-WC-01', name: '中南路网点', level: OrgUnitLevel.OUTLET, parent: unitId(420) },
];

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgUnitId: string;
  locale: 'zh-CN' | 'en';
}

export const USERS = {
  admin: { id: userId(1), email: 'admin@finreach.demo', name: '系统管理员', role: Role.ADMIN, orgUnitId: headOffice, locale: 'zh-CN' },
  analyst: { id: userId(2), email: 'analyst@finreach.demo', name: '总行消保分析员', role: Role.HEAD_OFFICE_ANALYST, orgUnitId: headOffice, locale: 'zh-CN' },
  lanzhouManager: { id: userId(10), email: 'manager.lanzhou@finreach.demo', name: '兰州分行 王经理', role: Role.BRANCH_MANAGER, orgUnitId: lanzhou, locale: 'zh-CN' },
  lanzhouStaff: { id: userId(11), email: 'staff.lanzhou@finreach.demo', name: '城关支行 李宣传', role: Role.OUTREACH_STAFF, orgUnitId: UNITS.lanzhouChengguan, locale: 'zh-CN' },
  lanzhouVolunteer: { id: userId(12), email: 'volunteer.lanzhou@finreach.demo', name: '东岗网点 张志愿', role: Role.VOLUNTEER, orgUnitId: UNITS.lanzhouDonggang, locale: 'zh-CN' },
  qingdaoManager: { id: userId(20), email: 'manager.qingdao@finreach.demo', name: 'Qingdao branch manager', role: Role.BRANCH_MANAGER, orgUnitId: qingdao, locale: 'en' },
  qingdaoStaff: { id: userId(21), email: 'staff.qingdao@finreach.demo', name: '市南支行 赵宣传', role: Role.OUTREACH_STAFF, orgUnitId: UNITS.qingdaoShinan, locale: 'zh-CN' },
} satisfies Record<string, DemoUser>;

export const DEMO_USERS: DemoUser[] = Object.values(USERS);
