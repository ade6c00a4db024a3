/**
 * The default 服务指南 (policy `service`). The offices and hours are this demo deployment's; a real
 * centre sets its own list through POLICY_JSON (`{"service": {...}}`, checked against the schema at
 * start-up). The materials follow what centres commonly ask for (see the team's policy notes);
 * a city whose rules differ changes them the same way.
 */
import type { Policy } from './policy';
import type { ServiceGuide } from './schemas/service-guide';

export const DEFAULT_SERVICE_GUIDE: ServiceGuide = {
  hotline: '12329',
  hotlineHours: '人工服务 周一至周五 8:30–17:30，其余时间可听自助语音',
  hotlineNote: '外地手机请先拨区号 021',
  leaveJobSealedMonths: 6,
  offices: [
    {
      name: '市公积金中心 营业部',
      address: '上海市黄浦区福州路 666 号 1 楼',
      hours: '周一至周五 9:00–17:00；周六 9:00–12:00（法定节假日休息）',
      transit: '地铁 2 号线、10 号线 南京东路站',
    },
    {
      name: '浦东新区 服务网点',
      address: '上海市浦东新区张杨路 1688 号 2 楼',
      hours: '周一至周五 9:00–17:00（法定节假日休息）',
      transit: '地铁 4 号线、6 号线 蓝村路站',
    },
    {
      name: '徐汇区 服务网点',
      address: '上海市徐汇区漕溪北路 333 号 1 楼',
      hours: '周一至周五 9:00–17:00（法定节假日休息）',
      transit: '地铁 1 号线 上海体育馆站',
    },
    {
      name: '闵行区 服务网点',
      address: '上海市闵行区沪闵路 6258 号 1 楼',
      hours: '周一至周五 9:00–17:00（法定节假日休息）',
    },
  ],
  withdrawals: [
    {
      kind: 'RENT',
      name: '租房提取',
      who: '在本市租房住、本市没有自己的住房、没有未还清的公积金贷款、账户正常连续缴存满 {rentMinDepositMonths} 个月的职工。',
      materials: ['不用交纸质材料', '填写租住地址、房东和房东收款账号', '本人银行卡（已在公积金中心登记）'],
      where: '在本小程序「租房提取」线上办理，每月可提一次，一般几分钟到账；不方便上网的也可到服务网点柜台办理。',
      online: true,
    },
    {
      kind: 'HOME_PURCHASE',
      name: '购房提取',
      who: '在本市或户籍地购买自住住房的职工及配偶，购房后一年内办理。',
      materials: ['本人身份证', '购房合同（已网签备案）或不动产权证', '购房发票或首付款凭证', '本人银行卡', '已婚的带结婚证'],
      where: '到任一服务网点柜台办理；用公积金贷款买房的，可在贷款银行一并办理。小程序暂不能线上办理。',
      online: false,
    },
    {
      kind: 'LOAN_REPAYMENT',
      name: '偿还住房贷款提取',
      who: '正在偿还自住住房贷款（公积金贷款或商业贷款）的职工及配偶，已按期还过至少一期。',
      materials: ['本人身份证', '借款合同', '银行出具的还款明细', '本人银行卡'],
      where: '公积金贷款：到放贷银行签约按月或按年提取还贷；商业贷款：到服务网点柜台办理。小程序暂不能线上办理。',
      online: false,
    },
    {
      kind: 'RETIREMENT',
      name: '离退休提取',
      who: '已办理退休（退职）手续的职工：账户里的钱连同利息一次全部取出，同时销户。有未还清的公积金贷款的，先用这笔钱还清贷款，剩下的给您。',
      materials: ['不用申请、不用交材料：按人社部门的退休记录为您准备好', '本人银行卡（已在公积金中心登记；可在小程序里刷脸更换）', '到柜台办的：本人身份证、退休证明（退休证或社保退休审批表）、本人银行卡'],
      where: '准备好后首页和“消息”会告诉您，在本小程序刷脸确认即可；人社部门还没有您的退休记录、或想当面办的，到任一服务网点柜台办理。',
      online: true,
      howLong: '确认后一般几分钟到账，最长 1 个工作日；柜台办理当场受理，一般 3 个工作日内到账。',
    },
    {
      kind: 'LEAVE_JOB',
      name: '离职提取',
      who: '与单位解除劳动关系、账户封存满 {leaveJobSealedMonths} 个月且没有重新就业的职工；非本市户籍职工离开本市的。',
      materials: ['本人身份证', '解除或终止劳动关系的证明', '本人银行卡', '非本市户籍的带户口簿'],
      where: '到任一服务网点柜台办理。小程序暂不能线上办理。',
      online: false,
    },
    {
      kind: 'SERIOUS_ILLNESS',
      name: '大病提取',
      who: '本人、配偶或父母子女患重大疾病，医疗费用负担重的职工。',
      materials: ['本人身份证', '二级以上医院的诊断证明', '医疗费用票据', '患病的是家人的，带亲属关系证明（户口簿或结婚证）', '本人银行卡'],
      where: '到任一服务网点柜台办理。小程序暂不能线上办理。',
      online: false,
    },
    {
      kind: 'EMIGRATION',
      name: '出境定居提取',
      who: '出境定居（包括到香港、澳门、台湾定居）、已注销本地户口的职工：账户里的钱连同利息一次全部取出，同时销户。',
      materials: ['本人身份证', '出境定居证明或户口注销证明', '本人银行卡'],
      where: '到任一服务网点柜台办理。小程序暂不能线上办理。',
      online: false,
      howLong: '材料齐全当场受理，经办和复核后一般 3 个工作日内到账。',
    },
    {
      kind: 'DISABILITY',
      name: '完全丧失劳动能力提取',
      who: '经劳动能力鉴定为完全丧失劳动能力（一至四级）、并与单位终止劳动关系的职工：账户里的钱连同利息一次全部取出，同时销户。',
      materials: ['本人身份证', '劳动能力鉴定结论', '与单位终止劳动关系的证明', '本人银行卡', '行动不便请家人代办的：代办人身份证和授权委托书'],
      where: '到任一服务网点柜台办理，可以请家人代办。小程序暂不能线上办理。',
      online: false,
      howLong: '材料齐全当场受理，经办和复核后一般 3 个工作日内到账。',
    },
    {
      kind: 'DECEASED',
      name: '身后一件事（继承人提取）',
      who: '职工去世（或被宣告死亡）后，由继承人或受遗赠人把账户里的钱连同利息一次全部取出，账户随即销户。',
      materials: ['死亡证明或户口注销证明', '继承权公证书，或法院的判决书、调解书', '继承人本人身份证', '继承人本人银行卡'],
      where: '继承人到任一服务网点柜台办理。小程序暂不能线上办理。',
      online: false,
      howLong: '材料齐全当场受理，经办和复核后一般 3 个工作日内转到继承人的银行卡。',
    },
  ],
  faqs: [
    { q: '账户封存了，钱会不会没了？', a: '不会。封存只是单位暂停为您缴存，钱还在您的账户里，每年 6 月 30 日照常结息。到新单位缴存后自动启封。' },
    { q: '退休了，公积金怎么取？', a: '不用申请。人社部门的退休记录一到，我们就为您算好全部余额和利息，首页和“消息”会告诉您；刷脸确认后转到您的银行卡，账户随即销户。' },
    { q: '利息什么时候到账？', a: '每年 6 月 30 日结息一次，按一年里每天的余额计算，记在缴存明细里（结息）。' },
    { q: '提取的钱转到哪里？', a: '只转到您本人在公积金中心登记的银行卡。换卡请带身份证和新卡到服务网点登记。' },
    { q: '办事要不要预约？', a: '服务网点可以直接去，带齐上面列出的材料即可；人多时可先拨打热线问一下。' },
  ],
};

/** The guide as members read it: the policy's own numbers in the words (`{rentMinDepositMonths}` …). */
export function serviceGuideFor(policy: Policy): ServiceGuide {
  const numbers: Record<string, number> = {
    rentMinDepositMonths: policy.rent.minDepositMonths,
    leaveJobSealedMonths: policy.service.leaveJobSealedMonths,
  };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in numbers ? String(numbers[name]) : whole));
  return {
    ...policy.service,
    withdrawals: policy.service.withdrawals.map((guide) => ({ ...guide, who: fill(guide.who), where: fill(guide.where) })),
  };
}
