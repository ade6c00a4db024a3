/**
 * The borrower's side: 我的贷款 (the loans, their schedules and repayments), and signing or
 * cancelling 约定提取还贷. Each reads and writes only the caller's own account (from the session).
 */
import { chinaDate, cooperatingBankName, DomainError, routes, toMyLoans } from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import { cancelAgreement, getAgreement, getLoans, getRepayments, readCommercialRun, signAgreement } from '../adapters/loans-repository';
import { guardFaceCheck } from '../face/guard';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

async function myLoans(accountNo: string, now: Date, consistent = false) {
  const { tableName, policy } = config();
  const [loans, repayments, agreement] = await Promise.all([
    getLoans(tableName, accountNo, consistent),
    getRepayments(tableName, accountNo, consistent),
    getAgreement(tableName, accountNo, consistent),
  ]);
  const today = chinaDate(now);
  // 商贷自动划转: what this month's transfer did (the bank's figures live in its month run)
  const run = agreement?.target === 'COMMERCIAL' ? await readCommercialRun(tableName, accountNo, agreement.contractNo, today.slice(0, 7)) : undefined;
  return toMyLoans(loans, repayments, agreement, policy.loan, today, run);
}

export const mine = httpRoute(routes.myLoans, async ({ accountNo, now }) => myLoans(accountNo, now));

export const sign = httpRoute(routes.signRepaymentAgreement, async ({ accountNo, body, session, faceCheckId, now }) => {
  const { tableName, policy } = config();
  const [account, loans] = await Promise.all([getAccount(tableName, accountNo, { consistent: true }), getLoans(tableName, accountNo, true)]);
  if (!account) throw new DomainError('ACCOUNT_NOT_FOUND');
  // a closed or frozen account has nothing it may move; a sealed one still repays (its money is the member's)
  if (account.status === 'CLOSED' || account.frozen) throw new DomainError('ACCOUNT_NOT_NORMAL');
  if (body.target === 'HPF_LOAN') {
    const loan = loans.find((candidate) => candidate.contractNo === body.contractNo);
    if (!loan) throw new DomainError('LOAN_NOT_FOUND');
    if (loan.status !== 'OUTSTANDING') throw new DomainError('LOAN_NOT_OUTSTANDING');
  } else if (!cooperatingBankName(policy.loan, body.bankCode)) {
    // 商贷自动划转: a cooperating bank only; the bank itself vouches for the contract each month (the job asks it)
    throw new DomainError('BANK_NOT_COOPERATING');
  }
  const face = await guardFaceCheck(
    { tableName, policy, checkId: faceCheckId, now, usedFor: `LOANAGREE#${body.contractNo}` },
    { purpose: 'LOAN_AGREEMENT', openid: session.subject, accountNo },
  );
  let outcome: Awaited<ReturnType<typeof signAgreement>>;
  try {
    outcome = await signAgreement(
      tableName,
      {
        accountNo,
        target: body.target,
        contractNo: body.contractNo,
        ...(body.target === 'COMMERCIAL' ? { bankCode: body.bankCode } : {}),
        status: 'ACTIVE',
        signedAt: now.toISOString(),
        firstMonth: chinaDate(now).slice(0, 7),
      },
      face ? [face.item] : [],
    );
  } catch (error) {
    throw (await face?.refusalFor(error, 2)) ?? error;
  }
  if (outcome === 'exists') throw new DomainError('AGREEMENT_EXISTS');
  if (outcome === 'loan-closed') throw new DomainError(body.target === 'HPF_LOAN' ? 'LOAN_NOT_OUTSTANDING' : 'ACCOUNT_NOT_NORMAL');
  return myLoans(accountNo, now, true);
});

export const cancel = httpRoute(routes.cancelRepaymentAgreement, async ({ accountNo, now }) => {
  const { tableName } = config();
  // this month still pays (the job may already have): the cancellation holds from next month
  const done = await cancelAgreement(tableName, accountNo, chinaDate(now).slice(0, 7), now.toISOString());
  if (!done) throw new DomainError('NO_ACTIVE_AGREEMENT');
  return myLoans(accountNo, now, true);
});
