/**
 * The retiree's side of 离退休提取: see what was prepared, confirm it (one tap and a face check),
 * decline it (it stays declined: the job never prepares it again), or change the card (a face
 * check). Each reads and writes only the caller's own record (the account comes from the session).
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  DomainError,
  maskBankCard,
  RETIREMENT_STATUS_LABELS,
  routes,
  type AccountRecord,
  type RetirementView,
} from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import { getRetirement, retirementUpdateItem, updateRetirement, type RetirementRecord } from '../adapters/retirement-repository';
import { guardFaceCheck } from '../face/guard';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { confirmRetirement } from './confirm';
import { dynamo } from '../platform/dynamo';

const STEPS: Record<RetirementView['status'], string[]> = {
  NONE: [],
  PREPARED: ['核对金额和收款银行卡', '点“确认提取”，刷脸确认是本人', '钱转到您的银行卡，账户随即销户，销户凭证发到“消息”'],
  HELD: ['按上面的说明先办好', '办好后我们会再通知您'],
  CONFIRMED: ['正在把钱转到您的银行卡', '到账后账户销户，销户凭证发到“消息”'],
  DECLINED: ['带上身份证和银行卡，到任一服务网点柜台办理'],
  PAID: ['钱已转到您的银行卡', '账户已销户，销户凭证在“消息”里'],
};

export function toRetirementView(record: RetirementRecord | undefined): RetirementView {
  if (!record) return { status: 'NONE', statusLabel: '暂无离退休提取', steps: [], canConfirm: false, canDecline: false, canChangeCard: false };
  const open = record.status === 'PREPARED' || record.status === 'HELD';
  // 凭退休证明 at the counter: the day is the proof's, not 人社's record (the page says whose it is)
  const counter = record.confirmedBy === 'COUNTER';
  return {
    status: record.status,
    statusLabel: counter && record.status === 'CONFIRMED' ? '柜台已受理，审核通过后付款' : RETIREMENT_STATUS_LABELS[record.status],
    ...(counter ? {} : { retiredOn: record.retiredOn }),
    ...(record.figures
      ? {
          balanceFen: record.figures.balanceFen,
          closingInterestFen: record.figures.closingInterestFen,
          loanRepaymentFen: record.figures.loanRepaymentFen,
          payoutFen: record.figures.payoutFen,
        }
      : {}),
    ...(record.bankCard ? { bankCardMasked: maskBankCard(record.bankCard) } : {}),
    ...(record.status === 'HELD' && record.holdMessage ? { holdMessage: record.holdMessage } : {}),
    ...(record.status === 'PREPARED' && record.autoPayOn ? { autoPayOn: record.autoPayOn } : {}),
    ...(record.applicationId ? { applicationId: record.applicationId } : {}),
    ...(record.closedOn ? { closedOn: record.closedOn } : {}),
    steps: STEPS[record.status],
    canConfirm: record.status === 'PREPARED',
    canDecline: open,
    canChangeCard: open,
  };
}

async function own(accountNo: string) {
  return getRetirement(config().tableName, accountNo);
}

/**
 * An account closed by a counter closing with no retirement record (出境定居, 完全丧失劳动能力): the
 * 销户凭证 message opens this page too, so it shows the closing from the account itself.
 */
async function closedAtCounter(accountNo: string): Promise<RetirementView | undefined> {
  const account = (await getAccount(config().tableName, accountNo)) as (AccountRecord & { closedOn?: string; closingPayoutFen?: number }) | undefined;
  if (account?.status !== 'CLOSED' || !account.closedOn) return undefined;
  return {
    status: 'PAID',
    statusLabel: RETIREMENT_STATUS_LABELS.PAID,
    ...(typeof account.closingPayoutFen === 'number' ? { payoutFen: account.closingPayoutFen } : {}),
    closedOn: account.closedOn,
    steps: STEPS.PAID,
    canConfirm: false,
    canDecline: false,
    canChangeCard: false,
  };
}

export const mine = httpRoute(routes.myRetirement, async ({ accountNo }) => {
  const record = await own(accountNo);
  return (!record && (await closedAtCounter(accountNo))) || toRetirementView(record);
});

export const confirm = httpRoute(routes.confirmRetirement, async ({ accountNo, session, faceCheckId, now }) => {
  const { tableName, policy } = config();
  const record = await own(accountNo);
  if (!record || record.status !== 'PREPARED') throw new DomainError('RETIREMENT_NOT_PREPARED');
  const face = await guardFaceCheck(
    { tableName, policy, checkId: faceCheckId, now, usedFor: `RETIRE#${record.round}` },
    { purpose: 'RETIREMENT', openid: session.subject, accountNo },
  );
  try {
    await confirmRetirement({ tableName, policy }, accountNo, 'MEMBER', now, face ? [face.item] : []);
  } catch (error) {
    throw (await face?.refusalFor(error, 4)) ?? error;
  }
  return toRetirementView(await own(accountNo));
});

export const decline = httpRoute(routes.declineRetirement, async ({ accountNo, now }) => {
  const { tableName } = config();
  const done = await updateRetirement(tableName, accountNo, ['PREPARED', 'HELD'], { status: 'DECLINED', declinedAt: now.toISOString(), updatedAt: now.toISOString() });
  if (!done) throw new DomainError('RETIREMENT_NOT_PREPARED');
  return toRetirementView(await own(accountNo));
});

export const changeCard = httpRoute(routes.changeRetirementCard, async ({ accountNo, body, session, faceCheckId, now }) => {
  const { tableName, policy } = config();
  const record = await own(accountNo);
  if (!record || (record.status !== 'PREPARED' && record.status !== 'HELD')) throw new DomainError('RETIREMENT_NOT_PREPARED');
  const face = await guardFaceCheck(
    { tableName, policy, checkId: faceCheckId, now, usedFor: `RETIRE-CARD#${record.round}` },
    { purpose: 'CHANGE_CARD', openid: session.subject, accountNo },
  );
  // a card given held for want of a card: the job looks again tomorrow (or the member confirms after)
  const item = retirementUpdateItem(tableName, accountNo, ['PREPARED', 'HELD'], { bankCard: body.bankCard, updatedAt: now.toISOString() }, { round: record.round });
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: [item, ...(face ? [face.item] : [])] }));
  } catch (error) {
    const refusal = await face?.refusalFor(error, 1);
    if (refusal) throw refusal;
    throw (error as Error).name === 'TransactionCanceledException' ? new DomainError('RETIREMENT_NOT_PREPARED') : error;
  }
  return toRetirementView(await own(accountNo));
});
