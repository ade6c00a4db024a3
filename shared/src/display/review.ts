/**
 * The words of 交叉复核, the same in the mini program's review page and the console's: what a
 * reviewer's decision counts as (初审 or 复核) and what it will do, said before it is sent.
 */
import { formatCurrency } from '../money';

export type ReviewDecision = 'APPROVE' | 'REJECT';

export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = { APPROVE: '同意', REJECT: '不同意' };

interface FirstDecision {
  by: string;
  decision: ReviewDecision;
}

/** Where an application stands for this reviewer: first to decide, the one to confirm, or the first reviewer who must wait. */
export type ReviewTurn = 'first' | 'second' | 'own';

export function reviewTurn(first: FirstDecision | undefined, username: string): ReviewTurn {
  if (!first) return 'first';
  return first.by === username ? 'own' : 'second';
}

/** One line under the review record: what this reviewer's decision will count as. */
export function reviewTurnHint(turn: ReviewTurn): string {
  switch (turn) {
    case 'first':
      return '尚未初审。您的决定记为初审，还需另一位审核人员复核。';
    case 'own':
      return '这是您做的初审，须由另一位审核人员复核。';
    case 'second':
      return '请复核：您的决定是最终结果。';
  }
}

/** What sending `decision` will do, said in the confirmation before it is sent. */
export function reviewEffect(
  first: FirstDecision | undefined,
  decision: ReviewDecision,
  application: { amountFen: number; bankCardMasked?: string },
): string {
  if (!first) return `记为初审“${REVIEW_DECISION_LABELS[decision]}”。申请仍在审核中，还需另一位审核人员复核。`;
  if (first.decision !== decision) return `与初审意见不一致：初审记录将被撤销，申请回到待审核，由两位审核人员重新审核。`;
  if (decision === 'REJECT') return '复核不同意：申请未通过，职工会看到未通过的原因。';
  const card = application.bankCardMasked ? `职工尾号 ${application.bankCardMasked.slice(-4)} 的银行卡` : '职工的银行卡';
  return `复核同意：申请通过，付款程序将把 ${formatCurrency(application.amountFen)} 转到${card}。`;
}
