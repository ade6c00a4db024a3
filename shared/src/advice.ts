/**
 * What a member is told to do, from their real situation: a retiree is pointed to 离退休提取, a
 * member who left a job learns what sealing means, when the account is unsealed and when 离职提取
 * opens, a member whose employer stopped paying is sent to the employer; the rent form only where
 * rent withdrawal can apply. Pure: the account, its loans, the policy and the date.
 */
import type { AccountRecord } from './account';
import type { LoanRecord } from './certificates';
import type { Policy } from './policy';
import { ACCOUNT_STATE_HINTS, type MemberAdvice } from './schemas/account';

const GUIDE = '要带的材料、网点地址和开放时间见「服务指南」';

/** Whole months from one calendar date to another (2026-01-31 → 2026-02-28 is 0). */
function monthsSince(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/** The date `months` after `from` (clamped to the month's last day), as 2026年10月31日. */
function monthsAfter(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return `${first.getUTCFullYear()}年${first.getUTCMonth() + 1}月${Math.min(d, last)}日`;
}

function leaveJobStep(account: Pick<AccountRecord, 'sealedOn'>, policy: Policy, today: string): string {
  const months = policy.service.leaveJobSealedMonths;
  if (!account.sealedOn) return `离职提取：封存满 ${months} 个月、还没有重新就业的，可以把钱取出来（到服务网点柜台办理）。`;
  if (monthsSince(account.sealedOn, today) >= months) {
    return `离职提取：您的账户已封存满 ${months} 个月，还没有重新就业的，现在就可以到服务网点柜台把钱取出来。`;
  }
  return `离职提取：封存满 ${months} 个月（${monthsAfter(account.sealedOn, months)}起）还没有重新就业的，可以到服务网点柜台把钱取出来。`;
}

const NO_RENT_WHILE_SEALED = '封存期间不能租房提取（租房提取要求单位正在为您缴存）。';

export function memberAdvice(
  account: Pick<AccountRecord, 'status' | 'frozen' | 'sealReason' | 'sealedOn'>,
  loans: readonly Pick<LoanRecord, 'status'>[],
  policy: Policy,
  today: string,
): MemberAdvice {
  const hotline = policy.service.hotline;
  const owesLoan = loans.some((loan) => loan.status === 'OUTSTANDING');
  if (account.status === 'CLOSED') {
    return {
      situation: 'CLOSED',
      title: '账户已销户',
      summary: ACCOUNT_STATE_HINTS.CLOSED,
      steps: [`对销户有疑问的，请拨打 ${hotline} 或带身份证到服务网点查询。`],
      rentApplies: false,
      guideKinds: [],
    };
  }
  if (account.frozen) {
    return {
      situation: 'FROZEN',
      title: '账户已冻结',
      summary: ACCOUNT_STATE_HINTS.FROZEN,
      steps: ['冻结期间不能提取，缴存照常。', `冻结原因和解除办法，请拨打 ${hotline} 或带身份证到服务网点询问。`],
      rentApplies: false,
      guideKinds: [],
    };
  }
  if (account.status === 'SEALED') {
    switch (account.sealReason) {
      case 'RETIRED':
        return {
          situation: 'RETIRED',
          title: '您已退休，可以把公积金全部取出',
          summary: '账户因退休封存：不会再有缴存。您可以办理离退休提取，把余额一次全部取出，同时销户。',
          steps: [
            ...(owesLoan
              ? [
                  policy.retirement.outstandingLoan === 'REPAY_FIRST'
                    ? '您还有公积金贷款没有还清：提取时会先还清贷款，剩下的钱转给您。'
                    : '您还有公积金贷款没有还清：要先还清贷款，才能办理离退休提取。',
                ]
              : []),
            // 免申即享 (issue 16): the 人社 record starts it, the member only confirms
            '离退休提取不用申请：我们按人社部门的退休记录为您准备好，首页和“消息”里会告诉您金额，刷脸确认就转到您的银行卡。',
            '人社部门还没有您的退休记录、或想当面办的，带上本人身份证、退休证明（退休证或社保退休审批表）和本人银行卡，到任一服务网点柜台办理。',
            '不取出也不会丢，每年 6 月 30 日照常结息。',
            `${GUIDE}；不清楚的可拨打 ${hotline}。`,
          ],
          rentApplies: false,
          guideKinds: ['RETIREMENT'],
        };
      case 'LEFT_JOB':
        return {
          situation: 'LEFT_JOB',
          title: '您已离职，账户封存中',
          summary: '账户因离职封存：单位不再为您缴存，钱还在账户里，照常计息，不会丢失。',
          steps: [
            '启封：到了新单位，新单位为您办理缴存后账户就启封，照常按月缴存，不用您本人跑。',
            leaveJobStep(account, policy, today),
            '买房、还房贷、家人大病，封存期间也可以提取。',
            NO_RENT_WHILE_SEALED,
            `${GUIDE}；不清楚的可拨打 ${hotline}。`,
          ],
          rentApplies: false,
          guideKinds: ['LEAVE_JOB', 'HOME_PURCHASE', 'LOAN_REPAYMENT', 'SERIOUS_ILLNESS'],
        };
      case 'EMPLOYER':
        return {
          situation: 'EMPLOYER_STOPPED',
          title: '单位暂停了缴存，账户封存中',
          summary: '账户由单位办理了封存（例如单位停缴、注销或迁出本市）：钱还在账户里，照常计息，不会丢失。',
          steps: [
            '还在这家单位上班的，请问单位人事或财务什么时候恢复缴存；单位恢复缴存后账户就启封。',
            '已经换了单位的，新单位为您办理缴存后账户就启封。',
            '买房、还房贷、家人大病，封存期间也可以提取。',
            NO_RENT_WHILE_SEALED,
            `${GUIDE}；单位一直不缴存的，可拨打 ${hotline} 反映。`,
          ],
          rentApplies: false,
          guideKinds: ['HOME_PURCHASE', 'LOAN_REPAYMENT', 'SERIOUS_ILLNESS'],
        };
      default:
        return {
          situation: 'SEALED',
          title: '账户封存中',
          summary: ACCOUNT_STATE_HINTS.SEALED,
          steps: [
            '到了新单位，新单位为您办理缴存后账户就启封。',
            '已经退休的，可以办理离退休提取，把钱一次取出。',
            leaveJobStep(account, policy, today),
            NO_RENT_WHILE_SEALED,
            `${GUIDE}；不清楚是哪种情况的，可拨打 ${hotline}。`,
          ],
          rentApplies: false,
          guideKinds: ['RETIREMENT', 'LEAVE_JOB', 'HOME_PURCHASE'],
        };
    }
  }
  if (owesLoan) {
    return {
      situation: 'BORROWER',
      title: '您有公积金贷款在还',
      summary: ACCOUNT_STATE_HINTS.NORMAL,
      steps: [
        '可以用公积金还房贷：到放贷银行签约按月或按年提取还贷。',
        '公积金贷款没有还清时不能租房提取。',
        `${GUIDE}。`,
      ],
      rentApplies: false,
      guideKinds: ['LOAN_REPAYMENT'],
    };
  }
  return {
    situation: 'WORKING',
    title: '账户正常缴存',
    summary: ACCOUNT_STATE_HINTS.NORMAL,
    steps: [],
    rentApplies: true,
    guideKinds: ['RENT'],
  };
}
