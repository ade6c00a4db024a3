/** What a reviewer reads of a counter closing withdrawal in the queue: the kind, who is paid, the documents seen, the figures; for an heir paid, the 销户凭证 to print. */
import { chinaDate, CLOSING_KINDS, formatCurrency, maskBankCard, type CounterClosingSummary } from '@hpf/shared';
import type { Application } from '../adapters/withdrawals-repository';

/** The heir's 销户凭证: what was paid to whom and that the account is closed, in the counter's words. */
function heirCertificate(application: Application): CounterClosingSummary['heirCertificate'] {
  const counter = application.counterClosing!;
  const paid = application.timeline.find((step) => step.status === 'PAID');
  if (application.status !== 'PAID' || !paid || CLOSING_KINDS[counter.kind].payee !== 'HEIR') return undefined;
  const closedOn = chinaDate(new Date(paid.at));
  return {
    closedOn,
    payoutFen: application.amountFen,
    words: `职工${application.memberName}（账号 ${application.accountNo}）的住房公积金账户已于 ${closedOn} 销户，余额为零。账户内 ${formatCurrency(application.amountFen)}（含销户结息）已转入继承人${counter.payeeName}${counter.payeeRelation ? `（${counter.payeeRelation}）` : ''}的银行卡 ${maskBankCard(application.bankCard)}。`,
  };
}

export function counterClosingSummary(application: Application): CounterClosingSummary | undefined {
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
    ...(heirCertificate(application) ? { heirCertificate: heirCertificate(application) } : {}),
  };
}
