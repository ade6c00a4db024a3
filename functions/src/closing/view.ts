/** What a reviewer reads of a counter closing withdrawal in the queue: the kind, who is paid, the documents seen, the figures. */
import { CLOSING_KINDS, maskBankCard } from '@hpf/shared';
import type { Application } from '../adapters/withdrawals-repository';

export function counterClosingSummary(application: Application) {
  const counter = application.counterClosing;
  const closing = application.closing;
  if (application.kind !== 'CLOSING' || !counter || !closing) return undefined;
  const kind = CLOSING_KINDS[counter.kind];
  const labels = new Map(kind.documents.map((doc) => [doc.id, doc.label]));
  return {
    kindLabel: kind.label,
    payeeName: counter.payeeName,
    ...(counter.payeeRelation ? { payeeRelation: counter.payeeRelation } : {}),
    bankCardMasked: maskBankCard(application.bankCard),
    documentsSeen: counter.documentsSeen.map((id) => labels.get(id) ?? id),
    balanceFen: closing.balanceFen,
    closingInterestFen: closing.closingInterestFen,
    loanRepaymentFen: closing.loanRepaymentFen,
    startedBy: counter.startedBy,
  };
}
