/**
 * Demo feedback: the question bank (fixed ids that tests import; prefix 70 =
 * quiz question), quizzes on a few completed demo events, and which of them
 * got BEFORE and AFTER answers (seeds/load-demo-feedback.ts writes those,
 * deterministically, with more correct answers AFTER than BEFORE).
 * `correctOption` is the 0-based index of the right answer.
 */
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { EVENTS } from './demo-plan';

const questionId = (n: number) => `70000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const QUESTIONS = {
  fraudSafeAccount: questionId(1),
  fraudVerificationCode: questionId(2),
  fraudRefund: questionId(3),
  fraudHotline: questionId(4),
  fraudScreenShare: questionId(5),
  fundHighReturn: questionId(6),
  fundPensionProject: questionId(7),
  fundRecruitBonus: questionId(8),
  fundReport: questionId(9),
  pensionAccount: questionId(10),
  pensionWithdrawal: questionId(11),
  pensionTax: questionId(12),
  pensionLimit: questionId(13),
  creditFreeReport: questionId(14),
  creditRepair: questionId(15),
  creditOverdueYears: questionId(16),
  creditLendCard: questionId(17),
  payQrCode: questionId(18),
  payPassword: questionId(19),
  payPublicWifi: questionId(20),
  payLostPhone: questionId(21),
  payFreeSecret: questionId(22),
  /** Retired: kept because past answers could name it, but not offered for new quizzes. */
  retiredCounterfeit: questionId(23),
} as const;

export interface DemoQuestion {
  id: string;
  topic: string;
  text: string;
  options: string[];
  correctOption: number;
  textEn: string | null;
  optionsEn: string[] | null;
  active: boolean;
}

const Q = QUESTIONS;
const FRAUD = '防范电信网络诈骗';
const FUND = '非法集资';
const PENSION = '个人养老金';
const CREDIT = '征信';
const PAY = '移动支付安全';

const q = (id: string, topic: string, text: string, options: string[], correctOption: number, en: [string, string[]] | null = null, active = true): DemoQuestion => ({
  id,
  topic,
  text,
  options,
  correctOption,
  textEn: en?.[0] ?? null,
  optionsEn: en?.[1] ?? null,
  active,
});

export const DEMO_QUESTIONS: DemoQuestion[] = [
  q(Q.fraudSafeAccount, FRAUD, '自称"公安局"的人打电话说您涉嫌洗钱，要求把钱转到"安全账户"，应该怎么做？', ['按要求转账以证明清白', '挂断电话，拨打110核实', '先转一半试试'], 1, [
    'Someone claiming to be the police says you are suspected of money laundering and must move your money to a "safe account". What should you do?',
    ['Transfer it to prove your innocence', 'Hang up and call 110 to check', 'Transfer half first to see'],
  ]),
  q(Q.fraudVerificationCode, FRAUD, '"银行客服"来电索要您手机收到的短信验证码，应该？', ['告诉对方，方便办理业务', '绝不告诉任何人', '只告诉前三位'], 1, [
    'A caller from "the bank" asks for the SMS verification code on your phone. You should:',
    ['Tell them so they can help', 'Never tell anyone', 'Tell them only the first three digits'],
  ]),
  q(Q.fraudRefund, FRAUD, '接到"网购客服"电话说商品有问题要给您退款，并让您下载陌生App操作，这很可能是？', ['正常的售后服务', '冒充客服退款诈骗', '平台送的福利', '物流公司通知'], 1),
  q(Q.fraudHotline, FRAUD, '全国统一的反诈预警劝阻专线是？', ['96110', '12315', '95588', '12345'], 0, ['Which is the national anti-fraud warning hotline?', ['96110', '12315', '95588', '12345']]),
  q(Q.fraudScreenShare, FRAUD, '陌生人要求您打开手机"屏幕共享"来"指导操作"，正确的做法是？', ['照做，对方更方便指导', '拒绝，屏幕共享会泄露密码和验证码', '只共享一小会儿'], 1),
  q(Q.fundHighReturn, FUND, '某公司承诺"保本保息、年化收益30%"，您应该？', ['赶紧投资', '高度警惕，可能是非法集资', '先让亲友投资看看'], 1, [
    'A company promises "guaranteed principal and 30% a year". You should:',
    ['Invest quickly', 'Be very wary: it may be illegal fundraising', 'Let relatives invest first to see'],
  ]),
  q(Q.fundPensionProject, FUND, '以"养老公寓""以房养老"为名，要求老人先交大笔"会员费"并许诺高额回报，这属于？', ['正规养老服务', '常见的养老领域非法集资手法', '政府养老补贴'], 1),
  q(Q.fundRecruitBonus, FUND, '"拉人头"发展下线、按人数给奖励的投资项目，通常是？', ['传销或非法集资', '正规理财产品', '银行存款'], 0),
  q(Q.fundReport, FUND, '发现身边有疑似非法集资活动，应当向谁举报？', ['不用管', '当地处置非法集资部门或公安机关', '在朋友圈转发'], 1),
  q(Q.pensionAccount, PENSION, '参加个人养老金，需要开立的是？', ['个人养老金资金账户', '信用卡', '股票账户', '公积金账户'], 0, [
    'To join the personal pension scheme you open:',
    ['A personal pension fund account', 'A credit card', 'A stock account', 'A housing fund account'],
  ]),
  q(Q.pensionWithdrawal, PENSION, '个人养老金账户里的钱，一般什么时候可以领取？', ['随时可以取出', '达到领取基本养老金年龄等规定条件时', '开户满一年后'], 1),
  q(Q.pensionTax, PENSION, '个人养老金缴费可以享受什么政策？', ['个人所得税税前扣除优惠', '免交社保', '保证高收益'], 0),
  q(Q.pensionLimit, PENSION, '目前个人养老金每年缴费上限是多少元？', ['6000元', '12000元', '24000元', '没有上限'], 1),
  q(Q.creditFreeReport, CREDIT, '个人每年可以通过中国人民银行征信中心免费查询本人信用报告几次？', ['不能免费查询', '2次', '只能1次'], 1, [
    'How many times a year can you get your own credit report free of charge from the PBOC Credit Reference Center?',
    ['Never free', 'Twice', 'Only once'],
  ]),
  q(Q.creditRepair, CREDIT, '有人声称收费就能"洗白"逾期记录、"修复征信"，这是？', ['正规服务', '骗局，真实的不良记录无法花钱删除', '银行合作项目'], 1),
  q(Q.creditOverdueYears, CREDIT, '不良信用记录在还清欠款后，一般保留多少年？', ['1年', '5年', '永久保留'], 1),
  q(Q.creditLendCard, CREDIT, '把自己的身份证、银行卡出借给他人使用，可能会？', ['没有任何影响', '影响个人征信，甚至卷入违法犯罪', '增加信用分'], 1),
  q(Q.payQrCode, PAY, '街头有人说"扫码送礼品"，要求扫码后输入支付密码，应该？', ['扫码领礼品', '拒绝，不扫来历不明的二维码', '扫码但不输密码也没事'], 1, [
    'On the street someone offers a gift for scanning a QR code and entering your payment password. You should:',
    ['Scan and get the gift', 'Refuse: never scan unknown QR codes', 'Scan but skip the password, that is safe'],
  ]),
  q(Q.payPassword, PAY, '手机支付密码设置为以下哪种比较安全？', ['生日', '123456', '与其他账户不同、不易被猜到的数字', '手机号后六位'], 2),
  q(Q.payPublicWifi, PAY, '在商场连接免密的公共Wi-Fi时，适合做什么？', ['网上转账', '浏览新闻，不进行支付', '登录网银修改密码'], 1),
  q(Q.payLostPhone, PAY, '手机丢失后，应该首先做什么？', ['等找到再说', '立即挂失手机号并冻结支付账户', '重新买一部手机'], 1),
  q(Q.payFreeSecret, PAY, '为了防止盗刷，小额免密支付应该？', ['开得越多越好', '根据需要关闭或设置较低限额', '借给别人用'], 1),
  q(Q.retiredCounterfeit, '反假货币', '2015年版第五套人民币100元纸币的主色调是？', ['红色', '蓝色', '绿色'], 0, null, false),
];

/**
 * Events whose quiz the demo has set, with its questions in order, how many
 * phones answered BEFORE and AFTER, and the groups those phones say describe
 * them (mostly the event's own groups), taken in turn.
 */
export interface DemoQuiz {
  eventId: string;
  questionIds: string[];
  before: number;
  after: number;
  statedGroups: TargetGroup[];
}

/** Every sixth demo phone leaves "which group describes you" unanswered. */
const STATES_NO_GROUP_EVERY = 6;

/** The group demo phone `phone` states at this quiz's event (the same before and after), or null. */
export function demoStatedGroup(quiz: DemoQuiz, phone: number): TargetGroup | null {
  if (phone % STATES_NO_GROUP_EVERY === STATES_NO_GROUP_EVERY - 1) return null;
  return quiz.statedGroups[phone % quiz.statedGroups.length];
}

const G = TargetGroup;

export const DEMO_QUIZZES: DemoQuiz[] = [
  { eventId: EVENTS.lanzhou315Community, questionIds: [Q.fraudSafeAccount, Q.fraudVerificationCode, Q.fraudHotline, Q.fraudScreenShare], before: 28, after: 36, statedGroups: [G.ELDERLY, G.ELDERLY, G.GENERAL, G.ELDERLY, G.NEW_CITIZEN] },
  { eventId: EVENTS.xizhanFundCommunity, questionIds: [Q.fundHighReturn, Q.fundPensionProject, Q.fundRecruitBonus, Q.pensionWithdrawal], before: 22, after: 30, statedGroups: [G.ELDERLY, G.ELDERLY, G.ELDERLY, G.GENERAL] },
  { eventId: EVENTS.chengguanSeptSchool, questionIds: [Q.fraudRefund, Q.creditLendCard, Q.payQrCode, Q.payPublicWifi, Q.creditRepair], before: 60, after: 85, statedGroups: [G.YOUTH] },
  { eventId: EVENTS.xinhuaSeptSchool, questionIds: [Q.creditFreeReport, Q.creditRepair, Q.creditOverdueYears], before: 0, after: 40, statedGroups: [G.YOUTH, G.YOUTH, G.YOUTH, G.NEW_CITIZEN] },
  { eventId: EVENTS.donggangRecentOutlet, questionIds: [Q.payQrCode, Q.payPassword, Q.payLostPhone, Q.payFreeSecret], before: 14, after: 18, statedGroups: [G.ELDERLY, G.ELDERLY, G.DISABLED] },
];
