/**
 * The counter's account-closing withdrawals (出境定居, 完全丧失劳动能力, 身后一件事): the account
 * clerk checks the documents of the kind's checklist (policy data, shared/closing-withdrawal.ts),
 * enters who is paid and their card, sees what will happen (preview: nothing is written), and
 * starts it. The application goes to the review queue (初审 and 复核 by two other people, review.ts);
 * once approved the payout worker pays it and closes the account as it does a retirement one.
 * The figures are the retirement withdrawal's (closingOf): balance + 销户结息, the loan rule, the
 * court freeze. 离退休提取 凭退休证明 also claims the account's retirement record in the start's
 * transaction, so it and the 免申即享 job never both pay (retirement-claim.ts).
 */
import { randomBytes } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  chinaDate,
  CLOSING_KINDS,
  CLOSING_STEPS,
  DomainError,
  maskBankCard,
  missingClosingDocuments,
  missingDocumentsMessage,
  routes,
  WITHDRAWAL_STATUS_LABELS,
  type ClosingWithdrawalPreview,
  type ClosingWithdrawalRequest,
  type Policy,
} from '@hpf/shared';
import { auditItem } from '../adapters/staff-repository';
import { createApplication, type Application } from '../adapters/withdrawals-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { newApplicationId } from '../platform/ids';
import { keys } from '../platform/keys';
import type { RetirementRecord } from '../adapters/retirement-repository';
import { closingOf, type Closing } from '../retirement/closing';
import { claimRetirementItem, retirementClaimable, retirementClaimLost } from './retirement-claim';

/** The checks and the figures, or the refusal in words. */
async function plan(
  tableName: string,
  policy: Policy,
  accountNo: string,
  body: ClosingWithdrawalRequest,
  today: string,
): Promise<{ closing: Closing; preview: ClosingWithdrawalPreview; retirement?: RetirementRecord }> {
  const kind = CLOSING_KINDS[body.kind];
  const missing = missingClosingDocuments(body.kind, body.documentsSeen);
  if (missing.length) throw new DomainError('CLOSING_DOCUMENTS_MISSING', missingDocumentsMessage(missing), missing.map((doc) => ({ path: `documentsSeen.${doc.id}`, message: `未核验：${doc.label}` })));
  if (kind.payee === 'HEIR' && !body.payee.idNumber) throw new DomainError('INVALID_REQUEST', '请填写继承人的身份证号（钱转到继承人本人的银行卡）', [{ path: 'payee.idNumber', message: '请填写继承人身份证号' }]);
  const byProof = body.kind === 'RETIREMENT_WITH_PROOF';
  if (byProof && !body.retiredOn) throw new DomainError('INVALID_REQUEST', '请填写退休证明上的退休日期', [{ path: 'retiredOn', message: '请填写退休日期' }]);
  if (byProof && body.retiredOn! > today) throw new DomainError('INVALID_REQUEST', '退休日期还没到，到退休之后才能办理离退休提取', [{ path: 'retiredOn', message: '退休日期不能晚于今天' }]);
  // a closing whose payout failed before credited its interest: not owed twice
  const closing = await closingOf(tableName, accountNo, policy, today, { bankCard: body.payee.bankCard, interestCreditedFen: 'ledger' });
  if (!closing) throw new DomainError('ACCOUNT_NOT_FOUND');
  const { account, plan: money } = closing;
  if (kind.payee === 'MEMBER' && body.payee.name !== account.name) {
    throw new DomainError('INVALID_REQUEST', `${kind.label}只能转到职工本人（${account.name}）的银行卡`, [{ path: 'payee.name', message: '收款人应为职工本人' }]);
  }
  if (money.kind === 'HOLD') {
    if (money.hold === 'FROZEN') throw new DomainError('ACCOUNT_FROZEN', '账户已被冻结（如法院冻结），冻结解除前不能办理销户提取。');
    if (money.hold === 'CLOSED') throw new DomainError('ACCOUNT_CLOSED');
    throw new DomainError('CLOSING_HELD', money.message);
  }
  if (money.payoutFen === 0) throw new DomainError('CLOSING_HELD', '余额正好用于还清公积金贷款，没有要转出的钱：请办理还贷后直接销户。');
  // the 免申即享 withdrawal prepared by the job (or one already started here) refuses it
  const retirement = byProof ? await retirementClaimable(tableName, accountNo) : undefined;
  return {
    closing,
    ...(retirement ? { retirement } : {}),
    preview: {
      accountNo,
      memberName: account.name,
      kind: body.kind,
      kindLabel: kind.label,
      balanceFen: money.balanceFen,
      closingInterestFen: money.closingInterestFen,
      loanRepaymentFen: money.loanRepaymentFen,
      payoutFen: money.payoutFen,
      closingDate: today,
      payeeName: body.payee.name,
      ...(body.payee.relation ? { payeeRelation: body.payee.relation } : {}),
      bankCardMasked: maskBankCard(body.payee.bankCard),
      steps: CLOSING_STEPS,
    },
  };
}

export const preview = httpRoute(routes.previewClosingWithdrawal, async ({ params, body, now }) => {
  const { tableName, policy } = config();
  return (await plan(tableName, policy, params.accountNo, body, chinaDate(now))).preview;
});

export const start = httpRoute(routes.startClosingWithdrawal, async ({ params, body, session, requestId, now }) => {
  const { tableName, policy } = config();
  const today = chinaDate(now);
  const { closing, preview: figures, retirement } = await plan(tableName, policy, params.accountNo, body, today);
  const { account, plan: money } = closing;
  if (money.kind !== 'PAY') throw new DomainError('CLOSING_HELD');
  const createdAt = now.toISOString();
  const applicationId = newApplicationId(account.accountNo, now, randomBytes(4));
  const application: Application = {
    applicationId,
    accountNo: account.accountNo,
    memberName: account.name,
    kind: 'CLOSING',
    month: today.slice(0, 7),
    amountFen: money.payoutFen,
    bankCard: body.payee.bankCard,
    closing: {
      balanceFen: money.balanceFen,
      closingInterestFen: money.closingInterestFen,
      loanRepaymentFen: money.loanRepaymentFen,
      closingDate: today,
      loanContracts: money.loanRepaymentFen > 0 ? closing.outstandingLoans.map((loan) => loan.contractNo) : [],
    },
    counterClosing: {
      kind: body.kind,
      documentsSeen: body.documentsSeen,
      payeeName: body.payee.name,
      ...(body.payee.idNumber ? { payeeIdNumber: body.payee.idNumber } : {}),
      ...(body.payee.relation ? { payeeRelation: body.payee.relation } : {}),
      startedBy: session.subject,
      ...(body.retiredOn ? { retiredOn: body.retiredOn } : {}),
    },
    status: 'PENDING_REVIEW',
    flags: [],
    timeline: [{ status: 'PENDING_REVIEW', at: createdAt, note: `柜台受理${CLOSING_KINDS[body.kind].label}，材料已核验，等待初审和复核` }],
    createdAt,
    idempotencyKey: `CLOSE#${applicationId}`,
  };
  // the figures hold only for the account as read: a deposit, a freeze or a closing in between refuses the start
  const guard = {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.account(account.accountNo),
      ConditionExpression: 'version = :version AND #status <> :closed AND (attribute_not_exists(frozen) OR frozen = :unfrozen)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':version': account.version, ':closed': 'CLOSED', ':unfrozen': false },
    },
  };
  const audit = {
    Put: {
      TableName: tableName,
      Item: auditItem(
        {
          actor: session.subject,
          action: 'withdrawal.closing.start',
          target: applicationId,
          accountNo: account.accountNo,
          requestId,
          details: { kind: body.kind, documentsSeen: body.documentsSeen, payeeName: body.payee.name, bankCardMasked: figures.bankCardMasked, payoutFen: money.payoutFen },
        },
        now,
      ),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  const claim = body.kind === 'RETIREMENT_WITH_PROOF' ? claimRetirementItem(tableName, application, body.retiredOn!, retirement) : undefined;
  if (claim?.claimed) application.counterClosing!.claimedRetirement = true;
  // a refused guard (the account moved under the figures) comes back as the fourth item's refusal
  let created: Awaited<ReturnType<typeof createApplication>>;
  try {
    created = await createApplication(tableName, application, { scope: 'CLOSE', key: application.idempotencyKey, requestHash: 'closing' }, claim ? [claim.item, audit] : [audit], { by: 'REVIEWER', guard });
  } catch (error) {
    // the claim (item 4) lost: the job prepared the 免申即享 withdrawal between the read and the write
    if (claim && error instanceof TransactionCanceledException && error.CancellationReasons?.[4]?.Code === 'ConditionalCheckFailed') throw await retirementClaimLost(tableName, account.accountNo);
    throw error;
  }
  if (created === 'in-flight') throw new DomainError('APPLICATION_IN_FLIGHT');
  if (created !== 'created') throw new DomainError('CLOSING_HELD', '账户刚有变动（入账、冻结或销户），请重新核对金额后再办理。');
  return { ...figures, applicationId, status: application.status, statusLabel: WITHDRAWAL_STATUS_LABELS[application.status] };
});
